// Snapshots and block jobs through the facade: internal snapshots of a shut-off guest with a
// qcow2 disk in a dir pool of our own, and block jobs (commit, rebase/pull, active commit with
// pivot) on a running TCG guest whose backing chain is built with qemu-img, with events.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Libvirt } from '../../src/facade/libvirt.js';
import { isNoDomain, isNoDomainSnapshot } from '../../src/facade/errors.js';
import type { BlockJobEvent } from '../../src/facade/events.js';
import { daemon } from './daemon.js';
import { nextMatching as next } from './events.js';

const qemuImg = (...args: string[]): Promise<unknown> => promisify(execFile)('/usr/bin/qemu-img', args);

function guestXml(name: string, disk: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${disk}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
  </devices>
</domain>`;
}

describe('snapshots and block jobs on the qemu driver', () => {
  let lv: Libvirt;
  let dir: string;
  const pool = daemon.uniqueName('snappool');
  const guests: string[] = [];

  beforeAll(async () => {
    lv = await Libvirt.connect(daemon.qemuUnixUri());
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-facade-snap-'));
  });
  afterAll(async () => {
    if (lv) {
      for (const g of guests) {
        await lv.domains.destroy(g).catch(() => undefined);
        await lv.domains.undefine(g, ['SNAPSHOTS_METADATA']).catch((e: unknown) => {
          if (!isNoDomain(e)) throw e;
        });
      }
      await lv.pools.destroy(pool).catch(() => undefined);
      await lv.pools.undefine(pool).catch(() => undefined);
      await lv.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('internal snapshots of a shut-off guest: create, list with parent and current, revert, delete', async () => {
    await lv.pools.define(`<pool type='dir'><name>${pool}</name><target><path>${dir}/pool</path></target></pool>`);
    await lv.pools.start(pool, ['WITH_BUILD']);
    const vol = await lv.volumes.create(pool, `<volume><name>snap.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`);
    const name = daemon.uniqueName('snap');
    guests.push(name);
    await lv.domains.define(guestXml(name, (await lv.volumes.get(vol)).path));

    expect(await lv.snapshots.list(name)).toEqual([]);
    expect(await lv.snapshots.current(name)).toBeNull();
    await lv.snapshots.create(name, `<domainsnapshot><name>s1</name><description>first</description></domainsnapshot>`);
    await lv.snapshots.create(name, `<domainsnapshot><name>s2</name></domainsnapshot>`);
    await lv.snapshots.create(name, `<domainsnapshot><name>s3</name></domainsnapshot>`);
    const byName = (l: { name: string }[]) => [...l].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(await lv.snapshots.list(name))).toEqual([
      { name: 's1', parent: null, current: false },
      { name: 's2', parent: 's1', current: false },
      { name: 's3', parent: 's2', current: true },
    ]);
    expect(await lv.snapshots.getXml(name, 's1')).toContain('<description>first</description>');

    await lv.snapshots.revert(name, 's1');
    expect(await lv.snapshots.current(name)).toBe('s1');
    expect((await lv.domains.getState(name)).state).toBe('shutoff');

    // Delete s2 with its child s3; s1 stays, with no children.
    await lv.snapshots.delete(name, 's2', ['CHILDREN']);
    expect(await lv.snapshots.list(name)).toEqual([{ name: 's1', parent: null, current: true }]);
    expect(isNoDomainSnapshot(await lv.snapshots.lookup(name, 's3').catch((e: unknown) => e))).toBe(true);
    await lv.snapshots.delete(name, 's1');
    expect(await lv.snapshots.list(name)).toEqual([]);

    await lv.domains.undefine(name);
    await lv.volumes.delete(vol);
  });

  it('block jobs on a running guest: commit, rebase, active commit and copy with pivot, with events', async () => {
    // base <- mid1 <- mid2 <- top, each qcow2 with its backing format recorded.
    const img = (n: string): string => path.join(dir, `${n}.qcow2`);
    await qemuImg('create', '-q', '-f', 'qcow2', img('base'), '16M');
    await qemuImg('create', '-q', '-f', 'qcow2', '-b', img('base'), '-F', 'qcow2', img('mid1'));
    await qemuImg('create', '-q', '-f', 'qcow2', '-b', img('mid1'), '-F', 'qcow2', img('mid2'));
    await qemuImg('create', '-q', '-f', 'qcow2', '-b', img('mid2'), '-F', 'qcow2', img('top'));
    const name = daemon.uniqueName('blk');
    guests.push(name);
    await lv.domains.define(guestXml(name, img('top')));
    const events = await lv.events.blockJob({ dom: name });
    const it = events[Symbol.asyncIterator]();
    try {
      await lv.domains.start(name);
      const chain = async (): Promise<string[]> => [...(await lv.domains.getXml(name)).matchAll(/<source file='([^']+)'/g)].map((m) => path.basename(m[1]!, '.qcow2'));
      expect(await chain()).toEqual(['top', 'mid2', 'mid1', 'base']);
      expect(await lv.blockJobs.info(name, 'vda')).toBeNull();

      // 1. Commit mid2 into mid1 (not the active layer).
      await lv.blockJobs.commit(name, 'vda', { top: img('mid2'), base: img('mid1') });
      const done1: BlockJobEvent = await next(it, (e) => e.status !== 'ready');
      expect(done1).toMatchObject({ domain: { name }, disk: 'vda', type: 'commit', status: 'completed' });
      expect(await chain()).toEqual(['top', 'mid1', 'base']);

      // 2. Pull mid1 into top, keeping base (blockRebase with a base).
      await lv.blockJobs.rebase(name, 'vda', { base: img('base') });
      expect(await next(it, () => true)).toMatchObject({ disk: 'vda', type: 'pull', status: 'completed' });
      expect(await chain()).toEqual(['top', 'base']);

      // 3. Active commit of top into base: READY, then pivot.
      await lv.blockJobs.commit(name, 'vda', { flags: ['ACTIVE'] });
      expect(await next(it, () => true)).toMatchObject({ type: 'active_commit', status: 'ready' });
      const info = await lv.blockJobs.info(name, 'vda');
      expect(info).toMatchObject({ type: 'active_commit' });
      expect(info!.cur).toBe(info!.end);
      await lv.blockJobs.abort(name, 'vda', ['PIVOT']);
      expect(await next(it, () => true)).toMatchObject({ type: 'active_commit', status: 'completed' });
      expect(await chain()).toEqual(['base']);
      expect(await lv.blockJobs.info(name, 'vda')).toBeNull();

      // 4. A full pull on a single image finishes at once.
      await lv.blockJobs.pull(name, 'vda');
      expect(await next(it, () => true)).toMatchObject({ type: 'pull', status: 'completed' });

      // 5. Copy the disk to a new image with typed parameters, then pivot to it.
      const dest = `<disk type='file'><source file='${img('copy')}'/><driver type='qcow2'/></disk>`;
      await lv.blockJobs.copy(name, 'vda', dest, { bandwidth: 512 * 1024 * 1024, granularity: 65536 }, ['TRANSIENT_JOB']);
      expect(await next(it, () => true)).toMatchObject({ type: 'copy', status: 'ready' });
      await lv.blockJobs.abort(name, 'vda', ['PIVOT']);
      expect(await next(it, () => true)).toMatchObject({ type: 'copy', status: 'completed' });
      expect(await chain()).toEqual(['copy']);
    } finally {
      await events.unsubscribe();
      await lv.domains.destroy(name).catch(() => undefined);
    }
  });
});
