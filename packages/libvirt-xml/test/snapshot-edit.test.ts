import { describe, expect, it } from 'vitest';
import { BuildError, buildSnapshotXml, parseSnapshotXml, setSnapshotDescription } from '../src/index.js';

describe('buildSnapshotXml external (with memory)', () => {
  it('saves memory to a file and switches disks to overlays', () => {
    const xml = buildSnapshotXml({
      kind: 'external',
      name: 's1',
      memoryPath: '/pool/vm.s1.mem',
      disks: [
        { name: 'vda', overlayPath: '/pool/vm.s1.qcow2' },
        { name: 'vdb', overlayPath: null },
      ],
    });
    const snap = parseSnapshotXml(xml.replace('<name>s1</name>', "<name>s1</name><state>running</state><domain type='qemu'><name>vm</name><uuid>u</uuid></domain>"));
    expect(snap.memory).toEqual({ snapshot: 'external', file: '/pool/vm.s1.mem' });
    expect(snap.kind).toBe('external');
    expect(() => buildSnapshotXml({ kind: 'external', name: 's1', memoryPath: 'rel', disks: [{ name: 'vda', overlayPath: '/p/x' }] })).toThrow(BuildError);
  });
});

describe('setSnapshotDescription', () => {
  const xml = `<domainsnapshot><name>s1</name><description>old</description><state>running</state><creationTime>1</creationTime></domainsnapshot>`;

  it('replaces, adds and removes the description, keeping the rest', () => {
    const changed = setSnapshotDescription(xml, 'new & <better>');
    expect(parseSnapshotXml(changed)).toMatchObject({ name: 's1', description: 'new & <better>', state: 'running', creationTime: 1 });
    expect(changed).toContain('<description>new &amp; &lt;better&gt;</description>');
    const removed = setSnapshotDescription(xml, '');
    expect(removed).not.toContain('description');
    expect(setSnapshotDescription(removed, 'again').indexOf('<description>')).toBeGreaterThan(removed.indexOf('<name>'));
  });

  it('refuses control characters naming the field', () => {
    expect(() => setSnapshotDescription(xml, 'a\u0001b')).toThrow(/description/);
  });
});
