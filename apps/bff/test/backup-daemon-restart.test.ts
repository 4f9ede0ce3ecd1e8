// A backup under way when libvirtd restarts (the sandbox's own daemon, stopped and started again):
// the point ends failed saying the connection was lost, no set is registered, and the next backup
// of the VM sweeps what the lost one left (its checkpoint, its volumes) and makes a full set.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Libvirt } from '@virtdeck/libvirt-client';
import { libvirtSocket, qemuUri, repoRoot, stateDir } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupSets, listPoints, setBackupTarget, startBackup, waitForBackup } from '../src/backups/index.js';
import { BackupFixture } from './backups-fixture.js';
import { waitFor } from './guest-waits.js';
import { startTestBff, type TestBff } from './harness.js';

const sandbox = path.join(repoRoot, 'scripts/libvirt-sandbox.sh');

describe('a backup when libvirtd restarts under it', () => {
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
    await lv?.close().catch(() => undefined);
    await bff?.close();
  });

  it('fails saying the connection was lost, registers no set, and the next backup cleans up', async () => {
    // Only the sandbox's own daemon may be restarted; a user's libvirtd is never touched.
    expect(libvirtSocket()).toBe(path.join(stateDir, 'libvirt/run/libvirt-sock'));
    const services = () => bff.server.services;
    const pool = await fx.pool('bkrpool');
    const target = await fx.pool('bkrtarget');
    await setBackupTarget(services().db, bff.hostId, target, 'admin');
    // 1 GiB of data: the copy still runs when the daemon goes.
    const vm = await fx.domain(pool, 1100, 1024);

    const lost = await startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' });
    execFileSync('bash', [sandbox, 'stop'], { stdio: 'ignore' });
    const end = await waitForBackup(services(), lost.backupId);
    execFileSync('bash', [sandbox, 'start'], { stdio: 'ignore' });
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/connection to libvirt was lost/);
    expect(groupSets(await listPoints(services().db, bff.hostId, vm.uuid))).toEqual([]);

    await lv.close().catch(() => undefined);
    lv = await Libvirt.connect(qemuUri());
    fx.useConnection(lv);
    // The BFF reconnects by itself; the next backup goes through once it has.
    const next = await waitFor('the BFF to back up again after the restart', () =>
      startBackup(services(), { hostId: bff.hostId, uuid: vm.uuid, actor: 'test' }).catch(() => undefined),
      60_000,
    );
    const ok = await waitForBackup(services(), next.backupId);
    expect(ok).toMatchObject({ status: 'done', kind: 'full' });
    expect(groupSets(await listPoints(services().db, bff.hostId, vm.uuid))).toHaveLength(1);
    expect((await lv.checkpoints.list(vm.uuid)).map((c) => c.name)).toEqual([ok.checkpoint]);
    expect((await lv.volumes.list(target)).map((v) => v.name).sort()).toEqual(ok.disks.map((d) => d.volume).sort());
  }, 300_000);
});
