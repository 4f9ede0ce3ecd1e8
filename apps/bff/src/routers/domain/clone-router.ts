// Cloning a shut-off VM: `run` makes the clone (audited), `progress` streams how far its disks
// are, for the same input, while the page watches.
import { cloneDomainSchema, cloneProgressSchema } from '@virtdeck/contract/clone';
import { hostOperateProcedure } from '../../hosts/access.js';
import { recordedJob } from '../../jobs/history.js';
import { router } from '../../trpc.js';
import { cloneDomain } from './clone.js';
import { watchClone } from './clone-progress.js';

export const domainCloneRouter = router({
  run: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'clone' } })
    .input(cloneDomainSchema)
    .mutation(({ ctx, input }) =>
      recordedJob(
        ctx.db,
        { hostId: ctx.hostId, uuid: input.uuid, kind: 'clone', detail: `${input.mode} clone ${input.name} into pool ${input.pool}`, actor: ctx.auth.user.username },
        () => cloneDomain(ctx.lv, input),
      ),
    ),

  progress: hostOperateProcedure.input(cloneProgressSchema).subscription(async function* ({ ctx, input, signal }) {
    yield* watchClone({ lv: ctx.lv, ...input, signal });
  }),
});
