'use client';
// Chain operations on a running VM's disk, as libvirt block jobs: commit a backing layer into
// the one below it, commit the active layer (then pivot), pull every backing layer into the
// active one, or copy the disk into a new pool volume (then pivot). The chain above re-renders
// when libvirt's block-job event says the job ended (the live bridge refetches the VM); progress
// shows in the block-job panel, which `onStarted` makes watch.
import { useMutation } from '@tanstack/react-query';
import { layerPath } from '@virtdeck/libvirt-xml/chain-paths';
import { useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '~/lib/trpc-errors';
import type { DomainDisk } from '~/lib/vm-types';
import { useTRPC } from '~/lib/trpc';
import { CopyDialog } from './copy-dialog';
import { fileNameOf } from './file-name';

interface Props {
  hostId: string;
  uuid: string;
  vmName: string;
  disk: DomainDisk;
  /** A job already runs on this disk: libvirt allows one at a time. */
  jobRunning: boolean;
  onStarted: () => void;
}

const buttonClass = 'rounded-md border border-zinc-300 px-2 py-1 text-xs disabled:opacity-50 dark:border-zinc-700';

export function ChainOperations({ hostId, uuid, vmName, disk, jobRunning, onStarted }: Props) {
  const trpc = useTRPC();
  const layers = disk.chain.layers;
  // Committable: a backing layer that has a layer below it (neither the active one nor the base).
  const middle = layers.slice(1, -1).map(layerPath).filter((p): p is string => p !== undefined);
  const [top, setTop] = useState(middle[0] ?? '');
  const onError = (what: string) => (e: unknown) => toast.error(`${what} failed`, { description: errorMessage(e) });
  const started = (what: string) => () => {
    toast.success(`${what} started`);
    onStarted();
  };
  const commit = useMutation(trpc.blockJob.commit.mutationOptions({ onError: onError('Block commit'), onSuccess: (r) => started(r.active ? 'Active commit' : 'Block commit')() }));
  const pull = useMutation(trpc.blockJob.pull.mutationOptions({ onError: onError('Block pull'), onSuccess: started('Block pull') }));
  if (disk.chain.status !== 'complete' || layers.length === 0) return null;
  const copyOnly = layers.length < 2;
  const below = (p: string) => {
    const i = layers.findIndex((l) => layerPath(l) === p);
    const next = layers[i + 1];
    return (next && layerPath(next)) ?? null;
  };
  const activeBase = (layers[1] && layerPath(layers[1])) ?? null;
  const busy = commit.isPending || pull.isPending || jobRunning;
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-3 text-sm dark:border-zinc-800" aria-label={`Chain operations on ${disk.targetDev}`} role="group">
      {!copyOnly && middle.length > 0 ? (
        <>
          <label className="sr-only" htmlFor={`commit-${disk.targetDev}`}>
            Layer to commit
          </label>
          <select id={`commit-${disk.targetDev}`} value={top} onChange={(e) => setTop(e.target.value)} className="max-w-56 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
            {middle.map((p) => (
              <option key={p} value={p}>
                {fileNameOf(p)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || !top}
            onClick={() => commit.mutate({ hostId, uuid, disk: disk.targetDev, top, base: below(top) })}
            className={buttonClass}
            title="Merge this layer into the one below it; the chain gets one layer shorter"
          >
            Commit into its backing layer
          </button>
        </>
      ) : null}
      {!copyOnly ? (
        <>
          <button
            type="button"
            disabled={busy}
            // The base is named: libvirt's default would be the bottom of the chain, merging it all.
            onClick={() => commit.mutate({ hostId, uuid, disk: disk.targetDev, top: null, base: activeBase })}
            className={buttonClass}
            title="Merge the active layer's writes into the layer below it; once ready, pivot to make that layer active"
          >
            Commit the active layer
          </button>
          <button type="button" disabled={busy} onClick={() => pull.mutate({ hostId, uuid, disk: disk.targetDev })} className={buttonClass} title="Copy every backing layer's data into the active layer; the disk then stands alone">
            Pull all into the active layer
          </button>
        </>
      ) : null}
      <CopyDialog hostId={hostId} uuid={uuid} vmName={vmName} disk={disk.targetDev} disabled={busy} onStarted={onStarted} />
      {commit.isPending || pull.isPending ? <span role="status" className="text-xs text-zinc-500">Starting the block job…</span> : null}
      {jobRunning ? <span className="text-xs text-zinc-500">One block job at a time: finish the running one first.</span> : null}
    </div>
  );
}
