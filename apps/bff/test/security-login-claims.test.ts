// Login attempts are claimed before the password check (security issue 13, item 2), on SQLite
// and PostgreSQL: attempts made at once cannot all pass, a refused one is taken back, and
// withdrawing one attempt leaves another made in the same millisecond counted.
import { describe, expect, it } from 'vitest';
import { claimLoginAttempt, withdrawLoginAttempt } from '../src/auth/rate-limit.js';
import { setupBackends } from './postgres.js';

const at = (now: number) => ({ clock: () => now });

describe.each(setupBackends())('login attempt claims on $name', (backend) => {
  it('lets at most 5 of 20 simultaneous attempts through', async () => {
    const { db } = await backend.open();
    const who = { username: 'alice', ip: '10.0.0.1' };
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimLoginAttempt(db, who, at(1_000))));
    expect(claims.filter((c) => c.allowed).length).toBeLessThanOrEqual(5);
    // Refused claims were taken back: only the allowed ones stay counted, twice (user+ip, ip).
    const rows = await db.selectFrom('login_attempts').select('key').execute();
    expect(rows).toHaveLength(2 * claims.filter((c) => c.allowed).length);
  });

  it('refuses the 6th attempt in the window and says when to come back', async () => {
    const { db } = await backend.open();
    const who = { username: 'bob', ip: '10.0.0.2' };
    for (let i = 0; i < 5; i++) expect((await claimLoginAttempt(db, who, at(60_000 * i))).allowed).toBe(true);
    // The first left at 0 and leaves the 15-minute window at 15 min: 11 minutes after 4 min.
    expect(await claimLoginAttempt(db, who, at(4 * 60_000))).toEqual({ allowed: false, retryAfterSeconds: 11 * 60 });
    expect((await claimLoginAttempt(db, who, at(15 * 60_000))).allowed).toBe(true);
  });

  it('withdraws one attempt, not its twin from the same millisecond', async () => {
    const { db } = await backend.open();
    const who = { username: 'carol', ip: '10.0.0.3' };
    const first = await claimLoginAttempt(db, who, at(5_000));
    await claimLoginAttempt(db, who, at(5_000));
    expect(first.allowed).toBe(true);
    await withdrawLoginAttempt(db, who, 5_000);
    const rows = await db.selectFrom('login_attempts').select(['key', 'at']).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});
