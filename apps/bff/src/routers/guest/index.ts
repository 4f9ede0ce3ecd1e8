// The guest inside a domain: NIC addresses with their sources, the guest agent's information, and
// shutdown and reboot through the agent. Viewers read; operators act (audited).
import { guestInput } from '@virtdeck/contract/guest';
import { hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { domainAddresses } from './addresses.js';
import { hostAddresses } from './host-addresses.js';
import { guestInfo } from './info.js';

function throughAgent(action: 'agent-shutdown' | 'agent-reboot') {
  return hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action } })
    .input(guestInput)
    .mutation(async ({ ctx, input }) => {
      // A refusal (no agent) is an error here: the user asked for this action and must see it failed.
      if (action === 'agent-shutdown') await ctx.lv.domains.shutdown(input.uuid, ['GUEST_AGENT']);
      else await ctx.lv.domains.reboot(input.uuid, ['GUEST_AGENT']);
      return ctx.lv.domains.get(input.uuid);
    });
}

export const guestRouter = router({
  /** Every running domain's addresses, by UUID, for the VM list (see host-addresses.ts). */
  hostAddresses: hostReadProcedure.query(async ({ ctx }) => hostAddresses(ctx.lv, await ctx.domainLists.list(ctx.hostId, ctx.lv))),

  /** One domain's addresses, asked now (the VM page). */
  addresses: hostReadProcedure.input(guestInput).query(({ ctx, input }) => domainAddresses(ctx.lv, input.uuid)),

  /** The guest agent's OS, hostname, time zone, file systems and users, or why there are none. */
  info: hostReadProcedure.input(guestInput).query(({ ctx, input }) => guestInfo(ctx.lv, input.uuid)),

  shutdown: throughAgent('agent-shutdown'),
  reboot: throughAgent('agent-reboot'),
});
