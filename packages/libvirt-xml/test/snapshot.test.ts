import { describe, expect, it } from 'vitest';
import { XmlError, buildSnapshotTree, parseSnapshotXml, type SnapshotModel } from '../src/index.js';
import { fixture } from './fixture.js';

describe('parseSnapshotXml', () => {
  it('reads an internal snapshot', () => {
    expect(parseSnapshotXml(fixture('snapshot-internal.xml'))).toEqual({
      name: 'before-upgrade',
      description: 'Before apt full-upgrade & reboot',
      state: 'running',
      creationTime: 1732530000,
      parent: null,
      memory: { snapshot: 'internal' },
      disks: [
        { name: 'vda', snapshot: 'internal' },
        { name: 'sda', snapshot: 'no' },
      ],
      kind: 'internal',
      domainUuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0',
      domainName: 'web-01',
    });
  });

  it('reads an external disk-only snapshot', () => {
    expect(parseSnapshotXml(fixture('snapshot-disk-only.xml'))).toMatchObject({
      name: 'nightly-2026-11-24',
      state: 'disk-snapshot',
      parent: 'before-upgrade',
      memory: { snapshot: 'no' },
      disks: [
        { name: 'vda', snapshot: 'external', sourcePath: '/var/lib/libvirt/images/web-01.nightly-2026-11-24', driverType: 'qcow2' },
        { name: 'vdb', snapshot: 'no' },
      ],
      kind: 'disk-only',
    });
  });

  it('reads a full external snapshot (memory file) from an inactiveDomain', () => {
    expect(parseSnapshotXml(fixture('snapshot-full-external.xml'))).toMatchObject({
      memory: { snapshot: 'external', file: '/var/lib/libvirt/qemu/snapshot/web-01/full.mem' },
      kind: 'external',
      domainUuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0',
    });
  });

  it('refuses unknown snapshot modes', () => {
    expect(() => parseSnapshotXml("<domainsnapshot><name>s</name><memory snapshot='sometimes'/></domainsnapshot>")).toThrow(XmlError);
  });
});

describe('buildSnapshotTree', () => {
  const snap = (name: string, parent: string | null, creationTime: number): Pick<SnapshotModel, 'name' | 'parent' | 'creationTime'> => ({ name, parent, creationTime });

  it('nests children under parents, oldest first, and marks the current snapshot', () => {
    const tree = buildSnapshotTree([snap('c', 'a', 3), snap('a', null, 1), snap('b', 'a', 2), snap('d', 'b', 4)], 'd');
    expect(tree).toHaveLength(1);
    const [a] = tree;
    expect(a?.snapshot.name).toBe('a');
    expect(a?.children.map((n) => n.snapshot.name)).toEqual(['b', 'c']);
    expect(a?.children[0]?.children[0]).toMatchObject({ current: true, orphan: false, snapshot: { name: 'd' } });
    expect(a?.current).toBe(false);
  });

  it('surfaces orphans (parent missing) as flagged roots', () => {
    const tree = buildSnapshotTree([snap('a', null, 1), snap('x', 'deleted', 2)], null);
    expect(tree.map((n) => [n.snapshot.name, n.orphan])).toEqual([
      ['a', false],
      ['x', true],
    ]);
  });

  it('cuts parent cycles instead of hanging', () => {
    const tree = buildSnapshotTree([snap('p', 'q', 1), snap('q', 'p', 2), snap('r', 'q', 3)], 'r');
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ cycle: true, snapshot: { name: 'p' } });
    expect(tree[0]?.children[0]?.snapshot.name).toBe('q');
    expect(tree[0]?.children[0]?.children[0]).toMatchObject({ current: true, snapshot: { name: 'r' } });
  });
});
