// Backing-chain operations on a running domain's disk, as libvirt block jobs. Progress arrives
// live as block-job events on domain.events; `info` reads it on demand. An active commit and a
// copy end in a "ready" state and are finished with `finish` (pivot) or `cancel`.
import { z } from 'zod';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';

const diskInput = z.object({ uuid: z.uuid(), disk: z.string().min(1).max(64).regex(/^[a-z0-9]+$/, 'a disk target such as vda') });
const path = z.string().min(1).max(4096);

export const blockJobRouter = router({
  info: hostReadProcedure.input(diskInput).query(({ ctx, input }) => ctx.lv.blockJobs.info(input.uuid, input.disk)),

  /**
   * Commits `top` (default: the active layer, an active commit) down into `base` (default: the
   * top's backing image), shortening the chain.
   */
  commit: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-commit' } })
    .input(diskInput.extend({ top: path.nullable().default(null), base: path.nullable().default(null) }))
    .mutation(async ({ ctx, input }) => {
      const active = input.top === null;
      await ctx.lv.blockJobs.commit(input.uuid, input.disk, { top: input.top, base: input.base, flags: active ? ['ACTIVE'] : [] });
      return { active };
    }),

  /** Pulls the layers down to `base` (default: all of them) into the active image. */
  pull: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-pull' } })
    .input(diskInput.extend({ base: path.nullable().default(null) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.blockJobs.rebase(input.uuid, input.disk, { base: input.base });
      return { ok: true as const };
    }),

  /** Mirrors the disk into a new qcow2 file (flattened); finish with `finish` to switch to it. */
  copy: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-copy' } })
    .input(diskInput.extend({ destination: path.regex(/^\//, 'an absolute path'), format: z.enum(['qcow2', 'raw']).default('qcow2') }))
    .mutation(async ({ ctx, input }) => {
      const esc = input.destination.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
      const dest = `<disk type='file'><source file='${esc}'/><driver type='${input.format}'/></disk>`;
      await ctx.lv.blockJobs.copy(input.uuid, input.disk, dest, {}, ['TRANSIENT_JOB']);
      return { ok: true as const };
    }),

  /** Finishes a job that is ready (active commit, copy): switches the disk to the result. */
  finish: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-job-pivot' } })
    .input(diskInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.blockJobs.abort(input.uuid, input.disk, ['PIVOT']);
      return { ok: true as const };
    }),

  cancel: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-job-cancel' } })
    .input(diskInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.blockJobs.abort(input.uuid, input.disk);
      return { ok: true as const };
    }),
});
