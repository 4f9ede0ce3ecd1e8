// Writes every domain lifecycle event the BFF receives into the timeline's store. Several replicas
// each receive the same libvirt events, so per host one replica records them: the first to claim
// the current minute (claimRun), so a replica that stops is replaced within a minute.
import type { Db } from '../db/database.js';
import { systemClock, type Clock } from '../db/clock.js';
import type { EventLog } from '../live/event-log.js';
import type { LiveEvent } from '../live/live-events.js';
import { claimRun } from './claims.js';
import { pruneOldLifecycle, recordLifecycle } from './lifecycle-log.js';

const SLOT_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface LifecycleRecorderOptions {
  clock?: Clock;
  /** Names this recorder as a replica (tests run two in one process). */
  replica?: string;
}

/** Starts recording; answers the function that stops it. */
export function startLifecycleRecorder(db: Db, events: EventLog<LiveEvent>, opts: LifecycleRecorderOptions = {}): () => void {
  const clock = opts.clock ?? systemClock;
  // Per host: the slot last asked about and whether this replica owns it.
  const owned = new Map<string, { slot: string; mine: Promise<boolean> }>();
  const ownsNow = (hostId: string) => {
    const slot = String(Math.floor(clock() / SLOT_MS));
    let o = owned.get(hostId);
    if (o?.slot !== slot) {
      o = { slot, mine: claimRun(db, `lifecycle-recorder:${hostId}`, slot, { clock, replica: opts.replica }) };
      owned.set(hostId, o);
    }
    return o.mine;
  };
  // One write at a time, in arrival order, so the timeline keeps libvirt's order.
  let queue = Promise.resolve();
  let prunedAt = 0;
  return events.listen(({ event }) => {
    if (event.kind !== 'lifecycle') return;
    queue = queue
      .then(async () => {
        if (!(await ownsNow(event.hostId))) return;
        await recordLifecycle(db, { hostId: event.hostId, uuid: event.domain.uuid, name: event.domain.name, event: event.event, detail: event.detail }, { clock });
        if (clock() - prunedAt >= PRUNE_EVERY_MS) {
          prunedAt = clock();
          await pruneOldLifecycle(db, undefined, clock);
        }
      })
      .catch((err: unknown) => console.warn(`[bff] lifecycle event not recorded: ${err instanceof Error ? err.message : String(err)}`));
  });
}
