// Inputs and answers of the backup procedures, shared by the BFF and the VM page's Backups tab.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';
import { newObjectNameSchema } from './names.ts';

const poolNameSchema = z.string().trim().min(1, 'choose a pool').max(255, 'at most 255 characters');

/** An admin chooses the directory pool a host's backups go to. */
export const backupTargetInput = z.object({ pool: poolNameSchema });

/** 'auto': incremental when the last point allows it, else full; 'full' starts a new set. */
export const backupStartInput = domainInput.extend({ mode: z.enum(['auto', 'full']).default('auto') });

export const backupIdInput = domainInput.extend({ id: z.uuid() });

export const backupRestoreInput = backupIdInput.extend({
  target: z.discriminatedUnion('kind', [
    /** A new VM: the backup's definition under a new name, its disks copied into `pool`. */
    z.object({ kind: z.literal('new'), name: newObjectNameSchema, pool: poolNameSchema }),
    /** Over the shut-off VM itself: `confirmName` must be its name, since its disks are overwritten. */
    z.object({ kind: z.literal('in-place'), confirmName: z.string().min(1, "type the VM's name to confirm").max(255) }),
  ]),
});
export type BackupRestoreInput = z.input<typeof backupRestoreInput>;

export type BackupKind = 'full' | 'incremental';
export type BackupStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface BackupPointInfo {
  id: string;
  kind: BackupKind;
  status: BackupStatus;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** Bytes the point's files take in the target pool. */
  sizeBytes: number | null;
  actor: string | null;
  error: string | null;
  disks: { disk: string; volume: string }[];
}

export interface BackupSetInfo {
  /** The full backup's id. */
  id: string;
  sizeBytes: number;
  /** The full first, then its incrementals, oldest first. */
  points: BackupPointInfo[];
}

export interface BackupRunning {
  id: string;
  kind: BackupKind;
  startedAt: number;
  /** Bytes copied and to copy; null before the first reading. */
  processed: number | null;
  total: number | null;
}

export interface VmBackups {
  /** The host's backup target pool, or null when an admin has not chosen one. */
  target: string | null;
  /** Newest set first. */
  sets: BackupSetInfo[];
  running: BackupRunning | null;
  /** The latest failed or cancelled attempts (newest first, at most 5): why they failed. */
  failures: BackupPointInfo[];
}
