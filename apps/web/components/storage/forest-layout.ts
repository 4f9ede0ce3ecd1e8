// Lays the backing forest out left to right with d3-hierarchy: bases on the left, overlays to
// their right, and the VM disks that use a volume as their active image as leaves.
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import type { Forest, ForestNode } from './types';

export type LayoutItem =
  | { kind: 'root' }
  | { kind: 'volume'; node: ForestNode }
  | { kind: 'vm'; domain: string; disk: string };

export const NODE_W = 200;
export const NODE_H = 38;
const COL = 250;
const ROW = 50;

function childrenOf(item: LayoutItem, forest: Forest): LayoutItem[] {
  if (item.kind === 'root') return forest.roots.map((node) => ({ kind: 'volume', node }));
  if (item.kind === 'vm') return [];
  return [
    ...item.node.children.map((node): LayoutItem => ({ kind: 'volume', node })),
    ...item.node.usedBy.filter((u) => u.depth === 0).map((u): LayoutItem => ({ kind: 'vm', domain: u.domain, disk: u.disk })),
  ];
}

export interface ForestLayout {
  nodes: HierarchyPointNode<LayoutItem>[];
  links: { source: HierarchyPointNode<LayoutItem>; target: HierarchyPointNode<LayoutItem> }[];
  width: number;
  height: number;
  /** Shift so the topmost node sits at y = 0. */
  offsetY: number;
}

export function layoutForest(forest: Forest): ForestLayout {
  const root = hierarchy<LayoutItem>({ kind: 'root' }, (d) => childrenOf(d, forest));
  const laid = tree<LayoutItem>().nodeSize([ROW, COL])(root);
  const nodes = laid.descendants().filter((n) => n.depth > 0);
  const links = laid.links().filter((l) => l.source.depth > 0);
  const xs = nodes.map((n) => n.x);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const maxDepth = Math.max(...nodes.map((n) => n.depth));
  return { nodes, links, width: maxDepth * COL - (COL - NODE_W) + 8, height: maxX - minX + NODE_H + 8, offsetY: -minX + NODE_H / 2 + 4 };
}

/** Screen position of a node: depth runs left to right, d3's x runs down. */
export const pos = (n: HierarchyPointNode<LayoutItem>, offsetY: number) => ({ x: (n.depth - 1) * COL + 4, y: n.x + offsetY });
