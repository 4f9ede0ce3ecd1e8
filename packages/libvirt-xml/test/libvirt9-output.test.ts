/**
 * Documents produced by a real libvirtd 9.0 (QEMU, TCG) from this package's builders: define,
 * start, snapshot, dump. They pin the parsers to what libvirt actually prints.
 */
import { describe, expect, it } from 'vitest';
import { parseDomainXml, parsePoolXml, parseSnapshotXml, parseVolumeXml } from '../src/index.js';
import { fixture } from './fixture.js';

const DIR = '/tmp/vd-tmp-volpool-17734';

describe('libvirt 9.0 output', () => {
  it('running domain: 3-layer chain, indexes from the top, pty and VNC port', () => {
    const domain = parseDomainXml(fixture('libvirt9-domain-running.xml'));
    expect(domain.id).not.toBeNull();
    expect(domain.disks[0]?.chain).toEqual({
      status: 'complete',
      layers: [
        { index: 1, type: 'file', format: 'qcow2', source: { kind: 'file', path: `${DIR}/s2.qcow2` }, readonly: false },
        { index: 2, type: 'file', format: 'qcow2', source: { kind: 'file', path: `${DIR}/o.qcow2` }, readonly: true },
        { index: 3, type: 'file', format: 'qcow2', source: { kind: 'file', path: `${DIR}/base.qcow2` }, readonly: true },
      ],
    });
    expect(domain.consoles[0]).toMatchObject({ tty: '/dev/pts/2' });
    expect(domain.graphics[0]).toMatchObject({ type: 'vnc', port: 5903, autoport: true });
  });

  it('domain defined with a name full of XML metacharacters', () => {
    const domain = parseDomainXml(fixture('libvirt9-domain-escaped-name.xml'));
    expect(domain.name).toBe(`vd-tmp-a<b>&c'd"e-466`);
    expect(domain.graphics[0]).toMatchObject({ type: 'spice', port: null });
    expect(domain.disks[0]).toMatchObject({ bus: 'sata', targetDev: 'sda', bootOrder: 2 });
  });

  it('pools as defined', () => {
    expect(parsePoolXml(fixture('libvirt9-pool-dir.xml'))).toMatchObject({ type: 'dir', targetPath: '/tmp/vd-pool-dir' });
    expect(parsePoolXml(fixture('libvirt9-pool-fs.xml'))).toMatchObject({ type: 'fs', source: { device: '/dev/null-vd', format: 'ext4' } });
    expect(parsePoolXml(fixture('libvirt9-pool-logical.xml'))).toMatchObject({ type: 'logical', source: { devices: ['/dev/null-vd1'], format: 'lvm2' } });
    expect(parsePoolXml(fixture('libvirt9-pool-netfs.xml'))).toMatchObject({ type: 'netfs', source: { host: 'nfs.invalid', dir: '/export', format: 'nfs' } });
  });

  it('volumes created from buildVolumeXml, the overlay without a capacity', () => {
    expect(parseVolumeXml(fixture('libvirt9-volume-base.xml'))).toMatchObject({ capacityBytes: 1048576, target: { format: 'qcow2' }, backingStore: null });
    expect(parseVolumeXml(fixture('libvirt9-volume-overlay.xml'))).toMatchObject({
      capacityBytes: 1048576,
      target: { path: `${DIR}/o.qcow2`, format: 'qcow2' },
      backingStore: { path: `${DIR}/base.qcow2`, format: 'qcow2' },
    });
  });

  it('snapshots created from buildSnapshotXml on an inactive domain', () => {
    expect(parseSnapshotXml(fixture('libvirt9-snapshot-internal.xml'))).toMatchObject({ name: 's1', description: 'd', state: 'shutoff', parent: null, kind: 'internal' });
    expect(parseSnapshotXml(fixture('libvirt9-snapshot-disk-only.xml'))).toMatchObject({
      name: 's2',
      state: 'shutoff',
      parent: 's1',
      kind: 'disk-only',
      disks: [{ name: 'vda', snapshot: 'external', sourcePath: `${DIR}/s2.qcow2` }],
    });
  });
});
