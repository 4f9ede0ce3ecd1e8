// Storage pools: list (state, sizes, autostart, persistence, type and target from the XML),
// define from a form, start, stop, refresh, autostart, delete; and a pool's backing forest.
// Defining and deleting a pool name host paths, so they are admin actions, and a new pool's paths
// must lie under the host's pool roots (set by admins); operators work inside existing pools.
import type { Libvirt, PoolSummary } from '@virtdeck/libvirt-client';
import { buildBackingForest, buildPoolXml, parsePoolXml, type PoolSpec } from '@virtdeck/libvirt-xml';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { isUnderRoots, listPoolRoots } from '../../db/pool-roots.js';
import { DependantsError, type DependantList } from '../../errors.js';
import { hostAdminProcedure, hostOperateProcedure, hostReadProcedure } from '../../hosts/access.js';
import { router } from '../../trpc.js';
import { fieldError } from '../field-error.js';
import { dependantList, describeDependants, hasDependants, hostDomains, hostStorageGraph, hostVolumes, poolVolumes } from './backing.js';
import { poolDefineOptionsSchema, poolDeleteInput, poolInput, poolSpecSchema, type PoolSpecInput } from '@virtdeck/contract/storage';

async function poolRow(lv: Libvirt, summary: PoolSummary) {
  const model = parsePoolXml(await lv.pools.getXml(summary.name));
  return { ...summary, type: model.type, targetPath: model.targetPath ?? null, source: model.source };
}
export type PoolRow = Awaited<ReturnType<typeof poolRow>>;

/** A pool's row as the list shows it (also what a pool event carries: live/object-rows.ts). */
export const getPool = async (lv: Libvirt, name: string) => poolRow(lv, await lv.pools.get(name));

/** One audited pool action that answers with the pool's row afterwards. */
function poolAction(action: string, run: (lv: Libvirt, name: string) => Promise<unknown>) {
  return hostOperateProcedure
    .meta({ audit: { objectType: 'pool', action } })
    .input(poolInput)
    .mutation(async ({ ctx, input }) => {
      await run(ctx.lv, input.name);
      return getPool(ctx.lv, input.name);
    });
}

export const poolRouter = router({
  /** Every pool of the host with its state, sizes (bytes), autostart, persistence, type and target. */
  list: hostReadProcedure.query(async ({ ctx }) => {
    const pools = await ctx.lv.pools.list();
    const rows = await Promise.all(pools.map((p) => poolRow(ctx.lv, p)));
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }),

  get: hostReadProcedure.input(poolInput).query(({ ctx, input }) => getPool(ctx.lv, input.name)),

  xml: hostReadProcedure.input(poolInput).query(({ ctx, input }) => ctx.lv.pools.getXml(input.name)),

  /**
   * Defines a dir/fs/logical/netfs pool from the form; optionally builds, starts and autostarts
   * it. Admins only, and only with paths under the host's pool roots.
   */
  define: hostAdminProcedure
    .meta({ audit: { objectType: 'pool', action: 'define' } })
    .input(poolSpecSchema.and(poolDefineOptionsSchema))
    .mutation(async ({ ctx, input }) => {
      const { build, start, autostart, ...spec } = input;
      await assertPathsUnderRoots(ctx.db, ctx.hostId, spec);
      const xml = buildPoolXml(spec as PoolSpec);
      await ctx.lv.pools.define(xml);
      if (build) await ctx.lv.pools.build(spec.name);
      if (start) await ctx.lv.pools.start(spec.name);
      if (autostart) await ctx.lv.pools.setAutostart(spec.name, true);
      return getPool(ctx.lv, spec.name);
    }),

  start: poolAction('start', (lv, name) => lv.pools.start(name)),
  /** Stops the pool (virStoragePoolDestroy); its volumes stay as they are. */
  stop: poolAction('stop', (lv, name) => lv.pools.destroy(name)),
  refresh: poolAction('refresh', (lv, name) => lv.pools.refresh(name)),

  setAutostart: hostOperateProcedure
    .meta({ audit: { objectType: 'pool', action: 'set-autostart' } })
    .input(poolInput.extend({ autostart: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.lv.pools.setAutostart(input.name, input.autostart);
      return getPool(ctx.lv, input.name);
    }),

  /**
   * Removes the pool (admins only): stops it when active, deletes its storage when asked (refused
   * while a volume in it is used by a domain or backs a volume elsewhere), then undefines it.
   */
  delete: hostAdminProcedure
    .meta({ audit: { objectType: 'pool', action: 'delete' } })
    .input(poolDeleteInput)
    .mutation(async ({ ctx, input }) => {
      const lv = ctx.lv;
      const pool = await lv.pools.get(input.name);
      if (input.deleteStorage && pool.state === 'running') {
        const inUse = await poolInUse(lv, input.name);
        if (hasDependants(inUse)) {
          throw new DependantsError(`pool ${input.name} holds volumes that are in use: ${describeDependants(inUse)}`, inUse);
        }
        // Deleting the storage means its volumes too: libvirt removes only an empty directory,
        // so they go first, while the pool still runs and can name them.
        for (const vol of await lv.volumes.list(input.name)) await lv.volumes.delete({ pool: input.name, name: vol.name });
      }
      if (pool.state === 'running') await lv.pools.destroy(input.name);
      if (input.deleteStorage) await lv.pools.delete(input.name);
      // A transient pool is gone once stopped.
      if (pool.persistent) await lv.pools.undefine(input.name);
      return { name: input.name, deleted: true, storageDeleted: input.deleteStorage };
    }),

  /**
   * The backing forest of one pool for the UI: volumes as trees (base → overlays), each node with
   * the domain disks whose chains pass through it. Roots backed by a volume of another pool carry
   * `externalParent`, roots backed by no volume of the host `missingParent`; volumes no VM disk
   * and no overlay anywhere on the host uses are `unused`.
   */
  forest: hostReadProcedure.input(poolInput).query(async ({ ctx, input }) => {
    const [own, all] = await Promise.all([poolVolumes(ctx.lv, input.name), hostVolumes(ctx.lv)]);
    // Chains are completed over every pool (an overlay here may sit on a base elsewhere).
    const domains = await hostDomains(ctx.lv, all);
    return buildBackingForest(
      own.map((v) => v.forest),
      domains,
      { hostVolumes: all },
    );
  }),
});

/** Volumes outside the pool and domain disks that use any volume of the pool. */
async function poolInUse(lv: Libvirt, pool: string): Promise<DependantList> {
  const graph = await hostStorageGraph(lv);
  const own = graph.volumes.filter((v) => v.pool === pool);
  const ownPaths = new Set(own.map((v) => v.path));
  const out: DependantList = { volumes: [], domains: [] };
  const seen = new Set<string>();
  for (const v of own) {
    const d = dependantList(graph.forest, v.path);
    for (const dv of d.volumes) {
      if (ownPaths.has(dv.path) || seen.has(`v${dv.path}`)) continue;
      seen.add(`v${dv.path}`);
      out.volumes.push(dv);
    }
    for (const use of d.domains) {
      if (seen.has(`d${use.domain}\u0000${use.disk}`)) continue;
      seen.add(`d${use.domain}\u0000${use.disk}`);
      out.domains.push(use);
    }
  }
  return out;
}

/** The host paths a pool definition names: its target and its source devices (not a remote NFS folder). */
function hostPaths(spec: PoolSpecInput): { field: string; path: string }[] {
  const out: { field: string; path: string }[] = [];
  if (spec.targetPath !== undefined) out.push({ field: 'targetPath', path: spec.targetPath });
  if (spec.type === 'fs') out.push({ field: 'sourceDevice', path: spec.sourceDevice });
  if (spec.type === 'logical') for (const d of spec.sourceDevices ?? []) out.push({ field: 'sourceDevices', path: d });
  return out;
}

/** Refuses a pool whose paths are not under the host's pool roots, naming the field and the roots. */
async function assertPathsUnderRoots(db: Db, hostId: string, spec: PoolSpecInput): Promise<void> {
  const roots = await listPoolRoots(db, hostId);
  const outside = hostPaths(spec).find((p) => !isUnderRoots(p.path, roots));
  if (!outside) return;
  const message =
    roots.length === 0
      ? 'this host has no pool roots yet: an admin sets the folders pools may use on its card (Hosts)'
      : `must lie under one of this host's pool roots: ${roots.join(', ')}`;
  throw fieldError(outside.field, message);
}
