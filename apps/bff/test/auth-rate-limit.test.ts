// Login throttling, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from '../src/auth/rate-limit.js';
import { setupBackends } from './postgres.js';

const MIN = 60 * 1000;

function clockAt(start: number) {
  const c = { now: start, clock: () => c.now };
  return c;
}

describe.each(setupBackends())('rate limit on $name', (backend) => {
  it('blocks a username+ip after 5 failures until the window passes', async () => {
    const { db } = await backend.open();
    const t = clockAt(1_000_000);
    const who = { username: 'alice', ip: '10.0.0.1' };
    for (let i = 0; i < 4; i++) {
      await recordLoginFailure(db, who, { clock: t.clock });
      t.now += MIN;
    }
    expect(await checkLoginAllowed(db, who, { clock: t.clock })).toEqual({ allowed: true });
    await recordLoginFailure(db, who, { clock: t.clock }); // 5th, at +4 min
    const blocked = await checkLoginAllowed(db, who, { clock: t.clock });
    // The first failure (at +0) leaves the 15-minute window at +15 min: 11 minutes from now.
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 11 * 60 });
    // Other users and other ips are not affected; usernames match case-insensitively.
    expect(await checkLoginAllowed(db, { username: 'bob', ip: '10.0.0.1' }, { clock: t.clock })).toEqual({ allowed: true });
    expect(await checkLoginAllowed(db, { username: 'alice', ip: '10.0.0.2' }, { clock: t.clock })).toEqual({ allowed: true });
    expect((await checkLoginAllowed(db, { username: 'ALICE', ip: '10.0.0.1' }, { clock: t.clock })).allowed).toBe(false);

    t.now = 1_000_000 + 15 * MIN - 1;
    expect((await checkLoginAllowed(db, who, { clock: t.clock })).allowed).toBe(false);
    t.now = 1_000_000 + 15 * MIN;
    expect(await checkLoginAllowed(db, who, { clock: t.clock })).toEqual({ allowed: true });
  });

  it('clears a username+ip after success, but not the ip count', async () => {
    const { db } = await backend.open();
    const t = clockAt(0);
    const rules = [
      { scope: 'username+ip' as const, max: 2, windowMs: 10 * MIN },
      { scope: 'ip' as const, max: 3, windowMs: 10 * MIN },
    ];
    const alice = { username: 'alice', ip: '1.2.3.4' };
    await recordLoginFailure(db, alice, { clock: t.clock, rules });
    await recordLoginFailure(db, alice, { clock: t.clock, rules });
    expect((await checkLoginAllowed(db, alice, { clock: t.clock, rules })).allowed).toBe(false);
    await clearLoginFailures(db, alice);
    expect((await checkLoginAllowed(db, alice, { clock: t.clock, rules })).allowed).toBe(true);
    // The ip still has 2 of its 3; one more from any username blocks the ip.
    await recordLoginFailure(db, { username: 'zed', ip: '1.2.3.4' }, { clock: t.clock, rules });
    expect(await checkLoginAllowed(db, { username: 'new', ip: '1.2.3.4' }, { clock: t.clock, rules })).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
  });

  it('blocks an ip after 50 failures across usernames', async () => {
    const { db } = await backend.open();
    const t = clockAt(0);
    for (let i = 0; i < 50; i++) await recordLoginFailure(db, { username: `user${i}`, ip: '9.9.9.9' }, { clock: t.clock });
    expect((await checkLoginAllowed(db, { username: 'fresh', ip: '9.9.9.9' }, { clock: t.clock })).allowed).toBe(false);
    expect((await checkLoginAllowed(db, { username: 'fresh', ip: '9.9.9.8' }, { clock: t.clock })).allowed).toBe(true);
  });

  it('drops attempts older than the window', async () => {
    const { db } = await backend.open();
    const t = clockAt(0);
    await recordLoginFailure(db, { username: 'a', ip: 'x' }, { clock: t.clock });
    t.now = 16 * MIN;
    await recordLoginFailure(db, { username: 'b', ip: 'y' }, { clock: t.clock });
    const rows = await db.selectFrom('login_attempts').select('at').execute();
    expect(rows.every((r) => r.at === 16 * MIN)).toBe(true);
  });
});
