// X-Forwarded-For is believed only from the proxies in VIRTDECK_TRUSTED_PROXIES, and read from
// the right (security issue 13, item 9): a loopback peer is not a proxy unless configured, and
// what a client writes into the header itself never becomes its address.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ADMIN_PASSWORD } from './harness.js';
import { startLimitedBff, type LimitedBff } from './security-bff.js';

async function login(bff: LimitedBff, password: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${bff.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username: 'admin', password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The address the BFF recorded for the newest session. */
async function lastSessionIp(bff: LimitedBff): Promise<string | null> {
  const row = await bff.server.services.db.selectFrom('sessions').select('ip').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.ip ?? null;
}

describe('trusted proxies', () => {
  const started: LimitedBff[] = [];
  const start = async (env: Record<string, string>) => {
    const bff = await startLimitedBff({}, env);
    started.push(bff);
    return bff;
  };

  afterAll(async () => {
    for (const b of started) await b.close();
  });

  it('ignores X-Forwarded-For from a loopback peer that is not configured', async () => {
    const bff = await start({});
    expect(await login(bff, ADMIN_PASSWORD, '192.0.2.1')).toBe(200);
    expect(await lastSessionIp(bff)).toBe('127.0.0.1');
    // A new made-up address per guess does not buy new guesses.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await login(bff, 'not the admin password', `192.0.2.${10 + i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('takes the first untrusted address from the right behind configured proxies', async () => {
    const bff = await start({ VIRTDECK_TRUSTED_PROXIES: '127.0.0.1, ::1, 10.1.0.0/16' });
    // The client wrote "6.6.6.6"; the proxies appended what they saw.
    expect(await login(bff, ADMIN_PASSWORD, '6.6.6.6, 198.51.100.7, 10.1.2.3')).toBe(200);
    expect(await lastSessionIp(bff)).toBe('198.51.100.7');
    expect(await login(bff, ADMIN_PASSWORD, '198.51.100.8')).toBe(200);
    expect(await lastSessionIp(bff)).toBe('198.51.100.8');
  });

  it('refuses a malformed list at start, naming the variable', () => {
    expect(() => loadConfig({ VIRTDECK_TRUSTED_PROXIES: '127.0.0.1, proxy.example, 10.0.0.0/40' })).toThrow(
      /VIRTDECK_TRUSTED_PROXIES: not an address or CIDR range: proxy\.example, 10\.0\.0\.0\/40/,
    );
  });
});
