'use client';
// The operator's actions on one disk or CD-ROM drive of the VM page's Disks tab.
import type { DomainDisk } from '~/lib/vm-types';
import { DetachDiskAction } from './detach-disk-action';
import { DiskSettingsDialog } from './disk-settings-dialog';
import { GrowDiskDialog } from './grow-disk-dialog';
import { EjectMediaButton, InsertMediaDialog } from './media-dialog';

export function DiskActions({ hostId, uuid, vmName, disk, running }: { hostId: string; uuid: string; vmName: string; disk: DomainDisk; running: boolean }) {
  const top = disk.chain.layers[0];
  const hasMedium = disk.chain.status !== 'empty' && top !== undefined;
  return (
    <div className="flex flex-wrap items-start gap-2" aria-label={`Actions on ${disk.targetDev}`} role="group">
      {disk.device === 'cdrom' ? (
        <>
          <InsertMediaDialog hostId={hostId} uuid={uuid} disk={disk.targetDev} running={running} />
          {hasMedium ? <EjectMediaButton hostId={hostId} uuid={uuid} disk={disk.targetDev} /> : null}
        </>
      ) : (
        <>
          <GrowDiskDialog hostId={hostId} uuid={uuid} disk={disk.targetDev} capacity={top?.volume?.capacity ?? null} running={running} />
          <DiskSettingsDialog hostId={hostId} uuid={uuid} disk={disk} running={running} />
        </>
      )}
      <DetachDiskAction hostId={hostId} uuid={uuid} vmName={vmName} disk={disk} running={running} />
    </div>
  );
}
