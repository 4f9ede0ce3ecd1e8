// Storage pools and volumes through the facade, in a dir pool of our own under a temp dir:
// define/build/start, raw and qcow2 volumes, a qcow2 overlay on a raw base, resize, clone,
// wipe, upload and download with progress, and pool lifecycle events.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoStoragePool, isNoStorageVol } from '../../src/facade/errors.js';
import type { EventStream, PoolLifecycleEvent } from '../../src/facade/events.js';
import { daemon } from './daemon.js';

const MiB = 1024 * 1024;

function poolXml(name: string, dir: string): string {
  return `<pool type='dir'><name>${name}</name><target><path>${dir}</path></target></pool>`;
}

function volXml(name: string, format: 'raw' | 'qcow2', capacity: number, backing?: string): string {
  const b = backing ? `<backingStore><path>${backing}</path><format type='raw'/></backingStore>` : '';
  return `<volume><name>${name}</name><capacity unit='bytes'>${capacity}</capacity><target><format type='${format}'/></target>${b}</volume>`;
}

describe('storage on the qemu driver', () => {
  let lv: Libvirt;
  let dir: string;
  const pool = daemon.uniqueName('pool');

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-facade-pool-'));
  });
  afterAll(async () => {
    if (lv) {
      await lv.pools.destroy(pool).catch(() => undefined);
      await lv.pools.undefine(pool).catch((e: unknown) => {
        if (!isNoStoragePool(e)) throw e;
      });
      await lv.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a dir pool: define, build, start, volumes, streams, and back', async () => {
    const events: EventStream<PoolLifecycleEvent> = await lv.events.poolLifecycle();
    try {
      const handle = await lv.pools.define(poolXml(pool, path.join(dir, 'pool')));
      expect(handle.name).toBe(pool);
      await lv.pools.build(pool);
      await lv.pools.start(pool);
      await lv.pools.setAutostart(pool, false);
      const info = (await lv.pools.list()).find((p) => p.name === pool);
      expect(info).toMatchObject({ state: 'running', persistent: true, autostart: false });
      expect(info!.capacity).toBeGreaterThan(0);
      expect(await lv.pools.getXml(handle)).toContain(`<name>${pool}</name>`);

      // Volumes: raw base, qcow2, and a qcow2 overlay on the raw base.
      const raw = await lv.volumes.create(pool, volXml('base.raw', 'raw', 4 * MiB));
      await lv.volumes.create(pool, volXml('disk.qcow2', 'qcow2', 64 * MiB));
      const basePath = (await lv.volumes.get(raw)).path;
      await lv.volumes.create(pool, volXml('overlay.qcow2', 'qcow2', 4 * MiB, basePath));
      await lv.pools.refresh(pool);
      const vols = await lv.volumes.list(pool);
      expect(vols.map((v) => v.name).sort()).toEqual(['base.raw', 'disk.qcow2', 'overlay.qcow2']);
      for (const v of vols) expect(v).toMatchObject({ pool, type: 'file' });
      expect(vols.find((v) => v.name === 'base.raw')).toMatchObject({ capacity: 4 * MiB, path: basePath });
      expect(vols.find((v) => v.name === 'disk.qcow2')!.capacity).toBe(64 * MiB);
      const overlayXml = await lv.volumes.getXml({ pool, name: 'overlay.qcow2' });
      expect(overlayXml).toContain(`<path>${basePath}</path>`);
      expect(overlayXml).toContain("<format type='qcow2'/>");

      // Resize, lookup by path and by key.
      await lv.volumes.resize({ path: basePath }, 8 * MiB);
      expect((await lv.volumes.get({ key: raw.key })).capacity).toBe(8 * MiB);

      // Upload 3 MiB of random bytes at offset 1 MiB, download them back byte for byte.
      const data = randomBytes(3 * MiB);
      const up: number[] = [];
      const sent = await lv.volumes.upload(raw, Readable.from([data.subarray(0, MiB), data.subarray(MiB)]), {
        offset: MiB,
        length: data.length,
        onProgress: (done, total) => {
          expect(total).toBe(data.length);
          up.push(done);
        },
      });
      expect(sent).toBe(data.length);
      expect(up.at(-1)).toBe(data.length);
      const down: [number, number | null][] = [];
      const stream = await lv.volumes.download(raw, { offset: MiB, length: data.length, onProgress: (d, t) => down.push([d, t]) });
      const chunks: Uint8Array[] = [];
      for await (const c of stream) chunks.push(c as Uint8Array);
      const back = Buffer.concat(chunks);
      expect(back.length).toBe(data.length);
      expect(back.equals(data)).toBe(true);
      expect(down.length).toBeGreaterThan(1);
      expect(down.at(-1)).toEqual([data.length, data.length]);
      // Without a length, a download runs to the end of the volume (total: capacity - offset).
      const tail = await lv.volumes.download(raw, { offset: 7 * MiB, onProgress: () => undefined });
      let n = 0;
      for await (const c of tail) n += (c as Uint8Array).length;
      expect(n).toBe(MiB);

      // A source that fails mid-way aborts the upload; the connection goes on.
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield randomBytes(MiB);
        throw new Error('source broke');
      }
      await expect(lv.volumes.upload(raw, failing(), { offset: 0, length: 2 * MiB })).rejects.toThrow('source broke');
      expect((await lv.volumes.get(raw)).capacity).toBe(8 * MiB);

      // Clone, then wipe the clone (zeros) and check it reads back as zeros.
      const clone = await lv.volumes.clone(pool, volXml('clone.raw', 'raw', 8 * MiB), raw);
      const cloneHead = Buffer.concat(await (await lv.volumes.download(clone, { offset: MiB, length: 4096 })).toArray());
      expect(cloneHead.equals(data.subarray(0, 4096))).toBe(true);
      await lv.volumes.wipe(clone);
      const wiped = Buffer.concat(await (await lv.volumes.download(clone, { offset: MiB, length: 4096 })).toArray());
      expect(wiped.every((b) => b === 0)).toBe(true);

      // Delete every volume (overlay first), then stop and undefine the pool.
      for (const name of ['overlay.qcow2', 'disk.qcow2', 'clone.raw', 'base.raw']) await lv.volumes.delete({ pool, name });
      expect(isNoStorageVol(await lv.volumes.lookup({ path: basePath }).catch((e: unknown) => e))).toBe(true);
      expect(await lv.volumes.list(pool)).toEqual([]);
      await lv.pools.destroy(pool);
      expect((await lv.pools.get(pool)).state).toBe('inactive');
      await lv.pools.delete(pool);
      await lv.pools.undefine(pool);
      expect(isNoStoragePool(await lv.pools.lookup(pool).catch((e: unknown) => e))).toBe(true);

      const seen: string[] = [];
      for await (const e of events) {
        if (e.pool.name !== pool) continue;
        seen.push(e.event ?? String(e.raw.event));
        if (e.event === 'undefined') break;
      }
      // build() is 'created', delete() is 'deleted'.
      expect(seen).toEqual(['defined', 'created', 'started', 'stopped', 'deleted', 'undefined']);
    } finally {
      await events.unsubscribe();
    }
  });
});
