// A VM's disks and CD-ROM drives over HTTP, against real TCG guests: the demo guest (its kernel
// loads virtio_blk at boot; it boots from its initramfs, with no disk) takes a new disk live, sees it grow, and lets it go again; a shut-off
// VM gets a disk, a CD-ROM drive and media in its definition. After each change both the live
// and the persistent XML are read back. Refusals: viewers, a volume another VM uses, a disk that
// would shrink, a drive that cannot be hot-plugged (the state left is said), bad input by field.
import { bootableGuestXml, guestImage } from '@virtdeck/test-kit/guest-image';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@virtdeck/contract/live';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { BOOT_DEADLINE_MS, deviceXml, waitFor } from './guest-waits.js';
import { collector } from './live.js';

/** One `<disk>` element of a domain's XML by target, or undefined. */
function diskXml(domain: string, target: string, inactive = false): string | undefined {
  return deviceXml(domain, 'disk', `<target dev='${target}'`, inactive);
}

/** A file of the running guest, read through its agent (null while the agent cannot read it). */
function guestFile(domain: string, file: string): string | null {
  try {
    const agent = (cmd: object) => JSON.parse(virsh('qemu-agent-command', domain, JSON.stringify(cmd))) as { return: unknown };
    const handle = agent({ execute: 'guest-file-open', arguments: { path: file, mode: 'r' } }).return as number;
    const read = agent({ execute: 'guest-file-read', arguments: { handle, count: 4096 } }).return as { 'buf-b64': string };
    agent({ execute: 'guest-file-close', arguments: { handle } });
    return Buffer.from(read['buf-b64'], 'base64').toString('utf8');
  } catch {
    return null;
  }
}

describe('disks and CD-ROM drives of a VM', () => {
  const pool = uniqueName('diskpool');
  const guest = uniqueName('diskguest');
  const off = uniqueName('diskoff');
  const other = uniqueName('diskother');
  const bare = uniqueName('diskbare');
  let dir = '';
  let poolDir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let admin: SessionCookie;
  let hostId = '';
  let guestUuid = '';
  let offUuid = '';
  let bareUuid = '';
  let ws: ReturnType<typeof wsClientFor> | undefined;
  /** The live events the page would get: a hot-plug and a medium change reach it from libvirt. */
  const live = collector<LiveEvent>();

  const define = (xml: string): string => {
    const file = path.join(dir, 'def.xml');
    writeFileSync(file, xml);
    virsh('define', file);
    return virsh('domuuid', /<name>([^<]+)<\/name>/.exec(xml)![1]!).trim();
  };
  const disks = () => bff.client(operator).domain.disks;

  beforeAll(async () => {
    guestImage();
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-disks-'));
    poolDir = mkdtempSync(path.join(tmpdir(), 'vdtest-diskpool-'));
    virsh('pool-define-as', pool, 'dir', '--target', poolDir);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'install.iso', '1M', '--format', 'raw');
    virsh('vol-create-as', pool, 'shared.raw', '16M', '--format', 'raw');
    // The guest has an empty CD-ROM drive from the start: SATA drives cannot be hot-plugged.
    const cdrom = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sda' bus='sata'/><readonly/></disk>`;
    guestUuid = define(bootableGuestXml({ name: guest }).replace('<serial ', `${cdrom}\n    <serial `));
    virsh('start', guest);
    offUuid = define(`<domain type='qemu'><name>${off}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`);
    // Running with no OS: it idles in its firmware, which answers no unplug request.
    // (ACPI on, so its PCI bus takes hot-plugged devices.)
    bareUuid = define(`<domain type='qemu'><name>${bare}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices/></domain>`);
    virsh('start', bare);
    define(
      `<domain type='qemu'><name>${other}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>` +
        `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${poolDir}/shared.raw'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'disk-op', password: 'operator-password-1', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'disk-viewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('disk-op', 'operator-password-1');
    viewer = await bff.signIn('disk-viewer', 'viewer-password-1');
    ws = wsClientFor(bff, operator);
    ws.client.live.events.subscribe({ hostId }, { onData: (d) => live.push(d.data as LiveEvent), onError: (e) => console.error(e) });
    // The guest is up once its agent reads a file: its udev and virtio_blk are ready for hot-plug.
    await waitFor('the guest agent', () => guestFile(guest, '/proc/uptime') ?? undefined);
  }, BOOT_DEADLINE_MS + 60_000);

  afterAll(async () => {
    ws?.close();
    for (const n of [guest, off, other, bare]) {
      virshQuietly('destroy', n);
      virshQuietly('undefine', n);
    }
    virshQuietly('pool-destroy', pool);
    virshQuietly('pool-undefine', pool);
    for (const d of [dir, poolDir]) if (d) rmSync(d, { recursive: true, force: true });
    await bff?.close();
  });

  it('lets a viewer change nothing', async () => {
    const f = await failureOf(bff.client(viewer).domain.disks.addCdrom.mutate({ hostId, uuid: offUuid }));
    expect(f.code).toBe('FORBIDDEN');
    expect(diskXml(off, 'sda', true)).toBeUndefined();
  });

  it('names a bad field the way the dialog shows it', async () => {
    const f = await failureOf(
      disks().attach.mutate({ hostId, uuid: guestUuid, source: { kind: 'new', pool, volume: 'bad name!', capacityGiB: 0, format: 'qcow2' } }),
    );
    expect(f.data.httpStatus).toBe(400);
    expect(f.fields).toMatchObject({ source: expect.any(Array) });
    expect(f.message).toContain('a size above 0');
    expect(f.message).toContain('letters, digits and _ . + - only');
  });

  it('attaches a new volume to the running guest, live and in its definition, and the guest sees it', { timeout: BOOT_DEADLINE_MS }, async () => {
    const res = await disks().attach.mutate({ hostId, uuid: guestUuid, source: { kind: 'new', pool, volume: 'data.qcow2', capacityGiB: 1, format: 'qcow2' } });
    expect(res).toMatchObject({ disk: 'vda', live: 'applied', definition: true });
    for (const inactive of [false, true]) expect(diskXml(guest, 'vda', inactive)).toContain(`${poolDir}/data.qcow2`);
    await live.waitFor((e) => e.kind === 'device' && e.change === 'added' && e.domain.uuid === guestUuid);
    // 1 GiB in 512-byte sectors.
    await waitFor('the guest to see vda', () => (guestFile(guest, '/sys/block/vda/size')?.trim() === '2097152' ? true : undefined));
    const audit = await bff.client(admin).audit.list.query({ action: 'disk-attach' });
    expect(audit.items[0]).toMatchObject({ objectName: guestUuid, result: 'ok' });
  });

  it('grows the disk live, and refuses to shrink it', { timeout: BOOT_DEADLINE_MS }, async () => {
    const res = await disks().resize.mutate({ hostId, uuid: guestUuid, disk: 'vda', capacityGiB: 2 });
    expect(res).toMatchObject({ live: 'applied' });
    await waitFor('the guest to see vda grow', () => (guestFile(guest, '/sys/block/vda/size')?.trim() === '4194304' ? true : undefined));
    expect(virsh('vol-info', '--bytes', '--pool', pool, 'data.qcow2')).toMatch(/Capacity:\s+2147483648 bytes/);
    const f = await failureOf(disks().resize.mutate({ hostId, uuid: guestUuid, disk: 'vda', capacityGiB: 1 }));
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.message).toMatch(/^capacityGiB: more than the disk's 2 GiB/);
  });

  it('sets cache and discard in the definition; the running VM takes them at its next boot', async () => {
    const res = await disks().setOptions.mutate({ hostId, uuid: guestUuid, disk: 'vda', cache: 'none', discard: 'unmap' });
    expect(res).toMatchObject({ live: 'next-boot', definition: true });
    expect(diskXml(guest, 'vda', true)).toMatch(/<driver name='qemu' type='qcow2' cache='none' discard='unmap'\/>/);
    expect(diskXml(guest, 'vda')).not.toContain("cache='none'");
  });

  it('inserts an ISO into the running guest\'s drive and ejects it, live and in the definition', async () => {
    const res = await disks().insertMedia.mutate({ hostId, uuid: guestUuid, disk: 'sda', pool, volume: 'install.iso' });
    expect(res).toMatchObject({ live: 'applied', definition: true });
    for (const inactive of [false, true]) expect(diskXml(guest, 'sda', inactive)).toContain(`${poolDir}/install.iso`);
    await live.waitFor((e) => e.kind === 'media' && e.tray === 'closed' && e.domain.uuid === guestUuid);
    await disks().ejectMedia.mutate({ hostId, uuid: guestUuid, disk: 'sda' });
    // An empty drive: libvirt writes `<source index='n'/>` live, no source at all in the definition.
    for (const inactive of [false, true]) expect(diskXml(guest, 'sda', inactive)).not.toContain('install.iso');
  });

  it('reports a hot-plug libvirt refuses with the state left, and removes the volume it made', async () => {
    const f = await failureOf(disks().attach.mutate({ hostId, uuid: guestUuid, bus: 'sata', source: { kind: 'new', pool, volume: 'sata.qcow2', capacityGiB: 1, format: 'qcow2' } }));
    expect(f.message).toMatch(/^Attaching sata\.qcow2 as sdb was refused: .+\. The VM is running; sdb is in neither the running VM nor the definition\.$/);
    expect(f.data).toMatchObject({ libvirt: expect.anything() });
    expect(virsh('vol-list', pool)).not.toContain('sata.qcow2');
    const f2 = await failureOf(disks().addCdrom.mutate({ hostId, uuid: guestUuid }));
    expect(f2.code).toBe('PRECONDITION_FAILED');
  });

  it('refuses to attach a volume another VM uses unless read-only, and to delete it on detach', async () => {
    const f = await failureOf(disks().attach.mutate({ hostId, uuid: guestUuid, source: { kind: 'existing', pool, volume: 'shared.raw' } }));
    expect(f.code).toBe('PRECONDITION_FAILED');
    expect(f.data).toMatchObject({ dependants: { domains: [{ domain: other, disk: 'vda' }] } });
    const res = await disks().attach.mutate({ hostId, uuid: guestUuid, readonly: true, source: { kind: 'existing', pool, volume: 'shared.raw' } });
    expect(res.disk).toBe('vdb');
    expect(diskXml(guest, 'vdb', true)).toContain('<readonly/>');
    const f2 = await failureOf(disks().detach.mutate({ hostId, uuid: guestUuid, disk: 'vdb', deleteVolume: true }));
    expect(f2.code).toBe('PRECONDITION_FAILED');
    for (const inactive of [false, true]) expect(diskXml(guest, 'vdb', inactive)).toBeDefined();
  });

  it('detaches the disk from the running guest and deletes its volume once the guest let go', { timeout: BOOT_DEADLINE_MS }, async () => {
    const res = await disks().detach.mutate({ hostId, uuid: guestUuid, disk: 'vda', deleteVolume: true });
    // The guest answers the unplug within libvirt's few seconds of waiting.
    expect(res).toMatchObject({ live: 'applied', definition: true, volume: { name: 'data.qcow2', outcome: 'deleted' } });
    for (const inactive of [false, true]) expect(diskXml(guest, 'vda', inactive)).toBeUndefined();
    expect(virsh('vol-list', pool)).not.toContain('data.qcow2');
    await waitFor('the guest to drop vda', () => (guestFile(guest, '/sys/block/vda/size') === null ? true : undefined));
  });

  it('reports an unplug the guest ignores, with the state left, and keeps the volume', async () => {
    await disks().attach.mutate({ hostId, uuid: bareUuid, source: { kind: 'new', pool, volume: 'bare.raw', capacityGiB: 0.1, format: 'raw' } });
    const res = await disks().detach.mutate({ hostId, uuid: bareUuid, disk: 'vda', deleteVolume: true });
    expect(res).toMatchObject({ live: 'waiting-for-guest', definition: true, volume: { name: 'bare.raw', outcome: 'kept-disk-still-attached' } });
    expect(res.note).toContain('The guest has not released vda yet');
    expect(diskXml(bare, 'vda')).toContain('bare.raw');
    expect(diskXml(bare, 'vda', true)).toBeUndefined();
    expect(virsh('vol-list', pool)).toContain('bare.raw');
  });

  it('gives a shut-off VM a disk that grows offline, a CD-ROM drive and media, in its definition', async () => {
    const a = await disks().attach.mutate({ hostId, uuid: offUuid, bus: 'scsi', source: { kind: 'new', pool, volume: 'off.raw', capacityGiB: 0.5, format: 'raw' } });
    expect(a).toMatchObject({ disk: 'sda', live: 'not-running', definition: true });
    expect(diskXml(off, 'sda', true)).toContain(`${poolDir}/off.raw`);
    await disks().resize.mutate({ hostId, uuid: offUuid, disk: 'sda', capacityGiB: 1 });
    expect(virsh('vol-info', '--bytes', '--pool', pool, 'off.raw')).toMatch(/Capacity:\s+1073741824 bytes/);

    const c = await disks().addCdrom.mutate({ hostId, uuid: offUuid, bus: 'sata' });
    expect(c.disk).toBe('sdb');
    expect(diskXml(off, 'sdb', true)).toMatch(/device='cdrom'/);
    await disks().insertMedia.mutate({ hostId, uuid: offUuid, disk: 'sdb', pool, volume: 'install.iso' });
    expect(diskXml(off, 'sdb', true)).toContain(`${poolDir}/install.iso`);
    const f = await failureOf(disks().insertMedia.mutate({ hostId, uuid: offUuid, disk: 'sda', pool, volume: 'install.iso' }));
    expect(f.message).toContain('not a CD-ROM drive');
    await disks().ejectMedia.mutate({ hostId, uuid: offUuid, disk: 'sdb' });
    expect(diskXml(off, 'sdb', true)).not.toContain('<source');

    const d = await disks().detach.mutate({ hostId, uuid: offUuid, disk: 'sda', deleteVolume: true });
    expect(d).toMatchObject({ live: 'not-running', definition: true, volume: { outcome: 'deleted' } });
    expect(diskXml(off, 'sda', true)).toBeUndefined();
    expect(virsh('vol-list', pool)).not.toContain('off.raw');
  });
});
