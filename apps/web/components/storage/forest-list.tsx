import type { ForestNode } from './types';

/** The backing tree as nested lists, for screen readers (the SVG beside it is for eyes). */
export function ForestList({ nodes }: { nodes: ForestNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.volume.path}>
          {n.volume.name} ({n.volume.format ?? 'unknown format'})
          {n.usedBy.length > 0 ? `, used by ${n.usedBy.map((u) => `disk ${u.disk} of ${u.domain}`).join(', ')}` : ''}
          {n.missingParent ? `, missing parent ${n.missingParent}` : ''}
          {n.unused ? ', unused' : ''}
          {n.children.length > 0 ? <ForestList nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}
