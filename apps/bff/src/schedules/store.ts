// Backup schedules, their runs and VM tags in the database.
import { randomUUID } from 'node:crypto';
import { scheduleSpecSchema, type Schedule, type ScheduleRun, type ScheduleSpec, type ScheduleTarget } from '@virtdeck/contract/schedule';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import type { BackupSchedulesTable, ScheduleRunStatus } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { minuteOfDayOf, nextDue, timeOfDay, type Timing } from './due-times.js';

export type ScheduleRow = Selectable<BackupSchedulesTable>;

export class ScheduleNotFoundError extends Error {
  override readonly name = 'ScheduleNotFoundError';
  constructor() {
    super('no such backup schedule on this host');
  }
}

export class ScheduleExistsError extends Error {
  override readonly name = 'ScheduleExistsError';
  constructor(name: string) {
    super(`this host already has a backup schedule named ${name}`);
  }
}

const RECENT_RUNS = 10;

export const timingOf = (row: Pick<ScheduleRow, 'frequency' | 'weekday' | 'minute_of_day'>): Timing => ({
  frequency: row.frequency,
  weekday: row.weekday,
  minuteOfDay: row.minute_of_day,
});

export function targetOf(row: Pick<ScheduleRow, 'target_kind' | 'target'>): ScheduleTarget {
  return row.target_kind === 'tag' ? { kind: 'tag', tag: row.target } : { kind: 'vms', uuids: JSON.parse(row.target) as string[] };
}

function columnsOf(spec: ScheduleSpec) {
  const s = scheduleSpecSchema.parse(spec);
  return {
    name: s.name,
    target_kind: s.target.kind,
    target: s.target.kind === 'tag' ? s.target.tag : JSON.stringify([...new Set(s.target.uuids)]),
    frequency: s.frequency,
    weekday: s.frequency === 'weekly' ? (s.weekday ?? null) : null,
    minute_of_day: minuteOfDayOf(s.time),
    keep_full_sets: s.keepFullSets,
    enabled: s.enabled ? 1 : 0,
  };
}

export async function createSchedule(db: Db, hostId: string, spec: ScheduleSpec, createdBy: string, clock: Clock = systemClock): Promise<Schedule> {
  const now = clock();
  const id = randomUUID();
  try {
    // Due times before it existed are not its runs: none is reported missed.
    await db.insertInto('backup_schedules').values({ id, host_id: hostId, ...columnsOf(spec), created_at: now, created_by: createdBy, handled_until: now }).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ScheduleExistsError(scheduleSpecSchema.parse(spec).name);
    throw err;
  }
  return (await getSchedule(db, hostId, id, clock)) as Schedule;
}

/** Replaces the schedule's settings; a changed timing counts from now (nothing before it is missed). */
export async function updateSchedule(db: Db, hostId: string, id: string, spec: ScheduleSpec, clock: Clock = systemClock): Promise<Schedule> {
  const old = await getScheduleRow(db, hostId, id);
  const cols = columnsOf(spec);
  const retimed = old.frequency !== cols.frequency || old.weekday !== cols.weekday || old.minute_of_day !== cols.minute_of_day || (!old.enabled && cols.enabled === 1);
  try {
    await db
      .updateTable('backup_schedules')
      .set({ ...cols, ...(retimed ? { handled_until: Math.max(old.handled_until, clock()) } : {}) })
      .where('id', '=', id)
      .where('host_id', '=', hostId)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ScheduleExistsError(cols.name);
    throw err;
  }
  return (await getSchedule(db, hostId, id, clock)) as Schedule;
}

export async function deleteSchedule(db: Db, hostId: string, id: string): Promise<ScheduleRow> {
  const old = await getScheduleRow(db, hostId, id);
  await db.deleteFrom('backup_schedules').where('id', '=', id).where('host_id', '=', hostId).execute();
  return old;
}

export async function getScheduleRow(db: Db, hostId: string, id: string): Promise<ScheduleRow> {
  const row = await db.selectFrom('backup_schedules').selectAll().where('id', '=', id).where('host_id', '=', hostId).executeTakeFirst();
  if (!row) throw new ScheduleNotFoundError();
  return row;
}

export async function getSchedule(db: Db, hostId: string, id: string, clock: Clock = systemClock): Promise<Schedule | null> {
  const row = await db.selectFrom('backup_schedules').selectAll().where('id', '=', id).where('host_id', '=', hostId).executeTakeFirst();
  return row ? (await withRuns(db, [row], clock))[0]! : null;
}

export async function listSchedules(db: Db, hostId: string, clock: Clock = systemClock): Promise<Schedule[]> {
  const rows = await db.selectFrom('backup_schedules').selectAll().where('host_id', '=', hostId).orderBy('name').execute();
  return withRuns(db, rows, clock);
}

/** The schedules that back up this VM: naming it, or a tag it carries. */
export async function schedulesForVm(db: Db, hostId: string, uuid: string, clock: Clock = systemClock): Promise<Schedule[]> {
  const tags = await getVmTags(db, hostId, uuid);
  const all = await listSchedules(db, hostId, clock);
  return all.filter((s) => (s.target.kind === 'vms' ? s.target.uuids.includes(uuid) : tags.includes(s.target.tag)));
}

export async function listRuns(db: Db, scheduleId: string, limit = RECENT_RUNS): Promise<ScheduleRun[]> {
  const rows = await db.selectFrom('backup_schedule_runs').selectAll().where('schedule_id', '=', scheduleId).orderBy('due_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ dueAt: r.due_at, status: r.status, startedAt: r.started_at, endedAt: r.ended_at, detail: r.detail }));
}

async function withRuns(db: Db, rows: ScheduleRow[], clock: Clock): Promise<Schedule[]> {
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      hostId: row.host_id,
      name: row.name,
      target: targetOf(row),
      frequency: row.frequency,
      weekday: row.weekday,
      time: timeOfDay(row.minute_of_day),
      keepFullSets: row.keep_full_sets,
      enabled: row.enabled === 1,
      createdAt: row.created_at,
      createdBy: row.created_by,
      nextDueAt: row.enabled === 1 ? nextDue(timingOf(row), Math.max(row.handled_until, clock())) : null,
      recentRuns: await listRuns(db, row.id),
    })),
  );
}

export async function addRun(db: Db, run: { scheduleId: string; dueAt: number; status: ScheduleRunStatus; startedAt: number | null; detail: string | null }): Promise<void> {
  await db
    .insertInto('backup_schedule_runs')
    .values({ schedule_id: run.scheduleId, due_at: run.dueAt, status: run.status, started_at: run.startedAt, ended_at: run.status === 'running' ? null : run.startedAt, detail: run.detail })
    .onConflict((oc) => oc.columns(['schedule_id', 'due_at']).doNothing())
    .execute();
}

export async function finishRun(db: Db, scheduleId: string, dueAt: number, status: 'ok' | 'failed', detail: string | null, endedAt: number): Promise<void> {
  await db.updateTable('backup_schedule_runs').set({ status, detail, ended_at: endedAt }).where('schedule_id', '=', scheduleId).where('due_at', '=', dueAt).execute();
}

/** Moves the schedule's mark forward (never back: another replica may have moved it further). */
export async function markHandled(db: Db, id: string, until: number): Promise<void> {
  await db.updateTable('backup_schedules').set({ handled_until: until }).where('id', '=', id).where('handled_until', '<', until).execute();
}

// --- VM tags -----------------------------------------------------------------------------------

export async function getVmTags(db: Db, hostId: string, uuid: string): Promise<string[]> {
  const rows = await db.selectFrom('vm_tags').select('tag').where('host_id', '=', hostId).where('domain_uuid', '=', uuid).orderBy('tag').execute();
  return rows.map((r) => r.tag);
}

export async function setVmTags(db: Db, hostId: string, uuid: string, tags: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tags)];
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('vm_tags').where('host_id', '=', hostId).where('domain_uuid', '=', uuid).execute();
    if (unique.length > 0) await tx.insertInto('vm_tags').values(unique.map((tag) => ({ host_id: hostId, domain_uuid: uuid, tag }))).execute();
  });
  return getVmTags(db, hostId, uuid);
}

/** Every tag used on the host, with how many VMs carry it. */
export async function listHostTags(db: Db, hostId: string): Promise<{ tag: string; vms: number }[]> {
  const rows = await db.selectFrom('vm_tags').select(['tag', db.fn.countAll<number>().as('vms')]).where('host_id', '=', hostId).groupBy('tag').orderBy('tag').execute();
  return rows.map((r) => ({ tag: r.tag, vms: Number(r.vms) }));
}

/** The VMs a schedule backs up now. */
export async function vmsOfSchedule(db: Db, row: ScheduleRow): Promise<string[]> {
  const target = targetOf(row);
  if (target.kind === 'vms') return target.uuids;
  const rows = await db.selectFrom('vm_tags').select('domain_uuid').where('host_id', '=', row.host_id).where('tag', '=', target.tag).orderBy('domain_uuid').execute();
  return rows.map((r) => r.domain_uuid);
}
