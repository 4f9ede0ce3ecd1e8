// Sign-in throttling holds under batching and floods (security issue 13, item 2): an attempt is
// counted before its password is checked, a batch is capped, argon2 checks are bounded, and a
// refused flood writes no audit row per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Work } from '../src/auth/passwords.js';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const PW = 'a long enough password';
const WRONG = 'not the password at all';

interface Answer {
  error?: { message: string; data: { code: string; httpStatus: number } };
  result?: unknown;
}

describe('sign-in limits', () => {
  let bff: TestBff;
  let admin: SessionCookie;

  /** One HTTP request with `count` batched auth.login calls; the answers in order. */
  async function batchedLogins(count: number, username: string, password: string): Promise<{ status: number; answers: Answer[] | Answer }> {
    const paths = Array.from({ length: count }, () => 'auth.login').join(',');
    const input = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, { username, password }]));
    const res = await fetch(`${bff.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: res.status, answers: (await res.json()) as Answer[] | Answer };
  }

  async function login(username: string, password: string, forwardedFor?: string): Promise<Answer> {
    const res = await fetch(`${bff.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) },
      body: JSON.stringify({ username, password }),
    });
    return (await res.json()) as Answer;
  }

  const codeOf = (a: Answer) => a.error?.data.code ?? 'OK';

  beforeAll(async () => {
    // Trusting the test's own loopback lets the flood come from many client addresses.
    bff = await startTestBff({ VIRTDECK_TRUSTED_PROXIES: '127.0.0.1,::1' });
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    for (const username of ['sec-batch', 'sec-audit']) await bff.client(admin).user.create.mutate({ username, password: PW });
  });

  afterAll(async () => {
    await bff?.close();
  });

  it('checks at most 5 passwords for a batch of 10 sign-ins, and no more after it', async () => {
    const { status, answers } = await batchedLogins(10, 'sec-batch', WRONG);
    expect(Array.isArray(answers), `status ${status}`).toBe(true);
    const codes = (answers as Answer[]).map(codeOf);
    // UNAUTHORIZED: the password was checked; TOO_MANY_REQUESTS: refused before any check.
    const checked = codes.filter((c) => c === 'UNAUTHORIZED').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'UNAUTHORIZED' && c !== 'TOO_MANY_REQUESTS')).toEqual([]);

    // One by one until refused: the batch and these together checked exactly 5.
    let more = 0;
    while (codeOf(await login('sec-batch', WRONG)) === 'UNAUTHORIZED') more++;
    expect(checked + more).toBe(5);
    expect(codeOf(await login('sec-batch', PW))).toBe('TOO_MANY_REQUESTS');
  });

  it('refuses a batch of more than 50 calls whole', async () => {
    const { status, answers } = await batchedLogins(51, 'nobody-at-all', WRONG);
    expect(status).toBe(400);
    expect(JSON.stringify(answers)).toContain('Batch call exceeds maximum size');
  });

  it('bounds concurrent password checks and turns a flood away as busy', async () => {
    argon2Work.peakActive = 0;
    // 200 sign-ins at once, each from its own address, so throttling does not stop them first.
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login(`flood-${i}`, WRONG, `198.51.100.${i % 250}, 10.9.${i >> 8}.${i & 255}`)));
    const busy = answers.filter((a) => codeOf(a) === 'TOO_MANY_REQUESTS');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]?.error?.message).toMatch(/busy/);
    expect(argon2Work.peakActive).toBeGreaterThan(0);
    expect(argon2Work.peakActive).toBeLessThanOrEqual(argon2Work.concurrency);
    // A real user still signs in once the flood is over.
    expect(codeOf(await login('sec-audit', PW, '203.0.113.77'))).toBe('OK');
  });

  it('writes an audit row for each checked failure only, not for each refused one', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 20; i++) await login('sec-audit', WRONG, ip);
    const page = await bff.client(admin).audit.list.query({ action: 'login', result: 'error', limit: 500 });
    const rows = page.items.filter((r) => r.objectName === 'sec-audit');
    expect(rows).toHaveLength(5);
  });
});
