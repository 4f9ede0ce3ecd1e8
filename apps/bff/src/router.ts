// The BFF's API, one router per object. The web app imports only the type.
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { domainRouter } from './routers/domain.js';
import { hostRouter } from './routers/host.js';
import { userRouter } from './routers/user.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  host: hostRouter,
  domain: domainRouter,
  user: userRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
