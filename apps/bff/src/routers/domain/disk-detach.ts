// Detaching a disk, and optionally deleting its volume. The volume is checked first (a pool
// volume that nothing else reads: the same dependants check as deleting a volume or a VM), so a
// refused delete changes nothing. A running VM is asked to unplug the disk: libvirt waits a few
// seconds for the guest, and a guest that has not let go by then keeps the disk live until it
// does (or until it shuts down) while the definition has dropped it. Its volume is then kept:
// deleting an image the VM still has open would pull it from under the guest.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { diskElementXml } from '@virtdeck/libvirt-xml';
import type { DetachDiskInput, DetachDiskResult } from '@virtdeck/contract/disk';
import { DependantsError } from '../../errors.js';
import { dependantList, describeDependants, hasDependants, hostStorageGraph } from '../storage/backing.js';
import { diskIn, domainDisks, orRefusal, requireDisk, topPath, whereIs } from './disk-state.js';

type VolumeName = { pool: string; name: string; path: string };

/** The disk's volume, refused (nothing changed yet) when it is no pool volume or something else reads it. */
async function deletableVolume(lv: Libvirt, domain: string, target: string, path: string | null): Promise<VolumeName> {
  const graph = await hostStorageGraph(lv);
  const vol = path === null ? undefined : graph.volumes.find((v) => v.path === path);
  if (!vol || path === null) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `deleteVolume: ${target} is not a volume of an active pool; detach it and keep the image` });
  }
  const all = dependantList(graph.forest, path);
  const users = { volumes: all.volumes, domains: all.domains.filter((u) => u.domain !== domain) };
  if (hasDependants(users)) {
    throw new DependantsError(`${target} was not detached: its volume ${vol.name} is still used by ${describeDependants(users)}`, users);
  }
  return { pool: vol.pool, name: vol.name, path };
}

export async function detachDisk(lv: Libvirt, input: DetachDiskInput): Promise<DetachDiskResult> {
  const target = input.disk;
  const d = await domainDisks(lv, input.uuid);
  const disk = requireDisk(d, target);
  const volume = input.deleteVolume ? await deletableVolume(lv, d.name, target, topPath(disk)) : null;
  const where = whereIs(d, target);
  // The element of the running VM when there is one: libvirt finds the disk in both by its target.
  const deviceXml = diskElementXml(d.live && where.includes('LIVE') ? d.live : d.config, target);
  await orRefusal(lv, input.uuid, target, `Detaching ${target}`, () => lv.domains.detachDevice(input.uuid, deviceXml, where));

  const after = await domainDisks(lv, input.uuid);
  const stillLive = diskIn(after.live, target) !== undefined;
  const definition = where.includes('CONFIG') && diskIn(after.config, target) === undefined;
  if (stillLive) {
    return {
      disk: target,
      live: 'waiting-for-guest',
      definition,
      note: `The guest has not released ${target} yet: it is gone from the definition and stays in the running VM until the guest lets go or shuts down.${volume ? ` Its volume ${volume.name} was kept.` : ''}`,
      volume: volume && { pool: volume.pool, name: volume.name, outcome: 'kept-disk-still-attached' },
    };
  }
  if (volume) await lv.volumes.delete({ path: volume.path });
  return {
    disk: target,
    live: d.running ? 'applied' : 'not-running',
    definition,
    note: volume ? `${target} is detached and its volume ${volume.name} deleted.` : `${target} is detached; its image was kept.`,
    volume: volume && { pool: volume.pool, name: volume.name, outcome: 'deleted' },
  };
}
