// What the web front allows a slow or greedy client: headers must arrive within a limit (on the
// HTTPS port and its plain-HTTP redirect path too), a body too (except /api uploads, which the
// BFF times by their progress), and a /trpc body over the BFF's cap is refused before it is read.
// The limits are made small here so the tests need not wait long.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/net/limits.js';
import { selfSigned } from '../src/web/tls.js';
import { startTestBff, type TestBff } from './harness.js';
import { rawExchange, request, startFront, writeExport } from './web-front-harness.js';

let bff: TestBff;
let exported: ReturnType<typeof writeExport>;
let front: Awaited<ReturnType<typeof startFront>>;

beforeAll(async () => {
  bff = await startTestBff();
  exported = writeExport();
  front = await startFront(bff, exported.dir, { headersTimeoutMs: 300, bodyTimeoutMs: 300 });
});

afterAll(async () => {
  await front?.close();
  await bff?.close();
  exported?.remove();
});

describe('/trpc bodies', () => {
  it('are refused over the limit by their length', async () => {
    const res = await request(`${front.origin}/trpc/auth.login`, { method: 'POST', body: Buffer.alloc(DEFAULT_LIMITS.maxBodyBytes + 1, 0x20) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
  });
});

describe('slow clients', () => {
  it('are cut off when their headers never finish', async () => {
    expect(await rawExchange(front.port, 'GET / HTTP/1.1\r\nHost: x\r\n')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('are cut off when a /trpc body never finishes', async () => {
    const answer = await rawExchange(front.port, 'POST /trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n0123456789');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

});

describe('slow clients over TLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-web-limits-'));
  const cert = selfSigned(path.join(dir, 'tls'), '127.0.0.1');
  let secure: Awaited<ReturnType<typeof startFront>>;
  beforeAll(async () => {
    secure = await startFront(bff, exported.dir, { tls: cert, headersTimeoutMs: 300, bodyTimeoutMs: 300 });
  });
  afterAll(async () => {
    await secure?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are cut off when their headers never finish', async () => {
    expect(await rawExchange(secure.port, 'GET / HTTP/1.1\r\nHost: x\r\n', { ca: cert.cert })).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('are cut off on the plain-HTTP redirect path too', async () => {
    expect(await rawExchange(secure.port, 'GET / HTTP/1.1\r\nHost: x\r\n')).toBe('');
  });
});
