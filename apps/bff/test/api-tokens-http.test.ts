// API tokens against a real BFF and the real daemon: `Authorization: Bearer` works for tRPC over
// HTTP, queries and mutations, with no cookie and no CSRF token, within the token's role and hosts;
// a revoked or expired token is refused; a token never makes tokens, changes users, signs out,
// opens a console (neither the ticket nor the websocket) or subscribes; every use is audited.
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUri, uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import type { AppRouter } from '../src/router.js';
import { waitFor } from './guest-waits.js';
import { ADMIN_PASSWORD, failureOf, ORIGIN, startTestBff, type SessionCookie, type TestBff } from './harness.js';

function bearerClient(bff: TestBff, secret: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${bff.url}/trpc`, headers: () => ({ authorization: `Bearer ${secret}` }) })] });
}

/** The HTTP status a websocket upgrade is answered with (101 when it opened). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('API tokens over HTTP', () => {
  const name = uniqueName('token');
  let dir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let testHostId = '';
  let uuid = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-token-'));
    const xml = path.join(dir, 'domain.xml');
    writeFileSync(xml, `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`);
    virsh('define', xml);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    testHostId = (await bff.client(admin).host.add.mutate({ name: uniqueName('tokhost'), uri: testUri() })).id;
  });

  afterAll(async () => {
    await bff?.close();
    virshQuietly('undefine', name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers queries and mutations with no cookie or CSRF token, within the token’s role', async () => {
    const { secret, token } = await bff.client(admin).apiToken.create.mutate({ name: 'automation', role: 'operator' });
    expect(secret).toMatch(/^vdt_/);
    const api = bearerClient(bff, secret);
    expect(await api.auth.me.query()).toMatchObject({ user: { username: 'admin', role: 'operator' }, csrfToken: null, token: { id: token.id, name: 'automation' } });
    expect((await api.domain.list.query({ hostId: bff.hostId })).some((d) => d.uuid === uuid)).toBe(true);
    await api.domain.setAutostart.mutate({ hostId: bff.hostId, uuid, autostart: true });
    expect(virsh('dominfo', name)).toMatch(/Autostart:\s+enable/);
    await api.domain.setAutostart.mutate({ hostId: bff.hostId, uuid, autostart: false });
    // Above the token's role: an operator token may not add hosts, though its owner may.
    expect((await failureOf(api.host.add.mutate({ name: uniqueName('nope'), uri: testUri() }))).code).toBe('FORBIDDEN');

    // The change is in the audit log under the owner, naming the token.
    const row = await waitFor('the audit row of the change', async () => {
      const rows = await bff.client(admin).audit.list.query({ action: 'set-autostart', limit: 10 });
      return rows.items.length >= 2 ? rows.items[0] : undefined;
    });
    expect(row).toMatchObject({ username: 'admin', result: 'ok', detail: `via API token automation (${token.id})` });
  });

  it('a viewer token cannot change anything', async () => {
    const { secret } = await bff.client(admin).apiToken.create.mutate({ name: 'read-only', role: 'viewer' });
    const api = bearerClient(bff, secret);
    await api.domain.list.query({ hostId: bff.hostId });
    const refused = await failureOf(api.domain.setAutostart.mutate({ hostId: bff.hostId, uuid, autostart: true }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(virsh('dominfo', name)).toMatch(/Autostart:\s+disable/);
  });

  it('refuses a host outside the token’s hosts, and leaves it out of /metrics', async () => {
    const { secret } = await bff.client(admin).apiToken.create.mutate({ name: 'one-host', role: 'viewer', hostIds: [bff.hostId] });
    const api = bearerClient(bff, secret);
    await api.domain.list.query({ hostId: bff.hostId });
    expect((await failureOf(api.domain.list.query({ hostId: testHostId }))).code).toBe('FORBIDDEN');
    const res = await fetch(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const hostNames = new Set([...text.matchAll(/^virtdeck_host_up\{host="([^"]+)"\}/gm)].map((m) => m[1]));
    const names = Object.fromEntries((await bff.client(admin).host.list.query()).map((h) => [h.id, h.name]));
    expect(hostNames).toEqual(new Set([names[bff.hostId]]));
  });

  it('refuses a revoked token and an expired one, saying which', async () => {
    const a = await bff.client(admin).apiToken.create.mutate({ name: 'to-revoke', role: 'viewer' });
    const b = await bff.client(admin).apiToken.create.mutate({ name: 'to-expire', role: 'viewer' });
    await bearerClient(bff, a.secret).host.list.query();
    await bff.client(admin).apiToken.revoke.mutate({ id: a.token.id });
    const revoked = await failureOf(bearerClient(bff, a.secret).host.list.query());
    expect(revoked).toMatchObject({ code: 'UNAUTHORIZED', message: 'this API token was revoked' });
    expect((await fetch(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${a.secret}` } })).status).toBe(401);

    // A day is the shortest life a token can be given: the expiry is moved into the past instead.
    await bff.server.services.db.updateTable('api_tokens').set({ expires_at: Date.now() - 1 }).where('id', '=', b.token.id).execute();
    const expired = await failureOf(bearerClient(bff, b.secret).host.list.query());
    expect(expired).toMatchObject({ code: 'UNAUTHORIZED', message: 'this API token has expired' });
    expect((await failureOf(bearerClient(bff, `vdt_${'x'.repeat(43)}`).host.list.query())).code).toBe('UNAUTHORIZED');
  });

  it('never makes tokens, changes users, signs out or opens a console, even as an admin token', async () => {
    const { secret } = await bff.client(admin).apiToken.create.mutate({ name: 'admin-script', role: 'admin' });
    const api = bearerClient(bff, secret);
    await api.host.list.query();
    const sessionOnly = 'an API token may not do this: sign in to the dashboard';
    expect(await failureOf(api.apiToken.create.mutate({ name: 'child', role: 'viewer' }))).toMatchObject({ code: 'FORBIDDEN', message: sessionOnly });
    expect(await failureOf(api.user.create.mutate({ username: 'made-by-token', password: 'a long password 1' }))).toMatchObject({ code: 'FORBIDDEN', message: sessionOnly });
    expect(await failureOf(api.console.open.mutate({ hostId: bff.hostId, uuid, kind: 'vnc' }))).toMatchObject({ code: 'FORBIDDEN', message: sessionOnly });
    expect(await failureOf(api.auth.logout.mutate())).toMatchObject({ code: 'FORBIDDEN' });
    // Nor does either websocket take a token: the console gateway and /trpc want the session cookie.
    const ws = bff.url.replace('http', 'ws');
    expect(await upgradeStatus(`${ws}/console?ticket=${'a'.repeat(43)}`, { origin: ORIGIN, authorization: `Bearer ${secret}` })).toBe(401);
    expect(await upgradeStatus(`${ws}/trpc`, { origin: ORIGIN, authorization: `Bearer ${secret}` })).toBe(401);
    // A subscription over HTTP (server-sent events) is refused before it starts.
    const sse = await fetch(`${bff.url}/trpc/live.events`, { headers: { authorization: `Bearer ${secret}`, accept: 'text/event-stream' } });
    expect(await sse.text()).toMatch(/API tokens cannot subscribe/);
  });

  it('audits each use, coalesced per token and address', async () => {
    const { secret, token } = await bff.client(admin).apiToken.create.mutate({ name: 'scraper', role: 'viewer' });
    for (let i = 0; i < 3; i++) expect((await fetch(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const uses = await waitFor('the audit row of the first use', async () => {
      const found = (await bff.client(admin).audit.list.query({ objectType: 'api-token', action: 'use', limit: 100 })).items.filter((r) => r.detail?.includes(token.id));
      return found.length > 0 ? found : undefined;
    });
    // The first scrape is written at once; the next two wait in the window's count.
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ username: 'admin', objectName: 'scraper', result: 'ok' });
    expect(uses[0]?.detail).toMatch(/GET \/metrics from /);
    // The token shows when it was last used.
    const listed = (await bff.client(admin).apiToken.list.query()).find((t) => t.id === token.id);
    expect(listed?.lastUsedAt).toEqual(expect.any(Number));
  });
});
