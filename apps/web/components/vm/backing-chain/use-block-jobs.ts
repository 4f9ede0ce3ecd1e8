'use client';
// The VM's block jobs, live: a blockJob.watch subscription that the server samples while it is
// open and ends once no job remains. `watch()` opens it again after this page starts a job.
// Nothing polls here; how a job ended comes from libvirt's block-job events through the watch.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '~/lib/trpc';
import type { BlockJob, BlockJobEnd } from '~/lib/vm-types';
import { jobLabel } from './job-label';

export interface BlockJobs {
  /** The running (or ready) job of each disk. */
  jobs: Map<string, BlockJob>;
  /** How each disk's last job ended, until a new one starts. */
  ended: Map<string, BlockJobEnd>;
  /** Watches again (after a job was started here). */
  watch: () => void;
}

export function useBlockJobs(hostId: string, uuid: string, enabled: boolean): BlockJobs {
  const trpc = useTRPC();
  const [jobs, setJobs] = useState(new Map<string, BlockJob>());
  const [ended, setEnded] = useState(new Map<string, BlockJobEnd>());
  const sub = useSubscription(
    trpc.blockJob.watch.subscriptionOptions(
      { hostId, uuid },
      {
        enabled,
        onData: (sample) => {
          setJobs(new Map(sample.jobs.map((j) => [j.disk, j])));
          if (sample.jobs.length > 0 || sample.ended.length > 0) {
            setEnded((prev) => {
              const next = new Map(prev);
              for (const j of sample.jobs) next.delete(j.disk);
              for (const e of sample.ended) next.set(e.disk, e);
              return next;
            });
          }
          for (const e of sample.ended) {
            const what = `${jobLabel(e.type)} on ${e.disk}`;
            if (e.status === 'failed') toast.error(`${what} failed`);
            else toast.success(`${what} ${e.status}`);
          }
        },
      },
    ),
  );
  const { reset } = sub;
  const watch = useCallback(() => reset(), [reset]);
  return { jobs, ended, watch };
}
