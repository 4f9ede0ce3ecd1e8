// Tells a watcher of a VM's timeline when it changed, so the page fetches it again: at once for
// what this process writes (jobs, lifecycle rows, audit rows) and for libvirt's events about the
// VM, and by a slow re-check for what other replicas write. Each wake compares a small signature
// of the VM's rows, so a watcher hears of each change once.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { EventLog } from '../live/event-log.js';
import type { LiveEvent } from '../live/live-events.js';
import { timelineChanges } from './timeline-changes.js';

export const RECHECK_MS = 5000;

interface Follow {
  db: Db;
  events: EventLog<LiveEvent>;
  hostId: string;
  uuid: string;
  signal: AbortSignal | undefined;
  recheckMs?: number;
}

/**
 * Yields once when it starts watching (fetch now: nothing after this is missed), then once for
 * each change of the VM's timeline, until `signal` aborts.
 */
export async function* followTimeline({ db, events, hostId, uuid, signal, recheckMs = RECHECK_MS }: Follow): AsyncGenerator<{ changedAt: number }> {
  let woken = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    woken = true;
    wake?.();
  };
  const offLocal = timelineChanges.listen((h, u) => h === hostId && u === uuid && poke());
  const offLive = events.listen(({ event }) => {
    if ((event.kind === 'lifecycle' || event.kind === 'block-job') && event.hostId === hostId && event.domain.uuid === uuid) poke();
  });
  signal?.addEventListener('abort', poke);
  try {
    let last = await signature(db, hostId, uuid);
    yield { changedAt: Date.now() };
    while (!signal?.aborted) {
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, recheckMs);
          wake = () => (clearTimeout(timer), resolve());
        });
      }
      wake = null;
      woken = false;
      if (signal?.aborted) return;
      const now = await signature(db, hostId, uuid);
      if (now !== last) {
        last = now;
        yield { changedAt: Date.now() };
      }
    }
  } finally {
    offLocal();
    offLive();
    signal?.removeEventListener('abort', poke);
  }
}

/** Changes whenever a row of the VM's timeline is added, ended or removed. */
async function signature(db: Db, hostId: string, uuid: string): Promise<string> {
  const [life, jobs, audit] = await Promise.all([
    db.selectFrom('domain_lifecycle').select([sql<number>`max(id)`.as('m'), sql<number>`count(*)`.as('n')]).where('host_id', '=', hostId).where('domain_uuid', '=', uuid).executeTakeFirst(),
    db
      .selectFrom('job_history')
      .select([sql<number>`count(*)`.as('n'), sql<number>`count(ended_at)`.as('e'), sql<number>`max(coalesce(ended_at, started_at))`.as('m')])
      .where('host_id', '=', hostId)
      .where('domain_uuid', '=', uuid)
      .executeTakeFirst(),
    db
      .selectFrom('audit_log')
      .select(sql<number>`max(id)`.as('m'))
      .where('host_id', '=', hostId)
      .where((eb) => eb.or([eb('object_name', '=', uuid), eb('object_name', 'like', `${uuid}/%`)]))
      .executeTakeFirst(),
  ]);
  return JSON.stringify([life, jobs, audit]);
}
