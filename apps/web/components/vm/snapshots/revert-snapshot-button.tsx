'use client';
// Revert behind a confirmation that says plainly what is lost: everything written to the disks
// since the snapshot and, for a running guest, its memory now; the guest comes back as it was then.
import { useMutation } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { Button } from '@virtdeck/ui';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { useTRPC } from '~/lib/trpc';
import type { SnapshotNode } from '~/lib/vm-types';
import { useSnapshotInvalidate } from './use-snapshot-invalidate';

export function RevertSnapshotButton({ hostId, uuid, node, running }: { hostId: string; uuid: string; node: SnapshotNode; running: boolean }) {
  const trpc = useTRPC();
  const invalidate = useSnapshotInvalidate(hostId, uuid);
  const revert = useMutation(trpc.snapshot.revert.mutationOptions({ onSettled: () => invalidate() }));
  const s = node.snapshot;
  const comesBack = s.state === 'running' || s.state === 'paused' ? `${s.state}, with the memory it had then` : 'shut off';
  if (!s.can.revert.ok) {
    return (
      <Button size="sm" variant="ghost" disabled title={s.can.revert.reason ?? undefined} aria-label={`Revert to ${s.name} (not possible: ${s.can.revert.reason ?? ''})`}>
        <RotateCcw className="size-3.5" aria-hidden /> Revert
      </Button>
    );
  }
  return (
    <ConfirmAction
      title={`Revert to ${s.name}?`}
      confirmLabel={`Revert to ${s.name}`}
      onConfirm={() => revert.mutateAsync({ hostId, uuid, name: s.name })}
      trigger={
        <Button size="sm" variant="ghost" aria-label={`Revert to ${s.name}`}>
          <RotateCcw className="size-3.5" aria-hidden /> Revert
        </Button>
      }
    >
      <div className="space-y-2" data-testid="revert-loses">
        <p>What will be lost:</p>
        <ul className="list-disc pl-5">
          <li>everything written to the VM&apos;s disks since {s.name} was taken{s.creationTime ? ` (${new Date(s.creationTime * 1000).toLocaleString()})` : ''};</li>
          {running ? <li>the running guest&apos;s current memory: its programs and unsaved work now;</li> : null}
        </ul>
        <p>
          The VM comes back {comesBack}. Other snapshots are kept.
        </p>
      </div>
    </ConfirmAction>
  );
}
