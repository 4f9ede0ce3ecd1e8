// Snapshots over HTTP as an operator: internal snapshots of a shut-off domain with a qcow2 disk
// (tree with parent links and the current one, revert, delete), and an external disk-only
// snapshot of a running TCG guest that grows its disk chain. What libvirt 9.0 refuses (internal
// with a raw disk, revert to external) is said before the action and refused up front.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';


function domainXml(name: string, disks: { file: string; format: string; dev: string }[]) {
  const devs = disks
    .map((d) => `<disk type='file' device='disk'><driver name='qemu' type='${d.format}'/><source file='${d.file}'/><target dev='${d.dev}' bus='virtio'/></disk>`)
    .join('');
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
    <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${devs}</devices></domain>`;
}

describe('snapshots', () => {
  const pool = uniqueName('snappool');
  const offName = uniqueName('snapoff');
  const runName = uniqueName('snaprun');
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let hostId = '';
  let offUuid = '';
  let runUuid = '';
  const op = () => bff.client(operator).snapshot;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-snap-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'off.qcow2', '64M', '--format', 'qcow2');
    virsh('vol-create-as', pool, 'run.qcow2', '64M', '--format', 'qcow2');
    virsh('vol-create-as', pool, 'data.raw', '16M', '--format', 'raw');
    const xmlFile = path.join(dir, 'd.xml');
    writeFileSync(xmlFile, domainXml(offName, [{ file: path.join(dir, 'off.qcow2'), format: 'qcow2', dev: 'vda' }]));
    virsh('define', xmlFile);
    writeFileSync(
      xmlFile,
      domainXml(runName, [
        { file: path.join(dir, 'run.qcow2'), format: 'qcow2', dev: 'vda' },
        { file: path.join(dir, 'data.raw'), format: 'raw', dev: 'vdb' },
      ]),
    );
    virsh('define', xmlFile);
    rmSync(xmlFile);
    virsh('start', runName);
    offUuid = virsh('domuuid', offName).trim();
    runUuid = virsh('domuuid', runName).trim();

    bff = await startTestBff();
    hostId = bff.hostId;
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'viewer1', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('op1', 'operator-password');
    viewer = await bff.signIn('viewer1', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('destroy', runName);
    virshQuietly('undefine', runName, '--snapshots-metadata');
    virshQuietly('undefine', offName, '--snapshots-metadata');
    virshQuietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('takes internal snapshots of a shut-off domain and shows them as a tree with the current one', async () => {
    const can = (await op().tree.query({ hostId, uuid: offUuid })).can;
    expect(can.createInternal).toEqual({ ok: true, reason: null });

    const s1 = await op().create.mutate({ hostId, uuid: offUuid, name: 's1', kind: 'internal', description: 'first' });
    expect(s1).toMatchObject({ name: 's1', kind: 'internal', external: false, current: true, parent: null, description: 'first' });
    expect(typeof s1!.creationTime).toBe('number');
    await op().create.mutate({ hostId, uuid: offUuid, name: 's2', kind: 'internal' });

    const tree = await bff.client(viewer).snapshot.tree.query({ hostId, uuid: offUuid });
    expect(tree.current).toBe('s2');
    expect(tree.roots).toHaveLength(1);
    const root = tree.roots[0]!;
    expect(root).toMatchObject({ current: false, snapshot: { name: 's1', kind: 'internal', children: ['s2'] } });
    expect(root.children.map((c) => [c.snapshot.name, c.current, c.snapshot.parent])).toEqual([['s2', true, 's1']]);
    expect(root.snapshot.can).toEqual({ revert: { ok: true, reason: null }, delete: { ok: true, reason: null } });
  });

  it('reverts to a snapshot, which becomes current', async () => {
    const res = await op().revert.mutate({ hostId, uuid: offUuid, name: 's1' });
    expect(res).toMatchObject({ reverted: true, domainState: 'shutoff' });
    expect((await op().tree.query({ hostId, uuid: offUuid })).current).toBe('s1');
  });

  it('refuses a viewer snapshot changes', async () => {
    const v = bff.client(viewer).snapshot;
    expect((await failureOf(v.create.mutate({ hostId, uuid: offUuid, name: 'v1', kind: 'internal' }))).code).toBe('FORBIDDEN');
    expect((await failureOf(v.delete.mutate({ hostId, uuid: offUuid, name: 's1' }))).code).toBe('FORBIDDEN');
  });

  it('deletes snapshots', async () => {
    await op().delete.mutate({ hostId, uuid: offUuid, name: 's2' });
    let tree = await op().tree.query({ hostId, uuid: offUuid });
    expect(tree.roots.map((r) => [r.snapshot.name, r.children.length])).toEqual([['s1', 0]]);
    await op().delete.mutate({ hostId, uuid: offUuid, name: 's1' });
    tree = await op().tree.query({ hostId, uuid: offUuid });
    expect(tree).toMatchObject({ roots: [], current: null });
    expect((await failureOf(op().delete.mutate({ hostId, uuid: offUuid, name: 's1' }))).code).toBe('NOT_FOUND');
  });

  it('says up front that a domain with a raw disk cannot take an internal snapshot, and refuses it', async () => {
    const verdict = await bff.client(viewer).snapshot.check.query({ hostId, uuid: runUuid, action: 'create-internal' });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toContain('vdb is raw');
    const { code, message } = await failureOf(op().create.mutate({ hostId, uuid: runUuid, name: 'i1', kind: 'internal' }));
    expect(code).toBe('PRECONDITION_FAILED');
    expect(message).toContain('qcow2');
    expect(await op().check.query({ hostId, uuid: runUuid, action: 'create-disk-only' })).toEqual({ ok: true, reason: null });
  });

  it('takes an external disk-only snapshot of a running guest: the chain grows and the tree marks it external', async () => {
    const before = parseDomainXml(virsh('dumpxml', runName)).disks.find((d) => d.targetDev === 'vda')!;
    const snap = await op().create.mutate({ hostId, uuid: runUuid, name: 'e1', kind: 'disk-only' });
    expect(snap).toMatchObject({ name: 'e1', kind: 'disk-only', external: true, current: true, state: 'disk-snapshot' });
    expect(snap!.disks.find((d) => d.name === 'vda')).toMatchObject({ snapshot: 'external', overlayPath: path.join(dir, 'run.e1.qcow2') });

    const after = parseDomainXml(virsh('dumpxml', runName)).disks.find((d) => d.targetDev === 'vda')!;
    expect(after.chain.layers.length).toBe(before.chain.layers.length + 1);
    expect(after.chain.layers[0]!.source).toEqual({ kind: 'file', path: path.join(dir, 'run.e1.qcow2') });
    expect(after.chain.layers[1]!.source).toEqual({ kind: 'file', path: path.join(dir, 'run.qcow2') });

    const tree = await op().tree.query({ hostId, uuid: runUuid });
    expect(tree.running).toBe(true);
    expect(tree.roots.map((r) => [r.snapshot.name, r.snapshot.external, r.current])).toEqual([['e1', true, true]]);
    // The new overlays show in the pool, backed by the old images.
    const vols = await bff.client(viewer).storage.volume.list.query({ hostId, pool });
    expect(vols.find((v) => v.name === 'run.e1.qcow2')?.backing).toMatchObject({ name: 'run.qcow2', pool });
  });

  it('says before the action that libvirt 9.0 cannot revert to an external snapshot, and refuses it', async () => {
    const tree = await op().tree.query({ hostId, uuid: runUuid });
    const version = (await bff.client(viewer).host.info.query({ hostId })).libvirtVersion;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    const revert = tree.roots[0]!.snapshot.can.revert;
    if (major > 9 || (major === 9 && minor >= 7)) {
      expect(revert.ok).toBe(true);
      return;
    }
    expect(revert.ok).toBe(false);
    expect(revert.reason).toContain('cannot revert to an external snapshot');
    expect(await op().check.query({ hostId, uuid: runUuid, action: 'revert', name: 'e1' })).toEqual(revert);
    const { code } = await failureOf(op().revert.mutate({ hostId, uuid: runUuid, name: 'e1' }));
    expect(code).toBe('PRECONDITION_FAILED');
  });

  it('deletes the external snapshot of the running guest, merging the overlay back', async () => {
    expect(await op().check.query({ hostId, uuid: runUuid, action: 'delete', name: 'e1' })).toEqual({ ok: true, reason: null });
    expect((await op().check.query({ hostId, uuid: runUuid, action: 'delete', name: 'e1', children: true })).ok).toBe(false);
    await op().delete.mutate({ hostId, uuid: runUuid, name: 'e1' });
    const vda = parseDomainXml(virsh('dumpxml', runName)).disks.find((d) => d.targetDev === 'vda')!;
    expect(vda.chain.layers[0]!.source).toEqual({ kind: 'file', path: path.join(dir, 'run.qcow2') });
    expect((await op().tree.query({ hostId, uuid: runUuid })).roots).toEqual([]);
  });

  it('audits each snapshot change with its result', async () => {
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const page = await bff.client(admin).audit.list.query({ objectType: 'snapshot', limit: 100 });
    const rows = page.items.map((e) => `${e.username}:${e.objectName}:${e.action}:${e.result}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        // a snapshot is named inside its domain: "<uuid>/<snapshot>"
        `op1:${offUuid}/s1:create:ok`,
        `op1:${offUuid}/s2:create:ok`,
        `op1:${offUuid}/s1:revert:ok`,
        `op1:${offUuid}/s2:delete:ok`,
        `op1:${offUuid}/s1:delete:ok`,
        `op1:${runUuid}/i1:create:error`,
        `op1:${runUuid}/e1:create:ok`,
        `op1:${runUuid}/e1:delete:ok`,
        `viewer1:${offUuid}/v1:create:error`,
      ]),
    );
  });
});
