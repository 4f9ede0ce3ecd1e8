// One layer of a backing chain: its role (active / backing / base), format, type, source, and
// the virtual size and allocation when the layer is a pool volume.
import { cn } from '@virtdeck/ui';
import { HardDrive, Layers } from 'lucide-react';
import { formatBytes } from '~/lib/vm-format';
import type { DiskLayer } from '~/lib/vm-types';

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

export function ChainLayer({ layer, depth, isBase }: { layer: DiskLayer; depth: number; isBase: boolean }) {
  const role = depth === 0 ? (isBase ? 'Active (standalone)' : 'Active layer') : isBase ? 'Base' : `Backing layer ${depth}`;
  const Icon = isBase ? HardDrive : Layers;
  return (
    <div
      data-testid="chain-layer"
      data-depth={depth}
      className={cn(
        'rounded-md border bg-white px-3 py-2 text-sm dark:bg-zinc-900',
        depth === 0 ? 'border-[var(--color-accent)]/60 ring-1 ring-[var(--color-accent)]/20' : 'border-zinc-200 dark:border-zinc-700',
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
    </div>
  );
}
