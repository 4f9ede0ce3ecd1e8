// Under the backing tree: the volumes an admin may reclaim (unused: nothing reads them) and the
// overlays whose parent is gone (missing parent: unreadable until it is restored).
import type { Forest, ForestNode } from './types';

function flagged(forest: Forest, pick: (n: ForestNode) => boolean): ForestNode[] {
  const out: ForestNode[] = [];
  const stack = [...forest.roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (pick(n)) out.push(n);
    stack.push(...n.children);
  }
  return out.sort((a, b) => a.volume.name.localeCompare(b.volume.name));
}

export function ForestFlagsSummary({ forest }: { forest: Forest }) {
  const missing = flagged(forest, (n) => n.missingParent !== undefined);
  const unused = flagged(forest, (n) => n.unused === true);
  if (missing.length === 0 && unused.length === 0) return null;
  return (
    <div className="space-y-1 text-sm">
      {missing.length > 0 ? (
        <p role="status" data-testid="forest-missing-parents" className="rounded-md bg-red-50 px-2 py-1 text-red-800 dark:bg-red-950 dark:text-red-200">
          Missing parent: {missing.map((n) => `${n.volume.name} (backed by ${n.missingParent})`).join(', ')}. These overlays cannot be read until their parent is back.
        </p>
      ) : null}
      {unused.length > 0 ? (
        <p data-testid="forest-unused" className="text-zinc-600 dark:text-zinc-400">
          Unused (no VM disk and no overlay reads them, so deleting them frees space safely): {unused.map((n) => n.volume.name).join(', ')}
        </p>
      ) : null}
    </div>
  );
}
