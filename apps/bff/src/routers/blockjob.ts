// Backing-chain operations on a running domain's disk, as libvirt block jobs. Progress arrives
// live as block-job events on live.events and from `watch`; `info` reads it on demand. An
// active commit and a copy end in a "ready" state and are finished with `finish` (pivot) or
// `cancel`.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { escapeXml, layerPath, parseDomainXml, type Disk } from '@virtdeck/libvirt-xml';
import { z } from 'zod';
import { writeAudit } from '../audit/audit-log.js';
import { hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';
import { fieldError } from './field-error.js';
import { copyDestinationPath, refreshPoolsHolding, removeCancelledCopy } from '../blockjobs/copy-destination.js';
import { watchBlockJobs } from '../blockjobs/watch.js';
import { startRecordedBlockJob } from '../jobs/blockjob-history.js';
import { domainInput } from '@virtdeck/contract/domain';
import { objectNameSchema } from '@virtdeck/contract/names';

const diskInput = domainInput.extend({ disk: z.string().min(1).max(64).regex(/^[a-z0-9]+$/, 'a disk target such as vda') });
const path = z.string().min(1).max(4096);
const MiB = 1024 * 1024;
/** A speed limit for the job, MiB/s; absent or 0: as fast as the host allows. */
const bandwidthMiBps = z.number().int().min(0).max(1_000_000).optional();

/** The new volume a copy creates: a volume name like any other, and not a path step. */
export const blockCopyInput = diskInput.extend({
  pool: objectNameSchema,
  name: objectNameSchema.refine((s) => s !== '.' && s !== '..', 'must not be "." or ".."'),
  format: z.enum(['qcow2', 'raw']).default('qcow2'),
  bandwidthMiBps,
});

/** The disk `target` of the domain's live definition. */
async function liveDisk(lv: Libvirt, uuid: string, target: string): Promise<Disk | undefined> {
  return parseDomainXml(await lv.domains.getXml(uuid)).disks.find((d) => d.targetDev === target);
}

/**
 * Refuses `top`/`base` paths that are not layers of the disk's live chain: a client names a
 * layer it was shown, never some other host path.
 */
async function assertChainLayers(lv: Libvirt, uuid: string, target: string, paths: Record<string, string | null>): Promise<void> {
  const disk = await liveDisk(lv, uuid, target);
  const layers = new Set((disk?.chain.layers ?? []).map((l) => layerPath(l)).filter((p): p is string => p !== undefined));
  for (const [field, p] of Object.entries(paths)) {
    if (p !== null && !layers.has(p)) {
      throw fieldError(field, `not a layer of disk ${target}'s backing chain`);
    }
  }
}

/** Who starts a block job on which disk, for the job history. */
const jobOf = (ctx: { hostId: string; auth: { user: { username: string } } }, input: { uuid: string; disk: string }) => ({
  hostId: ctx.hostId,
  uuid: input.uuid,
  disk: input.disk,
  actor: ctx.auth.user.username,
});

export const blockJobRouter = router({
  info: hostReadProcedure.input(diskInput).query(({ ctx, input }) => ctx.lv.blockJobs.info(input.uuid, input.disk)),

  /**
   * The domain's block jobs with their progress, sampled every `intervalMs` only while watched;
   * ends once no job remains (after saying how the last ones ended).
   */
  watch: hostReadProcedure
    .input(domainInput.extend({ intervalMs: z.number().int().min(250).max(10_000).default(1000) }))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* watchBlockJobs({ lv: ctx.lv, events: ctx.liveEvents, hostId: ctx.hostId, uuid: input.uuid, intervalMs: input.intervalMs, signal });
    }),

  /**
   * Commits `top` (default: the active layer, an active commit) down into `base`, shortening the
   * chain. Without `base` libvirt commits into the bottom of the chain (every layer between goes),
   * so name the layer right below `top` to drop one layer only.
   */
  commit: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-commit' } })
    .input(diskInput.extend({ top: path.nullable().default(null), base: path.nullable().default(null), bandwidthMiBps }))
    .mutation(async ({ ctx, input }) => {
      await assertChainLayers(ctx.lv, input.uuid, input.disk, { top: input.top, base: input.base });
      const active = input.top === null;
      const what = `${active ? 'active commit' : `commit ${input.top}`}${input.base ? ` into ${input.base}` : ''}`;
      await startRecordedBlockJob(ctx.db, { ...jobOf(ctx, input), what }, () =>
        ctx.lv.blockJobs.commit(input.uuid, input.disk, {
          top: input.top,
          base: input.base,
          bandwidth: input.bandwidthMiBps ?? 0,
          flags: active ? ['ACTIVE'] : [],
        }),
      );
      return { active };
    }),

  /** Pulls the layers down to `base` (default: all of them) into the active image. */
  pull: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-pull' } })
    .input(diskInput.extend({ base: path.nullable().default(null) }))
    .mutation(async ({ ctx, input }) => {
      await assertChainLayers(ctx.lv, input.uuid, input.disk, { base: input.base });
      const what = input.base ? `pull down to ${input.base}` : 'pull';
      await startRecordedBlockJob(ctx.db, { ...jobOf(ctx, input), what }, () => ctx.lv.blockJobs.rebase(input.uuid, input.disk, { base: input.base }));
      return { ok: true as const };
    }),

  /**
   * Mirrors the disk (flattened) into a new volume `name` of the directory pool `pool`, whose
   * file path the server derives from the pool's target; finish with `finish` to switch to it.
   */
  copy: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-copy' } })
    .input(blockCopyInput)
    .mutation(async ({ ctx, input }) => {
      const file = await copyDestinationPath(ctx.lv, input.pool, input.name);
      const dest = `<disk type='file'><source file='${escapeXml(file)}'/><driver type='${input.format}'/></disk>`;
      const bandwidth = (input.bandwidthMiBps ?? 0) * MiB;
      // Under a speed limit qemu would otherwise move its default 16 MiB buffer in one burst and
      // then sleep: smaller buffers spread the limit evenly and let the progress move steadily.
      const params = bandwidth > 0 ? { bandwidth, bufSize: MiB } : {};
      // A persistent domain's disk can only be copied as a job that does not survive a restart.
      await startRecordedBlockJob(ctx.db, { ...jobOf(ctx, input), what: `copy to ${file}` }, () =>
        ctx.lv.blockJobs.copy(input.uuid, input.disk, dest, params, ['TRANSIENT_JOB']),
      );
      return { path: file };
    }),

  /**
   * Finishes a job that is ready (active commit, copy): switches the disk to the result, then
   * refreshes the pool holding the new active image so it shows there as a volume.
   */
  finish: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-job-pivot' } })
    .input(diskInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.blockJobs.abort(input.uuid, input.disk, ['PIVOT']);
      const disk = await liveDisk(ctx.lv, input.uuid, input.disk);
      const top = disk?.chain.layers[0];
      const active = (top && layerPath(top)) ?? null;
      let refreshedPools: string[] = [];
      try {
        if (active) refreshedPools = await refreshPoolsHolding(ctx.lv, active);
      } catch (e) {
        // The pivot happened; a failed refresh only delays the pool's listing.
        console.error('[bff] pool refresh after pivot failed:', e instanceof Error ? e.message : e);
      }
      return { ok: true as const, active, refreshedPools };
    }),

  /**
   * Stops the disk's job; the disk stays as it was. A cancelled copy's partial file is deleted
   * when it lies in a pool (`removed` names it): a half-written copy is of no use to anyone.
   */
  cancel: hostOperateProcedure
    .meta({ audit: { objectType: 'domain', action: 'block-job-cancel' } })
    .input(diskInput)
    .mutation(async ({ ctx, input }) => {
      const mirror = (await liveDisk(ctx.lv, input.uuid, input.disk))?.mirror;
      const partial = mirror?.job === 'copy' ? (mirror.file ?? null) : null;
      // Without the ASYNC flag this returns once the job is gone, and qemu has let go of the file.
      await ctx.lv.blockJobs.abort(input.uuid, input.disk);
      let removed: { pool: string; name: string } | null = null;
      try {
        if (partial) removed = await removeCancelledCopy(ctx.lv, partial);
      } catch (e) {
        // The cancel happened; the leftover file stays visible in its pool, to delete by hand.
        console.error('[bff] removing a cancelled copy failed:', e instanceof Error ? e.message : e);
      }
      if (removed) {
        // A deletion of its own: the audit log names the volume, not only the cancelled job.
        await writeAudit(ctx.db, {
          userId: ctx.auth.user.id,
          username: ctx.auth.user.username,
          hostId: input.hostId,
          objectType: 'volume',
          objectName: `${removed.pool}/${removed.name}`,
          action: 'delete',
          result: 'ok',
          detail: 'the partial file of a cancelled block copy',
        });
      }
      return { ok: true as const, removed: removed ? partial : null };
    }),
});
