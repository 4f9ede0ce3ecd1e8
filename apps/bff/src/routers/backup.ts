// Backups of a VM (issue 18): the host's target pool (admins choose it, everyone on the host sees
// it), a VM's sets with the running backup's progress, and back up now / cancel / delete / restore
// (operators). The work is in ../backups/; every change is audited.
import { TRPCError } from '@trpc/server';
import { backupIdInput, backupRestoreInput, backupStartInput, backupTargetInput, type BackupPointInfo, type VmBackups } from '@virtdeck/contract/backup';
import { domainInput } from '@virtdeck/contract/domain';
import { isNoStoragePool, type Libvirt } from '@virtdeck/libvirt-client';
import { parsePoolXml } from '@virtdeck/libvirt-xml';
import {
  activeBackupOf,
  cancelBackup,
  deleteBackup,
  getBackupTarget,
  groupSets,
  listPoints,
  restoreInPlace,
  restoreToNewVm,
  setBackupTarget,
  startBackup,
  type BackupPoint,
} from '../backups/index.js';
import { hostAdminProcedure, hostOperateProcedure, hostReadProcedure } from '../hosts/access.js';
import { router } from '../trpc.js';
import { fieldError } from './field-error.js';

function pointInfo(p: BackupPoint): BackupPointInfo {
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
    durationMs: p.endedAt === null ? null : p.endedAt - p.startedAt,
    sizeBytes: p.sizeBytes,
    actor: p.actor,
    error: p.error,
    disks: p.disks.map((d) => ({ disk: d.disk, volume: d.volume })),
  };
}

/** The host's active directory pools: what an admin may choose as the backup target. */
async function dirPools(lv: Libvirt): Promise<string[]> {
  const out: string[] = [];
  for (const p of await lv.pools.list()) {
    if (p.state !== 'running') continue;
    if (parsePoolXml(await lv.pools.getXml(p.name)).type === 'dir') out.push(p.name);
  }
  return out.sort();
}

/** The point, which must be this VM's (an id of another VM's backup is not found). */
async function pointOf(ctx: { db: Parameters<typeof listPoints>[0]; hostId: string }, uuid: string, id: string): Promise<BackupPoint> {
  const p = (await listPoints(ctx.db, ctx.hostId, uuid)).find((x) => x.id === id);
  if (!p) throw new TRPCError({ code: 'NOT_FOUND', message: 'this VM has no such backup' });
  return p;
}

export const backupRouter = router({
  /** The host's backup target and the pools an admin could choose instead. */
  target: hostReadProcedure.query(async ({ ctx }) => ({ pool: await getBackupTarget(ctx.db, ctx.hostId), candidates: await dirPools(ctx.lv) })),

  setTarget: hostAdminProcedure
    .meta({ audit: { objectType: 'backup-target', action: 'set' } })
    .input(backupTargetInput)
    .mutation(async ({ ctx, input }) => {
      const xml = await ctx.lv.pools.getXml(input.pool).catch((e: unknown) => {
        throw isNoStoragePool(e) ? fieldError('pool', `there is no pool ${input.pool} on this host`) : e;
      });
      if (parsePoolXml(xml).type !== 'dir') throw fieldError('pool', `${input.pool} is not a directory pool: backups go to a directory pool`);
      if ((await ctx.lv.pools.get(input.pool)).state !== 'running') throw fieldError('pool', `the pool ${input.pool} is not active`);
      await setBackupTarget(ctx.db, ctx.hostId, input.pool, ctx.auth.user.username);
      return { pool: input.pool };
    }),

  /** A VM's sets (newest first), its running backup with progress, and its latest failures. */
  list: hostReadProcedure.input(domainInput).query(async ({ ctx, input }): Promise<VmBackups> => {
    const points = await listPoints(ctx.db, ctx.hostId, input.uuid);
    const active = activeBackupOf(ctx.hostId, input.uuid);
    const runningPoint = active ? points.find((p) => p.id === active.id) : undefined;
    return {
      target: await getBackupTarget(ctx.db, ctx.hostId),
      sets: groupSets(points)
        .reverse()
        .map((s) => ({ id: s.id, sizeBytes: s.sizeBytes, points: s.points.map(pointInfo) })),
      running:
        active && runningPoint
          ? { id: active.id, kind: runningPoint.kind, startedAt: runningPoint.startedAt, processed: active.progress.processed, total: active.progress.total }
          : null,
      failures: points
        .filter((p) => p.status === 'failed' || p.status === 'cancelled')
        .reverse()
        .slice(0, 5)
        .map(pointInfo),
    };
  }),

  start: hostOperateProcedure
    .meta({ audit: { objectType: 'backup', action: 'start' } })
    .input(backupStartInput)
    .mutation(({ ctx, input }) => startBackup(ctx, { hostId: ctx.hostId, uuid: input.uuid, actor: ctx.auth.user.username, mode: input.mode })),

  cancel: hostOperateProcedure
    .meta({ audit: { objectType: 'backup', action: 'cancel' } })
    .input(backupIdInput)
    .mutation(async ({ ctx, input }) => {
      await pointOf(ctx, input.uuid, input.id);
      await cancelBackup(input.id);
      return { ok: true };
    }),

  delete: hostOperateProcedure
    .meta({ audit: { objectType: 'backup', action: 'delete' } })
    .input(backupIdInput)
    .mutation(async ({ ctx, input }) => {
      await pointOf(ctx, input.uuid, input.id);
      await deleteBackup(ctx, { hostId: ctx.hostId, backupId: input.id });
      return { ok: true };
    }),

  restore: hostOperateProcedure
    .meta({ audit: { objectType: 'backup', action: 'restore' } })
    .input(backupRestoreInput)
    .mutation(async ({ ctx, input }) => {
      await pointOf(ctx, input.uuid, input.id);
      const actor = ctx.auth.user.username;
      if (input.target.kind === 'new') {
        const vm = await restoreToNewVm(ctx, { hostId: ctx.hostId, backupId: input.id, name: input.target.name, pool: input.target.pool, actor });
        return { uuid: vm.uuid, name: vm.name };
      }
      await restoreInPlace(ctx, { hostId: ctx.hostId, backupId: input.id, confirmName: input.target.confirmName, actor });
      return { uuid: input.uuid, name: null };
    }),
});
