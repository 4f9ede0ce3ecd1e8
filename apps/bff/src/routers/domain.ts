import { publicProcedure, router } from '../trpc.js';

export const domainRouter = router({
  /** Every domain of the default host with its state, vCPUs and memory. */
  list: publicProcedure.query(async ({ ctx }) => {
    const lv = await ctx.hosts.get();
    const domains = await lv.listDomains();
    return domains.sort((a, b) => a.name.localeCompare(b.name));
  }),
});
