import { z } from 'zod';
import { revokeAllForUser } from '../auth/sessions.js';
import {
  createUser,
  createUserInputSchema,
  deleteUser,
  disableUser,
  enableUser,
  hostIdsSchema,
  listUsers,
  passwordSchema,
  roleSchema,
  setHosts,
  setPassword,
  setRole,
  type User,
} from '../auth/users.js';
import { adminProcedure, router, sessionAdminProcedure } from '../trpc.js';

const userId = z.object({ userId: z.string().min(1).max(128) });

/**
 * After any change to a user: their open websockets and consoles that no longer fit (a session
 * ended, a role or host lost) close now rather than at the next periodic check.
 */
const changesUser = sessionAdminProcedure.input(userId).use(async ({ ctx, input, next }) => {
  const result = await next();
  await ctx.sessionSockets.recheck({ userId: input.userId });
  return result;
});
const view = (u: User) => ({ id: u.id, username: u.username, role: u.role, hostIds: u.hostIds, disabled: u.disabled, createdAt: u.createdAt });

export const userRouter = router({
  list: adminProcedure.query(async ({ ctx }) => (await listUsers(ctx.db)).map(view)),

  // Users are changed by a signed-in admin only, never with an API token.
  create: sessionAdminProcedure
    .meta({ audit: { objectType: 'user', action: 'create' } })
    .input(createUserInputSchema)
    .mutation(async ({ ctx, input }) => view(await createUser(ctx.db, input))),

  setRole: changesUser
    .meta({ audit: { objectType: 'user', action: 'set-role' } })
    .input(userId.extend({ role: roleSchema }))
    .mutation(async ({ ctx, input }) => view(await setRole(ctx.db, input.userId, input.role))),

  setHosts: changesUser
    .meta({ audit: { objectType: 'user', action: 'set-hosts' } })
    .input(userId.extend({ hostIds: hostIdsSchema }))
    .mutation(async ({ ctx, input }) => view(await setHosts(ctx.db, input.userId, input.hostIds))),

  setPassword: changesUser
    .meta({ audit: { objectType: 'user', action: 'set-password' } })
    .input(userId.extend({ password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      await setPassword(ctx.db, input.userId, input.password);
      await revokeAllForUser(ctx.db, input.userId);
      return { ok: true as const };
    }),

  setDisabled: changesUser
    .meta({ audit: { objectType: 'user', action: 'set-disabled' } })
    .input(userId.extend({ disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (!input.disabled) return view(await enableUser(ctx.db, input.userId));
      const u = await disableUser(ctx.db, input.userId);
      await revokeAllForUser(ctx.db, input.userId);
      return view(u);
    }),

  delete: changesUser
    .meta({ audit: { objectType: 'user', action: 'delete' } })
    .input(userId)
    .mutation(async ({ ctx, input }) => {
      await deleteUser(ctx.db, input.userId);
      return { ok: true as const };
    }),
});
