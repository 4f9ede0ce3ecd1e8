// Virtual networks: list (active, persistent, autostart, bridge and forward mode from the XML),
// details (the parsed XML), start, stop, autostart.
import type { Libvirt, NetworkSummary } from '@virtdeck/libvirt-client';
import { parseNetworkXml } from '@virtdeck/libvirt-xml';
import { z } from 'zod';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';
import { objectNameSchema } from '@virtdeck/contract/names';

/** A network named by its name (the audit log names it too). */
export const networkInput = z.object({ name: objectNameSchema });

async function networkRow(lv: Libvirt, summary: NetworkSummary) {
  const model = parseNetworkXml(await lv.networks.getXml(summary.name));
  return { ...summary, bridge: model.bridge ?? null, forwardMode: model.forwardMode, forwardDev: model.forwardDev ?? null };
}
export type NetworkRow = Awaited<ReturnType<typeof networkRow>>;

const getNetwork = async (lv: Libvirt, name: string) => networkRow(lv, await lv.networks.get(name));

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

  /** One network: its flags and the parsed XML (forward mode, bridge, addresses, DHCP ranges and hosts). */
  get: hostReadProcedure.input(networkInput).query(async ({ ctx, input }) => {
    const [summary, xml] = await Promise.all([ctx.lv.networks.get(input.name), ctx.lv.networks.getXml(input.name)]);
    return { ...summary, details: parseNetworkXml(xml) };
  }),

  xml: hostReadProcedure
    .input(networkInput.extend({ inactive: z.boolean().default(false) }))
    .query(({ ctx, input }) => ctx.lv.networks.getXml(input.name, { inactive: input.inactive })),

  start: networkAction('start', (lv, name) => lv.networks.start(name)),
  /** Stops the network (virNetworkDestroy); guests on it lose connectivity. */
  stop: networkAction('stop', (lv, name) => lv.networks.destroy(name)),

  setAutostart: hostOperateProcedure
    .meta({ audit: { objectType: 'network', action: 'set-autostart' } })
    .input(networkInput.extend({ autostart: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.networks.setAutostart(input.name, input.autostart);
      return getNetwork(ctx.lv, input.name);
    }),
});
