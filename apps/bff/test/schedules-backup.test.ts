// A backup schedule on the real daemon, with two BFF replicas on one PostgreSQL database: the
// due time is run once (one backup point of the VM, one job in its timeline) although both
// replicas check it at the same moment, and due times that passed while no BFF ran are reported
// missed, not run. Each replica's runner is driven by a clock the test sets (no sleeps); the
// backups are the backups module's own, into a target pool of the test's.
import { Libvirt } from '@virtdeck/libvirt-client';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPoints, setBackupTarget } from '../src/backups/index.js';
import { scheduleBackupsOf } from '../src/schedules/backups-binding.js';
import { ScheduleRunner } from '../src/schedules/runner.js';
import { BackupFixture } from './backups-fixture.js';
import { ADMIN_PASSWORD, startTestBff, type TestBff } from './harness.js';
import { startPostgres, type PgCluster } from './postgres.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('a backup schedule run by two replicas', () => {
  let cluster: PgCluster;
  let a: TestBff;
  let b: TestBff;
  let lv: Libvirt;
  let fx: BackupFixture;

  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase();
    a = await startTestBff({ VIRTDECK_DATABASE_URL: url });
    b = await startTestBff({ VIRTDECK_DATABASE_URL: url });
    lv = await Libvirt.connect(qemuUri());
    fx = new BackupFixture(lv);
  }, 60_000);

  afterAll(async () => {
    await fx?.cleanup();
    await lv?.close();
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('runs a due time once across both replicas, and reports the ones missed while none ran', async () => {
    const pool = await fx.pool('schpool');
    const target = await fx.pool('schtarget');
    await setBackupTarget(a.server.services.db, a.hostId, target, 'admin');
    const vm = await fx.domain(pool, 16, 2);

    const admin = await a.signIn('admin', ADMIN_PASSWORD);
    // Twelve hours from now, so the replicas' own timers (on the real clock) never find it due.
    const at = new Date(Date.now() + 12 * HOUR);
    const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    const schedule = await a.client(admin).schedule.create.mutate({ hostId: a.hostId, spec: { name: 'nightly', target: { kind: 'vms', uuids: [vm.uuid] }, frequency: 'daily', time, keepFullSets: 2 } });
    const due = schedule.nextDueAt as number;

    let now = due + 30_000;
    const clock = () => now;
    const runners = [a, b].map((bff, i) => new ScheduleRunner(bff.server.services.db, scheduleBackupsOf(bff.server.services), { clock, replica: `test-${i}`, log: () => {} }));
    const tickBoth = async () => {
      await Promise.all(runners.map((r) => r.tick()));
      await Promise.all(runners.map((r) => r.idle()));
    };

    await tickBoth();
    await tickBoth();
    const points = await listPoints(a.server.services.db, a.hostId, vm.uuid);
    expect(points.map((p) => [p.kind, p.status, p.actor])).toEqual([['full', 'done', 'schedule:nightly']]);
    const ran = await b.client(admin).schedule.list.query({ hostId: b.hostId });
    expect(ran[0]?.recentRuns).toEqual([expect.objectContaining({ dueAt: due, status: 'ok', detail: '1 VM backed up' })]);

    // No BFF for three days and an hour: three due times passed unseen.
    now = due + 3 * DAY + HOUR;
    await tickBoth();
    await tickBoth();
    expect(await listPoints(a.server.services.db, a.hostId, vm.uuid)).toHaveLength(1);
    const after = (await a.client(admin).schedule.list.query({ hostId: a.hostId }))[0];
    expect(after?.recentRuns.map((r) => [r.dueAt - due, r.status])).toEqual([
      [3 * DAY, 'missed'],
      [2 * DAY, 'missed'],
      [DAY, 'missed'],
      [0, 'ok'],
    ]);
    const jobs = (await a.client(admin).timeline.list.query({ hostId: a.hostId, uuid: vm.uuid })).items.filter((e) => e.kind === 'job');
    expect(jobs.map((e) => (e.kind === 'job' ? `${e.job} ${e.outcome} ${e.actor}` : ''))).toEqual([
      'backup missed schedule:nightly',
      'backup missed schedule:nightly',
      'backup missed schedule:nightly',
      'backup ok schedule:nightly',
    ]);
  }, 120_000);
});
