'use client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@virtdeck/bff';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
