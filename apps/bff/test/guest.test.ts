// The guest inside a domain over HTTP: the demo guest (a real OS with the QEMU guest agent) on a
// NAT network of its own with libvirt's DHCP, so its address comes from the agent and from the
// lease; the agent's OS, hostname and file systems; reboot and shutdown through the agent (operators
// only, audited). A running domain without an agent channel says why it has no agent address and
// no agent info, not an error.
import { bootableGuestXml, guestHostname, guestImage } from '@virtdeck/test-kit/guest-image';
import { testNetwork } from '@virtdeck/test-kit/nat-network';
import { qemuUri, testNodeUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { Libvirt } from '@virtdeck/libvirt-client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainAddresses } from '@virtdeck/contract/guest';
import { waitFor as pollFor } from './guest-waits.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

/** Generous: TCG on a shared 2-core machine. */
const BOOT_DEADLINE_MS = 120_000;

/** The shared poll, with this file's deadline. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => pollFor(what, probe, BOOT_DEADLINE_MS);

describe('guest addresses and the guest agent', () => {
  const netName = uniqueName('guestnet');
  const guestName = uniqueName('guest');
  const bareName = uniqueName('bare');
  const network = testNetwork(netName);
  let dir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  let guestUuid = '';
  let bareUuid = '';

  const define = (xml: string): void => {
    const file = path.join(dir, 'def.xml');
    writeFileSync(file, xml);
    virsh(xml.startsWith('<network') ? 'net-define' : 'define', file);
  };

  beforeAll(async () => {
    guestImage();
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-guest-'));
    define(network.xml);
    virsh('net-start', netName);
    define(bootableGuestXml({ name: guestName, nic: { network: netName } }));
    virsh('start', guestName);
    guestUuid = virsh('domuuid', guestName).trim();
    // Running, with no guest agent channel (and no OS: it idles in the firmware).
    define(`<domain type='qemu'><name>${bareName}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices/></domain>`);
    virsh('start', bareName);
    bareUuid = virsh('domuuid', bareName).trim();

    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'guest-op', password: 'operator-password-1', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'guest-viewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('guest-op', 'operator-password-1');
    viewer = await bff.signIn('guest-viewer', 'viewer-password-1');
  }, BOOT_DEADLINE_MS);

  afterAll(async () => {
    for (const n of [guestName, bareName]) {
      virshQuietly('destroy', n);
      virshQuietly('undefine', n);
    }
    virshQuietly('net-destroy', netName);
    virshQuietly('net-undefine', netName);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('shows the DHCP address from the guest agent and from the lease, and what the agent reports, to a viewer', { timeout: 2 * BOOT_DEADLINE_MS }, async () => {
    const guest = bff.client(viewer).guest;
    const mac = /<mac address='([0-9a-f:]+)'/.exec(virsh('dumpxml', guestName))?.[1];
    const inSubnet = new RegExp(`^192\\.168\\.${network.octet}\\.\\d+$`);
    // The guest boots, asks DHCP, and the agent starts: the address shows up from both sources.
    const both = await waitFor('an address from the agent and the lease', async () => {
      const a: DomainAddresses = await guest.addresses.query({ hostId, uuid: guestUuid });
      const row = a.addresses.find((r) => r.type === 'ipv4' && inSubnet.test(r.address));
      return row && row.sources.includes('agent') && row.sources.includes('lease') ? a : undefined;
    });
    const row = both.addresses.find((r) => r.type === 'ipv4' && inSubnet.test(r.address))!;
    expect(row).toMatchObject({ prefix: 24, hwaddr: mac, nic: 'eth0' });
    expect(both.unavailable.agent).toBeUndefined();
    // Loopback is left out.
    expect(both.addresses.map((r) => r.address)).not.toContain('127.0.0.1');

    const info = await guest.info.query({ hostId, uuid: guestUuid });
    expect(info.available).toBe(true);
    if (!info.available) return expect.unreachable();
    expect(info.info.os).toMatchObject({ id: 'virtdeck-demo', machine: 'x86_64' });
    expect(info.info.hostname).toBe(guestHostname(guestName));
    expect(info.info.timezone?.offsetSeconds).toEqual(expect.any(Number));
    expect(info.info.fileSystems.map((f) => f.mountpoint)).toContain('/mnt/data');

    // The VM list's call: every running domain of the host, this one with its address.
    const all = await guest.hostAddresses.query({ hostId });
    expect(all[guestUuid]?.addresses.map((r) => r.address)).toContain(row.address);
    expect(Object.keys(all)).toContain(bareUuid);
  });

  it("shows the ARP table's address where the host's libvirt can read it, else skips saying why", { timeout: BOOT_DEADLINE_MS }, async (ctx) => {
    const guest = bff.client(viewer).guest;
    const inSubnet = new RegExp(`^192\\.168\\.${network.octet}\\.\\d+$`);
    // The guest's DHCP exchange with dnsmasq is traffic on the bridge: the host has a neighbour entry.
    const a = await waitFor('the lease address', async () => {
      const r = await guest.addresses.query({ hostId, uuid: guestUuid });
      return r.addresses.some((x) => x.sources.includes('lease')) ? r : undefined;
    });
    const arp = a.unavailable.arp;
    if (arp) ctx.skip(`libvirt cannot read this host's ARP table: ${arp.reason} (${arp.code})`);
    const row = a.addresses.find((x) => x.type === 'ipv4' && inSubnet.test(x.address));
    expect(row?.sources).toContain('arp');
  });

  it('says why a domain without an agent channel has no agent address and no agent info', async () => {
    const guest = bff.client(viewer).guest;
    const a = await guest.addresses.query({ hostId, uuid: bareUuid });
    expect(a.addresses).toEqual([]);
    expect(a.unavailable.agent).toEqual({ reason: expect.stringContaining('no guest agent'), code: 'ERR_ARGUMENT_UNSUPPORTED' });
    const info = await guest.info.query({ hostId, uuid: bareUuid });
    expect(info).toEqual({ available: false, reason: expect.stringContaining('no guest agent'), code: 'ERR_ARGUMENT_UNSUPPORTED' });
    // Asking the agent to act is a refusal the user sees.
    expect((await failureOf(bff.client(operator).guest.reboot.mutate({ hostId, uuid: bareUuid }))).code).toBe('BAD_REQUEST');
  });

  it("sweeps the 1,000-VM test-driver host's running VMs for the list; the agent info it lacks is a reason", async () => {
    const host = await bff.client(admin).host.add.mutate({ name: uniqueName('node'), uri: testNodeUri() });
    try {
      const list = await bff.client(admin).domain.list.query({ hostId: host.id });
      const running = list.filter((d) => d.state === 'running').map((d) => d.uuid);
      const all = await bff.client(admin).guest.hostAddresses.query({ hostId: host.id });
      // Only running VMs are asked; the test driver's guests have no NICs, so no addresses.
      expect(Object.keys(all).sort()).toEqual([...running].sort());
      expect(Object.values(all).every((a) => a.addresses.length === 0)).toBe(true);
      const info = await bff.client(admin).guest.info.query({ hostId: host.id, uuid: running[0]! });
      expect(info).toEqual({ available: false, reason: "not supported by this host's libvirt", code: 'ERR_NO_SUPPORT' });
    } finally {
      await bff.client(admin).host.remove.mutate({ hostId: host.id });
    }
  });

  it('reboots and shuts down through the agent for operators, audited; viewers may not', { timeout: 3 * BOOT_DEADLINE_MS }, async () => {
    expect((await failureOf(bff.client(viewer).guest.reboot.mutate({ hostId, uuid: guestUuid }))).code).toBe('FORBIDDEN');
    const op = bff.client(operator).guest;
    // The agent answers (the first test waited for it; this one may run alone).
    await waitFor('the guest agent', async () => ((await op.info.query({ hostId, uuid: guestUuid })).available ? true : undefined));
    // The guest restarts (qemu-ga runs shutdown -r): QEMU's reset is libvirt's reboot event.
    const lv = await Libvirt.connect(qemuUri());
    try {
      const reboots = await lv.events.reboot({ dom: guestName });
      try {
        const next = reboots[Symbol.asyncIterator]().next();
        await op.reboot.mutate({ hostId, uuid: guestUuid });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${guestName} to reboot`)), BOOT_DEADLINE_MS)));
        await Promise.race([next, late]).finally(() => clearTimeout(timer));
      } finally {
        await reboots.unsubscribe();
      }
    } finally {
      await lv.close();
    }
    await waitFor('the agent back after the reboot', async () => ((await op.info.query({ hostId, uuid: guestUuid })).available ? true : undefined));

    await op.shutdown.mutate({ hostId, uuid: guestUuid });
    await waitFor(`${guestName} to power off`, () => Promise.resolve(virsh('domstate', guestName).trim() === 'shut off' ? true : undefined));

    const audit = await bff.client(admin).audit.list.query({ objectType: 'domain', limit: 20 });
    const actions = audit.items.filter((r) => r.objectName === guestUuid && r.result === 'ok').map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['agent-reboot', 'agent-shutdown']));
  });
});
