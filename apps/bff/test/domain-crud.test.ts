// Creating a domain from the form (an overlay on a base: a linked clone), its details with the
// whole backing chain, live stats, and deleting it with its disk; a failed create leaves nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, wsClientFor, type SessionCookie, type TestBff } from './harness.js';

describe('domain create, details, stats and delete', () => {
  const pool = uniqueName('pool');
  const name = uniqueName('vm');
  let poolDir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let uuid = '';

  beforeAll(async () => {
    poolDir = mkdtempSync(path.join(tmpdir(), 'vdtest-pool-'));
    virsh('pool-define-as', pool, 'dir', '--target', poolDir);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'base.raw', '32M', '--format', 'raw');
    bff = await startTestBff();
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    for (const cmd of [['destroy', name], ['undefine', name]]) {
      try {
        virsh(...cmd);
      } catch {
        // already gone
      }
    }
    virsh('pool-destroy', pool);
    virsh('pool-undefine', pool);
    rmSync(poolDir, { recursive: true, force: true });
    await bff?.close();
  });

  it('creates and starts a linked clone of a base volume', async () => {
    const created = await bff.client(admin).domain.create.mutate({
      hostId: bff.hostId,
      name,
      memoryMiB: 64,
      vcpus: 1,
      disk: { kind: 'overlay', pool, base: 'base.raw', volume: `${name}.qcow2` },
      graphics: 'vnc',
      start: true,
    });
    uuid = created.uuid;
    expect(created).toMatchObject({ name, state: 'running', vcpus: 1, memoryKiB: 64 * 1024 });
    expect(virsh('vol-list', pool)).toContain(`${name}.qcow2`);
  });

  it('shows the disk with its whole backing chain, each layer with its volume', async () => {
    const d = await bff.client(admin).domain.get.query({ hostId: bff.hostId, uuid });
    const disk = d.disks.find((x) => x.targetDev === 'vda');
    expect(disk?.chain.status).toBe('complete');
    const layers = disk!.chain.layers;
    expect(layers.map((l) => l.format)).toEqual(['qcow2', 'raw']);
    expect(layers.map((l) => l.volume?.name)).toEqual([`${name}.qcow2`, 'base.raw']);
    expect(layers[1]?.volume).toMatchObject({ pool, capacity: 32 * 1024 * 1024 });
    expect(d.graphics[0]?.type).toBe('vnc');
    expect(d.autostart).toBe(false);
  });

  it('streams CPU and memory rates of the running domain while subscribed', async () => {
    const ws = wsClientFor(bff, admin);
    try {
      const sample = await new Promise<{ uuid: string; cpuPercent: number }[]>((resolve, reject) => {
        const sub = ws.client.domain.stats.subscribe(
          { hostId: bff.hostId, uuids: [uuid], intervalMs: 1000 },
          {
            onData: (rates) => {
              if (rates.length === 0) return;
              sub.unsubscribe();
              resolve(rates);
            },
            onError: reject,
          },
        );
      });
      expect(sample[0]?.uuid).toBe(uuid);
      expect(sample[0]?.cpuPercent).toBeGreaterThanOrEqual(0);
    } finally {
      ws.close();
    }
  });

  it('a create that fails leaves no volume behind', async () => {
    // Same domain name again: the overlay is created first, the definition then fails.
    const err = await bff
      .client(admin)
      .domain.create.mutate({
        hostId: bff.hostId,
        name,
        memoryMiB: 64,
        vcpus: 1,
        disk: { kind: 'overlay', pool, base: 'base.raw', volume: 'second.qcow2' },
      })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(virsh('vol-list', pool)).not.toContain('second.qcow2');
  });

  it('names a wrong form field', async () => {
    const f = await failureOf(bff.client(admin).domain.create.mutate({ hostId: bff.hostId, name: 'bad name!', memoryMiB: 1, vcpus: 1, disk: { kind: 'none' } }));
    expect(f.data.httpStatus).toBe(400);
    // The messages are the form's own words: the web app checks its form with this schema too.
    expect(f.fields).toEqual({
      name: ['letters, digits and _ . + - only, starting with a letter or digit'],
      memoryMiB: ['at least 16'],
    });
  });

  it('names the field an XML builder refuses, as it names a schema refusal', async () => {
    // The schema lets a bridge name with a space through; the domain builder refuses it.
    const f = await failureOf(
      bff.client(admin).domain.create.mutate({ hostId: bff.hostId, name: uniqueName('badbr'), memoryMiB: 64, vcpus: 1, disk: { kind: 'none' }, network: { kind: 'bridge', bridge: 'br x' } }),
    );
    expect(f.data.httpStatus).toBe(400);
    expect(f.fields.network?.[0]).toMatch(/interface name/);
  });

  it('deletes the running domain with its overlay, keeping the base', async () => {
    const overlay = path.join(poolDir, `${name}.qcow2`);
    const res = await bff.client(admin).domain.delete.mutate({ hostId: bff.hostId, uuid, deleteVolumes: [overlay] });
    expect(res).toMatchObject({ deleted: true, volumesDeleted: [overlay], volumesFailed: [] });
    expect(virsh('list', '--all', '--name')).not.toContain(name);
    const vols = virsh('vol-list', pool);
    expect(vols).toContain('base.raw');
    expect(vols).not.toContain(`${name}.qcow2`);
  });
});
