import { describe, expect, it } from 'vitest';
import { buildBackingForest, dependantsOf, type BackingNode, type ForestVolume } from '../src/index.js';

const vol = (name: string, backing: string | null, pool = 'default'): ForestVolume => ({
  name,
  path: `/images/${name}`,
  format: backing ? 'qcow2' : 'raw',
  backingPath: backing ? (backing.startsWith('/') ? backing : `/images/${backing}`) : null,
  pool,
});

const names = (nodes: BackingNode[]): string[] => nodes.map((n) => n.volume.name);

describe('buildBackingForest', () => {
  const volumes = [vol('base.raw', null), vol('web-1.qcow2', 'base.raw'), vol('web-2.qcow2', 'base.raw'), vol('web-1-snap.qcow2', 'web-1.qcow2'), vol('other.qcow2', '/elsewhere/base.qcow2'), vol('lonely.raw', null)];
  const domains = [
    { name: 'web-1', disks: [{ target: 'vda', chainPaths: ['/images/web-1-snap.qcow2', '/images/web-1.qcow2', '/images/base.raw'] }] },
    { name: 'web-2', disks: [{ target: 'vda', chainPaths: ['/images/web-2.qcow2'] }] },
  ];
  const forest = buildBackingForest(volumes, domains);

  it('makes a shared base one root with many children', () => {
    expect(names(forest.roots)).toEqual(['base.raw', 'lonely.raw', 'other.qcow2']);
    const base = forest.roots[0] as BackingNode;
    expect(names(base.children)).toEqual(['web-1.qcow2', 'web-2.qcow2']);
    expect(names(base.children[0]?.children ?? [])).toEqual(['web-1-snap.qcow2']);
    expect(forest.cycles).toEqual([]);
  });

  it('flags a root whose parent is outside the set', () => {
    expect(forest.roots[2]?.externalParent).toBe('/elsewhere/base.qcow2');
    expect(forest.roots[0]?.externalParent).toBeUndefined();
  });

  it('records which domain disks use each node, at what depth', () => {
    expect(forest.roots[0]?.usedBy).toEqual([{ domain: 'web-1', disk: 'vda', depth: 2 }]);
    expect(forest.roots[0]?.children[1]?.usedBy).toEqual([{ domain: 'web-2', disk: 'vda', depth: 0 }]);
  });

  it('lists dependants of a base, with the domains that would break', () => {
    const dependants = dependantsOf(forest, '/images/base.raw');
    expect(dependants.found).toBe(true);
    expect(dependants.volumes.map((v) => v.name)).toEqual(['web-1.qcow2', 'web-2.qcow2', 'web-1-snap.qcow2']);
    expect(dependants.domains).toEqual([
      { domain: 'web-1', disk: 'vda', depth: 2 },
      { domain: 'web-2', disk: 'vda', depth: 0 },
    ]);
    expect(dependantsOf(forest, '/images/lonely.raw')).toEqual({ found: true, volumes: [], domains: [] });
    expect(dependantsOf(forest, '/nope').found).toBe(false);
  });

  it('detects cycles without hanging and still shows every volume', () => {
    const cyclic = buildBackingForest([vol('a', 'c'), vol('b', 'a'), vol('c', 'b'), vol('d', 'c'), vol('self', 'self')], []);
    expect(cyclic.cycles.map((cycle) => [...cycle].sort())).toEqual([['/images/a', '/images/b', '/images/c'], ['/images/self']]);
    expect(names(cyclic.roots)).toEqual(['a', 'self']);
    expect(cyclic.roots.every((root) => root.cycle === true)).toBe(true);
    expect(dependantsOf(cyclic, '/images/a').volumes.map((v) => v.name)).toEqual(['b', 'c', 'd']);
  });

  it('handles long chains without recursion', () => {
    const long: ForestVolume[] = [vol('l0', null)];
    for (let i = 1; i < 5000; i++) long.push(vol(`l${i}`, `l${i - 1}`));
    const deep = buildBackingForest(long, []);
    expect(deep.roots).toHaveLength(1);
    expect(dependantsOf(deep, '/images/l0').volumes).toHaveLength(4999);
  });

  it('reports duplicate paths', () => {
    expect(buildBackingForest([vol('a', null), vol('a', null, 'other')], []).duplicates).toEqual(['/images/a']);
  });
});

describe('buildBackingForest: missing parents and unused volumes', () => {
  // One pool's volumes ('mine'), with the host's other pool beside it.
  const mine = [vol('base.raw', null, 'mine'), vol('overlay.qcow2', 'base.raw', 'mine'), vol('orphan.qcow2', '/gone/base.qcow2', 'mine'), vol('on-other.qcow2', '/other/base.raw', 'mine'), vol('shared.raw', null, 'mine'), vol('idle.raw', null, 'mine')];
  const other = [
    { name: 'base.raw', path: '/other/base.raw', format: 'raw', backingPath: null, pool: 'other' },
    // An overlay in another pool on a volume of this one: it keeps shared.raw in use.
    { name: 'clone.qcow2', path: '/other/clone.qcow2', format: 'qcow2', backingPath: '/images/shared.raw', pool: 'other' },
  ];
  const domains = [{ name: 'vm', disks: [{ target: 'vda', chainPaths: ['/images/overlay.qcow2', '/images/base.raw'] }] }];
  const forest = buildBackingForest(mine, domains, { hostVolumes: [...mine, ...other] });
  const root = (name: string): BackingNode => forest.roots.find((r) => r.volume.name === name) as BackingNode;

  it('flags a parent that is no volume of the host as missing, one of another pool as external', () => {
    expect(root('orphan.qcow2')).toMatchObject({ missingParent: '/gone/base.qcow2' });
    expect(root('orphan.qcow2').externalParent).toBeUndefined();
    expect(root('on-other.qcow2')).toMatchObject({ externalParent: '/other/base.raw' });
    expect(root('on-other.qcow2').missingParent).toBeUndefined();
  });

  it('without the host volumes a parent outside the set stays external (nothing more is known)', () => {
    const alone = buildBackingForest(mine, domains);
    expect(alone.roots.find((r) => r.volume.name === 'orphan.qcow2')).toMatchObject({ externalParent: '/gone/base.qcow2' });
    expect(alone.roots.some((r) => r.missingParent !== undefined)).toBe(false);
  });

  it('flags volumes no VM and no overlay uses as unused, and only those', () => {
    const unused = forest.roots.flatMap(function walk(n: BackingNode): string[] {
      return [...(n.unused ? [n.volume.name] : []), ...n.children.flatMap(walk)];
    });
    // base.raw and overlay.qcow2 are in the VM's chain; shared.raw backs an overlay in another pool.
    expect(unused.sort()).toEqual(['idle.raw', 'on-other.qcow2', 'orphan.qcow2']);
  });

  it('counts the recorded parent of a volume cut out of a cycle as used', () => {
    const cyclic = buildBackingForest([vol('a', 'b'), vol('b', 'a')], []);
    expect(cyclic.roots.flatMap((r) => [r, ...r.children]).filter((n) => n.unused)).toEqual([]);
  });
});
