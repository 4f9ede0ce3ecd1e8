import { describe, expect, it } from 'vitest';
import {
  BuildError,
  buildDomainXml,
  buildPoolXml,
  buildSnapshotXml,
  buildVolumeXml,
  parseDomainXml,
  parsePoolXml,
  parseSnapshotXml,
  parseVolumeXml,
} from '../src/index.js';

const NASTY = `a<b>&c'd"e`;
const uuid = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

function buildError(fn: () => unknown): BuildError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return error as BuildError;
  }
  throw new Error('expected a BuildError');
}

describe('buildDomainXml', () => {
  it('builds a TCG guest with defaults that the parser reads back', () => {
    const xml = buildDomainXml({
      name: 'test-vm',
      uuid,
      memoryMiB: 1024,
      vcpus: 2,
      disks: [{ path: '/var/lib/libvirt/images/test-vm.qcow2' }, { path: '/var/lib/libvirt/images/data.raw', format: 'raw' }],
      cdrom: { path: '/var/lib/libvirt/isos/installer.iso' },
      network: { network: 'default' },
    });
    const domain = parseDomainXml(xml);
    expect(domain).toMatchObject({
      name: 'test-vm',
      type: 'qemu',
      memoryKiB: 1024 * 1024,
      currentMemoryKiB: 1024 * 1024,
      vcpus: 2,
      os: { type: 'hvm', arch: 'x86_64', machine: 'pc', boot: [] },
      nics: [{ type: 'network', source: { network: 'default' }, model: 'virtio' }],
      graphics: [{ type: 'vnc', autoport: true, port: null, listens: [{ type: 'address', address: '127.0.0.1' }], passwordSet: false }],
      serials: [{ type: 'pty', target: { port: 0 } }],
      consoles: [{ type: 'pty', target: { type: 'serial', port: 0 } }],
    });
    expect(domain.disks.map((d) => [d.targetDev, d.bus, d.device, d.driver.type, d.bootOrder, d.chain.status])).toEqual([
      ['vda', 'virtio', 'disk', 'qcow2', 2, 'unprobed'],
      ['vdb', 'virtio', 'disk', 'raw', undefined, 'unprobed'],
      ['sda', 'sata', 'cdrom', 'raw', 1, 'unprobed'],
    ]);
    expect(xml).toContain("<model type='virtio'/>");
    expect(xml).toMatchSnapshot();
  });

  it('picks qxl for spice, kvm when asked, a bridge NIC and explicit boot order', () => {
    const xml = buildDomainXml({
      name: 'spicy',
      uuid,
      type: 'kvm',
      memoryMiB: 512,
      vcpus: 1,
      graphics: 'spice',
      disks: [{ path: '/images/a.qcow2', bus: 'sata' }, { path: '/images/b.qcow2', targetDev: 'sda', bus: 'sata' }],
      network: { bridge: 'br0', model: 'e1000e' },
      boot: ['network', 'disk'],
    });
    const domain = parseDomainXml(xml);
    expect(domain.type).toBe('kvm');
    expect(domain.graphics[0]?.type).toBe('spice');
    expect(xml).toContain("<model type='qxl'/>");
    expect(domain.disks.map((d) => d.targetDev)).toEqual(['sdb', 'sda']);
    expect(domain.disks[0]?.bootOrder).toBe(2);
    expect(domain.nics[0]).toMatchObject({ type: 'bridge', source: { bridge: 'br0' }, model: 'e1000e' });
    expect(xml).toMatch(/<interface type='bridge'>[\s\S]*<boot order='1'\/>[\s\S]*<\/interface>/);
  });

  it('leaves out graphics, video and serial when asked', () => {
    const xml = buildDomainXml({ name: 'headless', uuid, memoryMiB: 256, vcpus: 1, graphics: 'none', serialConsole: false, network: 'none' });
    const domain = parseDomainXml(xml);
    expect(domain.graphics).toEqual([]);
    expect(domain.serials).toEqual([]);
    expect(domain.nics).toEqual([]);
    expect(xml).not.toContain('<video');
  });

  it('escapes <>&\'" in names, descriptions and paths', () => {
    const xml = buildDomainXml({ name: NASTY, uuid, title: NASTY, description: `line 1\n${NASTY}`, memoryMiB: 256, vcpus: 1, disks: [{ path: `/images/${NASTY}.qcow2` }] });
    expect(xml).toContain('<name>a&lt;b&gt;&amp;c&apos;d&quot;e</name>');
    const domain = parseDomainXml(xml);
    expect(domain.name).toBe(NASTY);
    expect(domain.title).toBe(NASTY);
    expect(domain.description).toBe(`line 1\n${NASTY}`);
    expect(domain.disks[0]?.chain.layers[0]?.source).toEqual({ kind: 'file', path: `/images/${NASTY}.qcow2` });
  });

  it.each([
    ['name', { name: '' }, /name: is required/],
    ['name', { name: 'a/b' }, /must not contain "\/"/],
    ['name', { name: 'bell\u0007' }, /control characters/],
    ['memoryMiB', { memoryMiB: 1.5 }, /must be an integer/],
    ['vcpus', { vcpus: 0 }, /between 1 and/],
    ['type', { type: 'xen' }, /one of qemu, kvm/],
    ['disks[0].path', { disks: [{ path: 'relative.qcow2' }] }, /absolute path/],
    ['disks[1].targetDev', { disks: [{ path: '/a', targetDev: 'vda' }, { path: '/b', targetDev: 'vda' }] }, /used twice/],
    ['boot[0]', { boot: ['cdrom'] }, /no cdrom/],
    ['graphicsListen', { graphicsListen: "0.0.0.0' evil='1" }, /IP address/],
  ])('refuses bad %s', (field, override, message) => {
    const error = buildError(() => buildDomainXml({ name: 'ok', memoryMiB: 256, vcpus: 1, ...override } as Parameters<typeof buildDomainXml>[0]));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('buildPoolXml', () => {
  it('builds dir, fs, logical and netfs pools that parse back', () => {
    expect(parsePoolXml(buildPoolXml({ type: 'dir', uuid, name: 'p-dir', targetPath: '/srv/images' }))).toMatchObject({ type: 'dir', name: 'p-dir', targetPath: '/srv/images' });
    expect(parsePoolXml(buildPoolXml({ type: 'fs', uuid, name: 'p-fs', targetPath: '/mnt/fs', sourceDevice: '/dev/sdb1', format: 'ext4' }))).toMatchObject({
      type: 'fs',
      source: { device: '/dev/sdb1', format: 'ext4' },
    });
    expect(parsePoolXml(buildPoolXml({ type: 'logical', uuid, name: 'vg0', sourceDevices: ['/dev/sdc', '/dev/sdd'] }))).toMatchObject({
      type: 'logical',
      targetPath: '/dev/vg0',
      source: { name: 'vg0', devices: ['/dev/sdc', '/dev/sdd'], format: 'lvm2' },
    });
    expect(parsePoolXml(buildPoolXml({ type: 'netfs', uuid, name: 'p-nfs', targetPath: '/mnt/nfs', host: 'nfs.example.org', dir: '/export' }))).toMatchObject({
      type: 'netfs',
      source: { host: 'nfs.example.org', dir: '/export', format: 'nfs' },
    });
  });

  it('escapes names and paths and names bad fields', () => {
    const pool = parsePoolXml(buildPoolXml({ type: 'dir', uuid, name: NASTY, targetPath: `/srv/${NASTY}` }));
    expect(pool.name).toBe(NASTY);
    expect(pool.targetPath).toBe(`/srv/${NASTY}`);
    expect(buildError(() => buildPoolXml({ type: 'netfs', name: 'n', targetPath: '/m', host: 'bad host', dir: '/e' })).field).toBe('host');
    expect(buildError(() => buildPoolXml({ type: 'zfs', uuid, name: 'n' } as never)).field).toBe('type');
  });
});

describe('buildVolumeXml', () => {
  it('builds raw and qcow2 volumes with capacity in bytes', () => {
    const xml = buildVolumeXml({ name: 'disk.qcow2', format: 'qcow2', capacityBytes: 10 * 2 ** 30 });
    expect(xml).toContain("<capacity unit='bytes'>10737418240</capacity>");
    expect(xml).toMatch(/<format type='qcow2'\/>\s*<compat>1.1<\/compat>/);
    expect(buildVolumeXml({ name: 'disk.raw', format: 'raw', capacityBytes: 1024 })).not.toContain('<compat>');
    expect(buildVolumeXml({ name: 'disk.raw', format: 'raw', capacityBytes: 1024, allocationBytes: 1024 })).toContain("<allocation unit='bytes'>1024</allocation>");
  });

  it('builds an overlay that names its backing store', () => {
    const xml = buildVolumeXml({ name: `ov-${NASTY}.qcow2`, format: 'qcow2', backing: { path: `/images/${NASTY}.raw`, format: 'raw' } });
    // A volume document as libvirt would return it for this request, minus the fields it fills in.
    const echoed = xml.replace('<target>', `<key>/images/x</key><capacity unit='bytes'>1</capacity><target><path>/images/x</path>`);
    expect(parseVolumeXml(echoed)).toMatchObject({ name: `ov-${NASTY}.qcow2`, target: { format: 'qcow2', compat: '1.1' }, backingStore: { path: `/images/${NASTY}.raw`, format: 'raw' } });
  });

  it('refuses overlays that are not qcow2 and missing capacity', () => {
    expect(buildError(() => buildVolumeXml({ name: 'v', format: 'raw', backing: { path: '/b', format: 'raw' } })).field).toBe('format');
    expect(buildError(() => buildVolumeXml({ name: 'v', format: 'raw' })).field).toBe('capacityBytes');
    expect(buildError(() => buildVolumeXml({ name: 'v', format: 'raw', capacityBytes: 10, allocationBytes: 20 })).field).toBe('allocationBytes');
  });
});

describe('buildSnapshotXml', () => {
  it('builds an internal snapshot', () => {
    const snapshot = parseSnapshotXml(buildSnapshotXml({ kind: 'internal', name: NASTY, description: 'before & after' }));
    expect(snapshot).toMatchObject({ name: NASTY, description: 'before & after', creationTime: null, parent: null });
  });

  it('builds an external disk-only snapshot with memory off and unlisted disks off', () => {
    const xml = buildSnapshotXml({
      kind: 'disk-only',
      name: 'nightly',
      disks: [
        { name: 'vda', overlayPath: '/images/vm.nightly.qcow2' },
        { name: 'vdb', overlayPath: null },
      ],
    });
    expect(parseSnapshotXml(xml)).toMatchObject({
      name: 'nightly',
      memory: { snapshot: 'no' },
      disks: [
        { name: 'vda', snapshot: 'external', sourcePath: '/images/vm.nightly.qcow2', driverType: 'qcow2' },
        { name: 'vdb', snapshot: 'no' },
      ],
      kind: 'disk-only',
    });
  });

  it('names bad fields', () => {
    expect(buildError(() => buildSnapshotXml({ kind: 'disk-only', name: 's', disks: [] })).field).toBe('disks');
    expect(buildError(() => buildSnapshotXml({ kind: 'disk-only', name: 's', disks: [{ name: 'vda', overlayPath: 'rel' }] })).field).toBe('disks[0].overlayPath');
    expect(buildError(() => buildSnapshotXml({ kind: 'internal', name: '' })).field).toBe('name');
  });
});
