'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc';

/** The signed-in user and CSRF token (null when signed out); SessionGate loads it first. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 })).data ?? null;
}

/** Whether the signed-in user may change things (operators and admins). */
export function useCanOperate(): boolean {
  const role = useMe()?.user.role;
  return role === 'operator' || role === 'admin';
}
