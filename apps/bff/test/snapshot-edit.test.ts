// Snapshot actions the tree offers, over HTTP as an operator on real TCG guests: internal with
// memory of a running guest (and without: refused), external with memory (running only), the
// description edited in place (the current snapshot stays current), delete with children, and
// delete of only the metadata (the overlay stays in the chain). Each refusal changes nothing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const domainXml = (name: string, file: string) =>
  `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>
   <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${file}'/><target dev='vda' bus='virtio'/></disk></devices></domain>`;

describe('snapshot actions from the tree', () => {
  const pool = uniqueName('snapedpool');
  const names = { internal: uniqueName('snapint'), external: uniqueName('snapext'), off: uniqueName('snapoff') };
  const uuids = { internal: '', external: '', off: '' };
  let dir = '';
  let bff: TestBff;
  let operator: SessionCookie;
  let hostId = '';
  const op = () => bff.client(operator).snapshot;
  const snapshotNames = (uuid: string) => virsh('snapshot-list', uuid, '--name').split('\n').map((l) => l.trim()).filter(Boolean);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-snaped-'));
    virsh('pool-create-as', pool, 'dir', '--target', dir);
    for (const [key, name] of Object.entries(names) as [keyof typeof names, string][]) {
      virsh('vol-create-as', pool, `${key}.qcow2`, '64M', '--format', 'qcow2');
      writeFileSync(path.join(dir, 'd.xml'), domainXml(name, path.join(dir, `${key}.qcow2`)));
      virsh('define', path.join(dir, 'd.xml'));
      if (key !== 'off') virsh('start', name);
      uuids[key] = virsh('domuuid', name).trim();
    }
    rmSync(path.join(dir, 'd.xml'));
    bff = await startTestBff();
    hostId = bff.hostId;
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'snapop', password: 'operator-password', role: 'operator' });
    operator = await bff.signIn('snapop', 'operator-password');
  });

  afterAll(async () => {
    for (const name of Object.values(names)) {
      virshQuietly('destroy', name);
      virshQuietly('undefine', name, '--snapshots-metadata');
    }
    virshQuietly('pool-destroy', pool);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  it('takes an internal snapshot with memory of a running guest; without memory it is refused up front', async () => {
    const uuid = uuids.internal;
    const refused = await failureOf(op().create.mutate({ hostId, uuid, name: 'nomem', kind: 'internal', memory: false }));
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(refused.message).toContain("running guest's memory");
    expect(snapshotNames(uuid)).toEqual([]);
    const s1 = await op().create.mutate({ hostId, uuid, name: 's1', kind: 'internal', memory: true });
    expect(s1).toMatchObject({ kind: 'internal', state: 'running', current: true });
    await op().create.mutate({ hostId, uuid, name: 's2', kind: 'internal' });
    const taken = await failureOf(op().create.mutate({ hostId, uuid, name: 's2', kind: 'internal' }));
    expect(taken.fields.name?.[0]).toContain('already has a snapshot named s2');
  });

  it('edits a description in place; the current snapshot stays current', async () => {
    const uuid = uuids.internal;
    const s2 = await op().describe.mutate({ hostId, uuid, name: 's2', description: 'after the upgrade' });
    expect(s2).toMatchObject({ name: 's2', description: 'after the upgrade', current: true, parent: 's1' });
    expect(virsh('snapshot-dumpxml', uuid, 's2')).toContain('<description>after the upgrade</description>');
    expect((await op().describe.mutate({ hostId, uuid, name: 's2', description: '' }))?.description).toBeNull();
    const bad = await failureOf(op().describe.mutate({ hostId, uuid, name: 's2', description: 'x'.repeat(1001) }));
    expect(bad.fields.description).toBeDefined();
  });

  it('deletes a snapshot with its children', async () => {
    const uuid = uuids.internal;
    expect(await op().delete.mutate({ hostId, uuid, name: 's1', children: true })).toMatchObject({ deleted: true });
    expect(snapshotNames(uuid)).toEqual([]);
  });

  it('takes an external snapshot with memory of a running guest: memory file, overlay, kind external', async () => {
    const uuid = uuids.external;
    expect((await op().tree.query({ hostId, uuid })).can.createExternal).toEqual({ ok: true, reason: null });
    const snap = await op().create.mutate({ hostId, uuid, name: 'e1', kind: 'external', description: 'with memory' });
    expect(snap).toMatchObject({ kind: 'external', external: true, state: 'running' });
    expect(existsSync(path.join(dir, 'external.e1.mem'))).toBe(true);
    const chain = parseDomainXml(virsh('dumpxml', uuid)).disks[0]!.chain.layers;
    expect(chain[0]?.source).toMatchObject({ kind: 'file', path: path.join(dir, 'external.e1.qcow2') });
  });

  it('refuses an external snapshot with memory of a shut-off guest, and an internal one with memory', async () => {
    const uuid = uuids.off;
    const tree = await op().tree.query({ hostId, uuid });
    expect(tree.can.createExternal.ok).toBe(false);
    const ext = await failureOf(op().create.mutate({ hostId, uuid, name: 'x1', kind: 'external' }));
    expect(ext.message).toContain('needs a running guest');
    const mem = await failureOf(op().create.mutate({ hostId, uuid, name: 'x1', kind: 'internal', memory: true }));
    expect(mem.message).toContain('no memory to save');
    expect(snapshotNames(uuid)).toEqual([]);
  });

  it('deletes only the metadata of an external snapshot: the overlay stays in the chain', async () => {
    const uuid = uuids.external;
    const check = await op().check.query({ hostId, uuid, action: 'delete', name: 'e1', metadataOnly: true });
    expect(check.ok).toBe(true);
    expect(await op().delete.mutate({ hostId, uuid, name: 'e1', metadataOnly: true })).toMatchObject({ deleted: true, metadataOnly: true });
    expect(snapshotNames(uuid)).toEqual([]);
    const chain = parseDomainXml(virsh('dumpxml', uuid)).disks[0]!.chain.layers;
    expect(chain[0]?.source).toMatchObject({ path: path.join(dir, 'external.e1.qcow2') });
  });

  it('audits each action with its result', async () => {
    const admin = await bff.signIn('admin', ADMIN_PASSWORD);
    const page = await bff.client(admin).audit.list.query({ objectType: 'snapshot', limit: 100 });
    const rows = page.items.filter((e) => e.username === 'snapop').map((e) => `${e.action}:${e.result}`);
    expect(rows).toEqual(expect.arrayContaining(['create:ok', 'create:error', 'describe:ok', 'describe:error', 'delete:ok']));
  });
});
