'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';

/** Re-fetches a VM's backups (and the host's pools and VMs, which a restore adds to). */
export function useBackupsInvalidate(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.backup.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.storage.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.domain.pathKey() }),
    ]);
  };
}
