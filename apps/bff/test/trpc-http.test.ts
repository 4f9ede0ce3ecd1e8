// tRPC over plain HTTP (src/net/trpc-http.ts): a JSON answer (a query, a batch, an error) goes out
// whole, with its length, in tRPC's shape; cookies a procedure sets still arrive; a streamed
// answer (a subscription as server-sent events) still streams, and ends when the client leaves.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

let bff: TestBff;
let admin: SessionCookie;
beforeAll(async () => {
  bff = await startTestBff();
  admin = await bff.signIn('admin', ADMIN_PASSWORD);
});
afterAll(() => bff?.close());

describe('tRPC over HTTP', () => {
  it('answers a query whole, with its length and no chunked encoding', async () => {
    const res = await get(`${bff.url}/trpc/auth.me`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(JSON.parse(res.body)).toEqual({ result: { data: expect.objectContaining({ user: expect.objectContaining({ username: 'admin' }) }) } });
  });

  it('answers a batch and an error the same way, in tRPC shape and status', async () => {
    const batch = await get(`${bff.url}/trpc/auth.me,host.list?batch=1&input=${encodeURIComponent('{}')}`, { cookie: admin.cookie });
    expect(batch.status, batch.body).toBe(200);
    expect(Number(batch.headers['content-length'])).toBe(Buffer.byteLength(batch.body));
    const [me, hosts] = JSON.parse(batch.body) as [{ result: { data: unknown } }, { result: { data: { id: string }[] } }];
    expect(me.result.data).not.toBeNull();
    expect(hosts.result.data.map((h) => h.id)).toContain(bff.hostId);

    const refused = await get(`${bff.url}/trpc/host.list`);
    expect(refused.status).toBe(401);
    expect(Number(refused.headers['content-length'])).toBe(Buffer.byteLength(refused.body));
    expect((JSON.parse(refused.body) as { error: { data: { code: string } } }).error.data.code).toBe('UNAUTHORIZED');
  });

  it('keeps the cookie a procedure sets (sign-in)', async () => {
    const res = await fetch(`${bff.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('content-length')).not.toBeNull();
  });

  it('streams a subscription as server-sent events until the client leaves', async () => {
    const ac = new AbortController();
    const res = await fetch(`${bff.url}/trpc/host.states`, { headers: { cookie: admin.cookie, accept: 'text/event-stream' }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    // The first host's state comes first.
    while (!text.includes(bff.hostId)) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      text += new TextDecoder().decode(value);
    }
    ac.abort();
    await reader.closed.catch(() => {});
    // The server keeps answering after the stream was cut.
    expect((await get(`${bff.url}/trpc/auth.me`, { cookie: admin.cookie })).status).toBe(200);
  });
});
