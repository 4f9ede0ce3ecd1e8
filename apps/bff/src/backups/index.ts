// Backups with libvirt's backup API and checkpoints: what routers and the backup scheduler call.
//   startBackup(services, { hostId, uuid, actor })      full or incremental (run-backup.ts)
//   waitForBackup / cancelBackup / activeBackups         a running backup's end, cancel, progress
//   pruneBackupSets(services, { hostId, uuid, keepFullSets }), deleteBackup, groupSets (sets.ts)
//   restoreToNewVm / restoreInPlace                     (restore.ts)
//   getBackupTarget / setBackupTarget                   the host's target pool (store.ts)
export { activeBackups, activeBackupOf, type ActiveBackup, type BackupProgress } from './active.js';
export { cancelBackup, MAX_INCREMENTALS, startBackup, targetPoolOf, waitForBackup, type BackupServices, type StartBackupInput } from './run-backup.js';
export { deleteBackup, dependantsOfPoint, groupSets, pruneBackupSets, type BackupSet } from './sets.js';
export { restoreInPlace, restoreToNewVm, type RestoreInPlaceInput, type RestoreToNewVmInput } from './restore.js';
export { getBackupTarget, listPoints, setBackupTarget, type BackupDisk, type BackupPoint } from './store.js';
