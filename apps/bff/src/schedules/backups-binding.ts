// The schedule runner's view of the backups module, bound to the process's services.
import { pruneBackupSets, startBackup, waitForBackup, type BackupServices } from '../backups/index.js';
import type { ScheduleBackups } from './runner.js';

export function scheduleBackupsOf(services: BackupServices): ScheduleBackups {
  return {
    startBackup: (input) => startBackup(services, input),
    waitForBackup: (backupId) => waitForBackup(services, backupId),
    pruneBackupSets: (input) => pruneBackupSets(services, input),
  };
}
