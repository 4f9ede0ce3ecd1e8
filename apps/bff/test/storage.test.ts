// Pools and volumes over HTTP: an admin defines a dir pool in a temp dir (under the host's pool
// roots) and deletes it at the end; in between an operator works in it: raw and qcow2 volumes,
// an overlay on a raw base; deleting a base is refused while an overlay or a domain's disk chain
// uses it, and the dependants query says so before the action. Viewers read but never change.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const MiB = 1024 * 1024;

describe('storage: pools and volumes', () => {
  const pool = uniqueName('pool');
  const domain = uniqueName('stdom');
  let dir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  const op = () => bff.client(operator).storage;
  /** Defining and deleting pools name host paths: admins only. */
  const adm = () => bff.client(admin).storage;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-pool-'));
    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).host.setPoolRoots.mutate({ hostId, roots: [dir] });
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('destroy', domain);
    virshQuietly('undefine', domain);
    if (existsSync(dir)) {
      for (const vol of ['dom.qcow2', 'base2.raw', 'ovl.qcow2', 'base.raw', 'disk.qcow2']) virshQuietly('vol-delete', vol, '--pool', pool);
    }
    virshQuietly('pool-destroy', pool);
    virshQuietly('pool-undefine', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('defines and starts a dir pool from the form, and lists it with type and target', async () => {
    const created = await adm().pool.define.mutate({ hostId, type: 'dir', name: pool, targetPath: dir, start: true });
    expect(created).toMatchObject({ name: pool, state: 'running', type: 'dir', targetPath: dir, persistent: true, autostart: false });
    const list = await bff.client(viewer).storage.pool.list.query({ hostId });
    const row = list.find((p) => p.name === pool);
    expect(row).toMatchObject({ state: 'running', type: 'dir', targetPath: dir });
    expect(row!.capacity).toBeGreaterThan(0);
    expect(typeof row!.available).toBe('number');
  });

  it('answers a bad form field with 400 naming it', async () => {
    const { data } = await failureOf(adm().pool.define.mutate({ hostId, type: 'dir', name: uniqueName('bad'), targetPath: 'relative/path' }));
    expect(data.httpStatus).toBe(400);
    expect(Object.keys(data.zodError!.fieldErrors)).toContain('targetPath');
    const bad = await failureOf(op().volume.create.mutate({ hostId, pool, name: 'a/b', format: 'raw', capacityBytes: MiB }));
    expect(Object.keys(bad.data.zodError!.fieldErrors)).toContain('name');
  });

  it('refuses a viewer every pool and volume change', async () => {
    const v = bff.client(viewer).storage;
    for (const p of [
      v.pool.stop.mutate({ hostId, name: pool }),
      v.pool.define.mutate({ hostId, type: 'dir', name: uniqueName('v'), targetPath: dir }),
      v.volume.create.mutate({ hostId, pool, name: 'v.raw', format: 'raw', capacityBytes: MiB }),
    ]) {
      const { data } = await failureOf(p);
      expect(data.code).toBe('FORBIDDEN');
    }
  });

  it('creates raw and qcow2 volumes and an overlay on a raw base, and lists the backing parent', async () => {
    const base = await op().volume.create.mutate({ hostId, pool, name: 'base.raw', format: 'raw', capacityBytes: 8 * MiB });
    expect(base).toMatchObject({ name: 'base.raw', format: 'raw', capacity: 8 * MiB, backing: null, path: path.join(dir, 'base.raw') });
    const disk = await op().volume.create.mutate({ hostId, pool, name: 'disk.qcow2', format: 'qcow2', capacityBytes: 8 * MiB });
    expect(disk).toMatchObject({ format: 'qcow2', capacity: 8 * MiB });
    const ovl = await op().volume.createOverlay.mutate({ hostId, pool, name: 'ovl.qcow2', backing: { name: 'base.raw' } });
    expect(ovl).toMatchObject({ format: 'qcow2', capacity: 8 * MiB, backing: { path: base.path, format: 'raw', pool, name: 'base.raw' } });

    const list = await bff.client(viewer).storage.volume.list.query({ hostId, pool });
    expect(list.map((v) => v.name)).toEqual(['base.raw', 'disk.qcow2', 'ovl.qcow2']);
    expect(list.find((v) => v.name === 'ovl.qcow2')!.backing).toMatchObject({ name: 'base.raw', pool });
  });

  it('says before the action who depends on the base, then refuses to delete it, naming the overlay', async () => {
    const deps = await bff.client(viewer).storage.volume.dependants.query({ hostId, pool, name: 'base.raw' });
    expect(deps.volumes).toEqual([{ pool, name: 'ovl.qcow2', path: path.join(dir, 'ovl.qcow2') }]);
    expect(deps.domains).toEqual([]);

    const { message, data } = await failureOf(op().volume.delete.mutate({ hostId, pool, name: 'base.raw' }));
    expect(data.code).toBe('PRECONDITION_FAILED');
    expect(data.httpStatus).toBe(412);
    expect(message).toContain('ovl.qcow2');
    expect(data.dependants).toEqual({ volumes: [{ pool, name: 'ovl.qcow2', path: path.join(dir, 'ovl.qcow2') }], domains: [] });
    expect(existsSync(path.join(dir, 'base.raw'))).toBe(true);
  });

  it('shows the pool as a backing forest', async () => {
    const forest = await bff.client(viewer).storage.pool.forest.query({ hostId, name: pool });
    const base = forest.roots.find((r) => r.volume.name === 'base.raw');
    expect(base?.children.map((c) => c.volume.name)).toEqual(['ovl.qcow2']);
    expect(forest.roots.map((r) => r.volume.name).sort()).toEqual(['base.raw', 'disk.qcow2']);
  });

  it('deletes the overlay, then the base', async () => {
    await op().volume.delete.mutate({ hostId, pool, name: 'ovl.qcow2' });
    expect(await bff.client(viewer).storage.volume.dependants.query({ hostId, pool, name: 'base.raw' })).toMatchObject({ volumes: [], domains: [] });
    await op().volume.delete.mutate({ hostId, pool, name: 'base.raw' });
    const names = (await op().volume.list.query({ hostId, pool })).map((v) => v.name);
    expect(names).toEqual(['disk.qcow2']);
  });

  it('resizes a volume (growing; shrinking only when asked)', async () => {
    const grown = await op().volume.resize.mutate({ hostId, pool, name: 'disk.qcow2', capacityBytes: 16 * MiB });
    expect(grown.capacity).toBe(16 * MiB);
    await failureOf(op().volume.resize.mutate({ hostId, pool, name: 'disk.qcow2', capacityBytes: 4 * MiB }));
  });

  it("refuses deleting a base that a shut-off domain's disk chain uses, naming the domain", async () => {
    await op().volume.create.mutate({ hostId, pool, name: 'base2.raw', format: 'raw', capacityBytes: 4 * MiB });
    const top = await op().volume.createOverlay.mutate({ hostId, pool, name: 'dom.qcow2', backing: { name: 'base2.raw' } });
    const xmlFile = path.join(dir, 'domain.xml');
    writeFileSync(
      xmlFile,
      `<domain type='qemu'><name>${domain}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
       <os><type arch='x86_64' machine='pc'>hvm</type></os>
       <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
       <source file='${top.path}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
    );
    virsh('define', xmlFile);
    rmSync(xmlFile);

    const deps = await op().volume.dependants.query({ hostId, pool, name: 'base2.raw' });
    expect(deps.volumes.map((v) => v.name)).toEqual(['dom.qcow2']);
    expect(deps.domains).toEqual([{ domain, disk: 'vda', depth: 1 }]);

    const { message, data } = await failureOf(op().volume.delete.mutate({ hostId, pool, name: 'base2.raw' }));
    expect(data.code).toBe('PRECONDITION_FAILED');
    expect(message).toContain(domain);
    expect(data.dependants!.domains).toEqual([{ domain, disk: 'vda', depth: 1 }]);
    // The top image itself is in use by the domain, too.
    const direct = await failureOf(op().volume.delete.mutate({ hostId, pool, name: 'dom.qcow2' }));
    expect(direct.data.dependants).toEqual({ volumes: [], domains: [{ domain, disk: 'vda', depth: 0 }] });

    virsh('undefine', domain);
    await op().volume.delete.mutate({ hostId, pool, name: 'dom.qcow2' });
    await op().volume.delete.mutate({ hostId, pool, name: 'base2.raw' });
  });

  it('stops, starts, refreshes and autostarts the pool', async () => {
    expect((await op().pool.stop.mutate({ hostId, name: pool })).state).toBe('inactive');
    expect((await op().pool.start.mutate({ hostId, name: pool })).state).toBe('running');
    expect((await op().pool.refresh.mutate({ hostId, name: pool })).state).toBe('running');
    expect((await op().pool.setAutostart.mutate({ hostId, name: pool, autostart: true })).autostart).toBe(true);
    expect((await op().pool.setAutostart.mutate({ hostId, name: pool, autostart: false })).autostart).toBe(false);
  });

  it('answers an unknown volume or pool with NOT_FOUND', async () => {
    expect((await failureOf(op().volume.get.query({ hostId, pool, name: 'nope.raw' }))).data.code).toBe('NOT_FOUND');
    expect((await failureOf(op().pool.get.query({ hostId, name: uniqueName('nopool') }))).data.code).toBe('NOT_FOUND');
  });

  it('deletes the pool with its storage, volumes included', async () => {
    expect((await op().volume.list.query({ hostId, pool })).length).toBeGreaterThan(0);
    const res = await adm().pool.delete.mutate({ hostId, name: pool, deleteStorage: true });
    expect(res).toMatchObject({ deleted: true, storageDeleted: true });
    expect(existsSync(dir)).toBe(false);
    expect((await op().pool.list.query({ hostId })).some((p) => p.name === pool)).toBe(false);
  });

  it('audits every change with who, what and the result', async () => {
    const audit = bff.client(admin).audit;
    const pools = (await audit.list.query({ objectType: 'pool', limit: 100 })).items.filter((e) => e.objectName === pool);
    expect(pools.map((e) => `${e.username}:${e.action}:${e.result}`)).toEqual(
      expect.arrayContaining(['admin:define:ok', 'op1:stop:ok', 'op1:start:ok', 'op1:refresh:ok', 'op1:set-autostart:ok', 'admin:delete:ok', 'viewer1:stop:error']),
    );
    const vols = (await audit.list.query({ objectType: 'volume', limit: 100 })).items;
    // a volume is named inside its pool: "<pool>/<volume>"
    const base = vols.filter((e) => e.objectName === `${pool}/base.raw`).map((e) => `${e.action}:${e.result}`);
    expect(base).toEqual(expect.arrayContaining(['create:ok', 'delete:error', 'delete:ok']));
    expect(vols.find((e) => e.objectName === `${pool}/ovl.qcow2` && e.action === 'create-overlay')).toMatchObject({ result: 'ok', hostId });
  });
});
