// Growing a disk. A running VM's disk grows live (virDomainBlockResize: QEMU grows the image and
// tells the guest the new size); a shut-off VM's disk grows through its pool volume
// (virStorageVolResize). A disk never shrinks: the file systems on it would break.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import type { DiskChangeResult, ResizeDiskInput } from '@virtdeck/contract/disk';
import { giBToBytes } from './disk-attach.js';
import { diskIn, domainDisks, orRefusal, requireDisk, topPath } from './disk-state.js';

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toLocaleString('en-US', { maximumFractionDigits: 2 })} GiB`;

export async function resizeDisk(lv: Libvirt, input: ResizeDiskInput): Promise<DiskChangeResult> {
  const target = input.disk;
  const d = await domainDisks(lv, input.uuid);
  const disk = requireDisk(d, target);
  if (disk.device !== 'disk') throw new TRPCError({ code: 'BAD_REQUEST', message: `disk: ${target} is a ${disk.device} drive; only disks grow` });
  const path = topPath(disk);
  // The image's size as its volume reports it (qemu's own view for a running VM is the same file).
  const current = path === null ? null : await lv.volumes.get({ path }).catch(() => null);
  const bytes = giBToBytes(input.capacityGiB);
  if (current && bytes <= current.capacity) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `capacityGiB: more than the disk's ${gib(current.capacity)} (a disk only grows)` });
  }
  if (diskIn(d.live, target)) {
    await orRefusal(lv, input.uuid, target, `Growing ${target} to ${gib(bytes)}`, () => lv.domains.blockResize(input.uuid, target, bytes, ['BYTES']));
    return { disk: target, live: 'applied', definition: true, note: `${target} is now ${gib(bytes)}; the guest sees the new size at once.` };
  }
  if (!current || path === null) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `disk: ${target}'s image is not a volume of an active pool, so it cannot be grown while the VM is off` });
  }
  await orRefusal(lv, input.uuid, target, `Growing ${target} to ${gib(bytes)}`, () => lv.volumes.resize({ path }, bytes));
  return { disk: target, live: d.running ? 'applied' : 'not-running', definition: true, note: `${target} is now ${gib(bytes)}.` };
}
