// Consoles: a mutation hands out a short-lived ticket for the /console websocket. What would
// fail (a stopped domain, no graphics of that kind) is said here, before any socket opens.
import { z } from 'zod';
import { issueTicket } from '../console/tickets.js';
import { consoleTarget, ConsoleUnavailableError, type ConsoleTarget } from '../console/target.js';
import { TRPCError } from '@trpc/server';
import { CONSOLE_KINDS } from '../db/schema.js';
import { hostOperateProcedure } from '../hosts/access.js';
import { router, sessionOnly } from '../trpc.js';

export const consoleRouter = router({
  // A console is a person's: an API token never opens one (nor could it pass the websocket,
  // which takes the session cookie).
  open: hostOperateProcedure
    .use(sessionOnly)
    .meta({ audit: { objectType: 'domain', action: 'open-console' } })
    .input(z.object({ uuid: z.uuid(), kind: z.enum(CONSOLE_KINDS) }))
    .mutation(async ({ ctx, input }) => {
      let target: ConsoleTarget;
      try {
        target = await consoleTarget(ctx.lv, ctx.hosts.connection(ctx.hostId).target.uri, input.uuid, input.kind);
      } catch (e) {
        if (e instanceof ConsoleUnavailableError) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: e.message, cause: e });
        throw e;
      }
      const { ticket, expiresAt } = await issueTicket(ctx.db, {
        userId: ctx.auth.user.id,
        hostId: ctx.hostId,
        domainUuid: input.uuid,
        kind: input.kind,
      });
      // How the bytes will travel, for the page to say (e.g. "through ssh").
      const via = target.kind === 'serial' ? ('libvirt' as const) : target.kind === 'ssh' ? ('ssh' as const) : ('direct' as const);
      return { path: `/console?ticket=${ticket}`, expiresAt, kind: input.kind, via };
    }),
});
