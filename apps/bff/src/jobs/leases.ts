// Leases for continuous jobs that must run on exactly one replica at a time (a host's live-event
// feed, a watcher): the holder renews its leases every `renewMs`; one not renewed for `ttlMs`
// (its replica died, or lost the database) is taken by the next replica that wants it. Times
// come from the database's clock, so replicas with skewed clocks agree. With SQLite there is one
// process, which holds every lease it wants.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { replicaId } from './replica-id.js';

export interface LeaseOptions {
  /** Who holds; this process by default (tests run two replicas in one process). */
  holder?: string;
  ttlMs?: number;
  renewMs?: number;
}

type Listener = (name: string) => void;

export class Leases {
  readonly holder: string;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly held = new Set<string>();
  private readonly wanted = new Set<string>();
  private readonly acquired = new Set<Listener>();
  private readonly lost = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    opts: LeaseOptions = {},
  ) {
    this.holder = opts.holder ?? replicaId;
    this.ttlMs = opts.ttlMs ?? 5_000;
    this.renewMs = opts.renewMs ?? Math.max(50, Math.floor(this.ttlMs / 4));
  }

  /** Starts renewing and taking leases; the first round has run when this resolves. */
  async start(): Promise<void> {
    await this.tick();
    this.schedule();
  }

  /** Wants `name` from now on: it is taken at once if free, or when its holder lets it lapse. */
  want(name: string): void {
    if (this.wanted.has(name)) return;
    this.wanted.add(name);
    this.poke();
  }

  /** Gives `name` up (released at the next round; others may take it then). */
  unwant(name: string): void {
    if (!this.wanted.delete(name)) return;
    this.poke();
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  onAcquired(listener: Listener): () => void {
    this.acquired.add(listener);
    return () => this.acquired.delete(listener);
  }

  onLost(listener: Listener): () => void {
    this.lost.add(listener);
    return () => this.lost.delete(listener);
  }

  /** Who holds `name` now (an unexpired lease), if anyone. */
  async holderOf(name: string): Promise<string | undefined> {
    if (dialectOf(this.db) === 'sqlite') return this.held.has(name) ? this.holder : undefined;
    const r = await sql<{ holder: string }>`select holder from leases where name = ${name} and expires_at > ${nowMs}`.execute(this.db);
    return r.rows[0]?.holder;
  }

  /** Stops renewing and releases every lease held, so others take them without waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => {});
    const names = [...this.held];
    this.held.clear();
    if (names.length > 0 && dialectOf(this.db) === 'postgres') {
      await this.db.deleteFrom('leases').where('holder', '=', this.holder).where('name', 'in', names).execute().catch(() => {});
    }
  }

  /** One round: renew and take what is wanted, release what is not. */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async round(): Promise<void> {
    const wanted = [...this.wanted];
    let now: Set<string>;
    if (dialectOf(this.db) === 'sqlite') {
      now = new Set(wanted);
    } else {
      try {
        now = await this.renewAndTake(wanted);
      } catch {
        // The database is away: a lease cannot be renewed, so it is not held (another replica
        // may take it once its own renewals see it expired).
        now = new Set();
      }
    }
    if (this.stopped) return;
    for (const name of [...this.held]) {
      if (now.has(name)) continue;
      this.held.delete(name);
      for (const l of this.lost) l(name);
    }
    for (const name of now) {
      if (this.held.has(name)) continue;
      this.held.add(name);
      for (const l of this.acquired) l(name);
    }
  }

  private async renewAndTake(wanted: string[]): Promise<Set<string>> {
    const ttl = this.ttlMs;
    return this.db.transaction().execute(async (tx) => {
      await sql`delete from leases where holder = ${this.holder} and not (name = any(${wanted}::text[]))`.execute(tx);
      if (wanted.length === 0) return new Set<string>();
      const r = await sql<{ name: string }>`
        insert into leases (name, holder, expires_at)
        select n, ${this.holder}, ${nowMs} + ${ttl} from unnest(${wanted}::text[]) as n
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where leases.holder = excluded.holder or leases.expires_at <= ${nowMs}
        returning name`.execute(tx);
      return new Set(r.rows.map((row) => row.name));
    });
  }

  private poke(): void {
    if (this.stopped || this.timer === undefined) return;
    void this.tick();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.renewMs);
    this.timer.unref();
  }
}

/** The database's clock in epoch milliseconds. */
const nowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;
