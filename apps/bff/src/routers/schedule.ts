// Backup schedules of a host and the VM tags they can select by. Viewers of the host read them;
// operators in the host's scope change them, each change audited by the router's middleware (the
// schedule by name; a VM's tags under the VM, so the change shows in its timeline). Times are UTC.
import { TRPCError } from '@trpc/server';
import { domainInput } from '@virtdeck/contract/domain';
import { scheduleIdInput, scheduleSpecSchema, vmTagsInput } from '@virtdeck/contract/schedule';
import { z } from 'zod';
import { can } from '../auth/roles.js';
import { hostIdSchema, hostOperateProcedure } from '../hosts/access.js';
import { createSchedule, deleteSchedule, getScheduleRow, listHostTags, listSchedules, schedulesForVm, ScheduleExistsError, ScheduleNotFoundError, setVmTags, getVmTags, updateSchedule } from '../schedules/store.js';
import { router, viewerProcedure } from '../trpc.js';
import { fieldError } from './field-error.js';

const readableHost = viewerProcedure.input(z.object({ hostId: hostIdSchema })).use(({ ctx, input, next }) => {
  if (!can(ctx.auth.user, 'read', input.hostId)) throw new TRPCError({ code: 'FORBIDDEN', message: 'you may not read on this host' });
  return next();
});

/** The store's refusals as tRPC errors: an unknown schedule, a name taken. */
function mapped(err: unknown): unknown {
  if (err instanceof ScheduleNotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: err.message, cause: err });
  if (err instanceof ScheduleExistsError) return fieldError('name', err.message);
  return err;
}

const rethrowMapped = (err: unknown): never => {
  throw mapped(err);
};

const audit = (action: string) => ({ audit: { objectType: 'backup-schedule', action } });

export const scheduleRouter = router({
  /** The host's schedules, each with its next due time and recent runs (missed ones included). */
  list: readableHost.query(({ ctx, input }) => listSchedules(ctx.db, input.hostId)),

  /** The schedules that back up this VM (by name or by a tag it carries), and its tags. */
  forVm: readableHost.input(domainInput).query(async ({ ctx, input }) => ({
    schedules: await schedulesForVm(ctx.db, input.hostId, input.uuid),
    tags: await getVmTags(ctx.db, input.hostId, input.uuid),
    hostTags: await listHostTags(ctx.db, input.hostId),
  })),

  create: hostOperateProcedure
    .meta(audit('create'))
    .input(z.object({ spec: scheduleSpecSchema }))
    .mutation(({ ctx, input }) => {
      ctx.audit.objectName = input.spec.name;
      return createSchedule(ctx.db, input.hostId, input.spec, ctx.auth.user.username).catch(rethrowMapped);
    }),

  update: hostOperateProcedure
    .meta(audit('update'))
    .input(scheduleIdInput.extend({ spec: scheduleSpecSchema }))
    .mutation(async ({ ctx, input }) => {
      const old = await getScheduleRow(ctx.db, input.hostId, input.id).catch(rethrowMapped);
      ctx.audit.objectName = old.name;
      return updateSchedule(ctx.db, input.hostId, input.id, input.spec).catch(rethrowMapped);
    }),

  delete: hostOperateProcedure
    .meta(audit('delete'))
    .input(scheduleIdInput)
    .mutation(async ({ ctx, input }) => {
      const old = await getScheduleRow(ctx.db, input.hostId, input.id).catch(rethrowMapped);
      ctx.audit.objectName = old.name;
      await deleteSchedule(ctx.db, input.hostId, input.id).catch(rethrowMapped);
      return { deleted: true as const };
    }),

  /** Replaces the VM's tags (kept by Virtdeck: libvirt has none). */
  setTags: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'set-tags' } })
    .input(vmTagsInput)
    .mutation(async ({ ctx, input }) => ({ tags: await setVmTags(ctx.db, input.hostId, input.uuid, input.tags) })),
});
