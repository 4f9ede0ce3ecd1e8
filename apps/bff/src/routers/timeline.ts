// A VM's timeline: `list` pages it newest first, `follow` says when it changed (the page then
// fetches again). Viewers of the host may read it; it reads the database only, so it works while
// the host is away.
import { TRPCError } from '@trpc/server';
import { timelineInput } from '@virtdeck/contract/timeline';
import { domainInput } from '@virtdeck/contract/domain';
import { z } from 'zod';
import { can } from '../auth/roles.js';
import { hostIdSchema } from '../hosts/access.js';
import { InvalidTimelineCursorError, listTimeline } from '../jobs/timeline.js';
import { followTimeline } from '../jobs/timeline-follow.js';
import { router, viewerProcedure } from '../trpc.js';

const readableHost = viewerProcedure.input(z.object({ hostId: hostIdSchema })).use(({ ctx, input, next }) => {
  if (!can(ctx.auth.user, 'read', input.hostId)) throw new TRPCError({ code: 'FORBIDDEN', message: 'you may not read on this host' });
  return next();
});

export const timelineRouter = router({
  list: readableHost.input(timelineInput).query(async ({ ctx, input }) => {
    try {
      return await listTimeline(ctx.db, input.hostId, input);
    } catch (err) {
      if (err instanceof InvalidTimelineCursorError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
      throw err;
    }
  }),

  follow: readableHost.input(domainInput).subscription(async function* ({ ctx, input, signal }) {
    yield* followTimeline({ db: ctx.db, events: ctx.liveEvents, hostId: input.hostId, uuid: input.uuid, signal });
  }),
});
