// Each VM's lifecycle changes (started, paused, shut down, ...) as libvirt reported them, kept in
// the database for the VM's timeline. Bounded: the newest LIFECYCLE_KEEP_PER_VM rows per VM are
// kept, older ones are dropped as new ones arrive.
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { timelineChanges } from './timeline-changes.js';

export const LIFECYCLE_KEEP_PER_VM = 500;

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
