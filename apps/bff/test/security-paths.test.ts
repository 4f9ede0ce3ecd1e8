// Host paths are for admins only (issue 13, item 4): an operator once defined a pool on /etc and
// so could read and overwrite any file there. Defining or deleting a pool is an admin action, and
// even an admin names only paths under the host's pool roots (stored per host, on SQLite and
// PostgreSQL); block jobs take only layers of the disk's own chain; downloading a disk image
// needs the operator role.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { addHost, removeHost } from '../src/db/hosts.js';
import { isUnderRoots, listPoolRoots, setPoolRoots } from '../src/db/pool-roots.js';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';
import { setupBackends } from './postgres.js';

const backends = setupBackends();

describe.each(backends)('pool roots stored on $name', (backend) => {
  it('replaces a host’s roots, normalised and without duplicates, and drops them with the host', async () => {
    const { db } = await backend.open();
    const h = await addHost(db, { name: 'h1', uri: 'qemu:///system' });
    const other = await addHost(db, { name: 'h2', uri: 'qemu+ssh://b/system' });
    expect(await listPoolRoots(db, h.id)).toEqual([]);
    expect(await setPoolRoots(db, h.id, ['/var/lib/libvirt/images/', '/srv//pools', '/srv/pools'])).toEqual(['/srv/pools', '/var/lib/libvirt/images']);
    await setPoolRoots(db, other.id, ['/data']);
    expect(await setPoolRoots(db, h.id, ['/mnt/vm'])).toEqual(['/mnt/vm']);
    expect(await listPoolRoots(db, other.id)).toEqual(['/data']);
    await removeHost(db, h.id);
    const rows = await db.selectFrom('host_pool_roots').selectAll().execute();
    expect(rows).toEqual([{ host_id: other.id, path: '/data' }]);
  });

  it('refuses / itself, relative paths and ".."', async () => {
    const { db } = await backend.open();
    const h = await addHost(db, { name: 'h1', uri: 'qemu:///system' });
    for (const bad of ['/', 'relative/dir', '/srv/../etc']) await expect(setPoolRoots(db, h.id, [bad])).rejects.toThrow();
    expect(await listPoolRoots(db, h.id)).toEqual([]);
  });
});

describe('isUnderRoots', () => {
  it('takes a root and what lies below it, nothing beside it', () => {
    const roots = ['/srv/pools'];
    expect(isUnderRoots('/srv/pools', roots)).toBe(true);
    expect(isUnderRoots('/srv/pools/a/', roots)).toBe(true);
    expect(isUnderRoots('/srv/pools-evil', roots)).toBe(false);
    expect(isUnderRoots('/srv/pools/../etc', roots)).toBe(false);
    expect(isUnderRoots('/etc', roots)).toBe(false);
    expect(isUnderRoots('/etc', [])).toBe(false);
  });
});

describe('who may name host paths', () => {
  const pool = uniqueName('rootpool');
  const vm = uniqueName('pathvm');
  let root = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  let vmUuid = '';

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'vdtest-roots-'));
    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('undefine', vm);
    virshQuietly('pool-destroy', pool);
    virshQuietly('pool-undefine', pool);
    rmSync(root, { recursive: true, force: true });
    await bff?.close();
  });

  const definedPools = () => virsh('pool-list', '--all', '--name');

  it('refuses an operator every pool definition and deletion, and the roots themselves', async () => {
    const op = bff.client(operator);
    for (const call of [
      () => op.storage.pool.define.mutate({ hostId, type: 'dir', name: uniqueName('etc'), targetPath: '/etc' }),
      () => op.storage.pool.define.mutate({ hostId, type: 'dir', name: uniqueName('op'), targetPath: root }),
      () => op.storage.pool.delete.mutate({ hostId, name: 'default', deleteStorage: true }),
      () => op.host.setPoolRoots.mutate({ hostId, roots: ['/'] }),
      () => op.host.poolRoots.query({ hostId }),
    ]) {
      expect((await failureOf(call())).code).toBe('FORBIDDEN');
    }
    expect(definedPools()).not.toContain('vdtest-etc');
  });

  it('refuses an admin a pool while the host has no roots, naming the field', async () => {
    const f = await failureOf(bff.client(admin).storage.pool.define.mutate({ hostId, type: 'dir', name: pool, targetPath: root }));
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.fields.targetPath?.[0]).toContain('no pool roots');
    expect(definedPools()).not.toContain(pool);
  });

  it('lets an admin set the roots, and then define pools only under them', async () => {
    const set = await bff.client(admin).host.setPoolRoots.mutate({ hostId, roots: [`${root}/`] });
    expect(set.roots).toEqual([root]);
    expect((await bff.client(admin).host.poolRoots.query({ hostId })).roots).toEqual([root]);

    const a = bff.client(admin).storage.pool;
    const etc = await failureOf(a.define.mutate({ hostId, type: 'dir', name: uniqueName('etc'), targetPath: '/etc' }));
    expect(etc.fields.targetPath?.[0]).toBe(`must lie under one of this host's pool roots: ${root}`);
    const beside = await failureOf(a.define.mutate({ hostId, type: 'dir', name: uniqueName('bs'), targetPath: `${root}-x` }));
    expect(beside.code).toBe('BAD_REQUEST');
    const device = await failureOf(a.define.mutate({ hostId, type: 'fs', name: uniqueName('fs'), targetPath: `${root}/fs`, sourceDevice: '/dev/sda' }));
    expect(Object.keys(device.fields)).toEqual(['sourceDevice']);
    const dots = await failureOf(a.define.mutate({ hostId, type: 'dir', name: uniqueName('dd'), targetPath: `${root}/../../etc` }));
    expect(Object.keys(dots.fields)).toContain('targetPath');

    mkdirSync(path.join(root, 'images'));
    const ok = await a.define.mutate({ hostId, type: 'dir', name: pool, targetPath: path.join(root, 'images'), start: true });
    expect(ok).toMatchObject({ name: pool, state: 'running', targetPath: path.join(root, 'images') });
  });

  it('lets an operator work inside the pool, but not download its disk images as a viewer', async () => {
    await bff.client(operator).storage.volume.create.mutate({ hostId, pool, name: 'disk.raw', format: 'raw', capacityBytes: 1024 * 1024 });
    const url = `${bff.url}/api/hosts/${hostId}/volumes/download?pool=${pool}&volume=disk.raw`;
    const asViewer = await fetch(url, { headers: { cookie: viewer.cookie } });
    expect(asViewer.status).toBe(403);
    const asOperator = await fetch(url, { headers: { cookie: operator.cookie } });
    expect(asOperator.status).toBe(200);
    expect((await asOperator.arrayBuffer()).byteLength).toBe(1024 * 1024);
  });

  it('takes block-job layers only from the disk’s own chain', async () => {
    const created = await bff.client(operator).domain.create.mutate({
      hostId,
      name: vm,
      memoryMiB: 32,
      vcpus: 1,
      disk: { kind: 'existing', pool, volume: 'disk.raw' },
      graphics: 'none',
    });
    vmUuid = created.uuid;
    const jobs = bff.client(operator).blockJob;
    const commit = await failureOf(jobs.commit.mutate({ hostId, uuid: vmUuid, disk: 'vda', top: '/etc/passwd', base: null }));
    expect(commit.code).toBe('BAD_REQUEST');
    expect(commit.fields.top?.[0]).toContain('not a layer');
    const pull = await failureOf(jobs.pull.mutate({ hostId, uuid: vmUuid, disk: 'vda', base: '/etc/shadow' }));
    expect(pull.fields.base?.[0]).toContain('not a layer');
  });

  it('lets only an admin delete the pool', async () => {
    virshQuietly('undefine', vm);
    expect((await failureOf(bff.client(operator).storage.pool.delete.mutate({ hostId, name: pool, deleteStorage: true }))).code).toBe('FORBIDDEN');
    expect(definedPools()).toContain(pool);
    await bff.client(admin).storage.pool.delete.mutate({ hostId, name: pool, deleteStorage: true });
    expect(definedPools()).not.toContain(pool);
  });
});
