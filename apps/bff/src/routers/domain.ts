import { hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';

export const domainRouter = router({
  /** Every domain of a host with its state, vCPUs and memory. */
  list: hostReadProcedure.query(async ({ ctx }) => {
    const domains = await ctx.lv.listDomains();
    return domains.sort((a, b) => a.name.localeCompare(b.name));
  }),
});
