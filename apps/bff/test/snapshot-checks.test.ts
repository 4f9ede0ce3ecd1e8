// The snapshot checks on their own: what libvirt would refuse, decided from the domain XML, the
// snapshot tree, the domain state and the daemon's version (measured on libvirt 9.0).
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import { describe, expect, it } from 'vitest';
import { checkCreateDiskOnly, checkCreateExternal, checkCreateInternal, checkDelete, checkInternalMemory, checkRevert } from '../src/routers/snapshot.js';

const v9_0 = { major: 9, minor: 0 };
const v9_7 = { major: 9, minor: 7 };
const v8_10 = { major: 8, minor: 10 };

const domain = (disks: string) =>
  parseDomainXml(`<domain type='qemu'><name>d</name><uuid>6f1d0c39-5b1e-4c8a-9d36-7a2b1c0e9f11</uuid><memory>65536</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${disks}</devices></domain>`);
const disk = (dev: string, format: string, extra = '') =>
  `<disk type='file' device='disk'><driver name='qemu' type='${format}'/><source file='/v/${dev}.img'/><target dev='${dev}' bus='virtio'/>${extra}</disk>`;
const cdrom = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>`;

describe('snapshot checks', () => {
  it('internal snapshots need every writable disk in qcow2; a read-only cdrom does not count', () => {
    expect(checkCreateInternal(domain(disk('vda', 'qcow2') + cdrom))).toEqual({ ok: true, reason: null });
    const raw = checkCreateInternal(domain(disk('vda', 'qcow2') + disk('vdb', 'raw')));
    expect(raw.ok).toBe(false);
    expect(raw.reason).toContain('vdb is raw');
  });

  it('disk-only snapshots need a writable file-backed disk', () => {
    expect(checkCreateDiskOnly(domain(disk('vda', 'raw'))).ok).toBe(true);
    expect(checkCreateDiskOnly(domain(cdrom)).ok).toBe(false);
    expect(checkCreateDiskOnly(domain('')).reason).toContain('no writable disk');
  });

  it('reverting to an external snapshot needs libvirt 9.7; internal ones revert anywhere', () => {
    expect(checkRevert({ kind: 'disk-only' }, v9_0)).toMatchObject({ ok: false, reason: expect.stringContaining('9.7') as string });
    expect(checkRevert({ kind: 'external' }, v9_7).ok).toBe(true);
    expect(checkRevert({ kind: 'internal' }, v8_10).ok).toBe(true);
  });

  it('deleting an external snapshot: a leaf always, one child only while running, never several or with children', () => {
    const leaf = { kind: 'disk-only' as const, children: [] };
    const oneChild = { kind: 'disk-only' as const, children: ['b'] };
    expect(checkDelete(leaf, [], false, v9_0).ok).toBe(true);
    expect(checkDelete(leaf, [], false, v8_10).reason).toContain('9.0');
    expect(checkDelete(oneChild, ['disk-only'], true, v9_0).ok).toBe(true);
    expect(checkDelete(oneChild, ['disk-only'], false, v9_0).reason).toContain('while the domain runs');
    expect(checkDelete(oneChild, ['internal'], true, v9_0).reason).toContain('internal');
    expect(checkDelete({ kind: 'disk-only', children: ['b', 'c'] }, ['disk-only', 'disk-only'], true, v9_0).reason).toContain('more than one child');
    expect(checkDelete(leaf, [], true, v9_0, true).reason).toContain('children');
    expect(checkDelete({ kind: 'internal', children: ['b', 'c'] }, ['internal', 'internal'], false, v9_0, true).ok).toBe(true);
  });

  it('memory: an internal snapshot of a running guest always has it, a shut-off guest has none', () => {
    expect(checkInternalMemory(true, undefined).ok).toBe(true);
    expect(checkInternalMemory(true, true).ok).toBe(true);
    expect(checkInternalMemory(true, false).reason).toContain("running guest's memory");
    expect(checkInternalMemory(false, true).reason).toContain('no memory to save');
    expect(checkInternalMemory(false, false).ok).toBe(true);
  });

  it('external with memory needs a running guest and a file-backed disk', () => {
    expect(checkCreateExternal(domain(disk('vda', 'qcow2')), true).ok).toBe(true);
    expect(checkCreateExternal(domain(disk('vda', 'qcow2')), false).reason).toContain('running guest');
    expect(checkCreateExternal(domain(cdrom), true).ok).toBe(false);
  });

  it('deleting only the metadata is never refused', () => {
    const oneChild = { kind: 'disk-only' as const, children: ['b'] };
    expect(checkDelete(oneChild, ['disk-only'], false, v9_0, false, true).ok).toBe(true);
    expect(checkDelete({ kind: 'disk-only', children: ['b', 'c'] }, ['disk-only', 'internal'], false, v8_10, true, true).ok).toBe(true);
  });
});
