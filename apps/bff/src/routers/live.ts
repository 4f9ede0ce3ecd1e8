// Live events of the hosts this user may see, from libvirt's event callbacks: domain lifecycle and
// block jobs, and pool and network lifecycle (which the storage and network pages follow).
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { can } from '../auth/roles.js';
import { hostIdSchema } from '../hosts/access.js';
import { follow } from '../live/event-log.js';
import { subscriptionStart } from '../live/read-cursors.js';
import { router, viewerProcedure } from '../trpc.js';

export const liveRouter = router({
  /**
   * Every event the user may see, or one host's. Resumes from the last event id after a
   * reconnect; a `resync` tells the client to fetch state afresh when events may have been missed.
   */
  events: viewerProcedure
    .input(z.object({ hostId: hostIdSchema.optional(), lastEventId: z.string().max(64).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const user = ctx.auth.user;
      // A first start resumes from the session's reads before it, so nothing in between is lost.
      const start = ctx.auth.kind === 'session' ? subscriptionStart(ctx.liveEvents, ctx.auth.session.id) : undefined;
      for await (const { id, event } of follow(ctx.liveEvents, input.lastEventId ?? start, signal)) {
        const hostId = event.hostId;
        const wanted = hostId === null || ((!input.hostId || hostId === input.hostId) && can(user, 'read', hostId));
        if (wanted) yield tracked(id, event);
      }
    }),
});
