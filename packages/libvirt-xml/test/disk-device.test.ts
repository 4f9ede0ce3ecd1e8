import { describe, expect, it } from 'vitest';
import {
  buildCdromDeviceXml,
  buildDiskDeviceXml,
  diskElementXml,
  diskTargets,
  isBuildError,
  isXmlError,
  nextDiskTarget,
  parseDomainXml,
  withCdromMedium,
  withDiskOptions,
} from '../src/index.js';

const domain = (devices: string) => `<domain type='qemu'><name>d</name><uuid>00000000-0000-0000-0000-000000000001</uuid><memory>1024</memory><vcpu>1</vcpu><os><type>hvm</type></os><devices>${devices}</devices></domain>`;
const disk = (dev: string, extra = '') =>
  `<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='/p/${dev}.qcow2'/><target dev='${dev}' bus='virtio'/><serial>s-${dev}</serial>${extra}<address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></disk>`;
const cdrom = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/p/a.iso'/><target dev='sda' bus='sata'/><readonly/></disk>`;
/** A device XML read back as the only device of a domain. */
const asDisk = (xml: string) => parseDomainXml(domain(xml)).disks[0]!;

describe('buildDiskDeviceXml', () => {
  it('writes a file disk with its driver modes and flags', () => {
    const xml = buildDiskDeviceXml({ source: { type: 'file', path: '/p/d.qcow2' }, targetDev: 'vdb', cache: 'none', io: 'native', discard: 'unmap', readonly: true, shareable: true });
    const d = asDisk(xml);
    expect(d).toMatchObject({ device: 'disk', type: 'file', bus: 'virtio', targetDev: 'vdb', readonly: true, shareable: true });
    expect(d.driver).toEqual({ name: 'qemu', type: 'qcow2', cache: 'none', io: 'native', discard: 'unmap' });
    expect(d.chain.layers[0]?.source).toEqual({ kind: 'file', path: '/p/d.qcow2' });
  });

  it('leaves default modes to the hypervisor and writes a block source as dev', () => {
    const xml = buildDiskDeviceXml({ source: { type: 'block', path: '/dev/vg/lv' }, format: 'raw', bus: 'scsi', targetDev: 'sdb', cache: 'default' });
    expect(xml).not.toContain('cache=');
    expect(xml).toContain("<source dev='/dev/vg/lv'/>");
    expect(asDisk(xml)).toMatchObject({ type: 'block', bus: 'scsi', readonly: false });
  });

  it('escapes every value and refuses what XML or libvirt cannot take', () => {
    const xml = buildDiskDeviceXml({ source: { type: 'file', path: "/p/it's <&>.img" }, targetDev: 'vdc' });
    expect(asDisk(xml).chain.layers[0]?.source).toEqual({ kind: 'file', path: "/p/it's <&>.img" });
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isBuildError(e) ? e.field : 'other';
      }
      return 'none';
    };
    expect(refused(() => buildDiskDeviceXml({ source: { type: 'file', path: 'relative.img' }, targetDev: 'vdb' }))).toBe('source.path');
    expect(refused(() => buildDiskDeviceXml({ source: { type: 'file', path: '/a' }, targetDev: "vdb' x='" }))).toBe('targetDev');
    expect(refused(() => buildDiskDeviceXml({ source: { type: 'file', path: '/a\u0001' }, targetDev: 'vdb' }))).toBe('source.path');
    expect(refused(() => buildDiskDeviceXml({ source: { type: 'file', path: '/a' }, targetDev: 'vdb', cache: 'fast' as never }))).toBe('cache');
    expect(refused(() => buildDiskDeviceXml({ source: { type: 'network' as never, path: '/a' }, targetDev: 'vdb' }))).toBe('source.type');
  });
});

describe('buildCdromDeviceXml', () => {
  it('writes an empty drive and one with an ISO, read-only', () => {
    expect(asDisk(buildCdromDeviceXml({ targetDev: 'sdb' }))).toMatchObject({ device: 'cdrom', bus: 'sata', readonly: true });
    expect(buildCdromDeviceXml({ targetDev: 'sdb' })).not.toContain('<source');
    expect(asDisk(buildCdromDeviceXml({ targetDev: 'hdc', bus: 'ide', path: '/iso/x.iso' })).chain.layers[0]?.source).toEqual({ kind: 'file', path: '/iso/x.iso' });
  });
});

describe('nextDiskTarget', () => {
  it('takes the first name of the bus no disk uses', () => {
    expect(nextDiskTarget(['vda', 'vdc', 'sda'], 'virtio')).toBe('vdb');
    expect(nextDiskTarget(['vda', 'sda'], 'sata')).toBe('sdb');
    expect(nextDiskTarget([], 'ide')).toBe('hda');
  });
});

describe('disk elements of a domain', () => {
  const xml = domain(disk('vda') + disk('vdb', '<readonly/>') + cdrom);

  it('lists the targets and takes one disk out whole', () => {
    expect(diskTargets(xml)).toEqual(['vda', 'vdb', 'sda']);
    const one = diskElementXml(xml, 'vdb');
    expect(one).toContain('s-vdb');
    expect(one).toContain("slot='0x07'");
    expect(() => diskElementXml(xml, 'vdz')).toThrow(expect.objectContaining({ code: 'missing' }));
  });

  it('sets modes and flags, keeping what it does not touch', () => {
    const changed = withDiskOptions(xml, 'vdb', { cache: 'default', io: 'threads', readonly: false, shareable: true });
    const d = asDisk(changed);
    expect(d.driver).toEqual({ name: 'qemu', type: 'qcow2', io: 'threads' });
    expect(d).toMatchObject({ targetDev: 'vdb', readonly: false, shareable: true, serial: 's-vdb' });
    expect(changed).toContain("slot='0x07'");
    // Options left out stay as they were.
    expect(asDisk(withDiskOptions(xml, 'vda', { discard: 'unmap' })).driver).toMatchObject({ cache: 'none', discard: 'unmap' });
  });

  it('inserts and ejects a CD-ROM medium, refusing a drive that is not removable', () => {
    const ejected = withCdromMedium(xml, 'sda', null);
    expect(ejected).not.toContain('<source');
    expect(asDisk(ejected)).toMatchObject({ device: 'cdrom', targetDev: 'sda', readonly: true });
    const inserted = withCdromMedium(domain(ejected), 'sda', '/iso/b.iso');
    expect(asDisk(inserted).chain.layers[0]?.source).toEqual({ kind: 'file', path: '/iso/b.iso' });
    let err: unknown;
    try {
      withCdromMedium(xml, 'vda', '/iso/b.iso');
    } catch (e) {
      err = e;
    }
    expect(isXmlError(err) && err.code).toBe('invalid-value');
  });
});
