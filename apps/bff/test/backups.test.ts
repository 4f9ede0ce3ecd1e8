// Backups against the real daemon and a real guest: a full backup and two incrementals of a
// running guest whose disk the guest writes between them (through its agent); each point restored
// to a new VM and compared byte for byte (`qemu-img compare`) with a copy of the source disk taken
// when that backup was made; deleting the full that the incrementals need is refused, naming them;
// a shut-off VM is backed up too (started paused, and off again after).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isNoDomain, Libvirt } from '@virtdeck/libvirt-client';
import { buildPoolXml, buildVolumeXml } from '@virtdeck/libvirt-xml';
import { qemuUri, uniqueName } from '@virtdeck/test-kit/daemon';
import { bootableGuestXml } from '@virtdeck/test-kit/guest-image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteBackup,
  groupSets,
  listPoints,
  restoreToNewVm,
  setBackupTarget,
  startBackup,
  waitForBackup,
  type BackupPoint,
} from '../src/backups/index.js';
import { DependantsError } from '../src/errors.js';
import { startTestBff, type TestBff } from './harness.js';
import { waitFor } from './guest-waits.js';
import { agentAnswersAsync, writeGuestDisk } from './backups-agent.js';

const MiB = 1024 * 1024;
// Asynchronous, so the test's libvirt connections keep answering the daemon's keepalives.
const qemuImg = async (...args: string[]): Promise<string> => (await promisify(execFile)('/usr/bin/qemu-img', args)).stdout;

describe('backups of a VM, full and incremental, restored point by point', () => {
  let bff: TestBff;
  let lv: Libvirt;
  let dir: string;
  const pool = uniqueName('bkpool');
  const target = uniqueName('bktarget');
  const guest = uniqueName('bkguest');
  const restored: string[] = [];
  let uuid = '';

  beforeAll(async () => {
    bff = await startTestBff();
    lv = await Libvirt.connect(qemuUri());
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-backups-'));
    for (const [name, sub] of [[pool, 'disks'], [target, 'backups']] as const) {
      await lv.pools.define(buildPoolXml({ name, type: 'dir', targetPath: path.join(dir, sub) }));
      await lv.pools.build(name);
      await lv.pools.start(name);
    }
    const disk = await lv.volumes.create(pool, buildVolumeXml({ name: 'disk.qcow2', format: 'qcow2', capacityBytes: 64 * MiB }));
    const diskPath = (await lv.volumes.get(disk)).path;
    const dom = await lv.domains.define(bootableGuestXml({ name: guest, disks: [{ path: diskPath }] }));
    uuid = (await lv.domains.get(dom)).uuid;
    await setBackupTarget(bff.server.services.db, bff.hostId, target, 'admin');
  }, 60_000);

  afterAll(async () => {
    if (lv) {
      for (const name of [guest, ...restored]) {
        await lv.domains.destroy(name).catch(() => undefined);
        await lv.domains.undefine(name, ['CHECKPOINTS_METADATA', 'SNAPSHOTS_METADATA']).catch((e: unknown) => {
          if (!isNoDomain(e)) throw e;
        });
      }
      for (const p of [pool, target]) {
        for (const v of await lv.volumes.list(p).catch(() => [])) await lv.volumes.delete({ path: v.path }).catch(() => undefined);
        await lv.pools.destroy(p).catch(() => undefined);
        await lv.pools.undefine(p).catch(() => undefined);
      }
      await lv.close();
    }
    await bff?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const services = () => bff.server.services;
  const sourcePath = async () => (await lv.volumes.get({ pool, name: 'disk.qcow2' })).path;
  /** The source disk as it is now, as raw (-U: the running guest holds its lock). */
  const snapshotSource = async (name: string) => {
    const out = path.join(dir, `${name}.raw`);
    await qemuImg('convert', '-U', '-f', 'qcow2', '-O', 'raw', await sourcePath(), out);
    return out;
  };
  const backup = async (): Promise<BackupPoint> => {
    const { backupId } = await startBackup(services(), { hostId: bff.hostId, uuid, actor: 'test' });
    const end = await waitForBackup(services(), backupId);
    expect(end.error).toBeNull();
    expect(end.status).toBe('done');
    return end;
  };

  it('full, then two incrementals of a running guest; each point restored equals the disk at its time', async () => {
    await lv.domains.start(uuid);
    await waitFor('the guest agent', async () => ((await agentAnswersAsync(guest)) ? true : undefined));

    await writeGuestDisk(guest, '/dev/vda', 0, 2);
    const copy1 = await snapshotSource('copy1');
    const full = await backup();
    expect(full.kind).toBe('full');

    await writeGuestDisk(guest, '/dev/vda', 20, 10);
    const copy2 = await snapshotSource('copy2');
    const inc1 = await backup();
    expect(inc1).toMatchObject({ kind: 'incremental', setId: full.id, parentId: full.id });
    // Only what the guest wrote since the full: 10 MiB, not the disk's 64.
    expect(inc1.sizeBytes).toBeLessThan(2 * 10 * MiB);

    await writeGuestDisk(guest, '/dev/vda', 1, 3);
    const copy3 = await snapshotSource('copy3');
    const inc2 = await backup();
    expect(inc2).toMatchObject({ kind: 'incremental', setId: full.id, parentId: inc1.id });

    const sets = groupSets(await listPoints(services().db, bff.hostId, uuid));
    expect(sets.map((s) => s.points.map((p) => p.id))).toEqual([[full.id, inc1.id, inc2.id]]);
    expect((await lv.checkpoints.list(uuid)).map((c) => c.name).sort()).toEqual([full.checkpoint, inc1.checkpoint, inc2.checkpoint].sort());

    for (const [point, copy] of [[full, copy1], [inc1, copy2], [inc2, copy3]] as const) {
      const name = uniqueName('bkrestored');
      restored.push(name);
      await restoreToNewVm(services(), { hostId: bff.hostId, backupId: point.id, name, pool, actor: 'test' });
      const vol = await lv.volumes.get({ pool, name: `${name}-vda.qcow2` });
      // Flat: the restored disk reads through no backup file.
      expect(JSON.parse(await qemuImg('info', '--output=json', vol.path))['backing-filename']).toBeUndefined();
      expect(await qemuImg('compare', '-f', 'raw', '-F', 'qcow2', copy, vol.path)).toContain('Images are identical');
    }
  }, 600_000);

  it('deleting a full backup that incrementals need is refused, naming them; the newest one deletes', async () => {
    const sets = groupSets(await listPoints(services().db, bff.hostId, uuid));
    const [full, inc1, inc2] = sets[0]!.points;
    const refusal = await deleteBackup(services(), { hostId: bff.hostId, backupId: full!.id }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DependantsError);
    expect((refusal as DependantsError).message).toMatch(/needed by later incrementals: incremental backup of .*, incremental backup of /);
    expect((refusal as DependantsError).dependants.volumes.map((v) => v.path).sort()).toEqual([...inc1!.disks, ...inc2!.disks].map((d) => d.path).sort());

    await deleteBackup(services(), { hostId: bff.hostId, backupId: inc2!.id });
    expect((await lv.volumes.list(target)).map((v) => v.path)).not.toContain(inc2!.disks[0]!.path);
    // Its checkpoint merged into the previous one, so the next incremental follows inc1.
    expect((await lv.checkpoints.list(uuid)).map((c) => c.name)).not.toContain(inc2!.checkpoint);
    const next = await backup();
    expect(next).toMatchObject({ kind: 'incremental', parentId: inc1!.id });
  }, 300_000);

  it('a shut-off VM is backed up (started paused for it) and is off again after', async () => {
    await lv.domains.destroy(uuid);
    const copy = await snapshotSource('copy-off');
    const point = await backup();
    expect(point.kind).toBe('incremental');
    expect((await lv.domains.getState(uuid)).state).toBe('shutoff');
    const name = uniqueName('bkrestored');
    restored.push(name);
    await restoreToNewVm(services(), { hostId: bff.hostId, backupId: point.id, name, pool, actor: 'test' });
    expect(await qemuImg('compare', '-f', 'raw', '-F', 'qcow2', copy, (await lv.volumes.get({ pool, name: `${name}-vda.qcow2` })).path)).toContain('Images are identical');
  }, 300_000);
});
