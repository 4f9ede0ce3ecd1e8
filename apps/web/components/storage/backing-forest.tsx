'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Skeleton } from '@virtdeck/ui';
import { useMemo } from 'react';
import { useTRPC } from '~/lib/trpc';
import { NODE_W, layoutForest, pos } from './forest-layout';
import { ForestList } from './forest-list';
import { ForestFlagsSummary } from './forest-flags-summary';
import { ForestNodeBox } from './forest-node';
import type { Forest } from './types';

/** The pool's backing forest: a shared base is one root with its overlays, overlays lead to the VMs using them. */
export function BackingForest({ hostId, pool }: { hostId: string; pool: string }) {
  const trpc = useTRPC();
  const forest = useQuery(trpc.storage.pool.forest.queryOptions({ hostId, name: pool }));
  if (forest.isPending) return <Skeleton className="h-48" label="Loading the backing tree" />;
  if (forest.isError) return <ErrorState title="Could not read the backing tree" message={forest.error.message} />;
  if (forest.data.roots.length === 0) return <EmptyState title="No volumes in this pool" />;
  return <ForestDrawing forest={forest.data} />;
}

function ForestDrawing({ forest }: { forest: Forest }) {
  const layout = useMemo(() => layoutForest(forest), [forest]);
  const { offsetY } = layout;
  return (
    <div className="space-y-3">
      {forest.cycles.length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Backing cycle found (cut for display): {forest.cycles.map((c) => c.join(' → ')).join('; ')}
        </p>
      ) : null}
      <div className="overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950">
        <svg width={layout.width} height={layout.height} role="img" aria-label={`Backing tree of ${forest.roots.length} base volumes`} data-testid="backing-forest">
          {layout.links.map((l) => {
            const s = pos(l.source, offsetY);
            const t = pos(l.target, offsetY);
            const x1 = s.x + NODE_W;
            const mid = (x1 + t.x) / 2;
            return (
              <path
                key={`${l.source.data.kind === 'volume' ? l.source.data.node.volume.path : ''}-${t.x}-${t.y}`}
                d={`M${x1},${s.y} C${mid},${s.y} ${mid},${t.y} ${t.x},${t.y}`}
                fill="none"
                strokeDasharray={l.target.data.kind === 'vm' ? '4 3' : undefined}
                className="stroke-zinc-400 dark:stroke-zinc-600"
              />
            );
          })}
          {layout.nodes.map((n) => (
            <ForestNodeBox key={`${n.depth}-${n.x}`} node={n} offsetY={offsetY} />
          ))}
        </svg>
        <div className="sr-only">
          <ForestList nodes={forest.roots} />
        </div>
      </div>
      <ForestFlagsSummary forest={forest} />
      <p className="text-xs text-zinc-500">
        Bases on the left (accent border; thicker when shared), overlays to their right, VM disks using a volume as their active image dashed; unused volumes have a dashed border, a missing parent a red one.
      </p>
    </div>
  );
}
