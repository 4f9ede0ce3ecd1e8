// Storage volumes: list (sizes, format and backing parent from the volume XML), create raw or
// qcow2, create an overlay (linked clone) on a backing volume, resize, and delete, which is
// refused while another volume's backing chain or a domain's disk chain uses the volume.
import { isNoStorageVol, type Libvirt } from '@virtdeck/libvirt-client';
import { buildVolumeXml, parseVolumeXml, type VolumeModel } from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';
import { DependantsError } from '../../errors.js';
import { hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { dependantList, describeDependants, hasDependants, hostStorageGraph, poolVolumes } from './backing.js';
import { objectNameSchema, volumeCreateInput, volumeInput, volumeOverlayInput, volumeResizeInput } from '@virtdeck/contract/storage';
import { z } from 'zod';

export interface VolumeRow {
  pool: string;
  name: string;
  key: string;
  path: string;
  /** file, block, dir, network... */
  type: string;
  /** Bytes. */
  capacity: number;
  allocation: number;
  /** File size on disk when libvirt reports it (e.g. a qcow2 file), else null. */
  physical: number | null;
  /** raw, qcow2... (null when libvirt does not know). */
  format: string | null;
  /** The immediate backing file (a volume's XML names only its parent), named when it is a volume. */
  backing: { path: string; format: string | null; pool: string | null; name: string | null } | null;
}

function row(pool: string, model: VolumeModel, backingVolume: { pool: string; name: string } | null): VolumeRow {
  return {
    pool,
    name: model.name,
    key: model.key,
    path: model.target.path,
    type: model.type,
    capacity: model.capacityBytes,
    allocation: model.allocationBytes,
    physical: model.physicalBytes ?? null,
    format: model.target.format,
    backing: model.backingStore && {
      path: model.backingStore.path,
      format: model.backingStore.format,
      pool: backingVolume?.pool ?? null,
      name: backingVolume?.name ?? null,
    },
  };
}

/** The volume a backing path belongs to (in any pool), or null for a file no pool knows. */
async function volumeAt(lv: Libvirt, path: string): Promise<{ pool: string; name: string } | null> {
  try {
    const h = await lv.volumes.lookup({ path });
    return { pool: h.pool, name: h.name };
  } catch (e) {
    if (isNoStorageVol(e)) return null;
    throw e;
  }
}

async function getVolume(lv: Libvirt, pool: string, name: string): Promise<VolumeRow> {
  const model = parseVolumeXml(await lv.volumes.getXml({ pool, name }));
  return row(pool, model, model.backingStore ? await volumeAt(lv, model.backingStore.path) : null);
}

/** What would break if the volume went away (over every active pool and every domain). */
async function dependantsOfVolume(lv: Libvirt, pool: string, name: string) {
  const vol = await lv.volumes.get({ pool, name });
  const graph = await hostStorageGraph(lv);
  return { path: vol.path, ...dependantList(graph.forest, vol.path) };
}

export const volumeRouter = router({
  /** Every volume of a pool with sizes (bytes), format and backing parent. */
  list: hostReadProcedure.input(z.object({ pool: objectNameSchema })).query(async ({ ctx, input }) => {
    const vols = await poolVolumes(ctx.lv, input.pool);
    const local = new Map(vols.map((v) => [v.model.target.path, { pool: input.pool, name: v.model.name }]));
    const rows = await Promise.all(
      vols.map(async ({ model }) => {
        const parent = model.backingStore?.path;
        const owner = parent === undefined ? null : (local.get(parent) ?? (await volumeAt(ctx.lv, parent)));
        return row(input.pool, model, owner);
      }),
    );
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }),

  get: hostReadProcedure.input(volumeInput).query(({ ctx, input }) => getVolume(ctx.lv, input.pool, input.name)),

  xml: hostReadProcedure.input(volumeInput).query(({ ctx, input }) => ctx.lv.volumes.getXml({ pool: input.pool, name: input.name })),

  /** A new raw or qcow2 volume (sparse unless `allocationBytes`). */
  create: hostOperateProcedure
    .meta({ audit: { objectType: 'volume', action: 'create' } })
    .input(volumeCreateInput)
    .mutation(async ({ ctx, input }) => {
      const xml = buildVolumeXml({
        name: input.name,
        format: input.format,
        capacityBytes: input.capacityBytes,
        ...(input.allocationBytes !== undefined && { allocationBytes: input.allocationBytes }),
      });
      await ctx.lv.volumes.create(input.pool, xml);
      return getVolume(ctx.lv, input.pool, input.name);
    }),

  /** A qcow2 overlay on a backing volume (a linked clone): writes go to the overlay only. */
  createOverlay: hostOperateProcedure
    .meta({ audit: { objectType: 'volume', action: 'create-overlay' } })
    .input(volumeOverlayInput)
    .mutation(async ({ ctx, input }) => {
      const backingPool = input.backing.pool ?? input.pool;
      const base = parseVolumeXml(await ctx.lv.volumes.getXml({ pool: backingPool, name: input.backing.name }));
      const format = base.target.format;
      if (format !== 'raw' && format !== 'qcow2') {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `volume ${input.backing.name} has format ${format ?? 'unknown'}: an overlay needs a raw or qcow2 backing image`,
        });
      }
      const xml = buildVolumeXml({
        name: input.name,
        format: 'qcow2',
        capacityBytes: input.capacityBytes ?? base.capacityBytes,
        backing: { path: base.target.path, format },
      });
      await ctx.lv.volumes.create(input.pool, xml);
      return getVolume(ctx.lv, input.pool, input.name);
    }),

  /** Sets the capacity; shrinking only with `shrink: true`. */
  resize: hostOperateProcedure
    .meta({ audit: { objectType: 'volume', action: 'resize' } })
    .input(volumeResizeInput)
    .mutation(async ({ ctx, input }) => {
      const ref = { pool: input.pool, name: input.name };
      await ctx.lv.volumes.resize(ref, input.capacityBytes, input.shrink ? ['SHRINK'] : undefined);
      return getVolume(ctx.lv, input.pool, input.name);
    }),

  /**
   * What deleting the volume would break, asked before the action: overlays whose backing chain
   * passes through it (nearest first) and domain disks using it or any of those overlays.
   */
  dependants: hostReadProcedure
    .input(volumeInput)
    .query(({ ctx, input }) => dependantsOfVolume(ctx.lv, input.pool, input.name)),

  /** Deletes the volume; PRECONDITION_FAILED with `data.dependants` while anything uses it. */
  delete: hostOperateProcedure
    .meta({ audit: { objectType: 'volume', action: 'delete' } })
    .input(volumeInput)
    .mutation(async ({ ctx, input }) => {
      const { path, ...dependants } = await dependantsOfVolume(ctx.lv, input.pool, input.name);
      if (hasDependants(dependants)) {
        throw new DependantsError(`volume ${input.name} is in use by ${describeDependants(dependants)}`, dependants);
      }
      await ctx.lv.volumes.delete({ pool: input.pool, name: input.name });
      return { pool: input.pool, name: input.name, path, deleted: true };
    }),
});
