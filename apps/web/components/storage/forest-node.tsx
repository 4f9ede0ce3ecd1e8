import type { HierarchyPointNode } from 'd3-hierarchy';
import { NODE_H, NODE_W, pos, type LayoutItem } from './forest-layout';
import type { ForestNode } from './types';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Why a volume's box is marked, for its title: a parent that is gone, one in another pool, no user. */
function flagNotes(n: ForestNode): string[] {
  return [
    n.missingParent ? `backed by ${n.missingParent}, which is no volume of this host (missing parent)` : null,
    n.externalParent ? `backed by ${n.externalParent} (in another pool)` : null,
    n.unused ? 'unused: no VM disk and no overlay uses it, so deleting it frees its space safely' : null,
  ].filter((s): s is string => s !== null);
}

/** One box of the backing tree: a volume (name, format) or a VM disk that uses its parent. */
export function ForestNodeBox({ node, offsetY }: { node: HierarchyPointNode<LayoutItem>; offsetY: number }) {
  const { x, y } = pos(node, offsetY);
  const item = node.data;
  if (item.kind === 'root') return null;
  if (item.kind === 'vm') {
    return (
      <g transform={`translate(${x},${y - 13})`} data-testid="forest-vm">
        <title>{`disk ${item.disk} of VM ${item.domain}`}</title>
        <rect width={NODE_W} height={26} rx={13} className="fill-sky-50 stroke-sky-300 dark:fill-sky-950 dark:stroke-sky-800" />
        <text x={12} y={17} className="fill-sky-800 text-[11px] dark:fill-sky-200">
          {clip(`VM ${item.domain} · ${item.disk}`, 30)}
        </text>
      </g>
    );
  }
  const v = item.node.volume;
  const isBase = node.depth === 1;
  const shared = item.node.children.length > 1;
  return (
    <g
      transform={`translate(${x},${y - NODE_H / 2})`}
      data-testid="forest-volume"
      data-volume={v.name}
      data-missing-parent={item.node.missingParent ? 'true' : undefined}
      data-unused={item.node.unused ? 'true' : undefined}
    >
      <title>{[v.path, ...flagNotes(item.node)].join('\n')}</title>
      <rect
        width={NODE_W}
        height={NODE_H}
        rx={6}
        className={
          item.node.missingParent
            ? 'fill-red-50 stroke-red-400 dark:fill-red-950 dark:stroke-red-800'
            : isBase
            ? 'fill-white stroke-[var(--color-accent)] dark:fill-zinc-900'
            : 'fill-white stroke-zinc-300 dark:fill-zinc-900 dark:stroke-zinc-700'
        }
        strokeWidth={isBase && shared ? 2 : 1}
        strokeDasharray={item.node.unused ? '5 3' : undefined}
      />
      <text x={10} y={16} className="fill-zinc-900 text-[12px] font-medium dark:fill-zinc-100">
        {clip(v.name, 26)}
      </text>
      <text x={10} y={30} className="fill-zinc-500 text-[10px]">
        {[
          v.format ?? 'unknown',
          shared ? `base of ${item.node.children.length}` : null,
          item.node.missingParent ? 'missing parent' : null,
          item.node.externalParent ? 'external parent' : null,
          item.node.unused ? 'unused' : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </text>
    </g>
  );
}
