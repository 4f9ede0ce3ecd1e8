// Virtual networks: list (active, persistent, autostart, bridge and forward mode from the XML),
// details (the parsed XML), start, stop, autostart, DHCP leases; static DHCP hosts changed live
// (operators); define, edit and delete (admins: a bridge or forward device names host resources),
// delete refused while running guests use the network.
import { isNoNetwork, type Libvirt, type NetworkSummary } from '@virtdeck/libvirt-client';
import { parseNetworkXml } from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { hostAdminProcedure, hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';
import { networkDefineInput, networkDhcpHostInput, networkEditInput, networkInput } from '@virtdeck/contract/network';
import { fieldError } from './field-error.js';
import { refuseWhileInUse, runningGuestsOn } from './network/dependants.js';
import { updateDhcpHost } from './network/dhcp-hosts.js';
import { networkXmlOf } from './network/spec.js';

export { networkInput };

async function networkRow(lv: Libvirt, summary: NetworkSummary) {
  const model = parseNetworkXml(await lv.networks.getXml(summary.name));
  return { ...summary, bridge: model.bridge ?? null, forwardMode: model.forwardMode, forwardDev: model.forwardDev ?? null };
}
export type NetworkRow = Awaited<ReturnType<typeof networkRow>>;

/** A network's row as the list shows it (also what a network event carries: live/object-rows.ts). */
export const getNetwork = async (lv: Libvirt, name: string) => networkRow(lv, await lv.networks.get(name));

function networkAction(action: string, run: (lv: Libvirt, name: string) => Promise<unknown>) {
  return hostOperateProcedure
    .meta({ audit: { objectType: 'network', action } })
    .input(networkInput)
    .mutation(async ({ ctx, input }) => {
      await run(ctx.lv, input.name);
      return getNetwork(ctx.lv, input.name);
    });
}

export const networkRouter = router({
  /** Every network of the host: active, persistent, autostart, bridge, forward mode. */
  list: hostReadProcedure.query(async ({ ctx }) => {
    const nets = await ctx.lv.networks.list();
    const rows = await Promise.all(nets.map((n) => networkRow(ctx.lv, n)));
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }),

  /** One network: its flags and the parsed XML (forward mode, bridge, addresses, DHCP ranges and hosts); `inactive`: the definition. */
  get: hostReadProcedure.input(networkInput.extend({ inactive: z.boolean().default(false) })).query(async ({ ctx, input }) => {
    const [summary, xml] = await Promise.all([ctx.lv.networks.get(input.name), ctx.lv.networks.getXml(input.name, { inactive: input.inactive })]);
    return { ...summary, details: parseNetworkXml(xml) };
  }),

  xml: hostReadProcedure
    .input(networkInput.extend({ inactive: z.boolean().default(false) }))
    .query(({ ctx, input }) => ctx.lv.networks.getXml(input.name, { inactive: input.inactive })),

  start: networkAction('start', (lv, name) => lv.networks.start(name)),
  /** Stops the network (virNetworkDestroy); guests on it lose connectivity. */
  stop: networkAction('stop', (lv, name) => lv.networks.destroy(name)),

  /** dnsmasq's leases: address, MAC, host name, expiry (seconds since the epoch). */
  leases: hostReadProcedure.input(networkInput).query(async ({ ctx, input }) => {
    const leases = await ctx.lv.networks.dhcpLeases(input.name);
    return leases.sort((a, b) => a.ipAddress.localeCompare(b.ipAddress, 'en', { numeric: true }));
  }),

  /** Running guests attached to the network (what deleting it would cut off). */
  guests: hostReadProcedure.input(networkInput).query(({ ctx, input }) => runningGuestsOn(ctx.lv, input.name)),

  /** Adds, changes or removes a static DHCP host, live and in the definition. */
  dhcpHost: hostOperateProcedure
    .meta({ audit: { objectType: 'network', action: 'dhcp-host' } })
    .input(networkDhcpHostInput)
    .mutation(async ({ ctx, input }) => {
      await updateDhcpHost(ctx.lv, input);
      return ctx.lv.networks.get(input.name).then(async (s) => ({ ...s, details: parseNetworkXml(await ctx.lv.networks.getXml(input.name)) }));
    }),

  /** Defines a new network, then starts and autostarts it when asked; a start that fails leaves nothing behind. */
  define: hostAdminProcedure
    .meta({ audit: { objectType: 'network', action: 'define' } })
    .input(networkDefineInput)
    .mutation(async ({ ctx, input }) => {
      const xml = networkXmlOf(input);
      // Defining a name that exists would redefine that network: refuse instead.
      const taken = await ctx.lv.networks.lookup(input.name).then(
        () => true,
        (e: unknown) => (isNoNetwork(e) ? false : Promise.reject(e)),
      );
      if (taken) throw fieldError('name', `a network named ${input.name} already exists`);
      await ctx.lv.networks.define(xml);
      try {
        if (input.start) await ctx.lv.networks.start(input.name);
        if (input.autostart) await ctx.lv.networks.setAutostart(input.name, true);
      } catch (e) {
        await ctx.lv.networks.destroy(input.name).catch(() => {});
        await ctx.lv.networks.undefine(input.name).catch(() => {});
        throw e;
      }
      return getNetwork(ctx.lv, input.name);
    }),

  /**
   * Replaces the definition (same name, UUID, bridge MAC and DNS domain). A running network keeps its current setup until
   * it is restarted (`restartNeeded`); static DHCP hosts change live with `dhcpHost`.
   */
  edit: hostAdminProcedure
    .meta({ audit: { objectType: 'network', action: 'edit' } })
    .input(networkEditInput)
    .mutation(async ({ ctx, input }) => {
      const summary = await ctx.lv.networks.get(input.name);
      if (!summary.persistent) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `network ${input.name} is transient: it has no definition to edit` });
      const old = parseNetworkXml(await ctx.lv.networks.getXml(input.name, { inactive: true }));
      await ctx.lv.networks.define(networkXmlOf(input, { uuid: summary.uuid, mac: old.mac, domain: old.domain }));
      return { ...(await getNetwork(ctx.lv, input.name)), restartNeeded: summary.active };
    }),

  /** Stops and undefines the network; PRECONDITION_FAILED with `data.dependants.guests` while running guests use it. */
  delete: hostAdminProcedure
    .meta({ audit: { objectType: 'network', action: 'delete' } })
    .input(networkInput)
    .mutation(async ({ ctx, input }) => {
      const summary = await ctx.lv.networks.get(input.name);
      await refuseWhileInUse(ctx.lv, input.name, 'delete');
      if (summary.active) await ctx.lv.networks.destroy(input.name);
      if (summary.persistent) await ctx.lv.networks.undefine(input.name);
      return { name: input.name, deleted: true };
    }),

  setAutostart: hostOperateProcedure
    .meta({ audit: { objectType: 'network', action: 'set-autostart' } })
    .input(networkInput.extend({ autostart: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.networks.setAutostart(input.name, input.autostart);
      return getNetwork(ctx.lv, input.name);
    }),
});
