'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';

/** After a snapshot change the snapshot tree and the VM (its disks' chains, its state) re-fetch in place. */
export function useSnapshotInvalidate(hostId: string, uuid: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.snapshot.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) }),
      queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() }),
    ]);
}
