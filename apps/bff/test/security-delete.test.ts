// Deleting a VM never takes another VM's data (issue 13, item 5): `domain.delete` deletes only
// volumes of the VM's own disk chains, and only after the dependants check `volume.delete` runs;
// a refusal lists the dependants and deletes nothing, not even the VM. `domain.deletePlan` says
// beforehand which layers are kept and why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

describe('domain.delete keeps what other VMs use', () => {
  const pool = uniqueName('delpool');
  const vmA = uniqueName('dela');
  const vmB = uniqueName('delb');
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  const uuids: Record<string, string> = {};
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-delpool-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    virsh('vol-create-as', pool, 'base.raw', '8M', '--format', 'raw');
    virsh('vol-create-as', pool, 'stray.raw', '1M', '--format', 'raw');
    bff = await startTestBff();
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'op1', password: 'operator-password', role: 'operator' });
    operator = await bff.signIn('op1', 'operator-password');
    // Two linked clones of one base, shut off.
    for (const [vm, vol] of [
      [vmA, 'a.qcow2'],
      [vmB, 'b.qcow2'],
    ] as const) {
      const created = await bff.client(operator).domain.create.mutate({
        hostId: bff.hostId,
        name: vm,
        memoryMiB: 32,
        vcpus: 1,
        disk: { kind: 'overlay', pool, base: 'base.raw', volume: vol },
        graphics: 'none',
      });
      uuids[vm] = created.uuid;
    }
  });

  afterAll(async () => {
    for (const vm of [vmA, vmB]) virshQuietly('undefine', vm);
    virshQuietly('pool-destroy', pool);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  const volumes = () => virsh('vol-list', pool);

  it('plans the delete: the own overlay may go, the shared base is kept with who uses it', async () => {
    const plan = await bff.client(operator).domain.deletePlan.query({ hostId: bff.hostId, uuid: uuids[vmA]! });
    expect(plan.name).toBe(vmA);
    expect(plan.layers.map((l) => [l.path, l.depth, l.volume?.name])).toEqual([
      [file('a.qcow2'), 0, 'a.qcow2'],
      [file('base.raw'), 1, 'base.raw'],
    ]);
    expect(plan.layers[0]!.usedBy).toEqual({ volumes: [], domains: [] });
    expect(plan.layers[1]!.usedBy).toEqual({
      volumes: [{ pool, name: 'b.qcow2', path: file('b.qcow2') }],
      domains: [{ domain: vmB, disk: 'vda', depth: 1 }],
    });
  });

  it('refuses to delete a base another VM still uses, lists the dependants and deletes nothing', async () => {
    const f = await failureOf(
      bff.client(operator).domain.delete.mutate({ hostId: bff.hostId, uuid: uuids[vmA]!, deleteVolumes: [file('a.qcow2'), file('base.raw')] }),
    );
    expect(f.code).toBe('PRECONDITION_FAILED');
    expect(f.message).toContain('base.raw');
    expect(f.data.dependants).toEqual({
      volumes: [{ pool, name: 'b.qcow2', path: file('b.qcow2') }],
      domains: [{ domain: vmB, disk: 'vda', depth: 1 }],
    });
    // Nothing happened: both VMs and every volume are still there.
    expect(virsh('list', '--all', '--name')).toContain(vmA);
    for (const v of ['a.qcow2', 'b.qcow2', 'base.raw']) expect(volumes()).toContain(v);
  });

  it('refuses a volume that is not a layer of the VM, whether another VM uses it or not', async () => {
    for (const foreign of [file('b.qcow2'), file('stray.raw'), '/etc/passwd']) {
      const f = await failureOf(bff.client(operator).domain.delete.mutate({ hostId: bff.hostId, uuid: uuids[vmA]!, deleteVolumes: [foreign] }));
      expect(f.code).toBe('BAD_REQUEST');
      expect(f.message).toContain(foreign);
    }
    expect(virsh('list', '--all', '--name')).toContain(vmA);
    for (const v of ['b.qcow2', 'stray.raw']) expect(volumes()).toContain(v);
  });

  it('deletes the VM with its own overlay and keeps the base', async () => {
    const res = await bff.client(operator).domain.delete.mutate({ hostId: bff.hostId, uuid: uuids[vmA]!, deleteVolumes: [file('a.qcow2')] });
    expect(res).toMatchObject({ deleted: true, volumesDeleted: [file('a.qcow2')], volumesFailed: [] });
    expect(virsh('list', '--all', '--name')).not.toContain(vmA);
    expect(volumes()).not.toContain('a.qcow2');
    expect(volumes()).toContain('base.raw');
  });

  it('deletes the last user of the base with overlay and base together', async () => {
    const plan = await bff.client(operator).domain.deletePlan.query({ hostId: bff.hostId, uuid: uuids[vmB]! });
    expect(plan.layers.every((l) => l.usedBy.volumes.length === 0 && l.usedBy.domains.length === 0)).toBe(true);
    const res = await bff.client(operator).domain.delete.mutate({ hostId: bff.hostId, uuid: uuids[vmB]!, deleteVolumes: [file('base.raw'), file('b.qcow2')] });
    // The overlay goes before its base, whatever the order asked.
    expect(res).toMatchObject({ deleted: true, volumesDeleted: [file('b.qcow2'), file('base.raw')], volumesFailed: [] });
    expect(volumes()).not.toContain('base.raw');
  });
});
