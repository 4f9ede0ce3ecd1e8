// Exactly-once runs of periodic jobs across replicas. Every replica that shares the database ticks
// on its own; before a run, each tries to insert the run's (job, slot) row and only the one whose
// insert lands runs it. Nothing to hand over when a replica dies: the next slot is claimed by
// whichever replica is alive. A run that died halfway stays claimed (its owner reports it lost).
import type { Db } from '../db/database.js';
import { systemClock, type Clock } from '../db/clock.js';
import { replicaId } from './replica-id.js';

export interface ClaimOptions {
  clock?: Clock;
  /** Who claims; this process by default (tests name two replicas in one process). */
  replica?: string;
}

/** True for exactly one caller per (job, slot) among every replica sharing `db`. */
export async function claimRun(db: Db, job: string, slot: string, opts: ClaimOptions = {}): Promise<boolean> {
  const now = (opts.clock ?? systemClock)();
  const result = await db
    .insertInto('job_claims')
    .values({ job, slot, claimed_by: opts.replica ?? replicaId, claimed_at: now })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Which replica claimed a run, if any. */
export async function claimHolder(db: Db, job: string, slot: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('job_claims')
    .select('claimed_by')
    .where('job', '=', job)
    .where('slot', '=', slot)
    .executeTakeFirst();
  return row?.claimed_by;
}

/** Forgets claims older than `maxAgeMs` (of one job, if named): a slot that old is never claimed again. */
export async function pruneClaims(db: Db, maxAgeMs: number, clock: Clock = systemClock, job?: string): Promise<number> {
  let query = db.deleteFrom('job_claims').where('claimed_at', '<', clock() - maxAgeMs);
  if (job !== undefined) query = query.where('job', '=', job);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
