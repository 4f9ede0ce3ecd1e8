// The backup rows (db table `backups`) and each host's target pool (`backup_targets`), as the
// backup service reads and writes them. A set is a full backup and the incrementals after it.
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import type { BackupKind, BackupStatus, BackupsTable } from '../db/schema.js';

/** One disk of a backup point: the VM's disk and the target volume its data went to. */
export interface BackupDisk {
  /** The VM's target name (vda). */
  disk: string;
  /** The volume in the target pool, and its path on the host. */
  volume: string;
  path: string;
  /** The disk's virtual size in bytes. */
  capacity: number;
  /** The format of the VM's own disk (restores write it back in this format). */
  format: 'raw' | 'qcow2';
}

export interface BackupPoint {
  id: string;
  hostId: string;
  uuid: string;
  domainName: string;
  setId: string;
  parentId: string | null;
  kind: BackupKind;
  status: BackupStatus;
  pool: string;
  checkpoint: string | null;
  disks: BackupDisk[];
  domainXml: string;
  sizeBytes: number | null;
  actor: string | null;
  startedAt: number;
  endedAt: number | null;
  error: string | null;
}

type Row = BackupsTable;

function toPoint(r: Row): BackupPoint {
  return {
    id: r.id,
    hostId: r.host_id,
    uuid: r.domain_uuid,
    domainName: r.domain_name,
    setId: r.set_id,
    parentId: r.parent_id,
    kind: r.kind,
    status: r.status,
    pool: r.pool,
    checkpoint: r.checkpoint,
    disks: JSON.parse(r.disks) as BackupDisk[],
    domainXml: r.domain_xml,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    actor: r.actor,
    startedAt: Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    error: r.error,
  };
}

export type NewPoint = Omit<BackupPoint, 'status' | 'sizeBytes' | 'endedAt' | 'error' | 'startedAt'>;

/** Writes a point as `running`, started now. */
export async function insertRunningPoint(db: Db, p: NewPoint, clock: Clock = systemClock): Promise<BackupPoint> {
  const row: Row = {
    id: p.id,
    host_id: p.hostId,
    domain_uuid: p.uuid,
    domain_name: p.domainName,
    set_id: p.setId,
    parent_id: p.parentId,
    kind: p.kind,
    status: 'running',
    pool: p.pool,
    checkpoint: p.checkpoint,
    disks: JSON.stringify(p.disks),
    domain_xml: p.domainXml,
    size_bytes: null,
    actor: p.actor?.slice(0, 128) ?? null,
    started_at: clock(),
    ended_at: null,
    error: null,
  };
  await db.insertInto('backups').values(row).execute();
  return toPoint(row);
}

/** Ends a running point: `done` with its size, or `failed`/`cancelled` with why (its files are gone). */
export async function finishPoint(
  db: Db,
  id: string,
  end: { status: Exclude<BackupStatus, 'running'>; sizeBytes?: number | null; error?: string | null },
  clock: Clock = systemClock,
): Promise<void> {
  await db
    .updateTable('backups')
    .set({ status: end.status, size_bytes: end.sizeBytes ?? null, error: end.error?.slice(0, 2000) ?? null, ended_at: clock() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function getPoint(db: Db, id: string): Promise<BackupPoint | null> {
  const row = await db.selectFrom('backups').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPoint(row) : null;
}

/** A VM's points, oldest first (every status). */
export async function listPoints(db: Db, hostId: string, uuid: string): Promise<BackupPoint[]> {
  const rows = await db.selectFrom('backups').selectAll().where('host_id', '=', hostId).where('domain_uuid', '=', uuid).orderBy('started_at').orderBy('id').execute();
  return rows.map(toPoint);
}

/** Points still `running` in the database, on a host (after a BFF restart: none of them runs). */
export async function listRunningPoints(db: Db, hostId: string): Promise<BackupPoint[]> {
  const rows = await db.selectFrom('backups').selectAll().where('host_id', '=', hostId).where('status', '=', 'running').execute();
  return rows.map(toPoint);
}

export async function deletePointRows(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('backups').where('id', 'in', [...ids]).execute();
}

export async function getBackupTarget(db: Db, hostId: string): Promise<string | null> {
  const row = await db.selectFrom('backup_targets').select('pool').where('host_id', '=', hostId).executeTakeFirst();
  return row?.pool ?? null;
}

export async function setBackupTarget(db: Db, hostId: string, pool: string, by: string | null, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('backup_targets').where('host_id', '=', hostId).execute();
    await tx.insertInto('backup_targets').values({ host_id: hostId, pool, set_by: by, set_at: clock() }).execute();
  });
}
