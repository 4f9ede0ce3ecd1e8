'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { Pool } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

/** Whether the pool starts with the host (transient pools cannot). */
export function PoolAutostart({ hostId, pool, withLabel }: { hostId: string; pool: Pool; withLabel?: boolean }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const autostart = useMutation(trpc.storage.pool.setAutostart.mutationOptions({ onSettled: invalidate }));
  return (
    <label className="flex items-center gap-1.5 px-1 text-xs text-zinc-600 dark:text-zinc-400" title={autostart.isError ? errorMessage(autostart.error) : undefined}>
      <input
        type="checkbox"
        checked={autostart.isPending ? autostart.variables.autostart : pool.autostart}
        disabled={autostart.isPending || !pool.persistent}
        onChange={(e) => autostart.mutate({ hostId, name: pool.name, autostart: e.target.checked })}
        aria-label={`Autostart pool ${pool.name}`}
        className="accent-[var(--color-accent)]"
      />
      {withLabel ? 'Autostart' : pool.autostart ? 'Yes' : 'No'}
      {autostart.isError ? <span className="text-red-700 dark:text-red-400">failed</span> : null}
    </label>
  );
}
