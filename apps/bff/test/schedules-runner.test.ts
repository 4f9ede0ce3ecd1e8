// The backup schedule runner on both engines: two replicas (two runners, each with its own
// connection to one database) and a clock the test moves. Each due time is run by exactly one of
// them; due times that passed while none ran are reported missed, once, on the schedule and in
// each VM's timeline; runs back up each VM of the schedule (named, or by tag) and prune its sets.
// The backups themselves are the backups module's (tested on the real daemon there and in
// schedules-backup.test.ts); here a recorder stands in for them, to count calls.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addHost } from '../src/db/hosts.js';
import { claimHolder, claimRun } from '../src/jobs/claims.js';
import { listTimeline } from '../src/jobs/timeline.js';
import { dueTimesBetween, nextDue } from '../src/schedules/due-times.js';
import { ScheduleRunner, type ScheduleBackups } from '../src/schedules/runner.js';
import { createSchedule, getSchedule, setVmTags, updateSchedule } from '../src/schedules/store.js';
import { setupBackends } from './postgres.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const DAY0 = Date.UTC(2026, 0, 5); // a Monday

function recorder(fail: Set<string> = new Set()) {
  const calls: string[] = [];
  const backups: ScheduleBackups = {
    async startBackup({ uuid, actor }) {
      calls.push(`backup ${uuid} by ${actor}`);
      if (fail.has(uuid)) throw new Error('target pool is full');
      return { backupId: `b-${uuid}` };
    },
    async waitForBackup() {
      return { status: 'done', error: null };
    },
    async pruneBackupSets({ uuid, keepFullSets }) {
      calls.push(`prune ${uuid} keep ${keepFullSets}`);
    },
  };
  return { calls, backups };
}

describe('due times (UTC)', () => {
  it('finds daily and weekly due times', () => {
    const daily = { frequency: 'daily' as const, weekday: null, minuteOfDay: 120 };
    expect(nextDue(daily, DAY0)).toBe(DAY0 + 2 * 60 * MIN);
    expect(nextDue(daily, DAY0 + 2 * 60 * MIN)).toBe(DAY0 + DAY + 2 * 60 * MIN);
    const friday = { frequency: 'weekly' as const, weekday: 5, minuteOfDay: 0 };
    expect(new Date(nextDue(friday, DAY0)).toISOString()).toBe('2026-01-09T00:00:00.000Z');
    expect(dueTimesBetween(daily, DAY0, DAY0 + 3 * DAY).times).toHaveLength(3);
    const many = dueTimesBetween(daily, DAY0, DAY0 + 500 * DAY, 100);
    expect(many.times).toHaveLength(100);
    expect(many.skipped).toBe(400);
  });
});

describe.each(setupBackends())('backup schedules on $name', (backend) => {
  async function twoReplicas() {
    const opts = await backend.fresh();
    const a = await backend.reopen(opts);
    const b = await backend.reopen(opts);
    const host = await addHost(a.db, { name: 'h', uri: 'qemu:///system' });
    let now = DAY0 + 60 * MIN; // 01:00 UTC
    const clock = () => now;
    const rec = recorder();
    const r1 = new ScheduleRunner(a.db, rec.backups, { clock, replica: 'r1', log: () => {} });
    const r2 = new ScheduleRunner(b.db, rec.backups, { clock, replica: 'r2', log: () => {} });
    const tickBoth = async () => {
      await Promise.all([r1.tick(), r2.tick()]);
      await Promise.all([r1.idle(), r2.idle()]);
    };
    return { db: a.db, hostId: host.id, clock, setNow: (t: number) => (now = t), rec, tickBoth };
  }

  it('runs a due time exactly once across two replicas, backing up each VM and pruning to N sets', async () => {
    const { db, hostId, clock, setNow, rec, tickBoth } = await twoReplicas();
    const [vm1, vm2] = [randomUUID(), randomUUID()];
    const s = await createSchedule(db, hostId, { name: 'nightly', target: { kind: 'vms', uuids: [vm1, vm2] }, frequency: 'daily', time: '02:00', keepFullSets: 3 }, 'op1', clock);
    expect(s.nextDueAt).toBe(DAY0 + 120 * MIN);

    await tickBoth(); // 01:00: not due yet
    expect(rec.calls).toEqual([]);

    setNow(DAY0 + 120 * MIN + 30_000); // 02:00:30
    await tickBoth();
    await tickBoth();
    expect(rec.calls).toEqual([`backup ${vm1} by schedule:nightly`, `prune ${vm1} keep 3`, `backup ${vm2} by schedule:nightly`, `prune ${vm2} keep 3`]);
    const after = await getSchedule(db, hostId, s.id, clock);
    expect(after?.recentRuns).toEqual([expect.objectContaining({ dueAt: DAY0 + 120 * MIN, status: 'ok', detail: '2 VMs backed up' })]);
    expect(after?.nextDueAt).toBe(DAY0 + DAY + 120 * MIN);
  });

  it('reports due times that passed while no replica ran as missed, once, and in each VM timeline', async () => {
    const { db, hostId, clock, setNow, rec, tickBoth } = await twoReplicas();
    const vm = randomUUID();
    await setVmTags(db, hostId, vm, ['web']);
    const s = await createSchedule(db, hostId, { name: 'web weekly', target: { kind: 'tag', tag: 'web' }, frequency: 'weekly', weekday: 1, time: '03:00', keepFullSets: 2 }, 'op1', clock);
    // Away for two weeks and a day: the Mondays 03:00 of DAY0, DAY0+7 and DAY0+14 passed.
    setNow(DAY0 + 15 * DAY);
    await tickBoth();
    await tickBoth();
    expect(rec.calls).toEqual([]);
    const runs = (await getSchedule(db, hostId, s.id, clock))?.recentRuns ?? [];
    expect(runs.map((r) => [r.dueAt, r.status])).toEqual([
      [DAY0 + 14 * DAY + 180 * MIN, 'missed'],
      [DAY0 + 7 * DAY + 180 * MIN, 'missed'],
      [DAY0 + 180 * MIN, 'missed'],
    ]);
    const { items } = await listTimeline(db, hostId, { uuid: vm });
    expect(items.map((e) => (e.kind === 'job' ? `${e.job} ${e.outcome} ${e.actor} ${e.at}` : e.kind))).toEqual([
      `backup missed schedule:web weekly ${DAY0 + 14 * DAY + 180 * MIN}`,
      `backup missed schedule:web weekly ${DAY0 + 7 * DAY + 180 * MIN}`,
      `backup missed schedule:web weekly ${DAY0 + 180 * MIN}`,
    ]);

    // The next Monday, on time: run, through the tag.
    setNow(DAY0 + 21 * DAY + 181 * MIN);
    await tickBoth();
    expect(rec.calls).toEqual([`backup ${vm} by schedule:web weekly`, `prune ${vm} keep 2`]);
  });

  it('marks a run failed with what went wrong, and goes on with the other VMs', async () => {
    const opts = await backend.fresh();
    const { db } = await backend.reopen(opts);
    const host = await addHost(db, { name: 'h', uri: 'qemu:///system' });
    let now = DAY0;
    const clock = () => now;
    const [bad, good] = [randomUUID(), randomUUID()];
    const rec = recorder(new Set([bad]));
    const runner = new ScheduleRunner(db, rec.backups, { clock, log: () => {} });
    const s = await createSchedule(db, host.id, { name: 'n', target: { kind: 'vms', uuids: [bad, good] }, frequency: 'daily', time: '00:10', keepFullSets: 1 }, 'op1', clock);
    now = DAY0 + 11 * MIN;
    await runner.tick();
    await runner.idle();
    expect(rec.calls).toEqual([`backup ${bad} by schedule:n`, `backup ${good} by schedule:n`, `prune ${good} keep 1`]);
    const [run] = (await getSchedule(db, host.id, s.id, clock))?.recentRuns ?? [];
    expect(run).toMatchObject({ status: 'failed', detail: `1 of 2 VMs backed up; ${bad}: target pool is full` });
  });

  it('deletes claims of any job older than two days, hourly', async () => {
    const { db } = await backend.open();
    let now = DAY0;
    const clock = () => now;
    await claimRun(db, 'metrics:h', 'old', { clock });
    now = DAY0 + 2 * DAY - MIN;
    await claimRun(db, 'metrics:h', 'recent', { clock });
    now = DAY0 + 2 * DAY + MIN;
    await new ScheduleRunner(db, recorder().backups, { clock, log: () => {} }).tick();
    expect(await claimHolder(db, 'metrics:h', 'old')).toBeUndefined();
    expect(await claimHolder(db, 'metrics:h', 'recent')).toBeDefined();
  });

  it('a disabled schedule does not run, and enabling it again does not report the time it was off as missed', async () => {
    const opts = await backend.fresh();
    const { db } = await backend.reopen(opts);
    const host = await addHost(db, { name: 'h', uri: 'qemu:///system' });
    let now = DAY0;
    const clock = () => now;
    const rec = recorder();
    const runner = new ScheduleRunner(db, rec.backups, { clock, log: () => {} });
    const spec = { name: 'n', target: { kind: 'vms' as const, uuids: [randomUUID()] }, frequency: 'daily' as const, time: '00:10', keepFullSets: 1 };
    const s = await createSchedule(db, host.id, { ...spec, enabled: false }, 'op1', clock);
    now = DAY0 + 3 * DAY;
    await runner.tick();
    await updateSchedule(db, host.id, s.id, { ...spec, enabled: true }, clock);
    await runner.tick();
    await runner.idle();
    expect(rec.calls).toEqual([]);
    expect((await getSchedule(db, host.id, s.id, clock))?.recentRuns).toEqual([]);
  });
});
