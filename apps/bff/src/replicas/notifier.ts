// Changes other replicas must see, by channel: `hosts` (the registry and pool roots), `users`,
// `sessions` (ended), `tokens`, `schedules`, `live` (new live events). On PostgreSQL the database
// itself announces them (triggers of migration 0010 call pg_notify on commit) and one dedicated
// connection per replica LISTENs; when that connection drops, the database is marked away, and
// once it is back every `onResume` listener runs, since notices sent meanwhile are lost. With
// SQLite the BFF is one process: nothing to hear from elsewhere, so channels stay quiet.
import pg from 'pg';
import type { DatabaseHealth } from './database-health.js';

export const CHANNELS = ['hosts', 'users', 'sessions', 'tokens', 'schedules', 'live'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What the triggers send: which table changed, how, and the row's id (and user, for sessions). */
export interface ChangeNotice {
  table: string;
  op: 'insert' | 'update' | 'delete';
  id: string | null;
  userId: string | null;
}

type Handler = (payload: string) => void;

export interface Notifier {
  readonly shared: boolean;
  subscribe(channel: Channel, handler: Handler): () => void;
  /** Runs after the connection to the database came back: anything may have changed meanwhile. */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Parses a trigger's payload; null for anything else (a channel's own payloads, e.g. `live`). */
export function parseNotice(payload: string): ChangeNotice | null {
  try {
    const v = JSON.parse(payload) as Partial<ChangeNotice>;
    return typeof v.table === 'string' ? { table: v.table, op: v.op ?? 'update', id: v.id ?? null, userId: v.userId ?? null } : null;
  } catch {
    return null;
  }
}

/** SQLite: one process, so no other replica to hear from. */
export class LocalNotifier implements Notifier {
  readonly shared = false;
  subscribe(): () => void {
    return () => {};
  }
  onResume(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 2_000;

export class PgNotifier implements Notifier {
  readonly shared = true;
  private client: pg.Client | null = null;
  private readonly handlers = new Map<Channel, Set<Handler>>();
  private readonly resumeListeners = new Set<() => void>();
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly connectionString: string,
    private readonly health: DatabaseHealth,
  ) {}

  /** Connects and listens on every channel; throws if the database cannot be reached now. */
  static async start(connectionString: string, health: DatabaseHealth): Promise<PgNotifier> {
    const n = new PgNotifier(connectionString, health);
    try {
      await n.connect();
    } catch (err) {
      await n.close();
      throw err;
    }
    return n;
  }

  subscribe(channel: Channel, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    // One handler for both ways a connection ends (an error, or the server closing it).
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      if (this.closed) return;
      this.health.set(false);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (msg) => {
      const channel = msg.channel.replace(/^virtdeck_/, '') as Channel;
      for (const h of this.handlers.get(channel) ?? []) h(msg.payload ?? '');
    });
    await client.connect();
    await client.query(CHANNELS.map((c) => `LISTEN virtdeck_${c}`).join('; '));
    if (this.closed) return void (await client.end().catch(() => {}));
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
  }

  private scheduleReconnect(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.closed) return;
          this.health.set(true);
          for (const l of this.resumeListeners) l();
        },
        () => {
          this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.timer.unref();
  }
}
