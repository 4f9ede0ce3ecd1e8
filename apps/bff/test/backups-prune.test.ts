// pruneBackupSets (what backup schedules call after each run) against the real daemon: three sets
// of a shut-off VM, pruned to the newest one; the older sets' volumes and rows are gone, the kept
// set stays the base of the next incremental.
import { Libvirt } from '@virtdeck/libvirt-client';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSets, listPoints, pruneBackupSets, setBackupTarget, startBackup, waitForBackup } from '../src/backups/index.js';
import { BackupFixture } from './backups-fixture.js';
import { startTestBff, type TestBff } from './harness.js';

describe('pruning backup sets', () => {
  let bff: TestBff;
  let lv: Libvirt;
  let fx: BackupFixture;

  beforeAll(async () => {
    bff = await startTestBff();
    lv = await Libvirt.connect(qemuUri());
    fx = new BackupFixture(lv);
  }, 60_000);

  afterAll(async () => {
    await fx?.cleanup();
    await lv?.close();
    await bff?.close();
  });

  it('keeps the newest N sets and deletes the older ones with their volumes', async () => {
    const services = bff.server.services;
    const pool = await fx.pool('bkppool');
    const target = await fx.pool('bkptarget');
    await setBackupTarget(services.db, bff.hostId, target, 'admin');
    const vm = await fx.domain(pool, 16, 1);
    const back = async (mode: 'full' | 'auto') => {
      const { backupId } = await startBackup(services, { hostId: bff.hostId, uuid: vm.uuid, actor: 'schedule:test', mode });
      const end = await waitForBackup(services, backupId);
      expect(end.status).toBe('done');
      return end;
    };
    await back('full');
    await back('auto');
    await back('full');
    const newest = await back('full');
    expect(groupSets(await listPoints(services.db, bff.hostId, vm.uuid))).toHaveLength(3);

    await pruneBackupSets(services, { hostId: bff.hostId, uuid: vm.uuid, keepFullSets: 1 });
    const sets = groupSets(await listPoints(services.db, bff.hostId, vm.uuid));
    expect(sets.map((s) => s.id)).toEqual([newest.id]);
    expect((await lv.volumes.list(target)).map((v) => v.name)).toEqual(newest.disks.map((d) => d.volume));
    expect(await back('auto')).toMatchObject({ kind: 'incremental', parentId: newest.id });
  }, 180_000);
});
