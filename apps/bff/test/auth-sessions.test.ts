// Sessions, cookies and CSRF, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import {
  checkCsrf,
  clearSessionCookie,
  createSession,
  hashToken,
  parseCookies,
  pruneExpiredSessions,
  resolveSession,
  revokeAllForUser,
  revokeSession,
  SESSION_DEFAULTS,
  sessionCookie,
} from '../src/auth/sessions.js';
import { createUser, disableUser, enableUser } from '../src/auth/users.js';
import { setupBackends } from './postgres.js';

const PW = 'a long enough password';
const HOUR = 60 * 60 * 1000;

function clockAt(start: number) {
  const c = { now: start, clock: () => c.now };
  return c;
}

describe.each(setupBackends())('sessions on $name', (backend) => {
  it('creates a session storing only the token hash', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'alice', password: PW });
    const t = clockAt(1_000_000);
    const s = await createSession(db, u, { ip: '10.0.0.1', userAgent: 'test' }, { clock: t.clock });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt).toBe(1_000_000 + SESSION_DEFAULTS.idleTtlMs);
    const rows = await db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashToken(s.token));
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(s.token);

    const r = await resolveSession(db, s.token, { clock: t.clock });
    expect(r?.user).toEqual(u);
    expect(r?.session).toMatchObject({ userId: u.id, csrfToken: s.csrfToken, ip: '10.0.0.1', userAgent: 'test' });
  });

  it('rejects unknown and malformed tokens', async () => {
    const { db } = await backend.open();
    expect(await resolveSession(db, undefined)).toBeNull();
    expect(await resolveSession(db, '')).toBeNull();
    expect(await resolveSession(db, 'x'.repeat(43))).toBeNull();
    expect(await resolveSession(db, "'; drop table users; --")).toBeNull();
  });

  it('expires after the idle time, sliding with use, up to the maximum age', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'bob', password: PW });
    const t = clockAt(0);
    const opts = { clock: t.clock, idleTtlMs: 2 * HOUR, maxTtlMs: 5 * HOUR, touchIntervalMs: 60_000 };
    const s = await createSession(db, u, {}, opts);

    t.now = 30_000; // within the touch interval: no write
    expect((await resolveSession(db, s.token, opts))?.session.lastSeenAt).toBe(0);
    t.now = 1.5 * HOUR; // slides the expiry to 3.5 h
    expect((await resolveSession(db, s.token, opts))?.session.expiresAt).toBe(3.5 * HOUR);
    t.now = 3 * HOUR; // still alive thanks to the slide
    expect(await resolveSession(db, s.token, opts)).not.toBeNull();
    t.now = 4.5 * HOUR; // expiry capped at the 5 h maximum
    expect((await resolveSession(db, s.token, opts))?.session.expiresAt).toBe(5 * HOUR);
    t.now = 5 * HOUR;
    expect(await resolveSession(db, s.token, opts)).toBeNull();
    // The expired session was deleted on the way.
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('expires an idle session', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'carol', password: PW });
    const t = clockAt(0);
    const s = await createSession(db, u, {}, { clock: t.clock });
    t.now = SESSION_DEFAULTS.idleTtlMs - 1;
    expect(await resolveSession(db, s.token, { clock: () => SESSION_DEFAULTS.idleTtlMs })).toBeNull();
  });

  it('ignores sessions of disabled users', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'dave', password: PW });
    const s = await createSession(db, u);
    // Disabled behind the store's back (disableUser also deletes sessions).
    await db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute();
    expect(await resolveSession(db, s.token)).toBeNull();
    await enableUser(db, u.id);
    expect(await resolveSession(db, s.token)).not.toBeNull();
    await disableUser(db, u.id);
    await enableUser(db, u.id);
    expect(await resolveSession(db, s.token)).toBeNull();
  });

  it('revokes one session or all of a user', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'erin', password: PW });
    const other = await createUser(db, { username: 'frank', password: PW });
    const a = await createSession(db, u);
    const b = await createSession(db, u);
    const c = await createSession(db, other);
    expect(await revokeSession(db, a.token)).toBe(true);
    expect(await revokeSession(db, a.token)).toBe(false);
    expect(await resolveSession(db, a.token)).toBeNull();
    expect(await resolveSession(db, b.token)).not.toBeNull();
    expect(await revokeAllForUser(db, u.id)).toBe(1);
    expect(await resolveSession(db, b.token)).toBeNull();
    expect(await resolveSession(db, c.token)).not.toBeNull();
  });

  it('prunes expired sessions', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'gina', password: PW });
    await createSession(db, u, {}, { clock: () => 0, idleTtlMs: 1000 });
    const live = await createSession(db, u, {}, { clock: () => 0, idleTtlMs: 10_000 });
    expect(await pruneExpiredSessions(db, () => 5000)).toBe(1);
    expect(await resolveSession(db, live.token, { clock: () => 5000 })).not.toBeNull();
  });
});

describe('cookies', () => {
  it('builds the session cookie', () => {
    expect(sessionCookie('tok', { secure: false, maxAgeSeconds: 3600 })).toBe(
      'vd_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600',
    );
    expect(sessionCookie('tok', { secure: true })).toBe(
      'vd_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=604800; Secure',
    );
    expect(clearSessionCookie()).toBe('vd_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
    expect(clearSessionCookie({ secure: true })).toContain('; Secure');
  });

  it('parses a Cookie header', () => {
    expect(parseCookies(undefined)).toEqual({});
    const c = parseCookies('a=1; vd_session=abc_-; b="quoted"; c=%20x; bad=%zz; noeq; vd_session=second');
    expect({ ...c }).toEqual({ a: '1', vd_session: 'abc_-', b: 'quoted', c: ' x', bad: '%zz' });
    expect(parseCookies('__proto__=x; toString=y').toString).toBe('y');
  });
});

describe('csrf', () => {
  const session = { csrfToken: 'the-csrf-token-value' };
  it('accepts only the exact token', () => {
    expect(checkCsrf(session, 'the-csrf-token-value')).toBe(true);
    expect(checkCsrf(session, 'the-csrf-token-valuf')).toBe(false);
    expect(checkCsrf(session, 'short')).toBe(false);
    expect(checkCsrf(session, '')).toBe(false);
    expect(checkCsrf(session, undefined)).toBe(false);
    expect(checkCsrf(session, null)).toBe(false);
    expect(checkCsrf(session, ['the-csrf-token-value', 'x'])).toBe(false);
  });
});
