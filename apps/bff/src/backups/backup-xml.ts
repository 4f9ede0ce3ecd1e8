// The XML a backup point needs: <domainbackup> (push mode into volumes we made, incremental from a
// checkpoint when there is one) and <domaincheckpoint> (a bitmap on every disk).
import { escapeXml } from '@virtdeck/libvirt-xml';
import type { BackupDisk } from './store.js';

/** Checkpoints Virtdeck makes are named `vd-<backup id>`, so they are told apart from others'. */
export const checkpointNameOf = (backupId: string): string => `vd-${backupId}`;
export const isOurCheckpoint = (name: string): boolean => name.startsWith('vd-');

/**
 * Push mode into files that exist (the flag REUSE_EXTERNAL): each target is a qcow2 volume we
 * created in the target pool, for an incremental with the previous point's volume as its backing
 * file, so the point reads as the whole disk. The target's driver type must be given for a reused file.
 * `skipped`: the VM's other disk targets (CD-ROMs), listed as backup='no' so libvirt makes no target
 * file of its own for them.
 */
export function backupXml(disks: readonly BackupDisk[], incrementalFrom: string | null, skipped: readonly string[] = []): string {
  const inc = incrementalFrom === null ? '' : `<incremental>${escapeXml(incrementalFrom)}</incremental>`;
  const items = disks
    .map((d) => `<disk name='${escapeXml(d.disk)}' backup='yes' type='file'><target file='${escapeXml(d.path)}'/><driver type='qcow2'/></disk>`)
    .concat(skipped.map((t) => `<disk name='${escapeXml(t)}' backup='no'/>`))
    .join('');
  return `<domainbackup mode='push'>${inc}<disks>${items}</disks></domainbackup>`;
}

/** `skipped`: the VM's other disk targets (CD-ROMs), which libvirt would otherwise consider too. */
export function checkpointXml(name: string, disks: readonly BackupDisk[], skipped: readonly string[] = []): string {
  const items = disks
    .map((d) => `<disk name='${escapeXml(d.disk)}' checkpoint='bitmap'/>`)
    .concat(skipped.map((t) => `<disk name='${escapeXml(t)}' checkpoint='no'/>`))
    .join('');
  return `<domaincheckpoint><name>${escapeXml(name)}</name><disks>${items}</disks></domaincheckpoint>`;
}
