// Volume upload and download over plain HTTP: 2 MiB of random bytes up into a raw volume and
// back byte for byte; the session cookie, the role and (for PUT) the CSRF header are required;
// bad input is a JSON error naming what is wrong; a client that goes away mid-transfer aborts the
// libvirt stream and nothing hangs.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volumeTransferMiddleware } from '../src/transfer/volume-transfer.js';
import { qemuUri, uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const MiB = 1024 * 1024;
const quietly = (...args: string[]) => {
  try {
    execFileSync('virsh', ['-q', '-c', qemuUri(), ...args], { stdio: 'ignore' });
  } catch {
    // already gone
  }
};

describe('volume transfer endpoints', () => {
  const pool = uniqueName('xfer');
  let dir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  const payload = randomBytes(2 * MiB);

  const url = (kind: 'upload' | 'download', q: Record<string, string>, hostId = bff.hostId) =>
    `${bff.url}/api/hosts/${encodeURIComponent(hostId)}/volumes/${kind}?${new URLSearchParams(q).toString()}`;
  const headers = (s: SessionCookie | null, csrf = true): Record<string, string> => ({
    ...(s && { cookie: s.cookie }),
    ...(s?.csrfToken && csrf && { 'x-csrf-token': s.csrfToken }),
  });
  const put = (s: SessionCookie | null, q: Record<string, string>, body: Uint8Array, csrf = true) =>
    fetch(url('upload', q), { method: 'PUT', headers: { ...headers(s, csrf), 'content-type': 'application/octet-stream' }, body });
  const get = (s: SessionCookie | null, q: Record<string, string>) => fetch(url('download', q), { headers: headers(s) });

  const auditRows = async (volume: string) => {
    const page = await bff.client(admin).audit.list.query({ objectType: 'volume', limit: 100 });
    return page.items.filter((e) => e.objectName === volume).map((e) => `${e.username}:${e.action}:${e.result}`);
  };
  async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-xfer-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'data.raw', `${2 * MiB}`, '--format', 'raw');
    virsh('vol-create-as', pool, 'big.raw', '256M', '--format', 'raw');
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    quietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('uploads 2 MiB of random bytes into a raw volume and downloads them back byte for byte', async () => {
    const up = await put(operator, { pool, volume: 'data.raw' }, payload);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ pool, volume: 'data.raw', bytes: 2 * MiB });

    const down = await get(operator, { pool, volume: 'data.raw' });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe(String(2 * MiB));
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-disposition')).toContain('filename="data.raw"');
    const bytes = Buffer.from(await down.arrayBuffer());
    expect(bytes.length).toBe(2 * MiB);
    expect(bytes.equals(payload)).toBe(true);
  });

  it('refuses anonymous callers, a viewer upload or download and an upload without the CSRF header', async () => {
    const anonUp = await put(null, { pool, volume: 'data.raw' }, payload);
    expect(anonUp.status).toBe(401);
    expect(await anonUp.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await get(null, { pool, volume: 'data.raw' })).status).toBe(401);

    const viewerUp = await put(viewer, { pool, volume: 'data.raw' }, payload);
    expect(viewerUp.status).toBe(403);
    expect(await viewerUp.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // A disk image holds the guest's data: downloading it is for operators too.
    const viewerDown = await fetch(url('download', { pool, volume: 'data.raw' }), { headers: headers(viewer) });
    expect(viewerDown.status).toBe(403);

    const noCsrf = await put(operator, { pool, volume: 'data.raw' }, payload, false);
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()) as unknown).toMatchObject({ error: { message: expect.stringContaining('CSRF') as string } });

    // The refused upload changed nothing.
    const down = Buffer.from(await (await get(operator, { pool, volume: 'data.raw' })).arrayBuffer());
    expect(down.equals(payload)).toBe(true);
  });

  it('answers bad input with a JSON error naming it', async () => {
    const noVol = await get(operator, { pool, volume: 'missing.raw' });
    expect(noVol.status).toBe(404);
    expect(await noVol.json()).toEqual({ error: { code: 'NOT_FOUND', message: `no volume missing.raw in pool ${pool}` } });

    const noPool = await get(operator, { pool: 'no-such-pool-x', volume: 'data.raw' });
    expect(noPool.status).toBe(404);
    expect(((await noPool.json()) as { error: { message: string } }).error.message).toContain('no-such-pool-x');

    const badName = await get(operator, { pool: 'a/b', volume: 'data.raw' });
    expect(badName.status).toBe(400);
    expect(((await badName.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty('pool');

    const missingField = await get(operator, { pool });
    expect(missingField.status).toBe(400);
    expect(((await missingField.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors).toHaveProperty('volume');

    const tooBig = await put(operator, { pool, volume: 'data.raw' }, randomBytes(2 * MiB + 1));
    expect(tooBig.status).toBe(413);

    const wrongMethod = await fetch(url('download', { pool, volume: 'data.raw' }), { method: 'POST', headers: headers(operator) });
    expect(wrongMethod.status).toBe(405);

    const noHost = await fetch(url('download', { pool, volume: 'data.raw' }, 'no-such-host'), { headers: headers(operator) });
    expect(noHost.status).toBe(404);
  });

  it('aborts the libvirt stream when a downloading client goes away, and keeps serving', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(url('download', { pool, volume: 'big.raw' }), { headers: headers(operator) }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-length']).toBe(String(256 * MiB));
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    });
    const rows = await waitFor(() => auditRows('big.raw'), (r) => r.includes('op1:download:error'));
    // An error row, not a completed one: the transfer stopped when the client left, before the end.
    expect(rows).toContain('op1:download:error');

    // The host connection is still usable, for streams and calls alike.
    const again = Buffer.from(await (await get(operator, { pool, volume: 'data.raw' })).arrayBuffer());
    expect(again.equals(payload)).toBe(true);
    expect((await bff.client(viewer).storage.volume.list.query({ hostId: bff.hostId, pool })).length).toBe(2);
  });

  it('a download the client does not read does not stall other calls to the host', async () => {
    // Backpressure pauses reading the transfer's own libvirt connection, not the shared one.
    let res: http.IncomingMessage | null = null;
    const req = http.get(url('download', { pool, volume: 'big.raw' }), { headers: headers(operator) }, (r) => {
      res = r;
      r.pause();
    });
    req.on('error', () => {});
    try {
      // Wait until the paused reader's socket stops taking bytes (two probes alike, after some
      // came): from then on the server side is held by backpressure.
      let last = -1;
      await waitFor(
        async () => (res as http.IncomingMessage | null)?.socket.bytesRead ?? 0,
        (n) => {
          const steady = n > 0 && n === last;
          last = n;
          return steady;
        },
      );
      // A stalled host would hang this call until the test's timeout; it answers instead.
      const vols = await bff.client(viewer).storage.volume.list.query({ hostId: bff.hostId, pool });
      expect(vols.length).toBe(2);
    } finally {
      req.destroy();
    }
  });

  it('ends a transfer that moves no byte for the idle time', async () => {
    // The same middleware on a server of its own, with a short idle time.
    const mw = volumeTransferMiddleware(bff.server.services, { idleMs: 500 });
    const server = http.createServer((req, res) => mw(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const req = http.get(
        `http://127.0.0.1:${port}/api/hosts/${bff.hostId}/volumes/download?pool=${pool}&volume=big.raw`,
        { headers: headers(operator) },
        (res) => res.pause(),
      );
      req.on('error', () => {});
      // The client never reads (so it cannot notice the close either): the server gives up.
      const rows = await waitFor(
        async () => (await bff.client(admin).audit.list.query({ objectType: 'volume', limit: 20 })).items,
        (items) => items.some((e) => e.objectName === 'big.raw' && e.detail?.includes('no data moved') === true),
      );
      req.destroy();
      expect(rows.find((e) => e.objectName === 'big.raw' && e.action === 'download')).toMatchObject({
        result: 'error',
        detail: expect.stringContaining('no data moved') as string,
      });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('aborts the libvirt stream when an uploading client goes away, and keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(url('upload', { pool, volume: 'big.raw' }), {
        method: 'PUT',
        headers: { ...headers(operator), 'content-length': String(64 * MiB) },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(MiB), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200);
      });
    });
    const rows = await waitFor(() => auditRows('big.raw'), (r) => r.includes('op1:upload:error'));
    expect(rows).toContain('op1:upload:error');

    const up = await put(operator, { pool, volume: 'data.raw' }, payload);
    expect(up.status).toBe(200);
    expect(virsh('vol-info', '--pool', pool, 'big.raw')).toMatch(/Capacity:\s+256\.00 MiB/);
  });

  it('audits uploads and downloads with who and the result', async () => {
    const rows = await auditRows('data.raw');
    expect(rows).toEqual(expect.arrayContaining(['op1:upload:ok', 'op1:download:ok', 'viewer1:upload:error']));
    // Anonymous callers and missing CSRF are refused before anything is audited, as over tRPC.
    expect(rows.some((r) => r.startsWith('anonymous'))).toBe(false);
  });
});
