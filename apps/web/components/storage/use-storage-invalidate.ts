'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';

/** Storage changes have no live events: after a change, everything storage re-fetches. */
export function useStorageInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() });
}
