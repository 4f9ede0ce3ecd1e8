import { publicProcedure, router } from '../trpc.js';

export const hostRouter = router({
  /** The libvirt and hypervisor versions and the host name of the default host. */
  info: publicProcedure.query(async ({ ctx }) => {
    const lv = await ctx.hosts.get();
    const [libvirtVersion, hypervisor, hostname] = await Promise.all([
      lv.getLibVersion(),
      lv.getHypervisor(),
      lv.getHostname(),
    ]);
    return { uri: ctx.hosts.defaultUri, libvirtVersion, hypervisor, hostname };
  }),
});
