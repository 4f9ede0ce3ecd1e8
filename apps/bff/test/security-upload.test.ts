// An upload never grows a volume past its capacity (issue 13, item 6): the limit is counted on
// the bytes that arrive, so a chunked body (no Content-Length) is cut off too, for raw and qcow2
// volumes alike, and the refusal says what state the volume is in.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const MiB = 1024 * 1024;

interface Answer {
  status: number;
  body: { error?: { code: string; message: string }; bytes?: number };
}

/** PUTs `total` random bytes with chunked encoding (no Content-Length); answers once the server does. */
function chunkedPut(url: string, headers: Record<string, string>, total: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Answer['body'] }));
    });
    // Once the server has answered it may close while we still send: that is not a failure.
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    const chunks = function* () {
      for (let sent = 0; sent < total; sent += 64 * 1024) yield randomBytes(Math.min(64 * 1024, total - sent));
    };
    Readable.from(chunks()).on('error', () => {}).pipe(req);
  });
}

describe('uploads stay within the volume capacity', () => {
  const pool = uniqueName('uplim');
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;

  const url = (volume: string) => `${bff.url}/api/hosts/${bff.hostId}/volumes/upload?${new URLSearchParams({ pool, volume }).toString()}`;
  const auth = () => ({ cookie: operator.cookie, 'x-csrf-token': operator.csrfToken ?? '' });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-uplim-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'small.raw', `${MiB}`, '--format', 'raw');
    virsh('vol-create-as', pool, 'small.qcow2', `${MiB}`, '--format', 'qcow2');
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    operator = await bff.signIn('op1', 'operator-password');
  });

  afterAll(async () => {
    virshQuietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('takes a chunked upload that fits a raw volume exactly', async () => {
    const ok = await chunkedPut(url('small.raw'), auth(), MiB);
    expect(ok).toEqual({ status: 200, body: { pool, volume: 'small.raw', bytes: MiB } });
  });

  it('stops a chunked upload past a raw volume capacity and says what the volume holds', async () => {
    const res = await chunkedPut(url('small.raw'), auth(), 2 * MiB);
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error?.message).toContain(`at most ${MiB} bytes`);
    expect(res.body.error?.message).toMatch(/stopped (after \d+ bytes|before any byte)/);
    expect(res.body.error?.message).toContain(`capacity is still ${MiB} bytes`);
    // The file did not grow, and libvirt still reports the capacity it had.
    expect(statSync(path.join(dir, 'small.raw')).size).toBe(MiB);
    virsh('pool-refresh', pool);
    expect(virsh('vol-info', '--pool', pool, 'small.raw')).toMatch(/Capacity:\s+1\.00 MiB/);
  });

  it('stops a chunked upload far past a qcow2 volume capacity too', async () => {
    const res = await chunkedPut(url('small.qcow2'), auth(), 4 * MiB);
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toContain('qcow2 metadata');
    expect(statSync(path.join(dir, 'small.qcow2')).size).toBeLessThanOrEqual(MiB + MiB / 32 + MiB);
  });

  it('refuses a declared Content-Length past the limit before writing, for qcow2 as for raw', async () => {
    const res = await fetch(url('small.qcow2'), { method: 'PUT', headers: { ...auth(), 'content-type': 'application/octet-stream' }, body: randomBytes(3 * MiB) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Answer['body']).error?.message).toContain(`${3 * MiB} bytes do not fit`);
  });
});
