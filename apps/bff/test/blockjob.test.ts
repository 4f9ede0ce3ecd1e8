// Chain operations on a running TCG guest: a qcow2 chain built with qemu-img, an external
// snapshot that grows it, a block commit and a block pull that shorten it, each job's end seen
// as a live block-job event and the chain read back from the live domain XML after each step;
// then a copy into a new volume of a pool and an active commit, both watched to "ready" through
// blockJob.watch and pivoted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/live/live-events.js';
import type { BlockJobSample } from '../src/blockjobs/watch.js';
import type { Resync } from '../src/live/event-log.js';
import { uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';

const MiB = 1024 * 1024;


describe('block jobs on a backing chain', () => {
  const name = uniqueName('chain');
  const pool = uniqueName('chainpool');
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-chain-'));
  const poolDir = path.join(dir, 'pool');
  const img = (f: string) => path.join(dir, f);
  let uuid = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let ws: ReturnType<typeof wsClientFor>;
  const seen = collector<LiveEvent | Resync>();

  const chain = async () => {
    const d = await bff.client(admin).domain.get.query({ hostId: bff.hostId, uuid });
    const disk = d.disks.find((x) => x.targetDev === 'vda')!;
    return { status: disk.chain.status, files: disk.chain.layers.map((l) => path.basename('path' in l.source ? String(l.source.path) : '?')) };
  };
  const jobEnded = (n: number) => seen.waitFor(() => seen.events.filter((e) => e.kind === 'block-job' && e.domain.uuid === uuid && e.status === 'completed').length >= n, 30_000);

  beforeAll(async () => {
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', img('base.raw'), '16M']);
    // Real data, so a copy limited to 2 MiB/s runs long enough to be seen in progress.
    execFileSync('qemu-io', ['-f', 'raw', '-c', 'write -P 0xab 0 8M', img('base.raw')], { stdio: 'ignore' });
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'raw', '-b', img('base.raw'), img('l1.qcow2')]);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', img('l1.qcow2'), img('top.qcow2')]);
    writeFileSync(
      img('d.xml'),
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
       <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${img('top.qcow2')}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', img('d.xml'));
    virsh('start', name);
    execFileSync('mkdir', [poolDir]);
    virsh('pool-create-as', pool, 'dir', '--target', poolDir);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    ws = wsClientFor(bff, admin);
    ws.client.live.events.subscribe({ hostId: bff.hostId }, { onData: (d) => seen.push(d.data) });
  });

  afterAll(async () => {
    ws?.close();
    try {
      virsh('destroy', name);
    } catch {
      // not running
    }
    virsh('undefine', name, '--snapshots-metadata');
    try {
      virsh('pool-destroy', pool);
    } catch {
      // never created
    }
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('reads the chain the images form', async () => {
    expect(await chain()).toEqual({ status: 'complete', files: ['top.qcow2', 'l1.qcow2', 'base.raw'] });
  });

  it('an external disk-only snapshot adds a layer on top', async () => {
    await bff.client(admin).snapshot.create.mutate({ hostId: bff.hostId, uuid, name: 'snap1', kind: 'disk-only' });
    const c = await chain();
    expect(c.files.slice(1)).toEqual(['top.qcow2', 'l1.qcow2', 'base.raw']);
    expect(c.files).toHaveLength(4);
  });

  it('a block commit of l1 into the base removes l1 from the chain', async () => {
    await bff.client(admin).blockJob.commit.mutate({ hostId: bff.hostId, uuid, disk: 'vda', top: img('l1.qcow2'), base: img('base.raw') });
    await jobEnded(1);
    const c = await chain();
    expect(c.files.slice(1)).toEqual(['top.qcow2', 'base.raw']);
  });

  it('a block pull flattens the chain into the active layer', async () => {
    await bff.client(admin).blockJob.pull.mutate({ hostId: bff.hostId, uuid, disk: 'vda' });
    await jobEnded(2);
    const c = await chain();
    expect(c.files).toHaveLength(1);
    expect(await bff.client(admin).blockJob.info.query({ hostId: bff.hostId, uuid, disk: 'vda' })).toBeNull();
  });

  it('watch says there is no job and ends at once when none runs', async () => {
    const w = watchJobs(ws, { hostId: bff.hostId, uuid, intervalMs: 250 });
    expect(await w.done).toEqual([{ jobs: [], ended: [] }]);
  });

  it('a copy refuses a bad pool or volume name, naming the field', async () => {
    const op = bff.client(admin).blockJob;
    const base = { hostId: bff.hostId, uuid, disk: 'vda', pool, format: 'qcow2' as const };
    for (const bad of ['../escape.qcow2', '..', '', ' lead.qcow2']) {
      const e = await failureOf(op.copy.mutate({ ...base, name: bad }));
      expect(e.code, bad).toBe('BAD_REQUEST');
      expect(Object.keys(e.fields), bad).toEqual(['name']);
    }
    expect((await failureOf(op.copy.mutate({ ...base, pool: 'a/b', name: 'x.qcow2' }))).fields).toHaveProperty('pool');
    const missing = await failureOf(op.copy.mutate({ ...base, pool: uniqueName('nopool'), name: 'x.qcow2' }));
    expect(missing.code).toBe('NOT_FOUND');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(poolDir, 'taken.qcow2'), '1M']);
    const taken = await failureOf(op.copy.mutate({ ...base, name: 'taken.qcow2' }));
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toMatch(/^name: .*taken\.qcow2/);
    // The old input, a host path chosen by the client, is no longer accepted.
    const old = await failureOf(op.copy.mutate({ hostId: bff.hostId, uuid, disk: 'vda', destination: '/tmp/x.qcow2' } as never));
    expect(old.code).toBe('BAD_REQUEST');
  });

  it('a copy into a new pool volume shows progress, becomes ready, and pivots onto the volume', async () => {
    const op = bff.client(admin).blockJob;
    const res = await op.copy.mutate({ hostId: bff.hostId, uuid, disk: 'vda', pool, name: 'copy.qcow2', format: 'qcow2', bandwidthMiBps: 2 });
    expect(res.path).toBe(path.join(poolDir, 'copy.qcow2'));
    const w = watchJobs(ws, { hostId: bff.hostId, uuid, intervalMs: 250 });
    await w.until((s) => s.jobs.some((j) => j.type === 'copy' && !j.ready && j.end > 0 && j.cur < j.end));
    await w.until((s) => s.jobs.some((j) => j.type === 'copy' && j.ready && j.cur === j.end));
    const progress = w.samples.flatMap((s) => s.jobs).map((j) => j.cur / j.end);
    // Under the limit the copy moves in steps: several distinct values between 0 and 100%.
    expect(new Set(progress.filter((p) => p > 0 && p < 0.9)).size).toBeGreaterThanOrEqual(3);
    expect(w.samples.flatMap((s) => s.jobs).every((j) => j.disk === 'vda' && j.bandwidthMiBps === 2)).toBe(true);

    const fin = await op.finish.mutate({ hostId: bff.hostId, uuid, disk: 'vda' });
    expect(fin).toEqual({ ok: true, active: path.join(poolDir, 'copy.qcow2'), refreshedPools: [pool] });
    const ended = await w.done;
    expect(ended.at(-1)).toEqual({ jobs: [], ended: [{ disk: 'vda', type: 'copy', status: 'completed' }] });
    expect((await chain()).files).toEqual(['copy.qcow2']);
    // The copy ran as a transient job, yet libvirt moved the persistent definition along: the
    // next boot uses the copy too.
    expect(virsh('dumpxml', '--inactive', name)).toContain(`<source file='${path.join(poolDir, 'copy.qcow2')}'/>`);
    const vols = await bff.client(admin).storage.volume.list.query({ hostId: bff.hostId, pool });
    expect(vols.find((v) => v.name === 'copy.qcow2')).toMatchObject({ format: 'qcow2', capacity: 16 * MiB });
  });

  it('an active commit into the layer below becomes ready and its pivot makes the chain one layer shorter', async () => {
    await bff.client(admin).snapshot.create.mutate({ hostId: bff.hostId, uuid, name: 'snap2', kind: 'disk-only' });
    await bff.client(admin).snapshot.create.mutate({ hostId: bff.hostId, uuid, name: 'snap3', kind: 'disk-only' });
    const before = (await chain()).files;
    expect(before).toHaveLength(3);
    const below = path.join(poolDir, before[1]!);
    const op = bff.client(admin).blockJob;
    expect(await op.commit.mutate({ hostId: bff.hostId, uuid, disk: 'vda', top: null, base: below })).toEqual({ active: true });
    const w = watchJobs(ws, { hostId: bff.hostId, uuid, intervalMs: 250 });
    await w.until((s) => s.jobs.some((j) => j.type === 'active_commit' && j.ready));
    await op.finish.mutate({ hostId: bff.hostId, uuid, disk: 'vda' });
    const samples = await w.done;
    expect(samples.at(-1)?.ended).toEqual([{ disk: 'vda', type: 'active_commit', status: 'completed' }]);
    expect((await chain()).files).toEqual(before.slice(1));
  });

  it('cancelling a ready copy leaves the disk where it was and deletes the partial copy', async () => {
    const op = bff.client(admin).blockJob;
    const before = (await chain()).files;
    const { path: partial } = await op.copy.mutate({ hostId: bff.hostId, uuid, disk: 'vda', pool, name: 'dropped.qcow2', format: 'raw' });
    const w = watchJobs(ws, { hostId: bff.hostId, uuid, intervalMs: 250 });
    await w.until((s) => s.jobs.some((j) => j.ready));
    expect(existsSync(partial)).toBe(true);
    const live = await bff.client(admin).domain.get.query({ hostId: bff.hostId, uuid });
    expect(live.disks.find((d) => d.targetDev === 'vda')?.mirror).toEqual({ job: 'copy', file: partial, format: 'raw', ready: 'yes' });
    expect(await op.cancel.mutate({ hostId: bff.hostId, uuid, disk: 'vda' })).toEqual({ ok: true, removed: partial });
    const samples = await w.done;
    expect(samples.at(-1)?.ended).toEqual([{ disk: 'vda', type: 'copy', status: 'canceled' }]);
    expect((await chain()).files).toEqual(before);
    expect(existsSync(partial)).toBe(false);
    const vols = await bff.client(admin).storage.volume.list.query({ hostId: bff.hostId, pool });
    expect(vols.map((v) => v.name)).not.toContain('dropped.qcow2');
    const audit = await bff.client(admin).audit.list.query({ objectType: 'volume', limit: 10 });
    expect(audit.items.find((e) => e.objectName === `${pool}/dropped.qcow2`)).toMatchObject({ action: 'delete', result: 'ok', username: 'admin' });
  });

  it('cancelling an active commit deletes nothing', async () => {
    const op = bff.client(admin).blockJob;
    const before = (await chain()).files;
    expect(before.length).toBeGreaterThanOrEqual(2);
    await op.commit.mutate({ hostId: bff.hostId, uuid, disk: 'vda', top: null, base: path.join(poolDir, before[1]!) });
    const w = watchJobs(ws, { hostId: bff.hostId, uuid, intervalMs: 250 });
    await w.until((s) => s.jobs.some((j) => j.type === 'active_commit' && j.ready));
    expect(await op.cancel.mutate({ hostId: bff.hostId, uuid, disk: 'vda' })).toEqual({ ok: true, removed: null });
    await w.done;
    expect((await chain()).files).toEqual(before);
    for (const f of before) expect(existsSync(path.join(poolDir, f))).toBe(true);
  });
});

/** Subscribes to blockJob.watch and collects its samples until the server ends it. */
function watchJobs(ws: ReturnType<typeof wsClientFor>, input: { hostId: string; uuid: string; intervalMs: number }) {
  const samples: BlockJobSample[] = [];
  let sub: { unsubscribe(): void } | null = null;
  const done = new Promise<BlockJobSample[]>((resolve, reject) => {
    sub = ws.client.blockJob.watch.subscribe(input, { onData: (d) => samples.push(d), onComplete: () => resolve(samples), onError: reject });
  });
  const until = async (pred: (s: BlockJobSample) => boolean, timeoutMs = 30_000) => {
    const start = Date.now();
    while (!samples.some(pred)) {
      if (Date.now() - start > timeoutMs) throw new Error(`no such sample within ${timeoutMs} ms: ${JSON.stringify(samples)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { samples, done, until, stop: () => sub?.unsubscribe() };
}
