// The domain facade against the real libvirtd (qemu driver, TCG guests without disks, and the
// test driver's 1,000-guest node). Every object made here has a unique name and is removed in
// afterAll, even when a test fails.
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoDomain, isNoSupport, isOperationInvalid } from '../../src/facade/errors.js';
import type { DomainLifecycleEvent, EventStream } from '../../src/facade/events.js';
import { formatVersion } from '../../src/facade/version.js';
import { remoteProcedures as rp } from '../../src/gen/index.js';
import { daemon } from './daemon.js';
import { nextMatching, takeUntil } from './events.js';

function guestXml(name: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><bootmenu enable='yes' timeout='15000'/><bios useserial='yes'/></os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
  </devices>
</domain>`;
}

/** `sub` appears in `all` in this order (other items may come between). */
function inOrder<T>(all: T[], sub: T[], eq: (a: T, b: T) => boolean): boolean {
  let i = 0;
  for (const x of all) if (i < sub.length && eq(x, sub[i]!)) i++;
  return i === sub.length;
}

/** Removes a guest whatever its state; missing is fine. */
async function removeGuest(lv: Libvirt, name: string): Promise<void> {
  await lv.domains.destroy(name).catch(() => undefined);
  await lv.domains.undefine(name, ['MANAGED_SAVE', 'SNAPSHOTS_METADATA', 'NVRAM']).catch((e: unknown) => {
    if (!isNoDomain(e)) throw e;
  });
}

describe('domains on the qemu driver', () => {
  let lv: Libvirt;
  const names: string[] = [];
  const newName = (p: string): string => {
    const n = daemon.uniqueName(p);
    names.push(n);
    return n;
  };

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
  });
  afterAll(async () => {
    // lv is unset only when beforeAll failed, which vitest reports on its own.
    if (lv) {
      for (const n of names) await removeGuest(lv, n);
      await lv.close();
    }
  });

  it('host: node info, memory, capabilities, versions', async () => {
    const [node, free, caps, maxVcpus, hostname, versions] = await Promise.all([
      lv.host.nodeInfo(),
      lv.host.freeMemory(),
      lv.host.capabilitiesXml(),
      lv.host.maxVcpus(),
      lv.host.hostname(),
      lv.host.versions(),
    ]);
    expect(node.cpus).toBeGreaterThan(0);
    expect(node.memoryKiB).toBeGreaterThan(0);
    expect(node.model.length).toBeGreaterThan(0);
    expect(free).toBeGreaterThan(0);
    expect(caps).toContain('<capabilities>');
    expect(maxVcpus).toBeGreaterThan(0);
    expect(hostname.length).toBeGreaterThan(0);
    expect(versions.libvirt).toMatch(/^\d+\.\d+\.\d+$/);
    expect(versions.hypervisor.type).toBe('QEMU');
  });

  it('a TCG guest: define, start, suspend, resume, destroy, undefine, with lifecycle events in order', async () => {
    const name = newName('life');
    const events: EventStream<DomainLifecycleEvent> = await lv.events.domainLifecycle();
    const it = events[Symbol.asyncIterator]();
    try {
      const dom = await lv.domains.define(guestXml(name));
      expect(dom.name).toBe(name);
      const uuid = (await lv.domains.get(name)).uuid;
      expect((await lv.domains.getState(uuid)).state).toBe('shutoff');
      expect(await lv.domains.getXml(uuid, { inactive: true })).toContain(`<name>${name}</name>`);

      const running = await lv.domains.start(uuid);
      expect(running.id).toBeGreaterThan(0);
      expect(await lv.domains.getState(name)).toMatchObject({ state: 'running', reason: 'booted' });
      // Starting twice is refused with OPERATION_INVALID.
      expect(isOperationInvalid(await lv.domains.start(name).catch((e: unknown) => e))).toBe(true);
      expect(await lv.domains.getXml(running)).toMatch(/<graphics type='vnc' port='\d+'/);

      await lv.domains.suspend(name);
      expect(await lv.domains.getState(name)).toMatchObject({ state: 'paused', reason: 'user' });
      await lv.domains.resume(name);
      expect((await lv.domains.getState(name)).state).toBe('running');

      const summary = (await lv.domains.list()).find((d) => d.name === name);
      expect(summary).toMatchObject({ state: 'running', vcpus: 1, maxMemoryKiB: 65536 });

      const [stats] = await lv.domains.stats({ domains: [name], groups: ['state', 'cpu_total', 'balloon', 'vcpu'] });
      expect(stats?.domain).toEqual({ name, uuid });
      expect(stats?.stats).toMatchObject({ 'state.state': 1, 'vcpu.current': 1 });
      expect(typeof stats?.stats['cpu.time']).toBe('number');

      await lv.domains.destroy(name);
      expect(await lv.domains.getState(name)).toMatchObject({ state: 'shutoff', reason: 'destroyed' });
      await lv.domains.undefine(name);
      expect(isNoDomain(await lv.domains.lookup(name).catch((e: unknown) => e))).toBe(true);

      const evs = await takeUntil(it, (e) => e.domain.name === name, (e) => e.event === 'undefined');
      expect(evs.every((e) => e.domain.uuid === uuid)).toBe(true);
      const got = evs.map((e) => `${e.event}/${e.detail}`);
      const wanted = ['defined/added', 'started/booted', 'suspended/paused', 'resumed/unpaused', 'stopped/destroyed', 'undefined/removed'];
      expect(inOrder(got, wanted, (a, b) => a === b), got.join(', ')).toBe(true);
      // The qemu driver adds two of its own: 'resumed/unpaused' when it lets the vCPUs run at
      // start (before 'started/booted') and 'shutdown/host' when destroy signals qemu (before
      // 'stopped/destroyed'). Nothing else comes.
      expect(got.filter((e) => !wanted.includes(e)).every((e) => e === 'shutdown/host'), got.join(', ')).toBe(true);
    } finally {
      await events.unsubscribe();
    }
    expect(events.active).toBe(false);
    // Idempotent: a second unsubscribe neither throws nor calls the daemon again.
    await events.unsubscribe();
    expect((await it.next()).done).toBe(true);
  });

  it('a list leaves out the domains undefined while it reads their info, instead of failing', async () => {
    // The undefines are sent right behind the list call, so most land between the list's answer
    // and its info calls (the daemon's workers may order them otherwise: each round checks both).
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 20 }, (_, i) => newName(`vanish${round}x${i}`));
      for (const n of batch) await lv.domains.define(guestXml(n));
      const listing = lv.domains.list();
      await Promise.all(batch.map((n) => lv.domains.undefine(n)));
      // It answers (no 'Domain not found' for the whole list), and what it names of the batch existed.
      const listed = (await listing).filter((d) => batch.includes(d.name));
      for (const d of listed) expect(d.uuid).toMatch(/^[0-9a-f-]{36}$/);
      for (const d of await lv.domains.list()) expect(batch).not.toContain(d.name);
    }
  });

  it('autostart, reset with a reboot event, graphics events, and a domain-filtered subscription', async () => {
    const name = newName('auto');
    await lv.domains.define(guestXml(name));
    expect(await lv.domains.getAutostart(name)).toBe(false);
    await lv.domains.setAutostart(name, true);
    expect(await lv.domains.getAutostart(name)).toBe(true);
    await lv.domains.setAutostart(name, false);

    const events = await lv.events.domainLifecycle({ dom: name });
    const reboots = await lv.events.reboot({ dom: name });
    try {
      await lv.domains.start(name);
      const graphics = await lv.events.graphics({ dom: name });
      try {
        // A VNC client that connects and leaves: CONNECT then DISCONNECT.
        const port = Number(/<graphics type='vnc' port='(\d+)'/.exec(await lv.domains.getXml(name))?.[1]);
        const sock = net.connect(port, '127.0.0.1');
        await once(sock, 'data'); // the RFB banner
        sock.destroy();
        const g = graphics[Symbol.asyncIterator]();
        expect(await nextMatching(g)).toMatchObject({ domain: { name }, phase: 'connect', remote: { family: 'ipv4', node: '127.0.0.1' } });
        expect(await nextMatching(g)).toMatchObject({ phase: 'disconnect' });
      } finally {
        await graphics.unsubscribe();
      }
      // qemu's RESET is libvirt's REBOOT event.
      await lv.domains.reset(name);
      expect(await nextMatching(reboots[Symbol.asyncIterator]())).toMatchObject({ domain: { name } });
      await lv.domains.destroy(name);
      const it = events[Symbol.asyncIterator]();
      const got = await takeUntil(it, (e) => e.domain.name === name, (e) => e.event === 'stopped');
      expect(inOrder(got.map((e) => e.event), ['started', 'stopped'], (a, b) => a === b)).toBe(true);
      expect(got.every((e) => e.domain.name === name)).toBe(true);
    } finally {
      await events.unsubscribe();
      await reboots.unsubscribe();
    }
  });

  it('a procedure newer than the daemon is refused with an isNoSupport error', async (ctx) => {
    const { lib_ver } = await lv.call(rp.connectGetLibVersion, undefined);
    // REMOTE_PROC_DOMAIN_SET_AUTOSTART_ONCE (450) exists from libvirt 11.2.
    ctx.skip(lib_ver >= 11_002_000n, `libvirt ${formatVersion(lib_ver)} knows procedure 450: no procedure newer than this daemon to call`);
    const name = newName('newer');
    await lv.domains.define(guestXml(name));
    const { dom } = await lv.call(rp.domainLookupByName, { name });
    // libvirt 9.0 answers VIR_ERR_RPC from VIR_FROM_RPC ("unknown procedure: 450"), not NO_SUPPORT.
    const e = await lv.call(rp.domainSetAutostartOnce, { dom, autostart: 1 }).catch((e: unknown) => e);
    expect(isNoSupport(e)).toBe(true);
    // Nothing changed, and the connection goes on.
    expect(await lv.domains.getAutostart(name)).toBe(false);
  });

  it('a console both ways: SeaBIOS offers its boot menu on the serial port, ESC opens it', async () => {
    const name = newName('cons');
    await lv.domains.define(guestXml(name));
    await lv.domains.start(name, ['START_PAUSED']);
    const con = await lv.openConsole(name, null, ['FORCE']);
    try {
      let text = '';
      let onText = (): void => undefined;
      con.readable.on('data', (c: Buffer) => {
        text += c.toString('latin1');
        onText();
      });
      /** Resolves once the console has printed `s` (a hang fails at the test's timeout). */
      const printed = (s: string): Promise<void> =>
        new Promise((resolve) => {
          onText = () => {
            if (text.includes(s)) resolve();
          };
          onText();
        });
      const menuOffered = printed('Press ESC for boot menu');
      await lv.domains.resume(name);
      await menuOffered;
      const menuShown = printed('Select boot device');
      await con.write(new Uint8Array([0x1b]));
      await menuShown;
    } finally {
      con.close();
      await lv.domains.destroy(name);
    }
    // The connection goes on after the console closed.
    expect((await lv.domains.getState(name)).state).toBe('shutoff');
  });
});

describe('domains on the test driver', () => {
  it('lists 1,000 domains with state, and bulk stats for all of them', async () => {
    const lv = await Libvirt.connect(daemon.testUnixUri(`${daemon.state}/test-node-1000.xml`));
    try {
      const list = await lv.domains.list();
      expect(list).toHaveLength(1000);
      expect(new Set(list.map((d) => d.uuid)).size).toBe(1000);
      for (const d of list) expect(['running', 'paused', 'shutoff']).toContain(d.state);
      const stats = await lv.domains.stats({ groups: ['state'] });
      expect(stats).toHaveLength(1000);
      const byName = new Map(list.map((d) => [d.name, d.state]));
      for (const s of stats) expect(typeof s.stats['state.state']).toBe('number');
      expect(byName.size).toBe(1000);
    } finally {
      await lv.close();
    }
  });
});
