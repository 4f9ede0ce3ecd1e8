// Signing in, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { login, LoginError } from '../src/auth/login.js';
import { resolveSession } from '../src/auth/sessions.js';
import { createUser, disableUser } from '../src/auth/users.js';
import { setupBackends } from './postgres.js';

const PW = 'a long enough password';

function clockAt(start: number) {
  const c = { now: start, clock: () => c.now };
  return c;
}

describe.each(setupBackends())('login on $name', (backend) => {
  it('signs in with the right password (any username case)', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'alice', password: PW });
    const res = await login(db, { username: 'Alice', password: PW, ip: '10.0.0.1', userAgent: 'ua' });
    expect(res.user).toEqual(u);
    const r = await resolveSession(db, res.token);
    expect(r?.user.id).toBe(u.id);
    expect(r?.session).toMatchObject({ ip: '10.0.0.1', userAgent: 'ua', csrfToken: res.csrfToken });
  });

  it('fails the same way for a wrong password, an unknown user and a disabled user', async () => {
    const { db } = await backend.open();
    await createUser(db, { username: 'admin', password: PW, role: 'admin' });
    const bob = await createUser(db, { username: 'bob', password: PW });
    await disableUser(db, bob.id);
    const attempts = [
      { username: 'admin', password: 'wrong password here' },
      { username: 'nobody', password: PW },
      { username: 'x', password: PW }, // not even a valid username
      { username: 'bob', password: PW },
      { username: 'admin', password: PW + 'x'.repeat(5000) }, // over the length cap
    ];
    const messages = new Set<string>();
    for (const a of attempts) {
      const err = await login(db, { ...a, ip: '10.0.0.1' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LoginError);
      expect((err as LoginError).reason).toBe('invalid_credentials');
      messages.add((err as LoginError).message);
    }
    expect([...messages]).toEqual(['invalid username or password']);
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('throttles after 5 failures, even with the right password, and a success resets', async () => {
    const { db } = await backend.open();
    await createUser(db, { username: 'carol', password: PW });
    const t = clockAt(1_000_000);
    const opts = { session: { clock: t.clock } };
    const ip = '10.0.0.7';

    for (let i = 0; i < 4; i++) {
      await expect(login(db, { username: 'carol', password: 'nope nope nope', ip }, opts)).rejects.toMatchObject({
        reason: 'invalid_credentials',
      });
    }
    await login(db, { username: 'carol', password: PW, ip }, opts); // resets the count
    for (let i = 0; i < 5; i++) {
      await expect(login(db, { username: 'carol', password: 'nope nope nope', ip }, opts)).rejects.toMatchObject({
        reason: 'invalid_credentials',
      });
    }
    const err = await login(db, { username: 'carol', password: PW, ip }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginError);
    expect(err).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: 15 * 60 });

    t.now += 15 * 60 * 1000;
    const ok = await login(db, { username: 'carol', password: PW, ip }, opts);
    expect(ok.user.username).toBe('carol');
  });
});
