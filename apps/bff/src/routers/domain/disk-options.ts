// Cache, io and discard modes and the read-only and shareable flags of a disk. QEMU opens an
// image with these when the VM starts and libvirt changes none of them on a running disk, so
// they go into the definition and a running VM takes them at its next boot (reported as such).
import type { Libvirt } from '@virtdeck/libvirt-client';
import { withDiskOptions, type Disk } from '@virtdeck/libvirt-xml';
import type { DiskChangeResult, SetDiskOptionsInput } from '@virtdeck/contract/disk';
import { TRPCError } from '@trpc/server';
import { diskIn, domainDisks, orRefusal } from './disk-state.js';

const sameAs = (disk: Disk, input: SetDiskOptionsInput) =>
  (disk.driver.cache ?? 'default') === input.cache &&
  (disk.driver.io ?? 'default') === input.io &&
  (disk.driver.discard ?? 'default') === input.discard &&
  disk.readonly === input.readonly &&
  disk.shareable === input.shareable;

export async function setDiskOptions(lv: Libvirt, input: SetDiskOptionsInput): Promise<DiskChangeResult> {
  const target = input.disk;
  const d = await domainDisks(lv, input.uuid);
  if (!diskIn(d.config, target)) throw new TRPCError({ code: 'NOT_FOUND', message: `${d.name}'s definition has no disk ${target}` });
  const deviceXml = withDiskOptions(d.config, target, input);
  await orRefusal(lv, input.uuid, target, `Changing ${target}'s settings`, () => lv.domains.updateDevice(input.uuid, deviceXml, ['CONFIG']));
  const live = diskIn(d.live, target);
  if (!live) return { disk: target, live: 'not-running', definition: true, note: null };
  if (sameAs(live, input)) return { disk: target, live: 'applied', definition: true, note: null };
  return { disk: target, live: 'next-boot', definition: true, note: `The running VM keeps ${target}'s current settings until it is shut down and started again.` };
}
