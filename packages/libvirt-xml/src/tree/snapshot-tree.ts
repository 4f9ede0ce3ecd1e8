/** Snapshots as a tree, following each snapshot's `parent` name. */
import { cutPoint, findCycles } from './cycles.js';

export interface SnapshotLike {
  name: string;
  parent: string | null;
  creationTime?: number | null;
}

export interface SnapshotTreeNode<T extends SnapshotLike> {
  snapshot: T;
  /** The domain's current snapshot (what a revert-less boot continues from). */
  current: boolean;
  /** Its parent is named but not in the list (deleted, or from a listing filtered elsewhere): shown as a root. */
  orphan: boolean;
  /** Made a root to cut a parent cycle (corrupt metadata). */
  cycle: boolean;
  /** Children oldest first (by `creationTime` when known, else input order). */
  children: SnapshotTreeNode<T>[];
}

export function buildSnapshotTree<T extends SnapshotLike>(snapshots: readonly T[], currentName: string | null): SnapshotTreeNode<T>[] {
  const nodes = new Map<string, SnapshotTreeNode<T>>();
  const order = new Map<string, number>();
  for (const snapshot of snapshots) {
    if (nodes.has(snapshot.name)) continue;
    order.set(snapshot.name, order.size);
    nodes.set(snapshot.name, { snapshot, current: snapshot.name === currentName, orphan: false, cycle: false, children: [] });
  }
  const parentOf = (name: string): string | undefined => {
    const parent = nodes.get(name)?.snapshot.parent;
    return parent !== null && parent !== undefined && nodes.has(parent) ? parent : undefined;
  };
  const cut = new Set(findCycles([...nodes.keys()], parentOf).map(cutPoint));

  const roots: SnapshotTreeNode<T>[] = [];
  for (const [name, node] of nodes) {
    const parent = cut.has(name) ? undefined : parentOf(name);
    if (parent !== undefined) {
      (nodes.get(parent) as SnapshotTreeNode<T>).children.push(node);
      continue;
    }
    node.cycle = cut.has(name);
    node.orphan = !node.cycle && node.snapshot.parent !== null && node.snapshot.parent !== '';
    roots.push(node);
  }

  const oldestFirst = (a: SnapshotTreeNode<T>, b: SnapshotTreeNode<T>): number => {
    const ta = a.snapshot.creationTime;
    const tb = b.snapshot.creationTime;
    if (typeof ta === 'number' && typeof tb === 'number' && ta !== tb) return ta - tb;
    return (order.get(a.snapshot.name) ?? 0) - (order.get(b.snapshot.name) ?? 0);
  };
  roots.sort(oldestFirst);
  for (const node of nodes.values()) node.children.sort(oldestFirst);
  return roots;
}
