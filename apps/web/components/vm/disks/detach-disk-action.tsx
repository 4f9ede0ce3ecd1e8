'use client';
// Detach a disk, behind a confirmation that names what goes. Deleting its volume too is a
// choice; the BFF refuses it (and changes nothing) while another VM or an overlay reads it.
import { useMutation } from '@tanstack/react-query';
import { Button } from '@virtdeck/ui';
import { useState } from 'react';
import { ConfirmAction } from '~/components/shell/confirm-action';
import { useTRPC } from '~/lib/trpc';
import type { DomainDisk } from '~/lib/vm-types';
import { useAfterDiskChange } from './use-after-disk-change';

export function DetachDiskAction({ hostId, uuid, vmName, disk, running }: { hostId: string; uuid: string; vmName: string; disk: DomainDisk; running: boolean }) {
  const trpc = useTRPC();
  const after = useAfterDiskChange(hostId, uuid);
  const [deleteVolume, setDeleteVolume] = useState(false);
  const detach = useMutation(trpc.domain.disks.detach.mutationOptions({ onSuccess: (result) => after(`Disk ${disk.targetDev} detached`, result) }));
  // A CD-ROM's ISO is install media other VMs may want: detaching a drive never offers to delete it.
  const cdrom = disk.device !== 'disk';
  const volume = cdrom ? null : (disk.chain.layers[0]?.volume ?? null);
  const target = disk.targetDev;
  return (
    <ConfirmAction
      title={`Detach ${target} from ${vmName}?`}
      confirmLabel={deleteVolume && volume ? `Detach and delete ${volume.name}` : `Detach ${target}`}
      onConfirm={() => detach.mutateAsync({ hostId, uuid, disk: target, deleteVolume: deleteVolume && volume !== null })}
      trigger={
        <Button size="sm" variant="danger-outline" onClick={() => setDeleteVolume(false)}>
          Detach…
        </Button>
      }
    >
      <div className="space-y-2">
        <p>
          {running ? 'The guest is asked to release the disk; ' : ''}
          <strong>{target}</strong> leaves the VM{running ? ' and its definition' : "'s definition"}. Unsaved data in the guest on this disk is lost.
        </p>
        {volume ? (
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={deleteVolume} onChange={(e) => setDeleteVolume(e.target.checked)} /> Also delete its volume <strong>{volume.name}</strong> (pool {volume.pool}): its data is gone for good
          </label>
        ) : (
          <p className="text-xs text-zinc-500">{cdrom ? 'Its medium stays in its pool.' : 'Its image is not a pool volume and is kept.'}</p>
        )}
      </div>
    </ConfirmAction>
  );
}
