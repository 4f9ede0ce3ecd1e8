import type { Libvirt } from '@virtdeck/libvirt-client';
import { z } from 'zod';
import { hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router, viewerProcedure } from '../../trpc.js';
import { createDomain } from './create.js';
import { deleteDomain } from './delete.js';
import { deletePlan } from './delete-plan.js';
import { domainDetails } from './details.js';
import { domainCloneRouter } from './clone-router.js';
import { domainDiskRouter } from './disk-router.js';
import { domainEditRouter } from './edit.js';
import { domainNicRouter } from './nic-router.js';
import { listAllDomains } from './list-all.js';
import { createDomainSchema, deleteDomainSchema, domainInput } from '@virtdeck/contract/domain';
import { sampleRates } from './stats.js';

/** One audited procedure per lifecycle action, so the audit log names the action. */
function lifecycle(action: string, run: (lv: Libvirt, uuid: string) => Promise<unknown>) {
  return hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action } })
    .input(domainInput)
    .mutation(async ({ ctx, input }) => {
      await run(ctx.lv, input.uuid);
      return ctx.lv.domains.get(input.uuid);
    });
}

export const domainRouter = router({
  /** Every domain of a host with its state, vCPUs and memory. */
  list: hostReadProcedure.query(({ ctx }) => ctx.domainLists.listByName(ctx.hostId, ctx.lv)),

  /**
   * Every host this user may see with its state and domains, in one answer from the live list
   * cache: the VM list's first paint needs no request before it (see list-all.ts).
   */
  listAll: viewerProcedure.query(({ ctx }) => listAllDomains(ctx, ctx.auth.user)),

  /** One domain from its live XML: disks with their backing chains, NICs, graphics, consoles. */
  get: hostReadProcedure.input(domainInput).query(({ ctx, input }) => domainDetails(ctx.lv, input.uuid)),

  /** The domain's XML as libvirt reports it (live, or the persistent definition). */
  xml: hostReadProcedure
    .input(domainInput.extend({ inactive: z.boolean().default(false) }))
    .query(({ ctx, input }) => ctx.lv.domains.getXml(input.uuid, { inactive: input.inactive })),

  start: lifecycle('start', (lv, uuid) => lv.domains.start(uuid)),
  shutdown: lifecycle('shutdown', (lv, uuid) => lv.domains.shutdown(uuid)),
  reboot: lifecycle('reboot', (lv, uuid) => lv.domains.reboot(uuid)),
  forceOff: lifecycle('force-off', (lv, uuid) => lv.domains.destroy(uuid)),
  pause: lifecycle('pause', (lv, uuid) => lv.domains.suspend(uuid)),
  resume: lifecycle('resume', (lv, uuid) => lv.domains.resume(uuid)),
  reset: lifecycle('reset', (lv, uuid) => lv.domains.reset(uuid)),

  setAutostart: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'set-autostart' } })
    .input(domainInput.extend({ autostart: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.domains.setAutostart(input.uuid, input.autostart);
      return { autostart: await ctx.lv.domains.getAutostart(input.uuid) };
    }),

  /** Editing a domain that exists: CPU and memory, boot, title and description, raw XML. */
  edit: domainEditRouter,

  /** Disks and CD-ROM drives: attach, detach, grow, modes and flags, media. */
  disks: domainDiskRouter,

  /** Network interfaces: attach, detach, source, model and MAC, link up or down. */
  nics: domainNicRouter,

  /** Cloning a shut-off VM into a pool, full or linked, with its progress. */
  clone: domainCloneRouter,

  create: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'create' } })
    .input(createDomainSchema)
    .mutation(({ ctx, input }) => createDomain(ctx.lv, input)),

  /**
   * The volumes of the domain's own disks a delete may take, each with what else uses it (a
   * layer something else reads is kept): what the delete dialog offers, and why it keeps the rest.
   */
  deletePlan: hostReadProcedure.input(domainInput).query(async ({ ctx, input }) => {
    const { name, layers } = await deletePlan(ctx.lv, input.uuid);
    return { name, layers };
  }),

  /**
   * Deletes a domain (forced off first if running) and the chosen volumes of its own disks;
   * PRECONDITION_FAILED with `data.dependants`, and nothing deleted, while another VM or an
   * overlay outside it still uses one of them.
   */
  delete: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'delete' } })
    .input(deleteDomainSchema)
    .mutation(({ ctx, input }) => deleteDomain(ctx.lv, input.uuid, input.deleteVolumes)),

  /** CPU, memory, disk and network rates of running domains, sampled only while watched. */
  stats: hostReadProcedure
    .input(z.object({ uuids: z.array(z.uuid()).max(1000).optional(), intervalMs: z.number().int().min(1000).max(60_000).default(2000) }))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* sampleRates(ctx.lv, input.intervalMs, signal, input.uuids);
    }),
});
