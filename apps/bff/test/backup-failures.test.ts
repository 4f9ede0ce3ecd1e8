// Backups that do not complete, against the real daemon: a target pool that fills up (a 4 MiB
// tmpfs), a cancel, and the VM destroyed during the copy. Each ends with a clear error, no set
// (no `done` point), no volume left in the target, and the VM's checkpoints as before, so the next
// incremental still covers every change. The copies that must still run when the test acts are
// 1 GiB of data, which takes QEMU seconds to copy.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Libvirt } from '@virtdeck/libvirt-client';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBackup, groupSets, listPoints, setBackupTarget, startBackup, waitForBackup } from '../src/backups/index.js';
import { BackupFixture } from './backups-fixture.js';
import { startTestBff, type TestBff } from './harness.js';

describe('backups that fail or are cancelled leave nothing half-made', () => {
  let bff: TestBff;
  let lv: Libvirt;
  let fx: BackupFixture;
  let pool = '';
  let target = '';
  let mounted = '';

  beforeAll(async () => {
    bff = await startTestBff();
    lv = await Libvirt.connect(qemuUri());
    fx = new BackupFixture(lv);
    pool = await fx.pool('bkfpool');
    target = await fx.pool('bkftarget');
  }, 60_000);

  afterAll(async () => {
    if (mounted) execFileSync('umount', [mounted]);
    await fx?.cleanup();
    await lv?.close();
    await bff?.close();
  });

  const services = () => bff.server.services;
  const volumesIn = async (p: string) => (await lv.volumes.list(p)).map((v) => v.name);

  it('a full target pool: the backup fails saying so; no set, no volume, no checkpoint', async (ctx) => {
    mounted = path.join(fx.dir, 'small');
    mkdirSync(mounted);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4M', 'tmpfs', mounted], { stdio: 'pipe' });
    } catch (e) {
      mounted = '';
      ctx.skip(`cannot mount a small tmpfs here: ${String(e)}`);
    }
    const small = await fx.pool('bkfsmall', mounted);
    await setBackupTarget(services().db, bff.hostId, small, 'admin');
    const vm = await fx.domain(pool, 32, 16);
    const { backupId } = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    const end = await waitForBackup(services(), backupId);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/No space left on device/);
    expect(groupSets(await listPoints(services().db, bff.hostId, vm.uuid))).toEqual([]);
    expect(await volumesIn(small)).toEqual([]);
    expect(await lv.checkpoints.list(vm.uuid)).toEqual([]);
    expect((await lv.domains.getState(vm.uuid)).state).toBe('shutoff');
  }, 120_000);

  it('a cancel ends the point as cancelled and removes its files and checkpoint; the next incremental follows the last good point', async () => {
    await setBackupTarget(services().db, bff.hostId, target, 'admin');
    const vm = await fx.domain(pool, 1100, 4);
    const good = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    const full = await waitForBackup(services(), good.backupId);
    expect(full.status).toBe('done');
    // 1 GiB more to copy: the incremental runs long enough to be cancelled.
    // Asynchronous: a blocked event loop would miss the daemon's keepalives.
    await promisify(execFile)('/usr/bin/qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x33 64M 1G', vm.disk]);
    const doomed = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    await cancelBackup(doomed.backupId);
    const end = await waitForBackup(services(), doomed.backupId);
    expect(end).toMatchObject({ status: 'cancelled', kind: 'incremental' });
    expect(await volumesIn(target)).toEqual(full.disks.map((d) => d.volume));
    expect((await lv.checkpoints.list(vm.uuid)).map((c) => c.name)).toEqual([full.checkpoint]);
    const next = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    expect(await waitForBackup(services(), next.backupId)).toMatchObject({ status: 'done', kind: 'incremental', parentId: full.id });
  }, 300_000);

  it('the VM destroyed during the copy: the backup fails saying so, its files go, and the next backup cleans its checkpoint', async () => {
    await setBackupTarget(services().db, bff.hostId, target, 'admin');
    const vm = await fx.domain(pool, 1100, 1024);
    const before = await volumesIn(target);
    const { backupId } = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    await lv.domains.destroy(vm.uuid);
    const end = await waitForBackup(services(), backupId);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/stopped during the backup|went away/);
    expect(await volumesIn(target)).toEqual(before);
    expect(groupSets(await listPoints(services().db, bff.hostId, vm.uuid))).toEqual([]);
    // The next backup (a full: nothing to be incremental from) removes the failed one's checkpoint.
    const next = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    const ok = await waitForBackup(services(), next.backupId);
    expect(ok).toMatchObject({ status: 'done', kind: 'full' });
    expect((await lv.checkpoints.list(vm.uuid)).map((c) => c.name)).toEqual([ok.checkpoint]);
  }, 300_000);
});
