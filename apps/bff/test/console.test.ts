// The console gateway against a running TCG guest: VNC bytes and the serial console both ways,
// and every way a ticket can be refused.
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd } from '@virtdeck/test-kit/sshd';
import { libvirtSocket, uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, ORIGIN, startTestBff, type SessionCookie, type TestBff } from './harness.js';

interface Opened {
  ws: WebSocket;
  received: () => Buffer;
  closed: Promise<{ code: number; reason: string }>;
}

function openConsole(bff: TestBff, pathWithTicket: string, session: SessionCookie | null, origin = ORIGIN): Promise<Opened | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${bff.url.replace('http', 'ws')}${pathWithTicket}`, ['binary'], {
      headers: { origin, ...(session && { cookie: session.cookie }) },
    });
    const chunks: Buffer[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.on('message', (d: Buffer) => chunks.push(d));
    ws.on('open', () => resolve({ ws, received: () => Buffer.concat(chunks), closed }));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

async function until(pred: () => boolean, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The ssh case needs a throwaway sshd, which only root can start.
const canRunSshd = process.geteuid?.() === 0 && existsSync('/usr/sbin/sshd');

describe('console gateway', () => {
  const name = uniqueName('console');
  let uuid = '';
  let bff: TestBff;
  let op: SessionCookie;
  let other: SessionCookie;

  const ticket = async (s: SessionCookie, kind: 'vnc' | 'serial' | 'spice' = 'vnc') =>
    (await bff.client(s).console.open.mutate({ hostId: bff.hostId, uuid, kind })).path;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
    writeFileSync(
      path.join(dir, 'd.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64' machine='pc'>hvm</type><bootmenu enable='yes' timeout='15000'/><bios useserial='yes'/></os>
        <devices><serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>
        <graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='cirrus'/></video></devices></domain>`,
    );
    virsh('define', path.join(dir, 'd.xml'));
    rmSync(dir, { recursive: true });
    virsh('start', name);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'op2', password: 'operator-password', role: 'operator' });
    op = await bff.signIn('op1', 'operator-password');
    other = await bff.signIn('op2', 'operator-password');
  });

  afterAll(async () => {
    try {
      virsh('destroy', name);
    } catch {
      // already stopped by a test
    }
    virsh('undefine', name);
    await bff?.close();
  });

  it('proxies the VNC server the domain XML names: the RFB greeting arrives', async () => {
    const opened = await bff.client(op).console.open.mutate({ hostId: bff.hostId, uuid, kind: 'vnc' });
    expect(opened.via).toBe('direct');
    const c = await openConsole(bff, opened.path, op);
    if (typeof c === 'number') throw new Error(`refused: ${c}`);
    await until(() => c.received().length >= 12);
    expect(c.received().subarray(0, 12).toString()).toMatch(/^RFB 003\.00\d\n$/);
    c.ws.close();
  });

  it('refuses: no ticket, a used ticket, an expired ticket, another user’s ticket, a foreign Origin, no session', async () => {
    expect(await openConsole(bff, '/console', op)).toBe(403);

    const used = await ticket(op);
    const first = await openConsole(bff, used, op);
    expect(typeof first).toBe('object');
    (first as Opened).ws.close();
    expect(await openConsole(bff, used, op)).toBe(403);

    const expired = await ticket(op);
    await bff.server.services.db.updateTable('console_tickets').set({ expires_at: Date.now() - 1 }).execute();
    expect(await openConsole(bff, expired, op)).toBe(403);

    expect(await openConsole(bff, await ticket(op), other)).toBe(403);
    expect(await openConsole(bff, await ticket(op), op, 'http://evil.example')).toBe(403);
    expect(await openConsole(bff, await ticket(op), null)).toBe(401);
  });

  it('says before any socket what would fail: no SPICE graphics on this domain', async () => {
    await expect(ticket(op, 'spice')).rejects.toThrow(/no SPICE graphics/);
  });

  it('shows the serial console and sends keys back', async () => {
    const c = await openConsole(bff, await ticket(op, 'serial'), op);
    if (typeof c === 'number') throw new Error(`refused: ${c}`);
    // A reset makes SeaBIOS print its banner on the serial port again.
    await bff.client(op).domain.reset.mutate({ hostId: bff.hostId, uuid });
    await until(() => c.received().toString('latin1').includes('Press ESC for boot menu'));
    c.ws.send(Buffer.from([0x1b]));
    await until(() => /Select boot device/i.test(c.received().toString('latin1')));
    c.ws.close();
  });

  it.skipIf(!canRunSshd)('tunnels VNC through the host’s ssh server when the host is reached over qemu+ssh://', async () => {
    const sshd = await startSshd();
    try {
      // Key files only from the BFF's key folder (VIRTDECK_HOST_KEY_DIR).
      const knownHosts = path.join(bff.keyDir, 'known_hosts');
      copyFileSync(await sshd.writeKnownHosts('known_hosts', [`[${sshd.host}]:${sshd.port} ${sshd.hostKeyLine}`]), knownHosts);
      const clientKey = path.join(bff.keyDir, 'client_ed25519');
      copyFileSync(sshd.clientKey, clientKey);
      const q = new URLSearchParams({ keyfile: clientKey, known_hosts: knownHosts, proxy: 'netcat', socket: libvirtSocket() });
      const admin = await bff.signIn('admin', ADMIN_PASSWORD);
      const { id: hostId } = await bff.client(admin).host.add.mutate({ name: 'over-ssh', uri: `qemu+ssh://root@${sshd.host}:${sshd.port}/system?${q.toString()}` });
      try {
        // Two consoles at once: each gets the RFB greeting, and both ride one ssh login beside
        // the libvirt connection's own.
        const consoles = await Promise.all(
          [1, 2].map(async () => {
            const opened = await bff.client(op).console.open.mutate({ hostId, uuid, kind: 'vnc' });
            expect(opened.via).toBe('ssh');
            const c = await openConsole(bff, opened.path, op);
            if (typeof c === 'number') throw new Error(`refused: ${c}`);
            return c;
          }),
        );
        for (const c of consoles) {
          await until(() => c.received().length >= 12);
          expect(c.received().subarray(0, 12).toString()).toMatch(/^RFB 003\.00\d\n$/);
        }
        expect(await sshd.sessionCount()).toBe(2);
        for (const c of consoles) {
          c.ws.close();
          await c.closed;
        }
      } finally {
        await bff.client(admin).host.remove.mutate({ hostId });
      }
    } finally {
      await sshd.stop();
    }
  });

  it('closes the console when the domain stops', async () => {
    const c = await openConsole(bff, await ticket(op), op);
    if (typeof c === 'number') throw new Error(`refused: ${c}`);
    virsh('destroy', name);
    const { code } = await c.closed;
    expect([4000, 4002]).toContain(code);
  });
});
