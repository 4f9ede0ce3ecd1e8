// Removable media: an ISO from a pool into a CD-ROM drive, or ejected, live on a running VM and
// in its definition (virDomainUpdateDeviceFlags, as `virsh change-media` does), and a new empty
// drive on a shut-off VM (SATA and IDE drives cannot be hot-plugged).
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { buildCdromDeviceXml, nextDiskTarget, withCdromMedium } from '@virtdeck/libvirt-xml';
import type { AddCdromInput, DiskChangeResult, EjectMediaInput, InsertMediaInput } from '@virtdeck/contract/disk';
import { domainDisks, orRefusal, poolImage, requireDisk, takenTargets, whereIs, type DomainDisks } from './disk-state.js';

function requireDrive(d: DomainDisks, target: string): void {
  const disk = requireDisk(d, target);
  if (disk.device !== 'cdrom') throw new TRPCError({ code: 'BAD_REQUEST', message: `disk: ${target} is not a CD-ROM drive` });
}

async function changeMedium(lv: Libvirt, d: DomainDisks, target: string, isoPath: string | null, what: string, force: boolean): Promise<DiskChangeResult> {
  const where = whereIs(d, target);
  const deviceXml = withCdromMedium(d.live && where.includes('LIVE') ? d.live : d.config, target, isoPath);
  await orRefusal(lv, d.uuid, target, what, () => lv.domains.updateDevice(d.uuid, deviceXml, force ? [...where, 'FORCE'] : where));
  return { disk: target, live: where.includes('LIVE') ? 'applied' : 'not-running', definition: where.includes('CONFIG'), note: null };
}

export async function insertMedia(lv: Libvirt, input: InsertMediaInput): Promise<DiskChangeResult> {
  const d = await domainDisks(lv, input.uuid);
  requireDrive(d, input.disk);
  const iso = await poolImage(lv, input.pool, input.volume);
  if (iso.sourceType !== 'file') throw new TRPCError({ code: 'BAD_REQUEST', message: `volume: ${iso.name} is not a file; choose an ISO file volume` });
  return changeMedium(lv, d, input.disk, iso.path, `Inserting ${iso.name} into ${input.disk}`, false);
}

export async function ejectMedia(lv: Libvirt, input: EjectMediaInput): Promise<DiskChangeResult> {
  const d = await domainDisks(lv, input.uuid);
  requireDrive(d, input.disk);
  return changeMedium(lv, d, input.disk, null, `Ejecting ${input.disk}'s medium`, input.force);
}

export async function addCdrom(lv: Libvirt, input: AddCdromInput): Promise<DiskChangeResult> {
  const d = await domainDisks(lv, input.uuid);
  if (d.running) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `${d.name} is running: shut it off to add a CD-ROM drive (a drive on ${input.bus} cannot be hot-plugged)` });
  }
  const target = nextDiskTarget(takenTargets(d), input.bus);
  await orRefusal(lv, input.uuid, target, `Adding a CD-ROM drive ${target}`, () => lv.domains.attachDevice(input.uuid, buildCdromDeviceXml({ targetDev: target, bus: input.bus }), ['CONFIG']));
  return { disk: target, live: 'not-running', definition: true, note: `${target} is an empty CD-ROM drive.` };
}
