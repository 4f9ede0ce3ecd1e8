'use client';
// Chain operations on a running VM's disk, as libvirt block jobs: commit a backing layer into
// the one below it, or pull every backing layer into the active one. The chain above re-renders
// when libvirt's block-job event says the job ended (the live bridge refetches the VM).
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '~/lib/vm-errors';
import type { DomainDisk } from '~/lib/vm-types';
import { useTRPC } from '~/lib/trpc';

const pathOf = (layer: DomainDisk['chain']['layers'][number]): string | null =>
  layer.source.kind === 'file' || layer.source.kind === 'dir' ? layer.source.path : layer.source.kind === 'block' ? layer.source.dev : null;
const nameOf = (p: string) => p.split('/').pop() ?? p;

export function ChainOperations({ hostId, uuid, disk }: { hostId: string; uuid: string; disk: DomainDisk }) {
  const trpc = useTRPC();
  const layers = disk.chain.layers;
  // Committable: a backing layer that has a layer below it (neither the active one nor the base).
  const middle = layers.slice(1, -1).map(pathOf).filter((p): p is string => p !== null);
  const [top, setTop] = useState(middle[0] ?? '');
  const onError = (what: string) => (e: unknown) => toast.error(`${what} failed`, { description: errorMessage(e) });
  const commit = useMutation(trpc.blockJob.commit.mutationOptions({ onError: onError('Block commit'), onSuccess: () => toast.success('Block commit started') }));
  const pull = useMutation(trpc.blockJob.pull.mutationOptions({ onError: onError('Block pull'), onSuccess: () => toast.success('Block pull started') }));
  if (layers.length < 2 || disk.chain.status !== 'complete') return null;
  const below = (p: string) => {
    const i = layers.findIndex((l) => pathOf(l) === p);
    const next = layers[i + 1];
    return next ? pathOf(next) : null;
  };
  const busy = commit.isPending || pull.isPending;
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-3 text-sm dark:border-zinc-800" aria-label={`Chain operations on ${disk.targetDev}`} role="group">
      {middle.length > 0 ? (
        <>
          <label className="sr-only" htmlFor={`commit-${disk.targetDev}`}>
            Layer to commit
          </label>
          <select id={`commit-${disk.targetDev}`} value={top} onChange={(e) => setTop(e.target.value)} className="max-w-56 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
            {middle.map((p) => (
              <option key={p} value={p}>
                {nameOf(p)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || !top}
            onClick={() => commit.mutate({ hostId, uuid, disk: disk.targetDev, top, base: below(top) })}
            className="rounded-md border border-zinc-300 px-2 py-1 text-xs disabled:opacity-50 dark:border-zinc-700"
            title="Merge this layer into the one below it; the chain gets one layer shorter"
          >
            Commit into its backing layer
          </button>
        </>
      ) : null}
      <button
        type="button"
        disabled={busy}
        onClick={() => pull.mutate({ hostId, uuid, disk: disk.targetDev })}
        className="rounded-md border border-zinc-300 px-2 py-1 text-xs disabled:opacity-50 dark:border-zinc-700"
        title="Copy every backing layer's data into the active layer; the disk then stands alone"
      >
        Pull all into the active layer
      </button>
      {busy ? <span role="status" className="text-xs text-zinc-500">Starting the block job…</span> : null}
    </div>
  );
}
