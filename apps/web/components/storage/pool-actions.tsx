'use client';
import { useMutation } from '@tanstack/react-query';
import { CircleStop, Play, RefreshCw } from 'lucide-react';
import { useTRPC } from '~/lib/trpc';
import { Button } from '@virtdeck/ui';
import { errorMessage } from '~/lib/trpc-errors';
import { useIsAdmin } from '~/lib/use-is-admin';
import { DeletePoolButton } from './delete-pool-button';
import { PoolAutostart } from './pool-autostart';
import type { Pool } from './types';
import { useStorageInvalidate } from './use-storage-invalidate';

/**
 * Start/stop, refresh and delete of one pool (operators only render this; delete is for admins,
 * as it may remove the pool's storage on the host); `compact` for table rows (icons only;
 * autostart has its own column there), labelled buttons on the pool page.
 */
export function PoolActions({ hostId, pool, compact, onDeleted }: { hostId: string; pool: Pool; compact?: boolean; onDeleted?: () => void }) {
  const trpc = useTRPC();
  const invalidate = useStorageInvalidate();
  const isAdmin = useIsAdmin();
  const opts = { onSettled: invalidate };
  const start = useMutation(trpc.storage.pool.start.mutationOptions(opts));
  const stop = useMutation(trpc.storage.pool.stop.mutationOptions(opts));
  const refresh = useMutation(trpc.storage.pool.refresh.mutationOptions(opts));
  const running = pool.state === 'running';
  const busy = start.isPending || stop.isPending || refresh.isPending;
  const failed = [start, stop, refresh].find((m) => m.isError)?.error;
  const input = { hostId, name: pool.name };
  const label = (text: string) => (compact ? null : text);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1">
        {running ? (
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => stop.mutate(input)} aria-label={`Stop pool ${pool.name}`} title="Stop">
            <CircleStop className="size-3.5" aria-hidden /> {label('Stop')}
          </Button>
        ) : (
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => start.mutate(input)} aria-label={`Start pool ${pool.name}`} title="Start">
            <Play className="size-3.5" aria-hidden /> {label('Start')}
          </Button>
        )}
        <Button size="sm" variant="ghost" disabled={busy || !running} onClick={() => refresh.mutate(input)} aria-label={`Refresh pool ${pool.name}`} title="Refresh">
          <RefreshCw className="size-3.5" aria-hidden /> {label('Refresh')}
        </Button>
        {compact ? null : <PoolAutostart hostId={hostId} pool={pool} withLabel />}
        {isAdmin ? <DeletePoolButton hostId={hostId} pool={pool} onDeleted={onDeleted} /> : null}
      </div>
      {failed ? (
        <p role="alert" className="max-w-96 text-right text-xs text-red-700 dark:text-red-400">
          {errorMessage(failed)}
        </p>
      ) : null}
    </div>
  );
}
