// The BFF's API, one router per object. The web app imports only the type.
import { apiTokenRouter } from './routers/api-token.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { backupRouter } from './routers/backup.js';
import { blockJobRouter } from './routers/blockjob.js';
import { consoleRouter } from './routers/console.js';
import { domainRouter } from './routers/domain/index.js';
import { guestRouter } from './routers/guest/index.js';
import { hostRouter } from './routers/host.js';
import { liveRouter } from './routers/live.js';
import { metricsRouter } from './routers/metrics.js';
import { migrationRouter } from './routers/migration.js';
import { networkRouter } from './routers/network.js';
import { snapshotRouter } from './routers/snapshot.js';
import { scheduleRouter } from './routers/schedule.js';
import { storageRouter } from './routers/storage.js';
import { timelineRouter } from './routers/timeline.js';
import { userRouter } from './routers/user.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  host: hostRouter,
  domain: domainRouter,
  guest: guestRouter,
  live: liveRouter,
  user: userRouter,
  audit: auditRouter,
  console: consoleRouter,
  blockJob: blockJobRouter,
  storage: storageRouter,
  snapshot: snapshotRouter,
  backup: backupRouter,
  network: networkRouter,
  metrics: metricsRouter,
  apiToken: apiTokenRouter,
  migration: migrationRouter,
  timeline: timelineRouter,
  schedule: scheduleRouter,
});

export type AppRouter = typeof appRouter;
