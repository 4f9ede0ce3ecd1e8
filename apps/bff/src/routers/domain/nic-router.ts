// A VM's network interfaces: list (live and in the definition), attach, detach, change source,
// model and MAC, set the link up or down. Viewers list; operators change, on their hosts; every
// change audited with the VM and the NIC's MAC.
import { attachNicSchema, detachNicSchema, setNicLinkSchema, updateNicSchema } from '@virtdeck/contract/nic';
import { domainInput } from '@virtdeck/contract/domain';
import { hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { attachNic } from './nic-attach.js';
import { detachNic } from './nic-detach.js';
import { listNics } from './nic-list.js';
import { setNicLink, updateNic } from './nic-update.js';

const audited = (action: string) => hostOperateProcedure.meta({ audit: { objectType: 'domain', action } });

export const domainNicRouter = router({
  /** Each NIC by MAC, as the running VM and as the definition have it. */
  list: hostReadProcedure.input(domainInput).query(({ ctx, input }) => listNics(ctx.lv, input.uuid)),

  attach: audited('nic-attach')
    .input(attachNicSchema)
    .mutation(({ ctx, input }) => attachNic(ctx.lv, input)),

  detach: audited('nic-detach')
    .input(detachNicSchema)
    .mutation(({ ctx, input }) => detachNic(ctx.lv, input)),

  update: audited('nic-update')
    .input(updateNicSchema)
    .mutation(({ ctx, input }) => updateNic(ctx.lv, input)),

  setLink: audited('nic-set-link')
    .input(setNicLinkSchema)
    .mutation(({ ctx, input }) => setNicLink(ctx.lv, input)),
});
