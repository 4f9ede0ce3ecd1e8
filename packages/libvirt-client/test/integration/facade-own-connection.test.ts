// Libvirt.withOwnConnection against the real daemon: a download whose reader stops does not
// stall the shared connection, and the own connection closes with its stream (or after `use`).
// The pool and its volume are ours, uniquely named, and removed afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import type { VolumeHandle } from '../../src/facade/refs.js';
import { daemon } from './daemon.js';

const MiB = 1024 * 1024;
const SIZE = 16 * MiB; // far more than the stream's buffer and the socket's

describe('a stream on a connection of its own', () => {
  let lv: Libvirt;
  let dir: string;
  let vol: VolumeHandle;
  const pool = daemon.uniqueName('ownpool');
  const data = randomBytes(SIZE);

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-own-'));
    await lv.pools.define(`<pool type='dir'><name>${pool}</name><target><path>${dir}</path></target></pool>`);
    await lv.pools.start(pool);
    vol = await lv.volumes.create(pool, `<volume><name>${daemon.uniqueName('ownvol')}.raw</name><capacity unit='bytes'>${SIZE}</capacity><target><format type='raw'/></target></volume>`);
  });
  afterAll(async () => {
    if (lv) {
      if (vol) await lv.volumes.delete(vol).catch(() => undefined);
      await lv.pools.destroy(pool).catch(() => undefined);
      await lv.pools.undefine(pool).catch(() => undefined);
      await lv.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('an upload runs on its own connection, closed once the upload is done', async () => {
    let own: Libvirt | undefined;
    const sent = await Libvirt.withOwnConnection(daemon.qemuUnixUri(), undefined, (c) => {
      own = c;
      return c.volumes.upload(vol, [data], { length: SIZE });
    });
    expect(sent).toBe(SIZE);
    expect(await own!.closed).toEqual({ error: null });
  });

  it('a download nobody reads stalls its own connection only; the connection closes with the stream', async () => {
    let own: Libvirt | undefined;
    const stream: Readable = await Libvirt.withOwnConnection(
      daemon.qemuUnixUri(),
      undefined,
      (c) => {
        own = c;
        return c.volumes.download(vol);
      },
      (s) => s,
    );
    // Nobody reads: the stream's buffer fills and its connection's socket is paused.
    await vi.waitFor(() => expect(stream.readableLength).toBeGreaterThanOrEqual(stream.readableHighWaterMark), { timeout: 60_000, interval: 20 });
    // The shared connection answers all the same.
    expect(await lv.host.libVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    let ownClosed = false;
    void own!.closed.then(() => (ownClosed = true));
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(await own!.closed).toEqual({ error: null });
    expect(ownClosed).toBe(true);
  });
});
