// Each VM's lifecycle changes (started, paused, shut down, ...) as libvirt reported them, kept in
// the database for the VM's timeline. Bounded two ways: the newest LIFECYCLE_KEEP_PER_VM rows per
// VM are kept, older ones dropped as new ones arrive; and rows older than LIFECYCLE_MAX_AGE_MS go
// (pruneOldLifecycle, run by the recorder), which also clears the rows of VMs long deleted.
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { timelineChanges } from './timeline-changes.js';

export const LIFECYCLE_KEEP_PER_VM = 500;
export const LIFECYCLE_MAX_AGE_MS = 180 * 24 * 3_600_000;

export interface LifecycleChange {
  hostId: string;
  uuid: string;
  name: string;
  event: string | null;
  detail: string | null;
}

export async function recordLifecycle(
  db: Db,
  change: LifecycleChange,
  opts: { clock?: Clock; keep?: number } = {},
): Promise<void> {
  const keep = opts.keep ?? LIFECYCLE_KEEP_PER_VM;
  await db
    .insertInto('domain_lifecycle')
    .values({
      at: (opts.clock ?? systemClock)(),
      host_id: change.hostId,
      domain_uuid: change.uuid,
      domain_name: change.name.slice(0, 256),
      event: change.event?.slice(0, 64) ?? null,
      detail: change.detail?.slice(0, 64) ?? null,
    })
    .execute();
  // The oldest row still kept; everything older than it goes.
  const oldestKept = await db
    .selectFrom('domain_lifecycle')
    .select(['at', 'id'])
    .where('host_id', '=', change.hostId)
    .where('domain_uuid', '=', change.uuid)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestKept) {
    await db
      .deleteFrom('domain_lifecycle')
      .where('host_id', '=', change.hostId)
      .where('domain_uuid', '=', change.uuid)
      .where((eb) => eb.or([eb('at', '<', oldestKept.at), eb.and([eb('at', '=', oldestKept.at), eb('id', '<', oldestKept.id)])]))
      .execute();
  }
  timelineChanges.emit(change.hostId, change.uuid);
}

/** Drops every VM's lifecycle rows older than `maxAgeMs`; answers how many. */
export async function pruneOldLifecycle(db: Db, maxAgeMs = LIFECYCLE_MAX_AGE_MS, clock: Clock = systemClock): Promise<number> {
  const result = await db.deleteFrom('domain_lifecycle').where('at', '<', clock() - maxAgeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
