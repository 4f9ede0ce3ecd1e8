// The web server over HTTPS with a self-signed certificate made on first start: a client that
// trusts only that certificate gets the pages with HSTS and a strict CSP, and the BFF's session
// cookie comes back Secure although the BFF did not mark it.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../server/tls.mjs';
import { request, startFakeBff, startWeb } from './harness';

const dir = mkdtempSync(path.join(tmpdir(), 'virtdeck-web-tls-'));
let bff: Awaited<ReturnType<typeof startFakeBff>>;
let web: Awaited<ReturnType<typeof startWeb>>;
let cert: ReturnType<typeof selfSigned>;

beforeAll(async () => {
  bff = await startFakeBff();
  cert = selfSigned(path.join(dir, 'tls'), '127.0.0.1');
  web = await startWeb(bff.url, { tls: cert });
});

afterAll(async () => {
  await web?.close();
  await bff?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the self-signed certificate', () => {
  it('is made on first start, for localhost and the loopback addresses, with a private key', () => {
    expect(cert.generated).toBe(true);
    expect(cert.names).toEqual(expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']));
    expect(statSync(path.join(dir, 'tls/web.key')).mode & 0o077).toBe(0);
    expect(cert.fingerprint).toBe(new X509Certificate(cert.cert).fingerprint256);
  });

  it('is reused by the next start', () => {
    const again = selfSigned(path.join(dir, 'tls'), '127.0.0.1');
    expect(again.generated).toBe(false);
    expect(again.fingerprint).toBe(cert.fingerprint);
  });
});

describe('a page over HTTPS', () => {
  it('carries HSTS and the security headers', async () => {
    const page = await request(`${web.origin}/vms`, { ca: cert.cert });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
  });

  it('gets a fresh nonce in its CSP, the one Next.js is handed, and no inline script without it', async () => {
    const [a, b] = [await request(`${web.origin}/`, { ca: cert.cert }), await request(`${web.origin}/`, { ca: cert.cert })];
    const handed = JSON.parse(a.body) as { nonce: string; policy: string };
    const policy = String(a.headers['content-security-policy']);
    expect(handed.policy).toBe(policy);
    expect(policy).toContain(`'nonce-${handed.nonce}'`);
    expect(JSON.parse(b.body).nonce).not.toBe(handed.nonce);
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(new RegExp(`connect-src 'self' wss://127\\.0\\.0\\.1:${web.port}(;|$)`));
  });

  it('ignores a nonce or policy the client sent', async () => {
    const page = await request(`${web.origin}/`, { ca: cert.cert, headers: { 'x-nonce': 'chosen', 'content-security-policy': "script-src 'nonce-chosen'" } });
    expect(JSON.parse(page.body).nonce).not.toBe('chosen');
    expect(String(page.headers['content-security-policy'])).not.toContain('chosen');
  });
});

describe('the BFF behind HTTPS', () => {
  it('sets a Secure session cookie, hears the scheme from this hop, and the address it saw last', async () => {
    const login = await request(`${web.origin}/trpc/auth.login`, {
      ca: cert.cert,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' },
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['set-cookie']).toEqual(['virtdeck_session=t0k3n; HttpOnly; SameSite=Strict; Path=/; Max-Age=60; Secure']);
    expect(login.headers['strict-transport-security']).toMatch(/^max-age=/);
    expect(login.headers['content-security-policy']).toContain("default-src 'none'");
    const seen = bff.seen.at(-1);
    expect(seen?.url).toBe('/trpc/auth.login');
    expect(seen?.headers['x-forwarded-proto']).toBe('https');
    // Appended, rightmost: the BFF believes what is left of it only from proxies it trusts.
    expect(seen?.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
  });

  it('carries console websockets over TLS both ways', async () => {
    const socket = tls.connect({ port: web.port, host: '127.0.0.1', ca: cert.cert, servername: 'localhost' });
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString()));
    socket.write('GET /console?ticket=t HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await expect.poll(() => received).toContain('\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 101 /);
    expect(received).toContain('X-Seen-Proto: https');
    socket.write('frame bytes');
    await expect.poll(() => received).toContain('frame bytes');
    socket.destroy();
  });

  it('redirects plain HTTP on the same port to https', async () => {
    const res = await request(`http://127.0.0.1:${web.port}/vms?x=1`, { headers: { host: `localhost:${web.port}` } });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://localhost:${web.port}/vms?x=1`);
    expect(bff.seen.every((s) => s.url !== '/vms?x=1')).toBe(true);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(request(`${web.origin}/`)).rejects.toThrow(/self[- ]signed/i);
  });
});

describe('over plain HTTP on loopback', () => {
  it('sends no HSTS and leaves cookies as the BFF made them', async () => {
    const plain = await startWeb(bff.url);
    try {
      const page = await request(`${plain.origin}/`);
      expect(page.headers['strict-transport-security']).toBeUndefined();
      expect(String(page.headers['content-security-policy'])).toContain(`connect-src 'self' ws://127.0.0.1:${plain.port}`);
      const login = await request(`${plain.origin}/trpc/auth.login`, { method: 'POST', body: '{}' });
      expect(login.headers['set-cookie']?.[0]).not.toMatch(/secure/i);
    } finally {
      await plain.close();
    }
  });
});
