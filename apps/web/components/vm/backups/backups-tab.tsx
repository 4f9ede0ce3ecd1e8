'use client';
// The VM's backups (libvirt's backup API): back up now (full the first time, then incremental),
// the running backup's progress with cancel, the sets (a full and its incrementals) with restore
// and delete, and the latest failed attempts with why. While a backup runs the list is polled.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { FormError } from '@virtdeck/ui/form-error';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { toast } from 'sonner';
import { formatBytes, formatTime } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { useCanOperate } from '~/lib/use-me';
import type { DomainDetails } from '~/lib/vm-types';
import { BackupSets } from './backup-sets';
import { BackupTargetSetting } from './backup-target-setting';
import { useBackupsInvalidate } from './use-backups-invalidate';

export function BackupsTab({ hostId, vm }: { hostId: string; vm: DomainDetails }) {
  const trpc = useTRPC();
  const canOperate = useCanOperate();
  const invalidate = useBackupsInvalidate();
  const list = useQuery(trpc.backup.list.queryOptions({ hostId, uuid: vm.uuid }, { refetchInterval: (q) => (q.state.data?.running ? 1000 : false) }));
  const start = useMutation(
    trpc.backup.start.mutationOptions({
      onSuccess: async () => {
        await invalidate();
      },
    }),
  );
  const cancel = useMutation(
    trpc.backup.cancel.mutationOptions({
      onSuccess: async () => {
        toast.message('Backup cancelled');
        await invalidate();
      },
    }),
  );
  if (list.isPending) return <Skeleton className="h-32" label="Loading backups" />;
  if (list.isError) return <ErrorState title="Could not list backups" message={errorMessage(list.error)} />;
  const { target, sets, running, failures } = list.data;
  const actions = canOperate ? { hostId, uuid: vm.uuid, vmName: vm.name, shutOff: vm.state === 'shutoff' } : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <BackupTargetSetting hostId={hostId} current={target} />
        {canOperate ? (
          <Button
            variant="primary"
            pending={start.isPending}
            disabled={!target || running !== null}
            title={!target ? 'An admin chooses a backup target first' : running ? 'A backup is running' : undefined}
            onClick={() => start.mutate({ hostId, uuid: vm.uuid })}
          >
            Back up now
          </Button>
        ) : null}
      </div>
      <FormError message={start.isError ? errorMessage(start.error) : null} />
      {running ? (
        <div className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="backup-running">
          <div className="flex items-center justify-between text-sm">
            <span>
              {running.kind === 'full' ? 'Full' : 'Incremental'} backup since {formatTime(running.startedAt)}
              {running.total !== null ? ` · ${formatBytes(running.processed)} of ${formatBytes(running.total)}` : ''}
            </span>
            {canOperate ? (
              <Button size="sm" variant="danger-outline" pending={cancel.isPending} onClick={() => cancel.mutate({ hostId, uuid: vm.uuid, id: running.id })}>
                Cancel backup
              </Button>
            ) : null}
          </div>
          <ProgressBar done={running.processed ?? 0} total={running.total} label="Backup progress" />
        </div>
      ) : null}
      <FormError message={cancel.isError ? errorMessage(cancel.error) : null} />
      {sets.length === 0 ? (
        <EmptyState title="No backups yet" hint={target ? 'The first backup copies every disk; later ones only what changed.' : undefined} />
      ) : (
        <BackupSets sets={sets} actions={actions} />
      )}
      {failures.length > 0 ? (
        <section aria-label="Failed backups" className="text-sm">
          <h3 className="mb-1 text-xs font-medium text-zinc-500">Recent failed or cancelled backups</h3>
          <ul className="space-y-1">
            {failures.map((f) => (
              <li key={f.id} className="text-zinc-600 dark:text-zinc-400">
                {formatTime(f.startedAt)} · {f.kind} · <span className={f.status === 'failed' ? 'text-red-700 dark:text-red-400' : ''}>{f.status}</span>
                {f.error && f.status === 'failed' ? `: ${f.error}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
