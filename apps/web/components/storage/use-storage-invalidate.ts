'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';

/**
 * After a change made here, everything storage re-fetches: libvirt reports pool lifecycle live
 * (the live bridge), but not volumes created or deleted.
 */
export function useStorageInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() });
}
