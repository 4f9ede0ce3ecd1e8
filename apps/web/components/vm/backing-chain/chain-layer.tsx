'use client';
// One layer of a backing chain: its role (active / backing / base), format, type, source, and
// the virtual size and allocation when the layer is a pool volume; the external snapshot that
// created it, linked to the Snapshots tab; and what may be done with it (`actions`).
import { cn } from '@virtdeck/ui';
import { Camera, HardDrive, Layers } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatBytes } from '~/lib/format';
import { layerPath } from '@virtdeck/libvirt-xml/chain-paths';
import type { DiskLayer } from '~/lib/vm-types';
import { layerAnchorId, snapshotAnchorId, TabLink, useTabTarget } from '../detail/tab-nav';

function sourceText(source: DiskLayer['source']): string {
  switch (source.kind) {
    case 'file':
    case 'dir':
      return source.path;
    case 'block':
      return source.dev;
    case 'volume':
      return `${source.pool}/${source.volume}`;
    case 'network':
      return `${source.protocol}://${source.hosts.map((h) => (h.port ? `${h.name ?? ''}:${h.port}` : (h.name ?? h.socket ?? ''))).join(',')}/${source.name ?? ''}`;
    case 'nvme':
      return `nvme ${source.pciAddress ?? ''} ns ${source.namespace ?? ''}`;
    case 'vhostuser':
      return source.path;
    case 'vhostvdpa':
      return source.dev;
    default:
      return source.type;
  }
}

interface Props {
  disk: string;
  layer: DiskLayer;
  depth: number;
  isBase: boolean;
  /** The external snapshot whose overlay this layer is. */
  createdBy?: string | null;
  actions?: ReactNode;
}

export function ChainLayer({ disk, layer, depth, isBase, createdBy, actions }: Props) {
  const role = depth === 0 ? (isBase ? 'Active (standalone)' : 'Active layer') : isBase ? 'Base' : `Backing layer ${depth}`;
  const Icon = isBase ? HardDrive : Layers;
  const path = layerPath(layer);
  const anchor = path ? layerAnchorId(disk, path) : `layer-${disk}-${depth}`;
  const { ref, highlighted } = useTabTarget<HTMLDivElement>(anchor);
  return (
    <div
      ref={ref}
      id={anchor}
      tabIndex={-1}
      data-testid="chain-layer"
      data-depth={depth}
      data-highlighted={highlighted || undefined}
      className={cn(
        'rounded-md border bg-white px-3 py-2 text-sm outline-none dark:bg-zinc-900',
        depth === 0 ? 'border-[var(--color-accent)]/60 ring-1 ring-[var(--color-accent)]/20' : 'border-zinc-200 dark:border-zinc-700',
        highlighted && 'ring-2 ring-[var(--color-accent)]',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Icon aria-hidden className="size-4 shrink-0 text-zinc-400" />
        <span className="font-medium">{role}</span>
        <span className="rounded bg-zinc-100 px-1.5 font-mono text-xs dark:bg-zinc-800">{layer.format ?? 'format unknown'}</span>
        <span className="text-xs text-zinc-500">{layer.type}</span>
        {layer.readonly ? <span className="text-xs text-zinc-500">read-only</span> : null}
        {layer.index !== null ? <span className="text-xs text-zinc-400">node {layer.index}</span> : null}
      </div>
      <div className="mt-1 font-mono text-xs break-all text-zinc-700 dark:text-zinc-300" data-testid="chain-source">
        {sourceText(layer.source)}
      </div>
      <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-zinc-500 tabular-nums">
        {layer.volume ? (
          <>
            <span>
              Virtual size <span className="text-zinc-800 dark:text-zinc-200">{formatBytes(layer.volume.capacity)}</span>
            </span>
            <span>
              Allocated <span className="text-zinc-800 dark:text-zinc-200">{formatBytes(layer.volume.allocation)}</span>
            </span>
            <span>
              Volume {layer.volume.pool}/{layer.volume.name}
            </span>
          </>
        ) : (
          <span>Not a pool volume: sizes unknown</span>
        )}
      </div>
      {createdBy || actions ? (
        <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          {createdBy ? (
            <span className="inline-flex items-center gap-1 text-zinc-500" data-testid="layer-snapshot">
              <Camera aria-hidden className="size-3.5" /> Created by snapshot{' '}
              <TabLink tab="snapshots" targetId={snapshotAnchorId(createdBy)} label={`Snapshot ${createdBy} on the Snapshots tab`}>
                {createdBy}
              </TabLink>
            </span>
          ) : null}
          {actions ? <span className="ml-auto">{actions}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
