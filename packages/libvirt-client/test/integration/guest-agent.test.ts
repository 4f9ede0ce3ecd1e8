// A guest that boots a real OS (scripts/guest-image.sh: a Debian kernel, busybox and Debian's
// qemu-ga, through @virtdeck/test-kit/guest-image), under TCG on the real libvirtd: the agent
// answers through libvirt (the QEMU program's agent command, and the remote procedures that go
// through the agent: interface addresses, fs-freeze/thaw, shutdown), the serial console gives a
// shell, and the guest powers itself off (or restarts) when asked through the agent or the ACPI
// power button.
// Every guest has a unique name and is removed in afterAll, even when a test fails.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bootableGuestXml, GUEST_BANNER, guestHostname, guestImage, guestPrompt } from '@virtdeck/test-kit/guest-image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode, isNoDomain } from '../../src/facade/errors.js';
import { Libvirt } from '../../src/facade/libvirt.js';
import { qemuProcedures as qp, remoteProcedures as rp, VirDomainInterfaceAddressesSource, VirIPAddrType } from '../../src/gen/index.js';
import { daemon } from './daemon.js';

/** Generous: TCG on a shared 2-core machine; the boot itself takes seconds when idle. */
const BOOT_DEADLINE_MS = 100_000;
/** A test boots a guest and waits for it more than once: room for each wait's deadline. */
const TEST_TIMEOUT_MS = 4 * BOOT_DEADLINE_MS;

/** Polls `probe` until it returns a value (not undefined), failing with `what` after `ms`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = BOOT_DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The agent is not up yet: libvirt has no agent connection, or it is still syncing with it. */
const agentNotReady = (e: unknown): boolean =>
  hasErrorCode(e, 'ERR_AGENT_UNRESPONSIVE') || hasErrorCode(e, 'ERR_AGENT_UNSYNCED') || hasErrorCode(e, 'ERR_AGENT_COMMAND_TIMEOUT');

/** One guest-agent command through libvirt (virDomainQemuAgentCommand); its "return" member. */
async function agentCommand(lv: Libvirt, name: string, execute: string, args?: Record<string, unknown>): Promise<unknown> {
  const dom = await lv.domains.lookup(name);
  const cmd = JSON.stringify(args ? { execute, arguments: args } : { execute });
  const { result } = await lv.call(qp.domainAgentCommand, { dom, cmd, timeout: 10, flags: 0 });
  const reply: unknown = JSON.parse(result ?? 'null');
  if (typeof reply !== 'object' || reply === null || !('return' in reply)) throw new Error(`agent reply without "return": ${result}`);
  return reply.return;
}

/** Waits until the agent answers guest-ping. */
async function waitForAgent(lv: Libvirt, name: string): Promise<void> {
  await waitFor(`the guest agent of ${name}`, async () => {
    try {
      await agentCommand(lv, name, 'guest-ping');
      return true;
    } catch (e) {
      if (agentNotReady(e)) return undefined;
      throw e;
    }
  });
}

/** The next item of an event stream, failing with `what` after `ms`. */
async function nextEvent<T>(events: AsyncIterator<T>, what: string, ms = BOOT_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    const r = await Promise.race([events.next(), timeout]);
    if (r.done) throw new Error(`the event stream ended before ${what}`);
    return r.value;
  } finally {
    clearTimeout(timer);
  }
}

async function waitForShutoff(lv: Libvirt, name: string): Promise<string | null> {
  return waitFor(`${name} to power off`, async () => {
    const s = await lv.domains.getState(name);
    return s.state === 'shutoff' ? s.reason : undefined;
  });
}

async function removeGuest(lv: Libvirt, name: string): Promise<void> {
  await lv.domains.destroy(name).catch(() => undefined);
  await lv.domains.undefine(name).catch((e: unknown) => {
    if (!isNoDomain(e)) throw e;
  });
}

describe('a guest that boots a real OS, with the QEMU guest agent', () => {
  let lv: Libvirt;
  let tmp: string;
  const names: string[] = [];
  const newName = (p: string): string => {
    const n = daemon.uniqueName(p);
    names.push(n);
    return n;
  };

  beforeAll(async () => {
    guestImage(); // builds it on the first run of this machine (Debian packages, no other download)
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vdtest-guest-'));
  });
  afterAll(async () => {
    await lv?.close().catch(() => undefined);
    // A connection of its own: the tests' one is gone if the daemon restarted meanwhile (the BFF's
    // reconnect test restarts it), and the guests must go all the same.
    const cleanup = await Libvirt.connect(daemon.qemuUnixUri());
    try {
      for (const n of names) await removeGuest(cleanup, n);
    } finally {
      await cleanup.close();
    }
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('boots to a shell on the serial console; the agent answers, reports its OS, NIC address and freezes a file system; guest-shutdown powers it off', { timeout: TEST_TIMEOUT_MS }, async () => {
    const name = newName('agent');
    const host = guestHostname(name);
    await lv.domains.define(bootableGuestXml({ name, nic: 'user' }));
    // Paused first, so the console is open before the guest prints anything.
    await lv.domains.start(name, ['START_PAUSED']);
    const con = await lv.openConsole(name, null, ['FORCE']);
    const chunks: Buffer[] = [];
    con.readable.on('data', (c: Buffer) => chunks.push(c));
    const consoleText = (): string => Buffer.concat(chunks).toString('utf8');
    const consoleShows = (s: string): Promise<true> => waitFor(`"${s}" on the serial console`, () => Promise.resolve(consoleText().includes(s) || undefined));
    try {
      await lv.domains.resume(name);
      await consoleShows(`${GUEST_BANNER}${host}, login shell below`);
      await consoleShows(guestPrompt(name));
      // A real shell: it evaluates what it is sent.
      await con.write('echo vd-$((6*7))\r');
      await consoleShows('vd-42');
    } finally {
      con.close();
    }

    await waitForAgent(lv, name);
    const info = await agentCommand(lv, name, 'guest-info');
    expect(info).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+/) });
    const commands = (info as { supported_commands: { name: string; enabled: boolean }[] }).supported_commands;
    expect(commands.filter((c) => c.enabled).map((c) => c.name)).toEqual(expect.arrayContaining(['guest-shutdown', 'guest-fsfreeze-freeze', 'guest-network-get-interfaces']));
    expect(await agentCommand(lv, name, 'guest-get-osinfo')).toMatchObject({ id: 'virtdeck-demo', 'kernel-release': expect.stringMatching(/-cloud-amd64$/), machine: 'x86_64' });
    expect(await agentCommand(lv, name, 'guest-get-host-name')).toEqual({ 'host-name': host });

    // The NIC's DHCP lease (QEMU's user network answers with 10.0.2.15), read by libvirt from the agent.
    const mac = /<mac address='([0-9a-f:]+)'/.exec(await lv.domains.getXml(name))?.[1];
    const dom = await lv.domains.lookup(name);
    const eth0 = await waitFor('a DHCP address on eth0', async () => {
      const { ifaces } = await lv.call(rp.domainInterfaceAddresses, { dom, source: VirDomainInterfaceAddressesSource.AGENT, flags: 0 });
      const nic = ifaces.find((i) => i.name === 'eth0');
      return nic?.addrs.some((a) => a.type === VirIPAddrType.IPV4) ? nic : undefined;
    });
    expect(eth0.hwaddr).toBe(mac);
    expect(eth0.addrs).toContainEqual({ type: VirIPAddrType.IPV4, addr: '10.0.2.15', prefix: 24 });
    // The same through the facade, by source: the agent knows it; QEMU's user network is no
    // libvirt network, so there is no lease for it.
    const agentNics = await lv.guests.getInterfaceAddresses(name, 'agent');
    expect(agentNics.find((n) => n.name === 'eth0')).toEqual({ name: 'eth0', hwaddr: mac, addresses: expect.arrayContaining([{ type: 'ipv4', address: '10.0.2.15', prefix: 24 }]) });
    expect(await lv.guests.getInterfaceAddresses(name, 'lease')).toEqual([]);

    // virDomainGetGuestInfo: the groups libvirt 9.0 knows, parsed.
    const guest = await lv.guests.getInfo(name, ['OS', 'HOSTNAME', 'TIMEZONE', 'FILESYSTEM', 'USERS']);
    expect(guest.os).toMatchObject({ id: 'virtdeck-demo', kernelRelease: expect.stringMatching(/-cloud-amd64$/), machine: 'x86_64' });
    expect(guest.hostname).toBe(host);
    expect(guest.timezone).toMatchObject({ offsetSeconds: expect.any(Number) });
    expect(guest.fileSystems?.map((f) => f.mountpoint)).toContain('/mnt/data');

    // fs-freeze through libvirt: the guest's one block-backed file system (an ext2 on a loop
    // device, /mnt/data) is frozen, then thawed.
    expect(await lv.call(rp.domainFsfreeze, { dom, mountpoints: [], flags: 0 })).toEqual({ filesystems: 1 });
    expect(await agentCommand(lv, name, 'guest-fsfreeze-status')).toBe('frozen');
    expect(await lv.call(rp.domainFsthaw, { dom, mountpoints: [], flags: 0 })).toEqual({ filesystems: 1 });
    expect(await agentCommand(lv, name, 'guest-fsfreeze-status')).toBe('thawed');

    await lv.domains.shutdown(name, ['GUEST_AGENT']);
    expect(await waitForShutoff(lv, name)).toBe('shutdown');
  });

  it('with a disk and no NIC it boots all the same and sees the disk; the agent reboots it, the ACPI power button powers it off', { timeout: TEST_TIMEOUT_MS }, async () => {
    const name = newName('acpi');
    const disk = path.join(tmp, `${name}.raw`);
    await writeFile(disk, '');
    await truncate(disk, 16 * 1024 * 1024);
    await lv.domains.define(bootableGuestXml({ name, disks: [{ path: disk }] }));
    await lv.domains.start(name);
    // The agent starts after the power-button daemon (rcS), so once it answers, ACPI is handled.
    await waitForAgent(lv, name);
    const dom = await lv.domains.lookup(name);
    const { ifaces } = await lv.call(rp.domainInterfaceAddresses, { dom, source: VirDomainInterfaceAddressesSource.AGENT, flags: 0 });
    expect(ifaces.map((i) => i.name)).toEqual(['lo']);
    const disks = (await agentCommand(lv, name, 'guest-get-disks')) as { name: string }[];
    expect(disks.map((d) => d.name)).toContain('/dev/vda');

    // guest-shutdown's reboot mode (qemu-ga runs `shutdown -h -r +0`): the guest restarts, and
    // qemu's RESET is libvirt's reboot event.
    const reboots = await lv.events.reboot({ dom: name });
    try {
      await lv.domains.reboot(name, ['GUEST_AGENT']);
      expect(await nextEvent(reboots[Symbol.asyncIterator](), `${name} to reboot`)).toMatchObject({ domain: { name } });
    } finally {
      await reboots.unsubscribe();
    }
    expect((await lv.domains.getState(name)).state).toBe('running');
    await waitForAgent(lv, name);

    await lv.domains.shutdown(name, ['ACPI_POWER_BTN']);
    expect(await waitForShutoff(lv, name)).toBe('shutdown');
  });
});
