// API tokens of the signed-in user: list, create (the secret is answered once), revoke. Admins
// also see and revoke everyone's. Only a browser session manages tokens: a token cannot make
// another token, nor keep itself alive.
import { TRPCError } from '@trpc/server';
import { apiTokenIdSchema, createApiTokenInputSchema } from '@virtdeck/contract/api-token';
import { z } from 'zod';
import { ApiTokenNotFoundError, ApiTokenScopeError, createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.js';
import { listHosts } from '../db/hosts.js';
import { router, sessionProcedure } from '../trpc.js';
import { fieldError } from './field-error.js';

function mapped(e: unknown): never {
  if (e instanceof ApiTokenScopeError) throw fieldError(e.field, e.message);
  if (e instanceof ApiTokenNotFoundError) throw new TRPCError({ code: 'NOT_FOUND', message: e.message, cause: e });
  throw e;
}

export const apiTokenRouter = router({
  /** The caller's tokens; an admin may ask for everyone's (`all`). */
  list: sessionProcedure.input(z.object({ all: z.boolean().default(false) }).default({ all: false })).query(async ({ ctx, input }) => {
    if (input.all && ctx.auth.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: "only admins see everyone's tokens" });
    return listApiTokens(ctx.db, input.all ? {} : { userId: ctx.auth.user.id });
  }),

  /** Makes a token no stronger than the caller; `secret` is in this answer and nowhere else. */
  create: sessionProcedure
    .meta({ audit: { objectType: 'api-token', action: 'create' } })
    .input(createApiTokenInputSchema)
    .mutation(async ({ ctx, input }) => {
      const known = (await listHosts(ctx.db)).map((h) => h.id);
      return createApiToken(ctx.db, ctx.auth.user, input, known).catch(mapped);
    }),

  /** Revokes one of the caller's tokens (an admin: anyone's). Uses after this are refused. */
  revoke: sessionProcedure
    .meta({ audit: { objectType: 'api-token', action: 'revoke' } })
    .input(apiTokenIdSchema)
    .mutation(async ({ ctx, input }) => revokeApiToken(ctx.db, ctx.auth.user, input.id).catch(mapped)),
});
