// Live events with ids that mean the same on every replica, so a browser that reconnects to
// another replica resumes where it was instead of fetching everything again.
//
// Every replica connects to every host and hears libvirt's events, but only the replica holding
// a host's lease (`live:<hostId>`) writes that host's events into `live_events`, the replay window
// the replicas share. Rows are inserted under one advisory lock, so ids commit in increasing order
// and a reader that has seen id N never misses a later-committed row below N. Each insert NOTIFYs
// every replica (trigger of migration 0010), which reads the new rows into its own EventLog under
// `<epoch>-<row id>`: the same id for the same event everywhere. A replica starts with the window's
// newest rows, so it can replay for a browser that was on another one. The lease's new holder
// logs a `resync` for the host: events of the moment between holders may be missing.
import { sql } from 'kysely';
import type { LiveEvent } from '@virtdeck/contract/live';
import type { Db } from '../db/database.js';
import type { Leases } from '../jobs/leases.js';
import { EventLog } from '../live/event-log.js';
import type { Resync } from '../live/event-log.js';
import type { Notifier } from './notifier.js';

/** Rows kept in the shared window; each replica keeps as many in memory. */
export const WINDOW = 2048;
// Any constant: the key of the advisory lock that orders inserts.
const INSERT_LOCK = 0x7664_6c76;

export const liveLease = (hostId: string) => `live:${hostId}`;

type Entry = LiveEvent | Resync;

export class SharedLiveEvents {
  private queue: Entry[] = [];
  /** Hosts whose events could not be written (the database was away): a resync is owed. */
  private readonly owed = new Set<string>();
  private flushing: Promise<void> | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private head: number;
  private inserted = 0;
  private readonly offs: (() => void)[] = [];

  private constructor(
    private readonly db: Db,
    private readonly leases: Leases,
    readonly log: EventLog<LiveEvent>,
    head: number,
  ) {
    this.head = head;
  }

  /** Loads the shared window's newest rows and follows what every replica adds to it. */
  static async start(db: Db, notifier: Notifier, leases: Leases): Promise<SharedLiveEvents> {
    const epoch = await db.selectFrom('cluster_facts').select('value').where('key', '=', 'live-epoch').executeTakeFirstOrThrow();
    const newest = await db.selectFrom('live_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const max = Number(newest?.id ?? 0);
    const from = Math.max(0, max - WINDOW);
    const shared = new SharedLiveEvents(db, leases, new EventLog<LiveEvent>(WINDOW, epoch.value), from);
    await shared.readNew();
    shared.offs.push(
      notifier.subscribe('live', () => shared.read()),
      notifier.onResume(() => {
        shared.read();
        shared.flushOwed();
      }),
      // A host's new feeder says events of the handover may be missing.
      leases.onAcquired((name) => {
        if (name.startsWith('live:')) shared.publish({ kind: 'resync', reason: 'reconnected', hostId: name.slice('live:'.length) });
      }),
    );
    return shared;
  }

  /** Offers an event this replica heard; it is written only when this replica feeds its host. */
  publish(event: Entry): void {
    if (event.hostId === null || !this.leases.holds(liveLease(event.hostId))) return;
    this.queue.push(event);
    this.flushing ??= this.flush().finally(() => (this.flushing = null));
  }

  /** Writes the resyncs owed for events lost while the database was away. */
  private flushOwed(): void {
    const hosts = [...this.owed];
    this.owed.clear();
    for (const hostId of hosts) this.publish({ kind: 'resync', reason: 'reconnected', hostId });
  }

  /** Resolves once everything published so far is written and read back here. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.read();
    while (this.reading) await this.reading;
  }

  close(): void {
    for (const off of this.offs) off();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      const at = Date.now();
      try {
        await this.db.transaction().execute(async (tx) => {
          await sql`select pg_advisory_xact_lock(${INSERT_LOCK})`.execute(tx);
          await tx
            .insertInto('live_events')
            .values(batch.map((e) => ({ host_id: e.hostId, at, event: JSON.stringify(e) })))
            .execute();
        });
      } catch (err) {
        // The database is away: these events are lost to every replica. Their hosts' browsers
        // get a resync once it is back (written then, by whichever replica feeds each host).
        for (const e of batch) if (e.hostId !== null) this.owed.add(e.hostId);
        console.warn(`[bff] live events not shared (${batch.length}): ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      this.inserted += batch.length;
      if (this.inserted >= WINDOW) {
        this.inserted = 0;
        await this.prune().catch(() => {});
      }
    }
  }

  /** Keeps the window's newest WINDOW rows (of every replica's writes). */
  private async prune(): Promise<void> {
    await sql`delete from live_events where id <= (select max(id) from live_events) - ${WINDOW * 2}`.execute(this.db);
  }

  private read(): void {
    if (this.reading) return void (this.readAgain = true);
    this.reading = this.readNew()
      .catch(() => {})
      .finally(() => {
        this.reading = null;
        if (!this.readAgain) return;
        this.readAgain = false;
        this.read();
      });
  }

  /** Reads rows after the newest seen into the log, in id order. */
  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await this.db.selectFrom('live_events').select(['id', 'event']).where('id', '>', this.head).orderBy('id').limit(500).execute();
      for (const r of rows) {
        this.head = Number(r.id);
        this.log.record(this.head, JSON.parse(r.event) as Entry);
      }
      if (rows.length < 500) return;
    }
  }
}

