'use client';
// One snapshot in the tree, with its children nested below it. An external snapshot names, per
// disk, the overlay it created: a link to that layer on the Disks tab while it is in the chain.
import { cn } from '@virtdeck/ui';
import type { SnapshotNode as Node } from '~/lib/vm-types';
import { fileNameOf } from '../backing-chain/file-name';
import { SnapshotNodeActions, type SnapshotActionsContext } from '../snapshots/snapshot-node-actions';
import { layerAnchorId, snapshotAnchorId, TabLink, useTabTarget } from './tab-nav';

function when(t: number | null): string {
  return t === null ? '' : new Date(t * 1000).toLocaleString();
}

type IsLayer = (disk: string, path: string) => boolean;

function OverlayLinks({ disks, isLayer }: { disks: Node['snapshot']['disks']; isLayer: IsLayer }) {
  const overlays = disks.filter((d): d is typeof d & { overlayPath: string } => d.overlayPath !== null);
  if (overlays.length === 0) return null;
  return (
    <span className="flex w-full flex-wrap gap-x-3 text-xs text-zinc-500" data-testid="snapshot-overlays">
      Created
      {overlays.map((d) =>
        isLayer(d.name, d.overlayPath) ? (
          <TabLink key={d.name} tab="disks" targetId={layerAnchorId(d.name, d.overlayPath)} label={`Layer ${fileNameOf(d.overlayPath)} of ${d.name} on the Disks tab`}>
            {d.name}: {fileNameOf(d.overlayPath)}
          </TabLink>
        ) : (
          <span key={d.name} title={d.overlayPath}>
            {d.name}: {fileNameOf(d.overlayPath)} (no longer in the chain)
          </span>
        ),
      )}
    </span>
  );
}

export function SnapshotNode({ node, level, isLayer, actions }: { node: Node; level: number; isLayer: IsLayer; actions: SnapshotActionsContext | null }) {
  const s = node.snapshot;
  const { ref, highlighted } = useTabTarget<HTMLDivElement>(snapshotAnchorId(s.name));
  return (
    <li role="treeitem" aria-level={level} aria-expanded={node.children.length > 0 ? true : undefined} aria-selected={false}>
      <div
        ref={ref}
        id={snapshotAnchorId(s.name)}
        tabIndex={-1}
        data-testid="snapshot-node"
        data-snapshot={s.name}
        data-highlighted={highlighted || undefined}
        className={cn(
          'flex flex-wrap items-center gap-x-3 gap-y-0.5 rounded-md px-2 py-1.5 outline-none hover:bg-zinc-50 dark:hover:bg-zinc-800/50',
          highlighted && 'ring-2 ring-[var(--color-accent)]',
        )}
      >
        <span className="font-medium">{s.name}</span>
        {node.current ? <span className="rounded-full bg-sky-50 px-2 text-xs text-sky-700 dark:bg-sky-950 dark:text-sky-300">current</span> : null}
        <span className="text-xs text-zinc-500">{s.kind}</span>
        <span className="text-xs text-zinc-500">taken while {s.state}</span>
        <span className="text-xs text-zinc-400 tabular-nums">{when(s.creationTime)}</span>
        {actions ? <SnapshotNodeActions ctx={actions} node={node} /> : null}
        {s.description ? (
          <span className="w-full text-xs text-zinc-500" data-testid="snapshot-description">
            {s.description}
          </span>
        ) : null}
        <OverlayLinks disks={s.disks} isLayer={isLayer} />
      </div>
      {node.children.length > 0 ? (
        <ul role="group" className="ml-4 border-l border-zinc-200 pl-2 dark:border-zinc-700">
          {node.children.map((c) => (
            <SnapshotNode key={c.snapshot.name} node={c as Node} level={level + 1} isLayer={isLayer} actions={actions} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
