// A websocket does not outlive its login (security issue 13, item 1): every call over an open
// /trpc socket is judged by the session and user as they are now, and a socket closes when its
// session ends (logout, disabled, deleted) or its user's role or hosts change; a console closes
// when its user may no longer operate on its host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { revokeSession } from '../src/auth/sessions.js';
import { disableUser, setHosts, setRole } from '../src/auth/users.js';
import { ADMIN_PASSWORD, ORIGIN, startTestBff, type SessionCookie, type TestBff } from './harness.js';
import { openRawSocket, type RawSocket } from './security-socket.js';

const PW = 'a long enough password';
const ENDED = 4003;
const ACCESS_CHANGED = 4005;

/** The socket's close code, or a failure if it stays open. */
async function closeCode(s: { closed: Promise<{ code: number }> }, timeoutMs = 10_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the socket stayed open')), timeoutMs)));
  try {
    return (await Promise.race([s.closed, timeout])).code;
  } finally {
    clearTimeout(timer);
  }
}

const tokenOf = (s: SessionCookie) => s.cookie.slice(s.cookie.indexOf('=') + 1);

describe('websockets and sessions', () => {
  let bff: TestBff;
  let admin: SessionCookie;
  const open: RawSocket[] = [];
  let n = 0;

  /** A fresh user signed in, with their id. */
  async function user(role: 'viewer' | 'operator' | 'admin', hostIds: string[] | null = null) {
    const username = `sec-user-${++n}`;
    const u = await bff.client(admin).user.create.mutate({ username, password: PW, role, hostIds });
    return { id: u.id, username, session: await bff.signIn(username, PW) };
  }

  async function socket(session: SessionCookie): Promise<RawSocket> {
    const s = await openRawSocket(bff, session);
    open.push(s);
    return s;
  }

  beforeAll(async () => {
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    for (const s of open) s.close();
    await bff?.close();
  });

  it('logout closes the sockets of that session, and only those', async () => {
    const v = await user('viewer');
    const second = await bff.signIn(v.username, PW);
    const a = await socket(v.session);
    const b = await socket(second);
    expect((await a.call('query', 'auth.me')).result?.data).toMatchObject({ user: { id: v.id } });
    const events = await a.subscribe('live.events', {});
    expect(events.first.result?.type).toBe('started');

    await bff.client(v.session).auth.logout.mutate();
    expect(await closeCode(a)).toBe(ENDED);
    expect((await b.call('query', 'auth.me')).result?.data).toMatchObject({ user: { id: v.id } });
  });

  it('disabling, demoting or taking a host from a user closes their sockets at once', async () => {
    const disabled = await user('operator');
    const demoted = await user('admin');
    const scoped = await user('viewer', [bff.hostId]);
    const sockets = await Promise.all([disabled, demoted, scoped].map((u) => socket(u.session)));
    for (const s of sockets) expect((await s.subscribe('live.events', {})).first.result?.type).toBe('started');

    const adminClient = bff.client(admin);
    await adminClient.user.setDisabled.mutate({ userId: disabled.id, disabled: true });
    await adminClient.user.setRole.mutate({ userId: demoted.id, role: 'viewer' });
    await adminClient.user.setHosts.mutate({ userId: scoped.id, hostIds: [] });
    expect(await Promise.all(sockets.map((s) => closeCode(s)))).toEqual([ENDED, ACCESS_CHANGED, ACCESS_CHANGED]);
  });

  it('judges each call by the session as it is now, even when another replica changed it', async () => {
    // Changes written straight to the database, as another BFF replica would: no socket here
    // hears of them, so only the per-call check stands between them and the open socket.
    const { db } = bff.server.services;

    const signedOut = await user('viewer');
    const s1 = await socket(signedOut.session);
    await revokeSession(db, tokenOf(signedOut.session));
    expect((await s1.call('query', 'auth.me')).result?.data).toBeNull();
    expect(await closeCode(s1)).toBe(ENDED);

    const demoted = await user('admin');
    const s2 = await socket(demoted.session);
    await setRole(db, demoted.id, 'viewer');
    const created = await s2.call('mutation', 'user.create', { username: 'sec-never-made', password: PW, role: 'admin' });
    expect(created.error?.data.code).toBe('FORBIDDEN');
    expect(await closeCode(s2)).toBe(ACCESS_CHANGED);
    const names = (await bff.client(admin).user.list.query()).map((u) => u.username);
    expect(names).not.toContain('sec-never-made');

    const scoped = await user('viewer', [bff.hostId]);
    const s3 = await socket(scoped.session);
    expect((await s3.call('query', 'domain.list', { hostId: bff.hostId })).result?.data).toBeInstanceOf(Array);
    await setHosts(db, scoped.id, []);
    expect((await s3.call('query', 'domain.list', { hostId: bff.hostId })).error?.data.code).toBe('FORBIDDEN');
    expect(await closeCode(s3)).toBe(ACCESS_CHANGED);
  });

  it('the periodic recheck closes an idle socket whose user was changed elsewhere', async () => {
    const v = await user('operator');
    const s = await socket(v.session);
    expect((await s.subscribe('live.events', {})).first.result?.type).toBe('started');
    await disableUser(bff.server.services.db, v.id);
    // What the SessionSockets timer runs every 30 s.
    expect(await bff.server.services.sessionSockets.recheck()).toBeGreaterThanOrEqual(1);
    expect(await closeCode(s)).toBe(ENDED);
  });

  it('refuses sign-in over a websocket (it could set no cookie, and would dodge HTTP limits)', async () => {
    const v = await user('viewer');
    const s = await socket(v.session);
    const answer = await s.call('mutation', 'auth.login', { username: v.username, password: PW });
    expect(answer.error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('an open console and its user', () => {
  const name = uniqueName('sec-console');
  let uuid = '';
  let bff: TestBff;
  let admin: SessionCookie;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-'));
    writeFileSync(
      path.join(dir, 'd.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type arch='x86_64' machine='pc'>hvm</type></os>
        <devices><graphics type='vnc' autoport='yes' listen='127.0.0.1'/><video><model type='cirrus'/></video></devices></domain>`,
    );
    virsh('define', path.join(dir, 'd.xml'));
    rmSync(dir, { recursive: true });
    virsh('start', name);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await bff?.close();
    try {
      virsh('destroy', name);
    } catch {
      // not running
    }
    virsh('undefine', name);
  });

  async function openConsole(session: SessionCookie) {
    const { path: p } = await bff.client(session).console.open.mutate({ hostId: bff.hostId, uuid, kind: 'vnc' });
    const ws = new WebSocket(`${bff.url.replace('http', 'ws')}${p}`, ['binary'], { headers: { origin: ORIGIN, cookie: session.cookie } });
    ws.on('error', () => {});
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    // The VNC server speaks first: its greeting proves the console is through.
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('unexpected-response', (_q, res) => reject(new Error(`console refused: ${res.statusCode}`)));
    });
    return { ws, closed };
  }

  it('closes when its user loses the host, is disabled, or signs out', async () => {
    const c = bff.client(admin);
    const users = await Promise.all(
      ['sec-op-host', 'sec-op-disabled', 'sec-op-logout'].map((username) => c.user.create.mutate({ username, password: PW, role: 'operator', hostIds: [bff.hostId] })),
    );
    const sessions = await Promise.all(users.map((u) => bff.signIn(u.username, PW)));
    const consoles = await Promise.all(sessions.map((s) => openConsole(s)));

    await c.user.setHosts.mutate({ userId: users[0]!.id, hostIds: ['some-other-host'] });
    await c.user.setDisabled.mutate({ userId: users[1]!.id, disabled: true });
    await bff.client(sessions[2]).auth.logout.mutate();
    expect(await Promise.all(consoles.map((x) => closeCode(x)))).toEqual([ACCESS_CHANGED, ENDED, ENDED]);
  });
});
