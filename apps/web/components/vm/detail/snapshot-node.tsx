// One snapshot in the tree, with its children nested below it.
import type { SnapshotNode as Node } from '~/lib/vm-types';

function when(t: number | null): string {
  return t === null ? '' : new Date(t * 1000).toLocaleString();
}

export function SnapshotNode({ node, level }: { node: Node; level: number }) {
  const s = node.snapshot;
  return (
    <li role="treeitem" aria-level={level} aria-expanded={node.children.length > 0 ? true : undefined} aria-selected={false}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-0.5 rounded-md px-2 py-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
        <span className="font-medium">{s.name}</span>
        {node.current ? <span className="rounded-full bg-sky-50 px-2 text-xs text-sky-700 dark:bg-sky-950 dark:text-sky-300">current</span> : null}
        <span className="text-xs text-zinc-500">{s.kind}</span>
        <span className="text-xs text-zinc-500">taken while {s.state}</span>
        <span className="text-xs text-zinc-400 tabular-nums">{when(s.creationTime)}</span>
        {s.description ? <span className="w-full text-xs text-zinc-500">{s.description}</span> : null}
      </div>
      {node.children.length > 0 ? (
        <ul role="group" className="ml-4 border-l border-zinc-200 pl-2 dark:border-zinc-700">
          {node.children.map((c) => (
            <SnapshotNode key={c.snapshot.name} node={c as Node} level={level + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
