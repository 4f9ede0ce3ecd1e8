'use client';
// A disk's running block job: its progress (cur of end, as libvirt reports it), and once a copy
// or active commit is ready, Pivot (switch the disk to the result) or Cancel. After the job, how
// it ended, as libvirt's event said.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, XCircle } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@virtdeck/ui';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { useStorageInvalidate } from '~/components/storage/use-storage-invalidate';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import type { BlockJob, BlockJobEnd } from '~/lib/vm-types';
import { jobLabel } from './job-label';

const PIVOT_HINT: Record<string, string> = {
  copy: 'The copy mirrors every write. Pivot switches the disk to the copy; Cancel keeps the disk where it is and deletes the partial copy.',
  active_commit: 'The active layer is merged and mirrored. Pivot makes the layer below active (the chain gets one layer shorter); Cancel keeps the chain as it is.',
};

interface Props {
  hostId: string;
  uuid: string;
  disk: string;
  job: BlockJob | undefined;
  ended: BlockJobEnd | undefined;
  canOperate: boolean;
}

export function BlockJobPanel({ hostId, uuid, disk, job, ended, canOperate }: Props) {
  const trpc = useTRPC();
  const invalidateStorage = useStorageInvalidate();
  const queryClient = useQueryClient();
  const onError = (what: string) => (e: unknown) => toast.error(`${what} failed`, { description: errorMessage(e) });
  // The pool holding the new active image was refreshed on the server only after the job's end
  // event made the VM re-fetch: fetch it again (now showing the layer as a volume) and storage too.
  const finish = useMutation(
    trpc.blockJob.finish.mutationOptions({
      onError: onError('Pivot'),
      onSuccess: () => {
        void invalidateStorage();
        void queryClient.invalidateQueries({ queryKey: trpc.domain.get.queryKey({ hostId, uuid }) });
      },
    }),
  );
  // A cancelled copy's partial file is deleted on the server: its pool's listing changes.
  const cancel = useMutation(
    trpc.blockJob.cancel.mutationOptions({
      onError: onError('Cancel'),
      onSuccess: ({ removed }) => {
        if (!removed) return;
        toast.success('Partial copy deleted', { description: removed });
        void invalidateStorage();
      },
    }),
  );
  if (!job && !ended) return null;
  if (!job && ended) {
    const failed = ended.status === 'failed';
    const Icon = failed ? XCircle : CheckCircle2;
    return (
      <p role="status" data-testid="block-job-ended" data-status={ended.status} className={`flex items-center gap-1.5 text-xs ${failed ? 'text-red-700 dark:text-red-400' : 'text-zinc-600 dark:text-zinc-400'}`}>
        <Icon aria-hidden className="size-3.5" /> {jobLabel(ended.type)} {ended.status}.
      </p>
    );
  }
  if (!job) return null;
  const busy = finish.isPending || cancel.isPending;
  const input = { hostId, uuid, disk };
  return (
    <section aria-label={`${jobLabel(job.type)} on ${disk}`} data-testid="block-job" data-ready={job.ready} className="space-y-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex flex-wrap items-center gap-x-3 text-sm">
        <span className="font-medium">{jobLabel(job.type)}</span>
        <span className={`rounded-full px-2 text-xs ${job.ready ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300' : 'bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300'}`}>
          {job.ready ? 'ready' : 'running'}
        </span>
        {job.bandwidthMiBps > 0 ? <span className="text-xs text-zinc-500 tabular-nums">limited to {job.bandwidthMiBps} MiB/s</span> : null}
      </div>
      <ProgressBar done={job.cur} total={job.end > 0 ? job.end : null} label={`${jobLabel(job.type)} progress on ${disk}`} />
      {job.ready ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{PIVOT_HINT[job.type] ?? 'The job is ready to finish.'}</p> : null}
      {canOperate ? (
        <div className="flex gap-2">
          {job.ready ? (
            <Button size="sm" variant="primary" disabled={busy} onClick={() => finish.mutate(input)}>
              Pivot
            </Button>
          ) : null}
          <Button
            size="sm"
            disabled={busy}
            onClick={() => cancel.mutate(input)}
            title={job.type === 'copy' ? 'Stop the copy and delete its partial file; the disk stays as it was' : 'Stop the job; the disk stays as it was before it'}
          >
            Cancel
          </Button>
          {busy ? <span className="text-xs text-zinc-500">{finish.isPending ? 'Pivoting…' : 'Cancelling…'}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
