// What cloning a VM will make, worked out the same way by the clone and by its progress watch:
// for each disk of the source's definition (CD-ROMs are shared, not copied), the pool volume it
// reads and the new volume in the destination pool, named after the clone and the disk.
import { TRPCError } from '@trpc/server';
import { type Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml, parseVolumeXml } from '@virtdeck/libvirt-xml';
import { checkNewVmTarget } from './new-vm-target.js';

export interface CloneDiskPlan {
  disk: string;
  /** `allocation`: what a full copy writes at most, the bytes held by the image and its backing chain. */
  source: { path: string; format: 'raw' | 'qcow2'; capacity: number; allocation: number };
  /** The new volume's name in the destination pool. */
  volume: string;
}

export interface ClonePlan {
  sourceName: string;
  config: string;
  disks: CloneDiskPlan[];
}

/** `<clone>-<disk>.qcow2` (or `.raw`). */
export const cloneVolumeName = (clone: string, disk: string, format: 'raw' | 'qcow2'): string => `${clone}-${disk}.${format}`;

export async function clonePlan(lv: Libvirt, uuid: string, name: string, mode: 'full' | 'linked'): Promise<ClonePlan> {
  const [summary, config] = await Promise.all([lv.domains.get(uuid), lv.domains.getXml(uuid, { inactive: true })]);
  const disks: CloneDiskPlan[] = [];
  for (const disk of parseDomainXml(config).disks) {
    if (disk.device !== 'disk') continue;
    const top = disk.chain.layers[0]?.source;
    const path = top?.kind === 'file' ? top.path : top?.kind === 'block' ? top.dev : null;
    const vol = path === null ? null : await lv.volumes.get({ path }).catch(() => null);
    if (!vol || path === null) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `${summary.name} cannot be cloned: its disk ${disk.targetDev} is not a volume of an active pool` });
    }
    const model = parseVolumeXml(await lv.volumes.getXml({ path }));
    const format = model.target.format === 'qcow2' ? 'qcow2' : 'raw';
    const allocation = vol.allocation + (model.backingStore ? await chainAllocation(lv, model.backingStore.path) : 0);
    // A linked clone's disk is always a qcow2 overlay, whatever its base.
    disks.push({ disk: disk.targetDev, source: { path, format, capacity: vol.capacity, allocation }, volume: cloneVolumeName(name, disk.targetDev, mode === 'linked' ? 'qcow2' : format) });
  }
  return { sourceName: summary.name, config, disks };
}

/**
 * Bytes held by the backing chain from `path` down (a full copy reads through it), as far as its
 * layers are pool volumes; bounded, so a cycle cannot loop.
 */
async function chainAllocation(lv: Libvirt, path: string): Promise<number> {
  let total = 0;
  let next: string | null = path;
  for (let depth = 0; next !== null && depth < 256; depth++) {
    const at: string = next;
    const vol = await lv.volumes.get({ path: at }).catch(() => null);
    if (!vol) break;
    total += vol.allocation;
    next = parseVolumeXml(await lv.volumes.getXml({ path: at })).backingStore?.path ?? null;
  }
  return total;
}

/** The clone's name and pool, refused next to their fields when taken or missing. */
export function checkCloneTarget(lv: Libvirt, plan: ClonePlan, name: string, pool: string): Promise<void> {
  return checkNewVmTarget(lv, name, pool, plan.disks.map((d) => d.volume));
}
