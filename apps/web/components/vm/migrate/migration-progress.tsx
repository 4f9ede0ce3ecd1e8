'use client';
// A running migration's progress, from the source's job statistics (`migration.status`, read
// twice a second while the dialog waits), and the button that cancels it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { formatBytes } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';

export function MigrationProgress({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.migration.status.queryOptions({ hostId, uuid }), refetchInterval: 500 });
  const cancel = useMutation(trpc.migration.cancel.mutationOptions());
  const p = status.data?.phase === 'running' ? status.data.progress : null;
  return (
    <div className="space-y-2" data-testid="migration-progress">
      {p?.dataTotal ? (
        <ProgressBar done={p.dataProcessed ?? 0} total={p.dataTotal} label={`Copied ${formatBytes(p.dataProcessed ?? 0)} of ${formatBytes(p.dataTotal)}`} />
      ) : (
        <p className="text-xs text-zinc-500">Checking the target and starting…</p>
      )}
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-zinc-500" role="status">
          {cancel.isSuccess ? 'Cancelling: the VM stays on this host.' : cancel.isError ? errorMessage(cancel.error) : ' '}
        </p>
        <Button size="sm" onClick={() => cancel.mutate({ hostId, uuid })} disabled={cancel.isPending || cancel.isSuccess || !p}>
          Cancel migration
        </Button>
      </div>
    </div>
  );
}
