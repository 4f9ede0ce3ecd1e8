// The backups this BFF process is running, by id: their progress, a way to cancel each, and a
// promise of how each ended. One per VM at a time.
import type { BackupPoint } from './store.js';

export interface BackupProgress {
  /** Bytes copied and to copy, from the job's stats (null until the first reading). */
  processed: number | null;
  total: number | null;
}

export interface ActiveBackup {
  id: string;
  hostId: string;
  uuid: string;
  progress: BackupProgress;
  cancelRequested: boolean;
  cancel(): Promise<void>;
  /** Settles with the point as it ended (done, failed or cancelled); never rejects. */
  finished: Promise<BackupPoint>;
}

export const activeBackups = new Map<string, ActiveBackup>();

export function activeBackupOf(hostId: string, uuid: string): ActiveBackup | undefined {
  for (const a of activeBackups.values()) if (a.hostId === hostId && a.uuid === uuid) return a;
  return undefined;
}
