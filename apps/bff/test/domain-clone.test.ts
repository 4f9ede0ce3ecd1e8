// Cloning a shut-off VM over HTTP, against the real daemon: a full clone copies every disk into a
// pool (a disk on a backing chain comes out flattened), with its progress streamed; a linked
// clone puts an overlay on each disk, which then shows as a shared base in the pool's forest.
// Each clone gets a new name, UUID and MACs; the source is left as it was. Refusals: a running
// source, a name or volume that exists, a missing pool, viewers, bad input by field.
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloneProgress } from '@virtdeck/contract/clone';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';
import { collector } from './live.js';

const MAC = '52:54:00:c1:00:01';

describe('cloning a VM', () => {
  const pool = uniqueName('clonepool');
  const source = uniqueName('clonesrc');
  const full = uniqueName('clonefull');
  const linked = uniqueName('clonelinked');
  const running = uniqueName('clonerun');
  let dir = '';
  let poolDir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  let sourceUuid = '';
  let runningUuid = '';

  const define = (xml: string): string => {
    const file = path.join(dir, 'def.xml');
    writeFileSync(file, xml);
    virsh('define', file);
    return virsh('domuuid', /<name>([^<]+)<\/name>/.exec(xml)![1]!).trim();
  };
  const domainXml = (disk: string) =>
    `<memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices>` +
    `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>` +
    `<interface type='user'><mac address='${MAC}'/><model type='virtio'/></interface></devices>`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-clone-'));
    poolDir = mkdtempSync(path.join(tmpdir(), 'vdtest-clonepool-'));
    virsh('pool-define-as', pool, 'dir', '--target', poolDir);
    virsh('pool-start', pool);
    // A base with 2 MiB of data under a qcow2 overlay: the source's disk is a chain.
    virsh('vol-create-as', pool, 'base.raw', '8M', '--format', 'raw');
    writeFileSync(path.join(dir, 'data'), randomBytes(2 * 1024 * 1024));
    virsh('vol-upload', '--pool', pool, 'base.raw', path.join(dir, 'data'));
    virsh('vol-create-as', pool, 'src.qcow2', '8M', '--format', 'qcow2', '--backing-vol', path.join(poolDir, 'base.raw'), '--backing-vol-format', 'raw');
    sourceUuid = define(`<domain type='qemu'><name>${source}</name>${domainXml(path.join(poolDir, 'src.qcow2'))}</domain>`);
    virsh('vol-create-as', pool, 'run.qcow2', '8M', '--format', 'qcow2');
    runningUuid = define(`<domain type='qemu'><name>${running}</name>${domainXml(path.join(poolDir, 'run.qcow2')).replace(MAC, '52:54:00:c1:00:02')}</domain>`);
    virsh('start', running);
    bff = await startTestBff();
    hostId = bff.hostId;
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'clone-op', password: 'operator-password-1', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'clone-viewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('clone-op', 'operator-password-1');
    viewer = await bff.signIn('clone-viewer', 'viewer-password-1');
  });

  afterAll(async () => {
    for (const n of [full, linked, source, running]) {
      virshQuietly('destroy', n);
      virshQuietly('undefine', n);
    }
    virshQuietly('pool-destroy', pool);
    virshQuietly('pool-undefine', pool);
    for (const d of [dir, poolDir]) if (d) rmSync(d, { recursive: true, force: true });
    await bff?.close();
  });

  it('refuses viewers, a running source, a taken name, a missing pool and bad input', async () => {
    expect((await failureOf(bff.client(viewer).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: full, pool }))).code).toBe('FORBIDDEN');
    const run = await failureOf(bff.client(operator).domain.clone.run.mutate({ hostId, uuid: runningUuid, name: full, pool }));
    expect(run.code).toBe('CONFLICT');
    expect(run.message).toContain('shut it off before cloning');
    const taken = await failureOf(bff.client(operator).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: running, pool }));
    expect(taken.fields).toEqual({ name: [expect.stringContaining('exists')] });
    const noPool = await failureOf(bff.client(operator).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: full, pool: 'vdtest-no-such-pool' }));
    expect(noPool.fields).toEqual({ pool: [expect.stringContaining('no pool')] });
    const bad = await failureOf(bff.client(operator).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: 'a/b', pool: '' }));
    expect(Object.keys(bad.fields).sort()).toEqual(['name', 'pool']);
    expect(virsh('vol-list', pool)).not.toContain(full);
  });

  it('makes a full clone with its own flattened disk, new name, UUID and MAC, and streams its progress', async () => {
    const ws = wsClientFor(bff, operator);
    const progress = collector<CloneProgress>();
    const sub = ws.client.domain.clone.progress.subscribe(
      { hostId, uuid: sourceUuid, name: full, mode: 'full', pool, intervalMs: 250 },
      { onData: (p) => progress.push(p), onError: (e) => console.error(e) },
    );
    try {
      const res = await bff.client(operator).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: full, pool });
      expect(res).toMatchObject({ name: full, volumes: [{ disk: 'vda', pool, name: `${full}-vda.qcow2` }] });
      expect(res.uuid).not.toBe(sourceUuid);
      const done = await progress.waitFor((p) => p.finished);
      expect(done.disks).toEqual([{ disk: 'vda', volume: `${full}-vda.qcow2`, done: expect.any(Number), total: expect.any(Number) }]);
      expect(done.disks[0]!.done).toBe(done.disks[0]!.total);
      // What the copy reads through: the overlay and the 2 MiB written into its base.
      expect(done.disks[0]!.total).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    } finally {
      sub.unsubscribe();
      ws.close();
    }
    const xml = virsh('dumpxml', full, '--inactive');
    expect(xml).toContain(`<source file='${poolDir}/${full}-vda.qcow2'/>`);
    expect(xml).not.toContain(MAC);
    expect(xml).toMatch(/<mac address='52:54:00:/);
    expect(virsh('vol-dumpxml', '--pool', pool, `${full}-vda.qcow2`)).not.toContain('<backingStore>');
    // The copy holds the base's data: at least the 2 MiB written into it.
    expect(Number(/Allocation:\s+(\d+)/.exec(virsh('vol-info', '--bytes', '--pool', pool, `${full}-vda.qcow2`))?.[1])).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(virsh('dumpxml', source, '--inactive')).toContain(MAC);
  });

  it('makes a linked clone whose overlay makes the source disk a shared base in the forest', async () => {
    const res = await bff.client(operator).domain.clone.run.mutate({ hostId, uuid: sourceUuid, name: linked, pool, mode: 'linked' });
    expect(res.volumes).toEqual([{ disk: 'vda', pool, name: `${linked}-vda.qcow2` }]);
    expect(virsh('vol-dumpxml', '--pool', pool, `${linked}-vda.qcow2`)).toContain(`<path>${poolDir}/src.qcow2</path>`);
    expect(virsh('dumpxml', linked, '--inactive')).toContain(`<source file='${poolDir}/${linked}-vda.qcow2'/>`);
    const forest = await bff.client(viewer).storage.pool.forest.query({ hostId, name: pool });
    const src = forest.roots.find((r) => r.volume.name === 'base.raw')?.children.find((c) => c.volume.name === 'src.qcow2');
    expect(src?.usedBy.map((u) => u.domain).sort()).toEqual([linked, source].sort());
    expect(src?.children.map((c) => c.volume.name)).toEqual([`${linked}-vda.qcow2`]);
  });
});
