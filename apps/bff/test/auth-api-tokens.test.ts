// API tokens and their use audit, on SQLite and PostgreSQL: only the hash is stored; a token is
// capped by its role, its hosts and its owner as the owner is now; revoked, expired or a disabled
// owner's tokens are refused; uses are audited, coalesced per window.
import { describe, expect, it } from 'vitest';
import { createApiToken, effectiveUser, hashSecret, listApiTokens, resolveApiToken, revokeApiToken } from '../src/auth/api-tokens.js';
import { TokenUseAudit } from '../src/auth/token-use-audit.js';
import { createUser, disableUser, setHosts, setRole } from '../src/auth/users.js';
import { listAudit } from '../src/audit/audit-log.js';
import { setupBackends } from './postgres.js';

const PW = 'a long enough password';
const DAY = 24 * 60 * 60 * 1000;
const HOSTS = ['h1', 'h2', 'h3'];

describe.each(setupBackends())('API tokens on $name', (backend) => {
  it('stores only the SHA-256 of a 256-bit secret, and shows the secret once', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'alice', password: PW, role: 'operator' });
    const { secret, token } = await createApiToken(db, u, { name: 'ci', role: 'viewer' }, HOSTS, () => 1_000);
    expect(secret).toMatch(/^vdt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'ci', role: 'viewer', hostIds: null, createdAt: 1_000, expiresAt: 1_000 + 90 * DAY, lastUsedAt: null });
    const rows = await db.selectFrom('api_tokens').selectAll().execute();
    expect(rows[0]?.secret_hash).toBe(hashSecret(secret));
    expect(JSON.stringify(rows)).not.toContain(secret.slice(4));
    expect(JSON.stringify(await listApiTokens(db, { userId: u.id }))).not.toContain(secret.slice(4));
  });

  it('refuses a role above the creator’s, hosts outside their scope, and host-limited admin tokens', async () => {
    const { db } = await backend.open();
    const op = await setHosts(db, (await createUser(db, { username: 'oper', password: PW, role: 'operator' })).id, ['h1', 'h2']);
    await expect(createApiToken(db, op, { name: 't', role: 'admin' }, HOSTS)).rejects.toMatchObject({ name: 'ApiTokenScopeError', field: 'role' });
    await expect(createApiToken(db, op, { name: 't', role: 'viewer', hostIds: ['h3'] }, HOSTS)).rejects.toMatchObject({ field: 'hostIds' });
    await expect(createApiToken(db, op, { name: 't', role: 'viewer', hostIds: ['nope'] }, HOSTS)).rejects.toMatchObject({ field: 'hostIds' });
    const admin = await createUser(db, { username: 'root', password: PW, role: 'admin' });
    await expect(createApiToken(db, admin, { name: 't', role: 'admin', hostIds: ['h1'] }, HOSTS)).rejects.toMatchObject({ field: 'hostIds' });
    const ok = await createApiToken(db, op, { name: 't', role: 'operator', hostIds: ['h2'] }, HOSTS);
    expect(ok.token.hostIds).toEqual(['h2']);
  });

  it('acts as the owner capped by the token, judged again at every use', async () => {
    const { db } = await backend.open();
    await createUser(db, { username: 'root', password: PW, role: 'admin' });
    const owner = await createUser(db, { username: 'bob', password: PW, role: 'admin' });
    const { secret } = await createApiToken(db, owner, { name: 'ops', role: 'operator', hostIds: ['h1', 'h2'] }, HOSTS);
    const first = await resolveApiToken(db, secret, { ip: '10.0.0.1' });
    expect(first.ok && first.user).toMatchObject({ id: owner.id, role: 'operator', hostIds: ['h1', 'h2'] });
    // The owner loses a host and is demoted: the token follows.
    await setRole(db, owner.id, 'viewer');
    await setHosts(db, owner.id, ['h2', 'h3']);
    const later = await resolveApiToken(db, secret, { ip: '10.0.0.1' });
    expect(later.ok && later.user).toMatchObject({ role: 'viewer', hostIds: ['h2'] });
    expect(effectiveUser({ ...owner, role: 'operator', hostIds: null }, { role: 'admin', hostIds: null })).toMatchObject({ role: 'operator', hostIds: null });
  });

  it('refuses revoked and expired tokens, tokens of disabled users, and unknown or malformed secrets', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'carol', password: PW, role: 'operator' });
    const other = await createUser(db, { username: 'dave', password: PW, role: 'operator' });
    const admin = await createUser(db, { username: 'root', password: PW, role: 'admin' });
    const t = { now: 1_000_000 };
    const clock = () => t.now;
    const a = await createApiToken(db, u, { name: 'a', role: 'viewer', expiresInDays: 1 }, HOSTS, clock);
    const b = await createApiToken(db, u, { name: 'b', role: 'viewer' }, HOSTS, clock);
    const c = await createApiToken(db, u, { name: 'c', role: 'viewer' }, HOSTS, clock);

    expect((await resolveApiToken(db, a.secret, { ip: 'x' }, clock)).ok).toBe(true);
    t.now += DAY;
    expect(await resolveApiToken(db, a.secret, { ip: 'x' }, clock)).toMatchObject({ ok: false, reason: 'expired' });

    // Someone else's token is not theirs to revoke (and reads as absent); its owner and admins may.
    await expect(revokeApiToken(db, other, b.token.id)).rejects.toMatchObject({ name: 'ApiTokenNotFoundError' });
    expect((await revokeApiToken(db, u, b.token.id, clock)).revokedAt).toBe(t.now);
    expect(await resolveApiToken(db, b.secret, { ip: 'x' }, clock)).toMatchObject({ ok: false, reason: 'revoked' });
    expect((await revokeApiToken(db, admin, c.token.id, clock)).revokedAt).toBe(t.now);

    const d = await createApiToken(db, u, { name: 'd', role: 'viewer' }, HOSTS, clock);
    await disableUser(db, u.id);
    expect(await resolveApiToken(db, d.secret, { ip: 'x' }, clock)).toMatchObject({ ok: false, reason: 'owner-disabled' });
    expect(await resolveApiToken(db, `vdt_${'A'.repeat(43)}`, { ip: 'x' })).toMatchObject({ ok: false, reason: 'unknown' });
    expect(await resolveApiToken(db, 'not-a-token', { ip: 'x' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('writes last_used_at at most once a minute per address', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'erin', password: PW, role: 'viewer' });
    const t = { now: 5_000_000 };
    const clock = () => t.now;
    const { secret, token } = await createApiToken(db, u, { name: 'p', role: 'viewer' }, HOSTS, clock);
    await resolveApiToken(db, secret, { ip: '10.0.0.1' }, clock);
    t.now += 30_000;
    await resolveApiToken(db, secret, { ip: '10.0.0.1' }, clock);
    const row = () => db.selectFrom('api_tokens').select(['last_used_at', 'last_used_ip']).where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ last_used_at: 5_000_000, last_used_ip: '10.0.0.1' });
    await resolveApiToken(db, secret, { ip: '10.0.0.2' }, clock);
    expect(await row()).toEqual({ last_used_at: 5_030_000, last_used_ip: '10.0.0.2' });
  });

  it('audits the first use of each window at once and the rest as one summary row', async () => {
    const { db } = await backend.open();
    const u = await createUser(db, { username: 'frank', password: PW, role: 'viewer' });
    const t = { now: 10_000_000 };
    const audit = new TokenUseAudit(db, 15 * 60_000, () => t.now);
    const use = { token: { id: 'tok-1', name: 'prometheus' }, owner: { id: u.id, username: u.username }, ip: '10.0.0.9', result: 'ok' as const };
    const rows = async () => (await listAudit(db, { objectType: 'api-token', limit: 100 })).items.reverse();

    await audit.record({ ...use, what: 'GET /metrics' });
    expect(await rows()).toHaveLength(1);
    // A scrape every 15 s for the rest of the window: counted, not written.
    for (let i = 0; i < 59; i++) {
      t.now += 15_000;
      await audit.record({ ...use, what: 'GET /metrics' });
    }
    // A new address is written at once, in its own window.
    await audit.record({ ...use, ip: '192.0.2.1', what: 'GET /trpc/domain.list' });
    expect(await rows()).toHaveLength(2);
    t.now += 15_000;
    await audit.flush();
    const all = await rows();
    expect(all).toHaveLength(3);
    expect(all[0]).toMatchObject({ username: 'frank', action: 'use', objectName: 'prometheus', result: 'ok', detail: 'token tok-1: GET /metrics from 10.0.0.9' });
    expect(all[1]?.detail).toBe('token tok-1: GET /trpc/domain.list from 192.0.2.1');
    expect(all[2]?.detail).toBe('token tok-1: 59 more uses from 10.0.0.9 in the 15 min after: GET /metrics ×59');

    // Refusals are their own windows, with the reason.
    await audit.record({ ...use, what: 'GET /metrics', result: 'error', refusal: 'revoked' });
    await audit.close();
    const last = (await rows()).at(-1);
    expect(last).toMatchObject({ result: 'error', detail: 'token tok-1: refused (revoked): GET /metrics from 10.0.0.9' });
  });
});
