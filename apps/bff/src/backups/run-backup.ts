// Taking a backup point of a VM with libvirt's backup API in push mode, into the host's target
// pool. What is decided here:
// - Full or incremental: incremental from the VM's last completed point when that point's
//   checkpoint still exists in libvirt, the VM has the same disks, every disk is qcow2 (libvirt
//   keeps checkpoints as persistent bitmaps in qcow2 images; a raw disk cannot hold one, so such
//   a VM only ever gets full backups, without checkpoints) and the set has fewer than
//   MAX_INCREMENTALS points after its full. Otherwise a new set starts with a full backup.
//   "Can hold a checkpoint" is vm-disks.ts's call: qcow2 v3 pool volumes only.
// - Each point's disks go to new qcow2 volumes in the target pool; an incremental's volume has the
//   previous point's volume as backing file, so every point reads as the whole disk at its time.
// - A shut-off VM: libvirt 9.0's backup API needs a running QEMU (virDomainBackupBegin on an
//   inactive domain is "domain is not running", and it cannot create or delete checkpoints of
//   one either). So the VM is started paused for the backup and destroyed after: paused, the guest
//   writes nothing, and the copy is the disk as it was shut off.
// - A running VM: where its guest agent answers, the file systems are frozen around
//   virDomainBackupBegin (the point in time is the job's start; QEMU copies old blocks before the
//   guest overwrites them), and thawed in a finally.
// - Failure (a full pool, the VM stopping, libvirt going away, a cancel): the job is aborted, the
//   point's checkpoint deleted (its changes merge into the previous checkpoint, so the next
//   incremental still covers them), its volumes deleted, and its row marked failed or cancelled.
//   Only a `done` point belongs to a set. What a lost connection kept us from cleaning up is
//   cleaned by the next backup of that VM (sweepLeftovers).
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { isNoDomain, isNoStorageVol, TransportError, type Libvirt } from '@virtdeck/libvirt-client';
import { buildVolumeXml } from '@virtdeck/libvirt-xml';
import type { Services } from '../context.js';
import { recordJobEnd, recordJobStart } from '../jobs/history.js';
import { activeBackupOf, activeBackups, type ActiveBackup } from './active.js';
import { backupXml, checkpointNameOf, checkpointXml, isOurCheckpoint } from './backup-xml.js';
import { finishPoint, getBackupTarget, getPoint, insertRunningPoint, listPoints, type BackupDisk, type BackupPoint } from './store.js';
import { vmDisks, type VmDisks } from './vm-disks.js';

export type BackupServices = Pick<Services, 'db' | 'hosts'>;

/** After this many incrementals, the next backup starts a new set. */
export const MAX_INCREMENTALS = 6;
const POLL_MS = 250;

export interface StartBackupInput {
  hostId: string;
  uuid: string;
  /** Username, or `schedule:<name>`. */
  actor: string | null;
  /** 'auto' (default): incremental when it can be (see above); 'full' starts a new set. */
  mode?: 'auto' | 'full';
}

/** The directory pool backups of this host go to, active; or a clear refusal. */
export async function targetPoolOf(services: BackupServices, lv: Libvirt, hostId: string): Promise<string> {
  const pool = await getBackupTarget(services.db, hostId);
  if (pool === null) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'this host has no backup target: an admin chooses a directory pool for backups first' });
  const summary = await lv.pools.get(pool).catch(() => null);
  if (!summary) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `the backup target pool ${pool} does not exist on this host any more` });
  if (summary.state !== 'running') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `the backup target pool ${pool} is not active` });
  return pool;
}

/** The point a new backup would be incremental from, or null for a full one. */
async function incrementalBase(lv: Libvirt, points: readonly BackupPoint[], pool: string, vm: VmDisks): Promise<BackupPoint | null> {
  const done = points.filter((p) => p.status === 'done');
  const last = done.at(-1);
  if (!last || last.checkpoint === null || last.pool !== pool) return null;
  if (vm.disks.some((d) => !d.checkpointable)) return null;
  const same = last.disks.length === vm.disks.length && vm.disks.every((d) => last.disks.some((b) => b.disk === d.disk && b.capacity === d.capacity));
  if (!same) return null;
  if (done.filter((p) => p.setId === last.setId).length > MAX_INCREMENTALS) return null;
  if (!(await lv.checkpoints.exists(last.uuid, last.checkpoint))) return null;
  return last;
}

const volumeName = (vm: string, id: string, disk: string): string => `${vm}.backup-${id.slice(0, 8)}.${disk}.qcow2`;

/**
 * Starts a backup of the VM; answers once the backup job runs in libvirt (its files and row made).
 * The job then runs on; `waitForBackup(id)` answers how it ended.
 */
export async function startBackup(services: BackupServices, input: StartBackupInput): Promise<{ backupId: string }> {
  const { hostId, uuid, actor } = input;
  if (activeBackupOf(hostId, uuid)) throw new TRPCError({ code: 'CONFLICT', message: 'a backup of this VM is running already' });
  const id = randomUUID();
  // Claimed before the first await, so two starts for one VM cannot both pass the check.
  let lvRef: Libvirt | null = null;
  // Settles once the job has ended (see followBackup); a waiter may come before the job runs.
  let settle: (p: BackupPoint) => void = () => undefined;
  const finished = new Promise<BackupPoint>((resolve) => (settle = resolve));
  const active: ActiveBackup = {
    id,
    hostId,
    uuid,
    progress: { processed: null, total: null },
    cancelRequested: false,
    cancel: async () => {
      active.cancelRequested = true;
      await lvRef?.backups.abortJob(uuid).catch(() => undefined);
    },
    finished,
  };
  activeBackups.set(id, active);
  let lv: Libvirt;
  let pool: string;
  let state: string;
  let vm: VmDisks;
  try {
    lv = lvRef = await services.hosts.client(hostId);
    pool = await targetPoolOf(services, lv, hostId);
    state = (await lv.domains.getState(uuid)).state;
    if (state !== 'running' && state !== 'paused' && state !== 'shutoff') {
      throw new TRPCError({ code: 'CONFLICT', message: `the VM is ${state}: a backup needs it running, paused or shut off` });
    }
    vm = await vmDisks(lv, uuid);
  } catch (err) {
    activeBackups.delete(id);
    throw err;
  }

  let startedPaused = false;
  let point: BackupPoint | null = null;
  let jobId: string | null = null;
  const made: string[] = [];
  try {
    if (state === 'shutoff') {
      await lv.domains.start(uuid, ['START_PAUSED']);
      startedPaused = true;
    }
    await sweepLeftovers(services, lv, hostId, uuid);
    const points = await listPoints(services.db, hostId, uuid);
    const base = input.mode === 'full' ? null : await incrementalBase(lv, points, pool, vm);
    const withCheckpoints = vm.disks.every((d) => d.checkpointable);

    const disks: BackupDisk[] = [];
    for (const d of vm.disks) {
      const name = volumeName(vm.name, id, d.disk);
      const parentPath = base?.disks.find((b) => b.disk === d.disk)?.path;
      const xml = buildVolumeXml(
        parentPath ? { name, format: 'qcow2', capacityBytes: d.capacity, backing: { path: parentPath, format: 'qcow2' } } : { name, format: 'qcow2', capacityBytes: d.capacity },
      );
      const vol = await lv.volumes.create(pool, xml);
      made.push(vol.key);
      disks.push({ disk: d.disk, volume: name, path: (await lv.volumes.get(vol)).path, capacity: d.capacity, format: d.format });
    }
    point = await insertRunningPoint(services.db, {
      id,
      hostId,
      uuid,
      domainName: vm.name,
      setId: base?.setId ?? id,
      parentId: base?.id ?? null,
      kind: base ? 'incremental' : 'full',
      pool,
      checkpoint: withCheckpoints ? checkpointNameOf(id) : null,
      disks,
      domainXml: vm.config,
      actor,
    });
    jobId = await recordJobStart(services.db, { hostId, uuid, kind: 'backup', actor, detail: `${point.kind} backup of ${disks.map((d) => d.disk).join(', ')} into ${pool}` });

    const frozen = state === 'running' && (await lv.backups.freezeFileSystems(uuid).then(() => true, () => false));
    try {
      await lv.backups.begin(uuid, backupXml(disks, base?.checkpoint ?? null, vm.skipped), point.checkpoint ? checkpointXml(point.checkpoint, disks, vm.skipped) : null, ['EXTERNAL']);
    } finally {
      if (frozen) await lv.backups.thawFileSystems(uuid).catch(() => undefined);
    }
  } catch (err) {
    const p = point;
    await undoPoint(lv, p, made).catch(() => undefined);
    if (startedPaused) await lv.domains.destroy(uuid).catch(() => undefined);
    if (p) await finishPoint(services.db, p.id, { status: 'failed', error: messageOf(err) });
    if (jobId) await recordJobEnd(services.db, jobId, { outcome: 'failed', error: messageOf(err) });
    activeBackups.delete(id);
    if (p) settle((await getPoint(services.db, p.id)) ?? p);
    throw err;
  }
  const started = point;
  void followBackup(services, lv, active, started, { startedPaused, jobId })
    .catch(async (err: unknown) => {
      // Only the database can fail here (libvirt's failures are outcomes): say so on the point.
      await finishPoint(services.db, started.id, { status: 'failed', error: messageOf(err) }).catch(() => undefined);
      return (await getPoint(services.db, started.id).catch(() => null)) ?? started;
    })
    .then((end) => {
      // Gone from the running ones before any waiter hears the end, so it can start the next.
      activeBackups.delete(id);
      settle(end);
    });
  return { backupId: id };
}

/** Answers how a backup ended: at once for a past one, when it ends for a running one. */
export async function waitForBackup(services: BackupServices, backupId: string): Promise<BackupPoint> {
  const a = activeBackups.get(backupId);
  if (a) return a.finished;
  const p = await getPoint(services.db, backupId);
  if (!p) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such backup' });
  return p;
}

/** Cancels a running backup (domainAbortJob); its point ends `cancelled`. */
export async function cancelBackup(backupId: string): Promise<void> {
  const a = activeBackups.get(backupId);
  if (!a) throw new TRPCError({ code: 'NOT_FOUND', message: 'that backup is not running' });
  await a.cancel();
}

async function followBackup(
  services: BackupServices,
  lv: Libvirt,
  active: ActiveBackup,
  point: BackupPoint,
  opts: { startedPaused: boolean; jobId: string | null },
): Promise<BackupPoint> {
  const { uuid } = point;
  let outcome: { status: 'done' | 'failed' | 'cancelled'; error: string | null };
  try {
    outcome = await jobOutcome(lv, active);
  } catch (err) {
    // Destroying the VM mid-copy can fail the stats call itself ("Unable to read from monitor").
    const stopped = !(err instanceof TransportError) && !(await lv.domains.isActive(uuid).catch(() => false));
    const message = stopped ? `the VM stopped during the backup (${messageOf(err)})` : failureMessage(err);
    outcome = { status: active.cancelRequested ? 'cancelled' : 'failed', error: message };
  }
  let sizeBytes: number | null = null;
  if (outcome.status === 'done') {
    try {
      sizeBytes = 0;
      for (const d of point.disks) sizeBytes += (await lv.volumes.get({ path: d.path })).allocation;
      // A new set: the checkpoints of older sets are no longer needed for incrementals.
      if (point.kind === 'full' && point.checkpoint) await dropOtherCheckpoints(lv, uuid, point.checkpoint);
    } catch (err) {
      outcome = { status: 'failed', error: failureMessage(err) };
    }
  }
  if (outcome.status !== 'done') {
    // The service may still be reachable even when this connection is gone (a reconnect).
    const again = await services.hosts.client(point.hostId).catch(() => null);
    if (again) await undoPoint(again, point, point.disks.map((d) => ({ path: d.path }))).catch(() => undefined);
  }
  if (opts.startedPaused) {
    const again = await services.hosts.client(point.hostId).catch(() => null);
    await again?.domains.destroy(uuid).catch(() => undefined);
  }
  await finishPoint(services.db, point.id, { status: outcome.status, sizeBytes, error: outcome.error });
  if (opts.jobId) {
    await recordJobEnd(services.db, opts.jobId, { outcome: outcome.status === 'done' ? 'ok' : outcome.status, error: outcome.error });
  }
  return (await getPoint(services.db, point.id)) ?? point;
}

/** Polls the job's stats for progress until it ends; answers its outcome. */
async function jobOutcome(lv: Libvirt, active: ActiveBackup): Promise<{ status: 'done' | 'failed' | 'cancelled'; error: string | null }> {
  for (;;) {
    const now = await lv.backups.jobStats(active.uuid);
    if (now.type !== 'none') {
      active.progress = { processed: now.bytesProcessed, total: now.bytesTotal };
      await new Promise((r) => setTimeout(r, POLL_MS));
      continue;
    }
    if (!(await lv.domains.isActive(active.uuid))) return { status: 'failed', error: 'the VM stopped during the backup' };
    const done = await lv.backups.jobStats(active.uuid, ['COMPLETED']);
    if (done.operation !== 'backup') return { status: 'failed', error: 'libvirt kept no result of the backup job' };
    if (done.type === 'completed') {
      active.progress = { processed: done.bytesTotal, total: done.bytesTotal };
      return { status: 'done', error: null };
    }
    if (done.type === 'cancelled' || active.cancelRequested) return { status: 'cancelled', error: 'cancelled' };
    return { status: 'failed', error: done.errorMessage ?? 'the backup job failed' };
  }
}

/** Deletes every Virtdeck checkpoint of the VM but `keep` (each merges into its parent). */
async function dropOtherCheckpoints(lv: Libvirt, uuid: string, keep: string): Promise<void> {
  for (const c of await lv.checkpoints.list(uuid)) {
    if (c.name !== keep && isOurCheckpoint(c.name)) await lv.checkpoints.delete(uuid, c.name);
  }
}

/**
 * Removes what a point that did not complete left: the backup job if it still runs, its
 * checkpoint, its volumes. Needs the domain running for the checkpoint (see the top); when it is
 * not, the checkpoint is left for sweepLeftovers, which runs with the domain up.
 */
async function undoPoint(lv: Libvirt, point: BackupPoint | null, volumes: readonly (string | { path: string })[]): Promise<void> {
  if (point) {
    const running = await lv.domains.isActive(point.uuid).catch(() => false);
    if (running) {
      const job = await lv.backups.jobStats(point.uuid).catch(() => null);
      if (job && job.type !== 'none' && job.operation === 'backup') {
        await lv.backups.abortJob(point.uuid).catch(() => undefined);
        await waitForNoJob(lv, point.uuid);
      }
      if (point.checkpoint && (await lv.checkpoints.exists(point.uuid, point.checkpoint).catch(() => false))) {
        await lv.checkpoints.delete(point.uuid, point.checkpoint);
      }
    }
  }
  for (const v of volumes) {
    await lv.volumes.delete(typeof v === 'string' ? { key: v } : v).catch((e: unknown) => {
      if (!isNoStorageVol(e)) throw e;
    });
  }
}

async function waitForNoJob(lv: Libvirt, uuid: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const s = await lv.backups.jobStats(uuid).catch(() => null);
    if (!s || s.type === 'none') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Before a new backup (with the domain running): points left `running` by a BFF that stopped are
 * failed; failed or cancelled points' leftover volumes and checkpoints are removed.
 */
async function sweepLeftovers(services: BackupServices, lv: Libvirt, hostId: string, uuid: string): Promise<void> {
  for (const p of await listPoints(services.db, hostId, uuid)) {
    if (p.status === 'running' && !activeBackups.has(p.id)) {
      await finishPoint(services.db, p.id, { status: 'failed', error: 'the BFF or libvirt stopped during the backup' });
    } else if (p.status === 'done' || p.status === 'running') continue;
    await undoPoint(lv, p, p.disks.map((d) => ({ path: d.path }))).catch(() => undefined);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function failureMessage(err: unknown): string {
  if (isNoDomain(err)) return 'the VM went away during the backup';
  if (err instanceof TransportError) return `the connection to libvirt was lost during the backup (${err.message})`;
  return messageOf(err);
}
