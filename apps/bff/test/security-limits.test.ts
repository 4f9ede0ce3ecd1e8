// Requests are bounded (security issue 13, item 3): a tRPC body over its limit is refused before
// it is read (declared) or once the limit is passed (chunked), a body or headers that trickle in
// are cut off, and websocket messages and batches are capped.
import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ORIGIN, type SessionCookie } from './harness.js';
import { startLimitedBff, type LimitedBff } from './security-bff.js';
import { openRawSocket } from './security-socket.js';

const MiB = 1 << 20;

/** Sends `text` on a raw connection and answers everything the server sends until it closes. */
function rawExchange(port: number, text: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(text));
    let got = '';
    const timer = setTimeout(() => (sock.destroy(), reject(new Error(`the server kept the connection open; got ${JSON.stringify(got)}`))), timeoutMs);
    sock.on('data', (d) => (got += d.toString()));
    sock.on('error', () => {});
    sock.on('close', () => (clearTimeout(timer), resolve(got)));
  });
}

describe('request limits', () => {
  let bff: LimitedBff;
  let admin: SessionCookie;

  beforeAll(async () => {
    bff = await startLimitedBff({ bodyTimeoutMs: 300, headersTimeoutMs: 300, wsMaxPayloadBytes: 64 * 1024 });
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await bff?.close();
  });

  it('refuses a declared 16 MiB body before reading any of it', async () => {
    const answer = await rawExchange(
      bff.port,
      `POST /trpc/auth.login HTTP/1.1\r\nHost: bff\r\nContent-Type: application/json\r\nContent-Length: ${16 * MiB}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('PAYLOAD_TOO_LARGE');
  });

  it('stops reading a chunked body once it passes 1 MiB', async () => {
    const { status, written } = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      const req = http.request(`${bff.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      let written = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, written });
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!answered && written < 16 * MiB) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(written).toBeLessThan(16 * MiB);
  });

  it('closes the connection after refusing a body, rather than reading the rest of it', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request(`${bff.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      let written = 0;
      let status = 0;
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.resume();
      });
      req.on('error', () => resolve(`closed after ${status}`));
      // A server that neither reads nor closes leaves the writes stuck.
      setTimeout(() => (resolve(`still open after ${status}`), req.destroy()), 10_000).unref();
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 64 * MiB) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(() => resolve(`all ${written} bytes taken after ${status}`));
      };
      pump();
    });
    expect(outcome).toBe('closed after 413');
  });

  it('cuts off a body that trickles in', async () => {
    const answer = await rawExchange(bff.port, 'POST /trpc/auth.login HTTP/1.1\r\nHost: bff\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off headers that trickle in', async () => {
    const answer = await rawExchange(bff.port, 'GET /trpc/auth.me HTTP/1.1\r\nHost: bff\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still answers requests within the limits', async () => {
    const res = await fetch(`${bff.url}/trpc/auth.me`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
  });

  it('closes a websocket that sends a message over its limit', async () => {
    const ws = new WebSocket(`${bff.url.replace('http', 'ws')}/trpc`, { headers: { origin: ORIGIN, cookie: admin.cookie } });
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'auth.me', input: 'x'.repeat(100 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('refuses a websocket message batching more than 50 calls', async () => {
    const s = await openRawSocket(bff, admin);
    s.send(Array.from({ length: 51 }, (_, i) => ({ id: i + 1, method: 'query', params: { path: 'auth.me' } })));
    const answer = await s.waitFor((a) => a.id === null || a.id === 1);
    expect(answer.error?.data.code).toBe('PARSE_ERROR');
    expect(answer.error?.message).toContain('at most 50 calls');
    // Fifty is fine.
    s.send(Array.from({ length: 50 }, (_, i) => ({ id: 100 + i, method: 'query', params: { path: 'auth.me' } })));
    expect((await s.waitFor((a) => a.id === 149)).result?.type).toBe('data');
    s.close();
  });
});
