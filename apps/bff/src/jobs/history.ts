// The history of long-running jobs on a VM (block jobs, snapshots, backups, restores, clones):
// when each started, who started it, how it ended and how long it took. Rows are written at the
// start (so a job cut short by a BFF restart still shows, without an end) and completed at the
// end. The VM timeline (jobs/timeline.ts) reads them.
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { JOB_KINDS, JOB_OUTCOMES, type JobKind, type JobOutcome } from '../db/schema.js';
import { timelineChanges } from './timeline-changes.js';

export { JOB_KINDS, JOB_OUTCOMES, type JobKind, type JobOutcome };

export interface JobStart {
  hostId: string;
  /** The VM's UUID. */
  uuid: string;
  kind: JobKind;
  /** What the job does, for people: "copy vda to /pool/x.qcow2", "snapshot before-upgrade". */
  detail?: string | null;
  /** The username who started it, or e.g. "schedule:<name>" for a scheduled run. */
  actor?: string | null;
}

export interface JobEnd {
  outcome: JobOutcome;
  error?: string | null;
}

export interface JobRecord {
  id: string;
  hostId: string;
  uuid: string;
  kind: JobKind;
  detail: string | null;
  actor: string | null;
  startedAt: number;
  endedAt: number | null;
  outcome: JobOutcome | null;
  error: string | null;
}

const MAX_TEXT = 2000;
const clip = (s: string | null | undefined) => (s === undefined || s === null ? null : s.slice(0, MAX_TEXT));

/** Records that a job started; answers its id, for recordJobEnd. */
export async function recordJobStart(db: Db, job: JobStart, clock: Clock = systemClock): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('job_history')
    .values({
      id,
      host_id: job.hostId,
      domain_uuid: job.uuid,
      kind: job.kind,
      detail: clip(job.detail),
      actor: clip(job.actor)?.slice(0, 128) ?? null,
      started_at: clock(),
      ended_at: null,
      outcome: null,
      error: null,
    })
    .execute();
  timelineChanges.emit(job.hostId, job.uuid);
  return id;
}

/** Records how a job ended. The first end wins: a second call for the same job changes nothing. */
export async function recordJobEnd(db: Db, id: string, end: JobEnd, clock: Clock = systemClock): Promise<void> {
  const row = await db
    .updateTable('job_history')
    .set({ ended_at: clock(), outcome: end.outcome, error: clip(end.error) })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .returning(['host_id', 'domain_uuid'])
    .executeTakeFirst();
  if (row) timelineChanges.emit(row.host_id, row.domain_uuid);
}

/**
 * Runs `work` as a recorded job: started now, ended with its outcome (an error is `failed`, or
 * `cancelled` when `isCancel` says so), and the result or error passed on unchanged.
 */
export async function recordedJob<T>(
  db: Db,
  job: JobStart,
  work: () => Promise<T>,
  isCancel: (err: unknown) => boolean = () => false,
): Promise<T> {
  const id = await recordJobStart(db, job);
  try {
    const result = await work();
    await recordJobEnd(db, id, { outcome: 'ok' });
    return result;
  } catch (err) {
    await recordJobEnd(db, id, {
      outcome: isCancel(err) ? 'cancelled' : 'failed',
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

/** Records a job that never ran (a scheduled run whose due time passed while no BFF ran), at its due time. */
export async function recordMissedJob(db: Db, job: JobStart, dueAt: number): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('job_history')
    .values({ id, host_id: job.hostId, domain_uuid: job.uuid, kind: job.kind, detail: clip(job.detail), actor: clip(job.actor)?.slice(0, 128) ?? null, started_at: dueAt, ended_at: null, outcome: 'missed', error: null })
    .execute();
  timelineChanges.emit(job.hostId, job.uuid);
  return id;
}

export async function getJob(db: Db, id: string): Promise<JobRecord | null> {
  const row = await db.selectFrom('job_history').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJobRecord(row) : null;
}

export function toJobRecord(row: {
  id: string;
  host_id: string;
  domain_uuid: string;
  kind: string;
  detail: string | null;
  actor: string | null;
  started_at: number;
  ended_at: number | null;
  outcome: JobOutcome | null;
  error: string | null;
}): JobRecord {
  return {
    id: row.id,
    hostId: row.host_id,
    uuid: row.domain_uuid,
    kind: row.kind as JobKind,
    detail: row.detail,
    actor: row.actor,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    error: row.error,
  };
}
