'use client';
// Start or force off the selected VMs. Each VM is acted on where its state allows; force off asks
// first, naming every VM it will cut off.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PowerOff, Play } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { patchDomainRow } from '~/lib/domain-row-patch';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { canDo } from '~/lib/vm-lifecycle';
import type { VmRow } from '~/lib/vm-types';
import { Button } from '@virtdeck/ui';
import { ConfirmDialog } from '@virtdeck/ui/confirm-dialog';

export function BulkActions({ selected, onDone }: { selected: VmRow[]; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(trpc.domain.start.mutationOptions());
  const forceOff = useMutation(trpc.domain.forceOff.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'start' | 'forceOff' | null>(null);
  const startable = selected.filter((r) => canDo('start', r.state));
  const stoppable = selected.filter((r) => canDo('forceOff', r.state));

  async function run(kind: 'start' | 'forceOff', targets: VmRow[]) {
    setBusy(kind);
    const m = kind === 'start' ? start : forceOff;
    const results = await Promise.allSettled(
      targets.map(async (r) => patchDomainRow(queryClient, trpc, r.hostId, r.uuid, await m.mutateAsync({ hostId: r.hostId, uuid: r.uuid }))),
    );
    const failed = results.flatMap((res, i) => (res.status === 'rejected' ? [`${targets[i]?.name}: ${errorMessage(res.reason)}`] : []));
    const verb = kind === 'start' ? 'Started' : 'Forced off';
    if (failed.length === 0) toast.success(`${verb} ${targets.length} VM${targets.length === 1 ? '' : 's'}`);
    else toast.error(`${failed.length} of ${targets.length} failed`, { description: failed.join('\n') });
    setBusy(null);
    setConfirming(false);
    onDone();
  }

  if (selected.length === 0) return null;
  return (
    <div role="toolbar" aria-label="Selected VMs" className="flex items-center gap-2 text-sm">
      <span className="text-zinc-500">{selected.length} selected</span>
      <Button size="sm" disabled={startable.length === 0} pending={busy === 'start'} onClick={() => void run('start', startable)} title={startable.length === 0 ? 'None of the selected VMs is shut off' : `Start ${startable.length} shut-off VM(s)`}>
        <Play aria-hidden className="size-3.5" /> Start
      </Button>
      <Button size="sm" variant="danger-outline" disabled={stoppable.length === 0} pending={busy === 'forceOff'} onClick={() => setConfirming(true)} title={stoppable.length === 0 ? 'None of the selected VMs is running' : `Force off ${stoppable.length} VM(s)`}>
        <PowerOff aria-hidden className="size-3.5" /> Force off
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Force off ${stoppable.length} VM${stoppable.length === 1 ? '' : 's'}?`}
        confirmLabel="Force off"
        pending={busy === 'forceOff'}
        onConfirm={() => void run('forceOff', stoppable)}
      >
        <p>These guests are cut off like pulling the power plug; unsaved data in them is lost:</p>
        <ul className="max-h-48 list-disc overflow-y-auto pl-5 font-mono text-xs">
          {stoppable.map((r) => (
            <li key={r.key}>
              {r.name} <span className="text-zinc-400">on {r.hostName}</span>
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </div>
  );
}
