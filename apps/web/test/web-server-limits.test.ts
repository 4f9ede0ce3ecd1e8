// What the web server reads before forwarding: /trpc bodies are capped (with or without a length
// up front), /api uploads stream through whole, and clients too slow with their headers or body
// are cut off. The limits are made small here so the tests need not wait long.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPC_BODY_LIMIT } from '../server/forward.mjs';
import { selfSigned } from '../server/tls.mjs';
import { rawExchange, request, startFakeBff, startWeb } from './harness';

let bff: Awaited<ReturnType<typeof startFakeBff>>;
let web: Awaited<ReturnType<typeof startWeb>>;

beforeAll(async () => {
  bff = await startFakeBff();
  web = await startWeb(bff.url, { headersTimeoutMs: 300, bodyTimeoutMs: 300 });
});

afterAll(async () => {
  await web?.close();
  await bff?.close();
});

const seenAt = (url: string) => bff.seen.filter((s) => s.url === url);

describe('/trpc bodies', () => {
  it('are refused over the limit by their length, before the BFF sees them', async () => {
    const res = await request(`${web.origin}/trpc/too.big`, { method: 'POST', body: Buffer.alloc(TRPC_BODY_LIMIT + 1, 0x20) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.data).toEqual({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect(seenAt('/trpc/too.big')).toEqual([]);
  });

  it('are cut off over the limit when sent chunked, and the BFF never gets a whole one', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = Math.ceil((TRPC_BODY_LIMIT * 2) / chunk.length);
    const body = `${`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`.repeat(chunks)}0\r\n\r\n`;
    const answer = await rawExchange(web.port, `POST /trpc/chunked.big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(seenAt('/trpc/chunked.big')).toEqual([]);
  });

  it('pass at the limit', async () => {
    const res = await request(`${web.origin}/trpc/just.fits`, { method: 'POST', body: Buffer.alloc(TRPC_BODY_LIMIT, 0x20) });
    expect(res.status).toBe(200);
    expect(seenAt('/trpc/just.fits')[0]?.bodyBytes).toBe(TRPC_BODY_LIMIT);
  });
});

describe('/api uploads', () => {
  it('stream through beyond the /trpc limit (the BFF checks them against the pool)', async () => {
    const size = TRPC_BODY_LIMIT * 4;
    const res = await request(`${web.origin}/api/hosts/h/volumes/upload`, { method: 'PUT', body: Buffer.alloc(size, 1) });
    expect(res.status).toBe(200);
    expect(seenAt('/api/hosts/h/volumes/upload')[0]?.bodyBytes).toBe(size);
  });
});

describe('slow clients', () => {
  it('are cut off when their headers never finish', async () => {
    const answer = await rawExchange(web.port, 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('are cut off when a /trpc body never finishes, and the call to the BFF is dropped', async () => {
    const answer = await rawExchange(web.port, 'POST /trpc/slow.body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(seenAt('/trpc/slow.body')).toEqual([]);
  });
});

describe('slow clients over TLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'virtdeck-web-limits-'));
  const cert = selfSigned(path.join(dir, 'tls'), '127.0.0.1');
  let secure: Awaited<ReturnType<typeof startWeb>>;
  beforeAll(async () => {
    secure = await startWeb(bff.url, { tls: cert, headersTimeoutMs: 300, bodyTimeoutMs: 300 });
  });
  afterAll(async () => {
    await secure?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are cut off when their headers never finish', async () => {
    const answer = await rawExchange(secure.port, 'GET / HTTP/1.1\r\nHost: x\r\n', { ca: cert.cert });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('are cut off on the plain-HTTP redirect path too', async () => {
    const answer = await rawExchange(secure.port, 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toBe('');
  });
});
