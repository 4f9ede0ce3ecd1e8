// The BFF's API. The web app imports only the type.
import { domainRouter } from './routers/domain.js';
import { hostRouter } from './routers/host.js';
import { router } from './trpc.js';

export const appRouter = router({
  host: hostRouter,
  domain: domainRouter,
});

export type AppRouter = typeof appRouter;
