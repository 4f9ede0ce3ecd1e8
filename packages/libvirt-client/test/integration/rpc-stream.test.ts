// Streams against the real daemon: a volume in a dir pool of our own, uploaded through
// REMOTE_PROC_STORAGE_VOL_UPLOAD and read back through STORAGE_VOL_DOWNLOAD.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/client.js';
import { LibvirtError } from '../../src/errors.js';
import { remoteProcedures as rp, VirErrorNumber } from '../../src/gen/index.js';
import type { RemoteNonnullStoragePool, RemoteNonnullStorageVol } from '../../src/gen/index.js';
import type { RpcConnection } from '../../src/rpc/connection.js';
import { daemon } from './daemon.js';

const SIZE = 3 * 1024 * 1024 + 4096; // not a multiple of the 262120-byte chunk
let conn: RpcConnection;
let dir: string;
let pool: RemoteNonnullStoragePool;
let vol: RemoteNonnullStorageVol;

function pattern(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = 0x12345678;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

async function download(offset = 0n, length = 0n): Promise<Buffer> {
  const { stream } = await conn.openReadStream(rp.storageVolDownload, { vol, offset, length, flags: 0 }, { highWaterMark: 256 * 1024 });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  conn = await openConnection(daemon.qemuUnixUri());
  dir = await mkdtemp(path.join(os.tmpdir(), 'vdtest-pool-'));
  const name = daemon.uniqueName('pool');
  ({ pool } = await conn.call(rp.storagePoolCreateXml, { xml: `<pool type="dir"><name>${name}</name><target><path>${dir}</path></target></pool>`, flags: 0 }));
  ({ vol } = await conn.call(rp.storageVolCreateXml, {
    pool,
    xml: `<volume><name>${daemon.uniqueName('vol')}.raw</name><capacity unit="bytes">${SIZE}</capacity><target><format type="raw"/></target></volume>`,
    flags: 0,
  }));
});

afterAll(async () => {
  if (conn && !conn.isClosed) {
    if (vol) await conn.call(rp.storageVolDelete, { vol, flags: 0 }).catch(() => undefined);
    if (pool) await conn.call(rp.storagePoolDestroy, { pool }).catch(() => undefined); // transient: destroy removes it
    await conn.close();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('volume streams', () => {
  const data = pattern(SIZE);

  it('uploads through STORAGE_VOL_UPLOAD and downloads the same bytes through STORAGE_VOL_DOWNLOAD', async () => {
    const { stream } = await conn.openWriteStream(rp.storageVolUpload, { vol, offset: 0n, length: BigInt(SIZE), flags: 0 });
    // Uneven writes, some larger than one STREAM packet.
    for (let off = 0; off < SIZE; ) {
      const n = Math.min(SIZE - off, 100_000 + (off % 500_000));
      if (!stream.write(data.subarray(off, off + n))) await new Promise((r) => stream.once('drain', r));
      off += n;
    }
    await stream.finish();

    const back = await download();
    expect(back.length).toBe(SIZE);
    expect(back.equals(data)).toBe(true);

    const part = await download(1000n, 300_000n);
    expect(part.equals(data.subarray(1000, 301_000))).toBe(true);
  });

  it('other calls keep flowing while a download is in progress', async () => {
    const [bytes, ...versions] = await Promise.all([download(), ...Array.from({ length: 20 }, () => conn.call(rp.connectGetLibVersion, undefined))]);
    expect(bytes.length).toBe(SIZE);
    expect(versions.every((v) => v.lib_ver > 0n)).toBe(true);
  });

  it('a consumer that stops early aborts the download; the connection goes on', async () => {
    const { stream } = await conn.openReadStream(rp.storageVolDownload, { vol, offset: 0n, length: 0n, flags: 0 });
    for await (const _ of stream) break;
    expect((await conn.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
    // And a new download still works in full.
    expect((await download()).equals(data)).toBe(true);
  });

  it('an aborted upload is discarded by the daemon; the connection goes on', async () => {
    const { stream } = await conn.openWriteStream(rp.storageVolUpload, { vol, offset: 0n, length: 0n, flags: 0 });
    stream.write(pattern(1000));
    await stream.abort();
    expect((await conn.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });

  it('a stream call the daemon refuses rejects with LibvirtError and leaves no stream behind', async () => {
    const missing = { ...vol, name: 'missing.raw', key: `${dir}/missing.raw` };
    const e = await conn.openWriteStream(rp.storageVolUpload, { vol: missing, offset: 0n, length: 0n, flags: 0 }).catch((e: unknown) => e);
    expect(e).toBeInstanceOf(LibvirtError);
    expect((e as LibvirtError).code).toBe(VirErrorNumber.ERR_NO_STORAGE_VOL);
    expect((await conn.call(rp.connectGetLibVersion, undefined)).lib_ver).toBeGreaterThan(0n);
  });
});
