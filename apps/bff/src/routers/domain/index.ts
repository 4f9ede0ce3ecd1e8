import { tracked } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { z } from 'zod';
import { can } from '../auth/roles.js';
import { hostIdSchema, hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { follow } from '../live/event-log.js';
import { router, viewerProcedure } from '../trpc.js';

const domainInput = z.object({ uuid: z.uuid() });

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
  list: hostReadProcedure.query(async ({ ctx }) => {
    const domains = await ctx.lv.domains.list();
    return domains.sort((a, b) => a.name.localeCompare(b.name));
  }),

  /** One domain: summary, state with its reason, autostart. */
  get: hostReadProcedure.input(domainInput).query(async ({ ctx, input }) => {
    const [summary, state, autostart] = await Promise.all([
      ctx.lv.domains.get(input.uuid),
      ctx.lv.domains.getState(input.uuid),
      ctx.lv.domains.getAutostart(input.uuid),
    ]);
    return { ...summary, stateReason: state.reason, autostart };
  }),

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

  /**
   * Live domain events (lifecycle, block jobs) of the hosts this user may see, from libvirt's
   * event callbacks. Resumes from the last event id after a reconnect; a `resync` event tells
   * the client to fetch state afresh when events may have been missed.
   */
  events: viewerProcedure
    .input(z.object({ hostId: hostIdSchema.optional(), lastEventId: z.string().max(64).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const user = ctx.auth.user;
      for await (const { id, event } of follow(ctx.domainEvents, input.lastEventId, signal)) {
        const hostId = event.hostId;
        const wanted = hostId === null || ((!input.hostId || hostId === input.hostId) && can(user, 'read', hostId));
        if (wanted) yield tracked(id, event);
      }
    }),
});
