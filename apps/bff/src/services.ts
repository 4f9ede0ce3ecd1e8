// The process-wide services: the database (migrated), the first admin, the host registry and
// its long-lived libvirt connections.
import { SessionSockets } from './auth/session-sockets.js';
import { TokenUseAudit } from './auth/token-use-audit.js';
import { ensureInitialAdmin } from './auth/users.js';
import type { Config } from './config.js';
import type { Services } from './context.js';
import { openDatabase } from './db/database.js';
import { addHost, listHosts } from './db/hosts.js';
import { HostManager } from './hosts/host-manager.js';
import { uriPolicyOf } from './hosts/uri-policy.js';
import { startLiveEvents } from './live/live-events.js';
import { DomainListCache } from './live/domain-list-cache.js';
import { startReplicas, type Replicas } from './replicas/replicas.js';
import { MetricsCollector } from './metrics/collector.js';
import { scheduleBackupsOf } from './schedules/backups-binding.js';
import { ScheduleRunner } from './schedules/runner.js';
import { startTimelineRecorders } from './jobs/timeline-recorders.js';
import path from 'node:path';

export interface RunningServices extends Services {
  replicas: Replicas;
  close(): Promise<void>;
}

export async function startServices(config: Config, log: (line: string) => void = console.log): Promise<RunningServices> {
  const database = await openDatabase(
    config.VIRTDECK_DATABASE_URL
      ? { kind: 'postgres', connectionString: config.VIRTDECK_DATABASE_URL }
      : { kind: 'sqlite', path: path.join(config.VIRTDECK_DATA_DIR, 'virtdeck.sqlite') },
  );
  const db = database.db;

  const admin = await ensureInitialAdmin(db, { VIRTDECK_ADMIN_PASSWORD: config.VIRTDECK_ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    log(`[bff] created user "admin" with password: ${admin.generatedPassword}  (shown once; change it after signing in)`);
  } else if (admin.created) {
    log('[bff] created user "admin" with the password from VIRTDECK_ADMIN_PASSWORD');
  }

  // A fresh registry starts with the host the dashboard was started for.
  if ((await listHosts(db)).length === 0) {
    await addHost(db, { name: config.VIRTDECK_LIBVIRT_NAME, uri: config.VIRTDECK_LIBVIRT_URI }).catch(() => {});
  }
  // Every connect attempt checks the host's URI against the folders it may name files in.
  const hosts = new HostManager({ uriPolicy: uriPolicyOf(config) });
  // With PostgreSQL: hosts, users, sessions and live events are shared with the other replicas.
  const replicas = await startReplicas(config, database, hosts, log);
  const liveEvents = replicas.liveEventsFrom(startLiveEvents(hosts));
  const domainLists = new DomainListCache(hosts, liveEvents);
  for (const h of await listHosts(db)) hosts.add(h);
  const sessionSockets = new SessionSockets(db);
  replicas.followSharedState(sessionSockets);
  const tokenUses = new TokenUseAudit(db);
  // Backup schedules: one timer per replica, each due time run by one of them (claimRun).
  const schedules = new ScheduleRunner(db, scheduleBackupsOf({ db, hosts }), { log });
  schedules.start();
  const metrics = config.VIRTDECK_METRICS_INTERVAL_SECONDS > 0 ? new MetricsCollector(db, hosts, { intervalMs: config.VIRTDECK_METRICS_INTERVAL_SECONDS * 1000, log }) : null;
  metrics?.start();
  // VM timelines: lifecycle changes and block-job ends, from libvirt's events.
  const stopTimelineRecorders = startTimelineRecorders(db, liveEvents);

  return {
    config,
    db,
    hosts,
    liveEvents,
    domainLists,
    sessionSockets,
    dbHealth: replicas.health,
    auditOutbox: replicas.auditOutbox,
    replicas,
    tokenUses,
    async close() {
      sessionSockets.stop();
      // Leases are released first, so another replica takes this one's jobs at once.
      await replicas.close();
      await metrics?.stop();
      stopTimelineRecorders();
      // The last windows' use counts are written before the database closes.
      await tokenUses.close().catch(() => {});
      await schedules.stop();
      await hosts.closeAll();
      await database.close();
    },
  };
}
