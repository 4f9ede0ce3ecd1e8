// Backup sets: a VM's completed points grouped by their full backup, deleting a point (refused
// while later incrementals read through it, as a backing chain's base is), and pruning old sets.
import { TRPCError } from '@trpc/server';
import { isNoDomain, isNoStorageVol, type Libvirt } from '@virtdeck/libvirt-client';
import { DependantsError } from '../errors.js';
import { activeBackups } from './active.js';
import { withDomainUp } from './running-domain.js';
import type { BackupServices } from './run-backup.js';
import { deletePointRows, getPoint, listPoints, type BackupPoint } from './store.js';

export interface BackupSet {
  /** The full backup's id. */
  id: string;
  /** The full first, then its incrementals, oldest first. */
  points: BackupPoint[];
  sizeBytes: number;
}

/** A VM's sets, oldest first, from its `done` points; running and failed points are left out. */
export function groupSets(points: readonly BackupPoint[]): BackupSet[] {
  const sets = new Map<string, BackupSet>();
  for (const p of points) {
    if (p.status !== 'done') continue;
    let set = sets.get(p.setId);
    if (!set) sets.set(p.setId, (set = { id: p.setId, points: [], sizeBytes: 0 }));
    set.points.push(p);
    set.sizeBytes += p.sizeBytes ?? 0;
  }
  // A set whose full is gone cannot be restored from: it is not a set (deleting a full with
  // incrementals is refused, so this happens only to rows edited by hand).
  return [...sets.values()].filter((s) => s.points[0]?.kind === 'full' && s.points[0].id === s.id);
}

/** The points that read through `point` (its incrementals, and theirs), done or running. */
export function dependantsOfPoint(points: readonly BackupPoint[], point: BackupPoint): BackupPoint[] {
  const out: BackupPoint[] = [];
  const ids = new Set([point.id]);
  for (const p of points) {
    if (p.parentId !== null && ids.has(p.parentId) && (p.status === 'done' || p.status === 'running')) {
      out.push(p);
      ids.add(p.id);
    }
  }
  return out;
}

const when = (p: BackupPoint): string => new Date(p.startedAt).toISOString().replace('T', ' ').slice(0, 19);

/** Deletes a point's volumes, checkpoint and row; refused while later incrementals need it. */
export async function deleteBackup(services: BackupServices, input: { hostId: string; backupId: string }): Promise<void> {
  const point = await getPoint(services.db, input.backupId);
  if (!point || point.hostId !== input.hostId) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such backup' });
  if (activeBackups.has(point.id)) throw new TRPCError({ code: 'CONFLICT', message: 'that backup is running: cancel it first' });
  const points = await listPoints(services.db, point.hostId, point.uuid);
  const deps = dependantsOfPoint(points, point);
  if (deps.length > 0) {
    const names = deps.map((d) => `${d.kind} backup of ${when(d)} UTC`).join(', ');
    throw new DependantsError(`the ${point.kind} backup of ${when(point)} UTC is needed by later incrementals: ${names}; delete those first`, {
      volumes: deps.flatMap((d) => d.disks.map((x) => ({ pool: d.pool, name: x.volume, path: x.path }))),
      domains: [],
    });
  }
  const lv = await services.hosts.client(point.hostId);
  await removePoints(lv, [point]);
  await deletePointRows(services.db, [point.id]);
}

/**
 * Keeps a VM's newest `keepFullSets` sets and deletes the older ones (volumes, checkpoints, rows).
 * A set a running backup adds to is kept whatever its age.
 */
export async function pruneBackupSets(services: BackupServices, input: { hostId: string; uuid: string; keepFullSets: number }): Promise<void> {
  const keep = Math.max(1, Math.floor(input.keepFullSets));
  const points = await listPoints(services.db, input.hostId, input.uuid);
  const sets = groupSets(points);
  const busy = new Set(points.filter((p) => p.status === 'running').map((p) => p.setId));
  const old = sets.slice(0, Math.max(0, sets.length - keep)).filter((s) => !busy.has(s.id));
  if (old.length === 0) return;
  const lv = await services.hosts.client(input.hostId);
  for (const set of old) {
    // Newest first, so no volume is deleted while another still names it as backing file.
    const doomed = [...set.points].reverse();
    await removePoints(lv, doomed);
    await deletePointRows(services.db, doomed.map((p) => p.id));
  }
}

/**
 * Deletes points' volumes and checkpoints. A checkpoint is merged into its parent (needs the VM
 * up, see running-domain.ts), so the next incremental from an earlier point still covers every
 * change since that point.
 */
async function removePoints(lv: Libvirt, points: readonly BackupPoint[]): Promise<void> {
  const first = points[0];
  if (!first) return;
  const withCheckpoint: BackupPoint[] = [];
  for (const p of points) if (p.checkpoint && (await hasCheckpoint(lv, p))) withCheckpoint.push(p);
  if (withCheckpoint.length > 0) {
    await withDomainUp(lv, first.uuid, async () => {
      for (const p of withCheckpoint) await lv.checkpoints.delete(p.uuid, p.checkpoint as string);
    });
  }
  for (const p of points) {
    for (const d of p.disks) {
      await lv.volumes.delete({ path: d.path }).catch((e: unknown) => {
        if (!isNoStorageVol(e)) throw e;
      });
    }
  }
}

async function hasCheckpoint(lv: Libvirt, p: BackupPoint): Promise<boolean> {
  if (!p.checkpoint) return false;
  return lv.checkpoints.exists(p.uuid, p.checkpoint).catch((e: unknown) => {
    if (isNoDomain(e)) return false; // the VM is gone, and its checkpoints with it
    throw e;
  });
}
