/**
 * Volumes grouped by backing relation: a base shared by many overlays is one root with many
 * children, and each node lists the domain disks whose chains pass through it.
 */
import { cutPoint, findCycles } from './cycles.js';

export interface ForestVolume {
  name: string;
  path: string;
  format: string | null;
  /** The volume's immediate backing file (from its volume XML), or null for a base image. */
  backingPath: string | null;
  pool: string;
}

export interface ForestDomain {
  name: string;
  /** `chainPaths` are the disk's chain paths, top first (from {@link BackingChain} layers). */
  disks: { target: string; chainPaths: readonly string[] }[];
}

export interface DiskUse {
  domain: string;
  disk: string;
  /** Position of this volume in that disk's chain: 0 = the disk's active (top) image. */
  depth: number;
}

export interface BackingNode {
  volume: ForestVolume;
  /** Overlays whose backing file is this volume, sorted by path. */
  children: BackingNode[];
  usedBy: DiskUse[];
  /**
   * Root only: its backing file is not among the given volumes. Without `hostVolumes` that is all
   * that is known (another pool, or missing); with them, a volume of another pool.
   */
  externalParent?: string;
  /**
   * Root only, with `hostVolumes`: its backing file is no volume of any active pool of the host,
   * so as far as libvirt can see it does not exist (deleted, or a file outside every pool).
   */
  missingParent?: string;
  /**
   * No domain disk's chain and no overlay (here or, with `hostVolumes`, in another pool) uses
   * it: deleting it breaks nothing, so its space can be reclaimed.
   */
  unused?: true;
  /** Root only: made a root to cut a backing cycle (its recorded parent is in `cycles`). */
  cycle?: true;
}

export interface BackingForest {
  roots: BackingNode[];
  /** Each cycle found, as volume paths; the cycle is cut at its smallest path. */
  cycles: string[][];
  /** Paths given more than once; the first volume with a path wins. */
  duplicates: string[];
}

export interface BackingForestOptions {
  /**
   * Every volume of the host's active pools (those given included), when `volumes` is one pool:
   * a parent among them is external, a parent outside them missing, and an overlay among them
   * keeps its parent from being unused.
   */
  hostVolumes?: readonly ForestVolume[];
}

export function buildBackingForest(volumes: readonly ForestVolume[], domains: readonly ForestDomain[], options: BackingForestOptions = {}): BackingForest {
  const nodes = new Map<string, BackingNode>();
  const duplicates: string[] = [];
  for (const volume of volumes) {
    if (nodes.has(volume.path)) {
      duplicates.push(volume.path);
      continue;
    }
    nodes.set(volume.path, { volume, children: [], usedBy: [] });
  }

  const parentOf = (path: string): string | undefined => {
    const backing = nodes.get(path)?.volume.backingPath;
    return backing !== null && backing !== undefined && nodes.has(backing) ? backing : undefined;
  };
  const cycles = findCycles([...nodes.keys()], parentOf);
  const cut = new Set(cycles.map(cutPoint));

  const hostPaths = options.hostVolumes && new Set(options.hostVolumes.map((v) => v.path));
  const roots: BackingNode[] = [];
  for (const [path, node] of nodes) {
    const backing = node.volume.backingPath;
    const parent = cut.has(path) ? undefined : parentOf(path);
    if (parent !== undefined) {
      (nodes.get(parent) as BackingNode).children.push(node);
      continue;
    }
    if (cut.has(path)) node.cycle = true;
    else if (backing !== null && backing !== '') {
      if (hostPaths === undefined || hostPaths.has(backing)) node.externalParent = backing;
      else node.missingParent = backing;
    }
    roots.push(node);
  }

  for (const domain of domains) {
    for (const disk of domain.disks) {
      disk.chainPaths.forEach((chainPath, depth) => {
        nodes.get(chainPath)?.usedBy.push({ domain: domain.name, disk: disk.target, depth });
      });
    }
  }

  // Every recorded backing file counts as used: overlays here, in other pools, and the parent
  // of a volume cut out of a cycle (it still reads it).
  const backed = new Set([...volumes, ...(options.hostVolumes ?? [])].map((v) => v.backingPath));
  for (const [path, node] of nodes) if (node.usedBy.length === 0 && !backed.has(path)) node.unused = true;

  const byPath = (a: BackingNode, b: BackingNode): number => (a.volume.path < b.volume.path ? -1 : a.volume.path > b.volume.path ? 1 : 0);
  roots.sort(byPath);
  for (const node of nodes.values()) node.children.sort(byPath);
  return { roots, cycles, duplicates };
}

export interface Dependants {
  /** False when no volume in the forest has this path. */
  found: boolean;
  /** Every volume whose chain passes through the path (its overlays, their overlays...), nearest first. */
  volumes: ForestVolume[];
  /** Domain disks using the volume or any of its dependants (deduplicated by domain and disk). */
  domains: DiskUse[];
}

/** What would break if the volume at `path` went away. Iterative, cycle-safe (the forest is acyclic). */
export function dependantsOf(forest: BackingForest, path: string): Dependants {
  const target = findNode(forest, path);
  if (target === undefined) return { found: false, volumes: [], domains: [] };
  const volumes: ForestVolume[] = [];
  const domains: DiskUse[] = [];
  const seenUse = new Set<string>();
  const addUses = (node: BackingNode): void => {
    for (const use of node.usedBy) {
      const key = `${use.domain}\u0000${use.disk}`;
      if (seenUse.has(key)) continue;
      seenUse.add(key);
      domains.push(use);
    }
  };
  addUses(target);
  const queue: BackingNode[] = [...target.children];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as BackingNode;
    volumes.push(node.volume);
    addUses(node);
    queue.push(...node.children);
  }
  return { found: true, volumes, domains };
}

function findNode(forest: BackingForest, path: string): BackingNode | undefined {
  const stack = [...forest.roots];
  while (stack.length > 0) {
    const node = stack.pop() as BackingNode;
    if (node.volume.path === path) return node;
    stack.push(...node.children);
  }
  return undefined;
}
