// A VM's network interfaces over HTTP, against real TCG guests: the demo guest (its kernel loads
// virtio_net at boot, and answers ACPI hot-plug) takes a NIC live and lets it go again; a guest
// with no OS ignores the unplug, which is reported with the state left; a shut-off VM gets NICs,
// a new source, model and MAC, and a link state in its definition. After each change both the
// live and the persistent XML are read back. Refusals: viewers, a MAC in use, a missing network,
// bad input by field. Networks: a uniquely named isolated libvirt network with no addresses (no
// subnet to collide with, no DHCP), and QEMU's user-mode NAT.
import { bootableGuestXml, guestImage } from '@virtdeck/test-kit/guest-image';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/live/live-events.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { BOOT_DEADLINE_MS, deviceXml, waitFor } from './guest-waits.js';
import { collector } from './live.js';

/** One `<interface>` element of a domain's XML by MAC, or undefined. */
function nicXml(domain: string, mac: string, inactive = false): string | undefined {
  return deviceXml(domain, 'interface', `<mac address='${mac}'/>`, inactive);
}

/** The MACs of the guest's own interfaces, read through its agent (null while it cannot answer). */
function guestMacs(domain: string): string[] | null {
  try {
    const out = JSON.parse(virsh('qemu-agent-command', domain, JSON.stringify({ execute: 'guest-network-get-interfaces' }))) as { return: { 'hardware-address'?: string }[] };
    return out.return.flatMap((i) => (i['hardware-address'] ? [i['hardware-address']] : []));
  } catch {
    return null;
  }
}

describe('network interfaces of a VM', () => {
  const net = uniqueName('nicnet');
  const guest = uniqueName('nicguest');
  const off = uniqueName('nicoff');
  const bare = uniqueName('nicbare');
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  let guestUuid = '';
  let offUuid = '';
  let bareUuid = '';
  const seen = collector<LiveEvent>();
  let ws: ReturnType<typeof wsClientFor> | undefined;

  const define = (xml: string): string => {
    const file = path.join(dir, 'def.xml');
    writeFileSync(file, xml);
    virsh('define', file);
    return virsh('domuuid', /<name>([^<]+)<\/name>/.exec(xml)![1]!).trim();
  };
  const nics = () => bff.client(operator).domain.nics;

  beforeAll(async () => {
    guestImage();
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-nics-'));
    writeFileSync(path.join(dir, 'net.xml'), `<network><name>${net}</name></network>`);
    virsh('net-define', path.join(dir, 'net.xml'));
    virsh('net-start', net);
    guestUuid = define(bootableGuestXml({ name: guest }));
    virsh('start', guest);
    offUuid = define(`<domain type='qemu'><name>${off}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`);
    // Running with no OS: it idles in its firmware, which answers no unplug request.
    // (ACPI on, so its PCI bus takes hot-plugged devices.)
    bareUuid = define(`<domain type='qemu'><name>${bare}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices/></domain>`);
    virsh('start', bare);
    bff = await startTestBff();
    hostId = bff.hostId;
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'nic-op', password: 'operator-password-1', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'nic-viewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('nic-op', 'operator-password-1');
    viewer = await bff.signIn('nic-viewer', 'viewer-password-1');
    ws = wsClientFor(bff, operator);
    ws.client.live.events.subscribe({ hostId }, { onData: (d) => seen.push(d.data as LiveEvent), onError: (e) => console.error(e) });
    // The guest is up once its agent answers: udev and virtio_net are ready for hot-plug.
    await waitFor('the guest agent', () => guestMacs(guest) ?? undefined);
  }, BOOT_DEADLINE_MS + 60_000);

  afterAll(async () => {
    ws?.close();
    for (const n of [guest, off, bare]) {
      virshQuietly('destroy', n);
      virshQuietly('undefine', n);
    }
    virshQuietly('net-destroy', net);
    virshQuietly('net-undefine', net);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('lets a viewer change nothing', async () => {
    const f = await failureOf(bff.client(viewer).domain.nics.attach.mutate({ hostId, uuid: offUuid, source: { kind: 'user' } }));
    expect(f.code).toBe('FORBIDDEN');
    expect(virsh('dumpxml', off, '--inactive')).not.toContain('<interface');
  });

  it('names a bad field the way the dialog shows it', async () => {
    const f = await failureOf(nics().attach.mutate({ hostId, uuid: offUuid, mac: '01:00:5e:00:00:01', source: { kind: 'bridge', bridge: 'br0; rm -rf' } }));
    expect(f.data.httpStatus).toBe(400);
    expect(f.fields).toMatchObject({ mac: [expect.stringMatching(/multicast/)], source: expect.any(Array) });
    const g = await failureOf(nics().attach.mutate({ hostId, uuid: offUuid, source: { kind: 'network', network: 'vdtest-no-such-network' } }));
    expect(g.fields).toEqual({ source: [expect.stringContaining('there is no network')] });
  });

  it('gives a shut-off VM NICs and changes source, model, MAC and link in its definition', async () => {
    const a = await nics().attach.mutate({ hostId, uuid: offUuid, source: { kind: 'network', network: net }, mac: '52:54:00:0A:00:01' });
    expect(a).toEqual({ mac: '52:54:00:0a:00:01', live: 'not-running', definition: true, note: null });
    expect(nicXml(off, a.mac, true)).toContain(`<source network='${net}'/>`);
    const b = await nics().attach.mutate({ hostId, uuid: offUuid, source: { kind: 'user' }, model: 'e1000', linkUp: false });
    expect(b.mac).toMatch(/^52:54:00:/);
    expect(nicXml(off, b.mac, true)).toMatch(/<model type='e1000'\/>[\s\S]*<link state='down'\/>/);

    const taken = await failureOf(nics().attach.mutate({ hostId, uuid: offUuid, source: { kind: 'user' }, mac: b.mac }));
    expect(taken.fields).toEqual({ mac: [expect.stringContaining('already has a NIC')] });

    const u = await nics().update.mutate({ hostId, uuid: offUuid, mac: a.mac, source: { kind: 'user' }, model: 'rtl8139', newMac: '52:54:00:0a:00:02' });
    expect(u).toMatchObject({ mac: '52:54:00:0a:00:02', live: 'not-running', definition: true });
    expect(nicXml(off, a.mac, true)).toBeUndefined();
    const changed = nicXml(off, u.mac, true);
    expect(changed).toMatch(/type='user'/);
    expect(changed).toContain("<model type='rtl8139'/>");

    await nics().setLink.mutate({ hostId, uuid: offUuid, mac: b.mac, up: true });
    expect(nicXml(off, b.mac, true)).toContain("<link state='up'/>");
    const d = await nics().detach.mutate({ hostId, uuid: offUuid, mac: b.mac });
    expect(d).toMatchObject({ live: 'not-running', definition: true });
    expect(nicXml(off, b.mac, true)).toBeUndefined();
    const audit = await bff.client(await bff.signIn('admin', ADMIN_PASSWORD)).audit.list.query({ limit: 10 });
    expect(audit.items.find((i) => i.action === 'nic-detach')).toMatchObject({ objectName: `${offUuid}/${b.mac}`, result: 'ok' });
  });

  it('plugs a NIC into the running guest, live and in its definition; the guest sees it and the page hears of it', { timeout: BOOT_DEADLINE_MS }, async () => {
    const res = await nics().attach.mutate({ hostId, uuid: guestUuid, source: { kind: 'network', network: net } });
    expect(res).toMatchObject({ live: 'applied', definition: true });
    for (const inactive of [false, true]) expect(nicXml(guest, res.mac, inactive)).toContain(`<source network='${net}'`);
    await seen.waitFor((e) => e.kind === 'device' && e.domain.uuid === guestUuid && e.change === 'added');
    await waitFor('the guest to see the NIC', () => (guestMacs(guest)?.includes(res.mac) ? true : undefined));

    const down = await nics().setLink.mutate({ hostId, uuid: guestUuid, mac: res.mac, up: false });
    expect(down).toMatchObject({ live: 'applied', definition: true });
    for (const inactive of [false, true]) expect(nicXml(guest, res.mac, inactive)).toContain("<link state='down'/>");

    const model = await nics().update.mutate({ hostId, uuid: guestUuid, mac: res.mac, source: { kind: 'network', network: net }, model: 'e1000' });
    expect(model).toMatchObject({ live: 'next-boot', definition: true });
    expect(model.note).toContain('until the next start');
    expect(nicXml(guest, res.mac)).toContain("<model type='virtio'/>");
    expect(nicXml(guest, res.mac, true)).toContain("<model type='e1000'/>");
    // The tab shows both: a viewer reads the NIC as it runs and as it will start.
    const listed = await bff.client(viewer).domain.nics.list.query({ hostId, uuid: guestUuid });
    expect(listed.nics.find((n) => n.mac === res.mac)).toMatchObject({ live: { model: 'virtio', linkUp: false }, config: { model: 'e1000', linkUp: false } });

    const gone = await nics().detach.mutate({ hostId, uuid: guestUuid, mac: res.mac });
    // The guest answers the unplug within libvirt's few seconds of waiting.
    expect(gone).toMatchObject({ live: 'applied', definition: true });
    for (const inactive of [false, true]) expect(nicXml(guest, res.mac, inactive)).toBeUndefined();
    await waitFor('the guest to drop the NIC', () => (guestMacs(guest)?.includes(res.mac) === false ? true : undefined));
  });

  it('reports an unplug the guest ignores, with the state left', async () => {
    const res = await nics().attach.mutate({ hostId, uuid: bareUuid, source: { kind: 'user' } });
    expect(res).toMatchObject({ live: 'applied', definition: true });
    const d = await nics().detach.mutate({ hostId, uuid: bareUuid, mac: res.mac });
    expect(d).toMatchObject({ live: 'waiting-for-guest', definition: true });
    expect(d.note).toContain('The guest has not released the NIC yet');
    expect(d.note).toContain('in the running VM');
    expect(nicXml(bare, res.mac)).toBeDefined();
    expect(nicXml(bare, res.mac, true)).toBeUndefined();
    const listed = await nics().list.query({ hostId, uuid: bareUuid });
    expect(listed.nics.find((n) => n.mac === res.mac)).toMatchObject({ live: { type: 'user' }, config: null });
  });

  it('says plainly what libvirt refused live, and where the NIC is', async () => {
    const res = await nics().attach.mutate({ hostId, uuid: bareUuid, source: { kind: 'bridge', bridge: 'vdtnobr0' } }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(res?.message).toMatch(/^Attaching a NIC on bridge vdtnobr0 was refused: .*The VM is running; the NIC .* is in neither the running VM nor the definition\.$/s);
  });
});
