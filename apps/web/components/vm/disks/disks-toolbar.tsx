'use client';
// Above the VM's disks: attach a disk, add a CD-ROM drive (operators).
import { AddCdromDialog } from './add-cdrom-dialog';
import { AttachDiskDialog } from './attach-disk-dialog';

export function DisksToolbar({ hostId, uuid, running }: { hostId: string; uuid: string; running: boolean }) {
  return (
    <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Disks">
      <AttachDiskDialog hostId={hostId} uuid={uuid} running={running} />
      <AddCdromDialog hostId={hostId} uuid={uuid} running={running} />
    </div>
  );
}
