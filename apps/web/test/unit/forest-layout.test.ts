// The backing forest's layout: bases left, overlays right, VM disks as leaves, nothing overlapping.
import { buildBackingForest, type ForestVolume } from '@virtdeck/libvirt-xml';
import { describe, expect, it } from 'vitest';
import { layoutForest, NODE_H, NODE_W, pos } from '../../components/storage/forest-layout';

const vol = (name: string, backing: string | null): ForestVolume => ({
  name,
  path: `/pool/${name}`,
  format: backing ? 'qcow2' : 'raw',
  backingPath: backing ? `/pool/${backing}` : null,
  pool: 'p',
});

describe('layoutForest', () => {
  // base ← a ← a1, base ← b; other stands alone; vm1 runs on a1, vm2 on b.
  const forest = buildBackingForest(
    [vol('base.raw', null), vol('a.qcow2', 'base.raw'), vol('a1.qcow2', 'a.qcow2'), vol('b.qcow2', 'base.raw'), vol('other.raw', null)],
    [
      { name: 'vm1', disks: [{ target: 'vda', chainPaths: ['/pool/a1.qcow2', '/pool/a.qcow2', '/pool/base.raw'] }] },
      { name: 'vm2', disks: [{ target: 'vda', chainPaths: ['/pool/b.qcow2', '/pool/base.raw'] }] },
    ],
  );
  const layout = layoutForest(forest);
  const at = (label: string) => {
    const n = layout.nodes.find((x) => (x.data.kind === 'volume' ? x.data.node.volume.name : x.data.kind === 'vm' ? x.data.domain : '') === label);
    if (!n) throw new Error(`no node ${label}`);
    return pos(n, layout.offsetY);
  };

  it('puts each overlay right of its base, and a VM disk right of its active image', () => {
    expect(at('base.raw').x).toBeLessThan(at('a.qcow2').x);
    expect(at('a.qcow2').x).toBeLessThan(at('a1.qcow2').x);
    expect(at('a1.qcow2').x).toBeLessThan(at('vm1').x);
    expect(at('b.qcow2').x).toBeLessThan(at('vm2').x);
    expect(at('other.raw').x).toBe(at('base.raw').x);
  });

  it('draws every node (volumes and VM leaves) and a link for each parent', () => {
    expect(layout.nodes).toHaveLength(7);
    expect(layout.links).toHaveLength(5);
  });

  it('keeps every node inside the drawing, none overlapping another', () => {
    const boxes = layout.nodes.map((n) => pos(n, layout.offsetY));
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + NODE_W).toBeLessThanOrEqual(layout.width);
      expect(b.y - NODE_H / 2).toBeGreaterThanOrEqual(0);
      expect(b.y + NODE_H / 2).toBeLessThanOrEqual(layout.height);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = Math.abs(a.x - b.x) >= NODE_W || Math.abs(a.y - b.y) >= NODE_H;
        expect(apart).toBe(true);
      }
  });
});
