'use client';
// The kit's ConfirmAction, saying what a refused call means the way every page does.
import { ConfirmAction as KitConfirmAction } from '@virtdeck/ui/confirm-action';
import type { ComponentProps } from 'react';
import { errorMessage } from '~/lib/trpc-errors';

export function ConfirmAction(props: Omit<ComponentProps<typeof KitConfirmAction>, 'errorText'>) {
  return <KitConfirmAction errorText={errorMessage} {...props} />;
}
