// Every procedure and websocket refuses an anonymous caller; a viewer cannot mutate; mutations
// need the CSRF token; every mutation is audited.
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router.js';
import { ADMIN_PASSWORD, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';

type ProcDef = { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { audit?: unknown } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcDef>);
const PUBLIC = new Set(['auth.me', 'auth.login']);
// Anyone signed in makes and revokes their own tokens (capped at their role: api-tokens-http.test.ts).
const OWN_TOKENS = new Set(['apiToken.create', 'apiToken.revoke']);

async function rawCall(bff: TestBff, path: string, type: string, session: SessionCookie | null, csrf = true) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) headers.cookie = session.cookie;
  if (session?.csrfToken && csrf) headers['x-csrf-token'] = session.csrfToken;
  const res =
    type === 'mutation'
      ? await fetch(`${bff.url}/trpc/${path}`, { method: 'POST', headers, body: '{}' })
      : await fetch(`${bff.url}/trpc/${path}?input=${encodeURIComponent('{}')}`, { headers });
  const text = await res.text();
  return { status: res.status, text };
}

describe('authorization', () => {
  let bff: TestBff;
  let admin: SessionCookie;
  let viewer: SessionCookie;

  beforeAll(async () => {
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });
  afterAll(() => bff?.close());

  it('knows its procedures', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it('refuses every non-public procedure to an anonymous caller', async () => {
    for (const [path, proc] of procedures) {
      if (PUBLIC.has(path)) continue;
      const { status, text } = await rawCall(bff, path, proc._def.type, null);
      if (proc._def.type === 'subscription') {
        // Over HTTP a subscription is an event stream that opens with 200; its only event is the refusal.
        expect({ path, refused: text.includes('UNAUTHORIZED') && !text.includes('"status"') }).toEqual({ path, refused: true });
      } else {
        expect({ path, status }).toEqual({ path, status: 401 });
      }
    }
  });

  it('refuses every mutation to a viewer (but sign-out, and their own API tokens)', async () => {
    for (const [path, proc] of procedures) {
      if (proc._def.type !== 'mutation' || PUBLIC.has(path) || path === 'auth.logout' || OWN_TOKENS.has(path)) continue;
      const { status } = await rawCall(bff, path, 'mutation', viewer);
      expect({ path, status }).toEqual({ path, status: 403 });
    }
  });

  it('refuses a mutation without the CSRF token, even from an admin', async () => {
    const { status, text } = await rawCall(bff, 'host.test', 'mutation', admin, false);
    expect(status).toBe(403);
    expect(text).toContain('CSRF');
  });

  it('declares an audit entry on every mutation but sign-in (which audits itself)', () => {
    const unaudited = procedures
      .filter(([path, p]) => p._def.type === 'mutation' && path !== 'auth.login' && !p._def.meta?.audit)
      .map(([path]) => path);
    expect(unaudited).toEqual([]);
  });

  it('writes an audit row for a mutation, with who, what and the result', async () => {
    const c = bff.client(admin);
    await expect(c.user.create.mutate({ username: 'x', password: 'short' })).rejects.toThrow();
    await c.user.create.mutate({ username: 'operator1', password: 'operator-password-1', role: 'operator' });
    const page = await c.audit.list.query({ objectType: 'user', limit: 10 });
    const created = page.items.find((e) => e.objectName === 'operator1');
    expect(created).toMatchObject({ username: 'admin', action: 'create', result: 'ok' });
    const failed = page.items.find((e) => e.objectName === 'x');
    expect(failed).toMatchObject({ action: 'create', result: 'error' });
  });

  it('answers a bad input with 400 naming the field', async () => {
    const err = await bff
      .client(admin)
      .user.create.mutate({ username: 'ok-name', password: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const data = (err as TRPCClientError<typeof appRouter>).data as { httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } };
    expect(data.httpStatus).toBe(400);
    expect(Object.keys(data.zodError.fieldErrors)).toContain('password');
  });

  it('refuses websockets without a session or from a foreign origin, and serves a signed-in one', async () => {
    const probe = (session: SessionCookie | null, origin: string) =>
      new Promise<number>((resolve) => {
        void import('ws').then(({ default: WebSocket }) => {
          const ws = new WebSocket(`${bff.url.replace('http', 'ws')}/trpc`, {
            headers: { origin, ...(session && { cookie: session.cookie }) },
          });
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('error', () => {});
        });
      });
    expect(await probe(null, 'http://127.0.0.1:3999')).toBe(401);
    expect(await probe(viewer, 'http://evil.example')).toBe(403);
    expect(await probe(viewer, 'http://127.0.0.1:3999')).toBe(101);

    const ws = wsClientFor(bff, viewer);
    const first = await new Promise<{ status: string }>((resolve, reject) => {
      const sub = ws.client.host.states.subscribe(undefined, {
        onData: (d) => {
          sub.unsubscribe();
          resolve(d.data);
        },
        onError: reject,
      });
    });
    expect(first.status).toBe('connected');
    ws.close();
  });
});
