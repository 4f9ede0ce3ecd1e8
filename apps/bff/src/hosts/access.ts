// Host-scoped procedures: the input names a host by id, the user must be allowed on it for the
// action, and the handler gets that host's connected libvirt client.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { can, type Action } from '../auth/roles.js';
import { adminProcedure, operatorProcedure, viewerProcedure } from '../trpc.js';

export const hostIdSchema = z.string().min(1).max(128);

function scoped<P extends typeof viewerProcedure>(base: P, action: Action) {
  return base.input(z.object({ hostId: hostIdSchema })).use(async ({ ctx, input, next }) => {
    if (!ctx.auth || !can(ctx.auth.user, action, input.hostId)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `you may not ${action} on this host` });
    }
    const lv = await ctx.hosts.client(input.hostId);
    return next({ ctx: { lv, hostId: input.hostId } });
  });
}

/** Reads on one host (viewers and up, limited to their hosts). */
export const hostReadProcedure = scoped(viewerProcedure, 'read');
/** Changes on one host (operators and up, limited to their hosts). */
export const hostOperateProcedure = scoped(operatorProcedure, 'operate');
/** Host settings and anything that names a host path (defining or deleting a pool): admins only. */
export const hostAdminProcedure = scoped(adminProcedure, 'admin');
