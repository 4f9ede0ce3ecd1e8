// The web front (src/web/front.ts) in front of a real BFF's own handlers: the export's pages with
// their security headers and hash-based CSP, the dynamic routes' placeholder page and payloads,
// cache and compression, a 404 page, no file outside the export whatever the path says, and
// /trpc, /api, /console and /metrics answered in process by the BFF (its session cookie Secure
// over HTTPS, the websocket origin still checked, the client's own address seen).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../src/web/tls.js';
import { ADMIN_PASSWORD, ORIGIN, startTestBff, type TestBff } from './harness.js';
import { CHUNK, rawExchange, request, startFront, writeExport } from './web-front-harness.js';

const sha = (s: string | Buffer) => `sha256-${createHash('sha256').update(s).digest('base64')}`;
const scriptSrcOf = (policy: unknown) => String(policy).split('; ').find((d) => d.startsWith('script-src ')) ?? '';

let bff: TestBff;
let exported: ReturnType<typeof writeExport>;
let front: Awaited<ReturnType<typeof startFront>>;

beforeAll(async () => {
  bff = await startTestBff();
  exported = writeExport();
  front = await startFront(bff, exported.dir);
});

afterAll(async () => {
  await front?.close();
  await bff?.close();
  exported?.remove();
});

describe('a page', () => {
  it('carries the security headers and a CSP that allows exactly its own scripts', async () => {
    const res = await request(`${front.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    const scriptSrc = scriptSrcOf(res.headers['content-security-policy']);
    const inline = [...res.text.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(2);
    for (const text of inline) expect(scriptSrc).toContain(`'${sha(text)}'`);
    expect(res.text).toContain(`<script src="/_next/static/chunks/app.js" integrity="${sha(CHUNK)}" async=""></script>`);
    expect(scriptSrc).toContain(`'${sha(CHUNK)}'`);
    expect(scriptSrc).toMatch(/'strict-dynamic'$/);
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
    expect(String(res.headers['content-security-policy'])).toContain(`connect-src 'self' ws://127.0.0.1:${front.port}`);
  });

  it('is answered 304 when the browser has it already', async () => {
    const first = await request(`${front.origin}/vms`);
    const again = await request(`${front.origin}/vms`, { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('is the placeholder page for every value of a dynamic route, and its payloads for Next', async () => {
    const vm = await request(`${front.origin}/vms/host-1/0b7f-uuid`);
    expect(vm.status).toBe(200);
    expect(vm.text).toContain('<h1>Virtual machine</h1>');
    expect(scriptSrcOf(vm.headers['content-security-policy'])).toContain('sha256-');
    const payload = await request(`${front.origin}/vms/host-1/0b7f-uuid.txt?_rsc=abc`, { headers: { rsc: '1' } });
    expect(payload.text).toBe('vm payload');
    expect(payload.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await request(`${front.origin}/vms/host-1/0b7f-uuid/__next._tree.txt`, { headers: { rsc: '1' } })).text).toBe('vm tree');
  });

  it('is the 404 page, with its CSP, for a path the export does not have', async () => {
    const res = await request(`${front.origin}/no/such/page`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(scriptSrcOf(res.headers['content-security-policy'])).toContain('sha256-');
  });

  it('is only read: other methods are refused', async () => {
    const res = await request(`${front.origin}/vms`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('static files', () => {
  it('are immutable under /_next/static and compressed for a client that takes gzip', async () => {
    const res = await request(`${front.origin}/_next/static/chunks/app.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect((await request(`${front.origin}/vms`)).headers.vary).toBe('RSC, Accept-Encoding');
    expect(gunzipSync(res.body).toString()).toBe(CHUNK);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });

  it('are sent plain to a client that takes no gzip', async () => {
    const res = await request(`${front.origin}/_next/static/chunks/app.js`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(CHUNK);
  });
});

describe('paths that try to leave the export', () => {
  it.each([
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/_next/static/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/vms/h/..%2f..%2f..%2fetc%2fpasswd',
    '/index.html%00.js',
    '//etc/passwd',
    '/etc/passwd',
    'http://127.0.0.1/../../etc/passwd',
  ])('%s gets the 404 page and nothing else', async (target) => {
    const answer = await rawExchange(front.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 (404|400) /);
    expect(answer).not.toContain('root:');
  });
});

describe('the BFF, in process', () => {
  it('signs in through the front: its answer framed by nothing, its cookie as the BFF made it, the client seen as itself', async () => {
    const login = await request(`${front.origin}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^vd_session=/);
    expect(cookie).not.toMatch(/secure/i);
    const ips = await bff.server.services.db.selectFrom('sessions').select('ip').execute();
    expect(ips.map((r) => r.ip)).toContain('127.0.0.1');
    expect(ips.map((r) => r.ip)).not.toContain('203.0.113.9');
  });

  it('answers /metrics and /api as on its own port', async () => {
    for (const p of ['/metrics', '/api/hosts/nope/volumes/download?pool=p&volume=v']) {
      const [direct, fronted] = [await request(`${bff.url}${p}`), await request(`${front.origin}${p}`)];
      expect(fronted.status).toBe(direct.status);
      expect(fronted.text).toBe(direct.text);
    }
  });

  it('refuses the /trpc websocket from another origin, and without a session', async () => {
    const upgrade = (origin: string) =>
      rawExchange(front.port, `GET /trpc HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(await upgrade('http://evil.example')).toMatch(/^HTTP\/1\.1 403 /);
    expect(await upgrade(ORIGIN)).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('opens the /trpc websocket for a signed-in browser of the web origin', async () => {
    const session = await bff.signIn('admin', ADMIN_PASSWORD);
    const socket = (await import('node:net')).connect(front.port, '127.0.0.1');
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    socket.write(
      `GET /trpc HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nCookie: ${session.cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    await expect.poll(() => received).toMatch(/^HTTP\/1\.1 101 /);
    socket.destroy();
  });
});

describe('over HTTPS with a self-signed certificate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-web-tls-'));
  let cert: ReturnType<typeof selfSigned>;
  let secure: Awaited<ReturnType<typeof startFront>>;

  beforeAll(async () => {
    cert = selfSigned(path.join(dir, 'tls'), '127.0.0.1');
    secure = await startFront(bff, exported.dir, { tls: cert });
  });
  afterAll(async () => {
    await secure?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the certificate on first start, for localhost and the loopback addresses, and reuses it', () => {
    expect(cert.generated).toBe(true);
    expect(cert.names).toEqual(expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']));
    expect(statSync(path.join(dir, 'tls/web.key')).mode & 0o077).toBe(0);
    expect(cert.fingerprint).toBe(new X509Certificate(cert.cert).fingerprint256);
    expect(selfSigned(path.join(dir, 'tls'), '127.0.0.1')).toMatchObject({ generated: false, fingerprint: cert.fingerprint });
  });

  it('serves pages with HSTS, wss in connect-src and upgrade-insecure-requests', async () => {
    const res = await request(`${secure.origin}/vms`, { ca: cert.cert });
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(String(res.headers['content-security-policy'])).toContain(`connect-src 'self' wss://127.0.0.1:${secure.port}`);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it("marks the BFF's session cookie Secure, though the BFF was not told to", async () => {
    const login = await request(`${secure.origin}/trpc/auth.login`, {
      ca: cert.cert,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['set-cookie']?.length).toBeGreaterThan(0);
    for (const c of login.headers['set-cookie'] ?? []) expect(c).toMatch(/;\s*Secure(;|$)/i);
    expect(login.headers['strict-transport-security']).toMatch(/^max-age=/);
  });

  it('hands console websockets to the BFF over TLS', async () => {
    const socket = tls.connect({ port: secure.port, host: '127.0.0.1', ca: cert.cert, servername: 'localhost' });
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    socket.write(`GET /console?ticket=nope HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    // The gateway's own answer to a ticket it does not know: the BFF, not the front, decided.
    await expect.poll(() => received).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(received).not.toMatch(/^HTTP\/1\.1 101 /);
    socket.destroy();
  });

  it('redirects plain HTTP on the same port to https', async () => {
    const res = await request(`http://127.0.0.1:${secure.port}/vms?x=1`, { headers: { host: `localhost:${secure.port}` } });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://localhost:${secure.port}/vms?x=1`);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(request(`${secure.origin}/`)).rejects.toThrow(/self[- ]signed/i);
  });
});
