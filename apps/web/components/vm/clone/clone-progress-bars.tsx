'use client';
// A running clone's progress, per disk, streamed from `domain.clone.progress` for the same input
// the clone was asked with.
import type { CloneDomainInput } from '@virtdeck/contract/clone';
import { ProgressBar } from '@virtdeck/ui/progress-bar';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '~/lib/trpc';

export function CloneProgressBars({ input }: { input: CloneDomainInput & { hostId: string } }) {
  const trpc = useTRPC();
  const progress = useSubscription(trpc.domain.clone.progress.subscriptionOptions({ ...input, intervalMs: 500 }));
  const disks = progress.data?.disks ?? [];
  if (disks.length === 0) return <p className="text-xs text-zinc-500">Starting…</p>;
  return (
    <div className="space-y-2" data-testid="clone-progress">
      {disks.map((d) => (
        <div key={d.disk}>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {d.disk} → {d.volume}
          </p>
          <ProgressBar done={d.done} total={d.total} label={`Copying ${d.disk}`} />
        </div>
      ))}
    </div>
  );
}
