// Running as one of several BFF replicas on one PostgreSQL, or alone on SQLite. On PostgreSQL:
// the notifier (LISTEN/NOTIFY) keeps the host registry and open sockets in step with changes made
// through any replica, leases give each host's live-event feed to one replica (taken over when it
// dies), live-event ids are shared, the database's loss is watched, and audit rows that could not
// be written meanwhile are kept and written once it is back. On SQLite the BFF is one process and
// says so at start.
import path from 'node:path';
import type { LiveEvent } from '@virtdeck/contract/live';
import { AuditOutbox } from '../audit/audit-outbox.js';
import type { SessionSockets } from '../auth/session-sockets.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { HostManager } from '../hosts/host-manager.js';
import { Leases } from '../jobs/leases.js';
import { replicaId } from '../jobs/replica-id.js';
import type { EventLog } from '../live/event-log.js';
import { DatabaseHealth } from './database-health.js';
import { LocalNotifier, PgNotifier, type Notifier } from './notifier.js';
import { followSharedState } from './shared-state.js';
import { liveLease, SharedLiveEvents } from './shared-live-events.js';

export interface Replicas {
  readonly shared: boolean;
  readonly health: DatabaseHealth;
  readonly notifier: Notifier;
  readonly leases: Leases;
  readonly auditOutbox: AuditOutbox;
  /** The live events every procedure sees: this process's own (SQLite), or the shared window. */
  liveEventsFrom(local: EventLog<LiveEvent>): EventLog<LiveEvent>;
  /** Starts following other replicas' changes to hosts, users and sessions. */
  followSharedState(sessionSockets: SessionSockets): void;
  /** Everything published so far is written and read back (tests wait on this). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** Lease timing (tests shorten it to see a takeover quickly). */
  leaseTtlMs?: number;
  /** Who this replica is (tests run two in one process); the process's replica id by default. */
  replica?: string;
}

let started = 0;

export async function startReplicas(
  config: Config,
  database: Database,
  hosts: HostManager,
  log: (line: string) => void,
  opts: ReplicaOptions = {},
): Promise<Replicas> {
  const { db } = database;
  const shared = database.kind === 'postgres' && config.VIRTDECK_DATABASE_URL !== undefined;
  const health = new DatabaseHealth();
  const notifier = shared ? await PgNotifier.start(config.VIRTDECK_DATABASE_URL!, health) : new LocalNotifier();
  // Each start its own holder: tests run two replicas in one process.
  const leases = new Leases(db, { holder: opts.replica ?? `${replicaId}#${++started}`, ttlMs: opts.leaseTtlMs });
  const auditOutbox = new AuditOutbox(db, shared ? path.join(config.VIRTDECK_DATA_DIR, `audit-outbox.jsonl`) : null, health);
  if (shared) {
    log(`[bff] PostgreSQL: replica ${leases.holder}; hosts, users, sessions and live events are shared with every BFF on this database`);
  } else {
    log('[bff] SQLite: this BFF runs as a single process; to run several replicas, give each the same VIRTDECK_DATABASE_URL (PostgreSQL)');
  }
  // Each host's live events are fed by the one replica holding its lease, among those connected to it.
  hosts.onEveryConnect((hostId) => {
    leases.want(liveLease(hostId));
    return () => leases.unwant(liveLease(hostId));
  });
  await leases.start();
  await auditOutbox.flush().catch(() => 0);
  const sharedEvents = shared ? await SharedLiveEvents.start(db, notifier, leases) : null;
  let stopFollowing = () => {};

  return {
    shared,
    health,
    notifier,
    leases,
    auditOutbox,
    liveEventsFrom(local) {
      if (!sharedEvents) return local;
      local.listen(({ event }) => sharedEvents.publish(event));
      return sharedEvents.log;
    },
    followSharedState(sessionSockets) {
      stopFollowing = followSharedState({ db, hosts, sessionSockets, notifier, log });
    },
    async settled() {
      await sharedEvents?.settled();
    },
    async close() {
      stopFollowing();
      sharedEvents?.close();
      await leases.stop();
      await notifier.close();
    },
  };
}

