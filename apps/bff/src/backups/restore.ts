// Restoring a backup point. A point's volume for a disk is a qcow2 image whose backing chain runs
// through the earlier points of its set down to the full backup (each incremental was made as an
// overlay on the previous point's volume). libvirt's virStorageVolCreateXMLFrom copies it with
// `qemu-img convert`, which reads through that chain: the copy is the disk as it was at that
// point, as one flat image in the disk's own format, independent of the backup files.
// - To a new VM: the disks are copied into a pool the caller chooses, and the VM is defined from
//   the definition saved with the backup (new name, a UUID of libvirt's, new MACs).
// - In place, over a shut-off VM, after the caller confirmed by typing its name: each disk's
//   volume is deleted and made again, with the same name, from the backup (one copy; the backup
//   stays, so a restore that fails half-way can be run again). The VM's checkpoints went with its
//   old images, so their metadata is deleted and its next backup is a full one.
import { TRPCError } from '@trpc/server';
import { isNoDomain, type Libvirt } from '@virtdeck/libvirt-client';
import { buildVolumeXml, cloneDomainXml, parseDomainXml, type CloneDiskSource } from '@virtdeck/libvirt-xml';
import { fieldError } from '../routers/field-error.js';
import { checkNewVmTarget } from '../routers/domain/new-vm-target.js';
import { recordedJob } from '../jobs/history.js';
import type { BackupServices } from './run-backup.js';
import { getPoint, type BackupPoint } from './store.js';
import { vmDisks } from './vm-disks.js';

async function donePoint(services: BackupServices, hostId: string, backupId: string): Promise<BackupPoint> {
  const point = await getPoint(services.db, backupId);
  if (!point || point.hostId !== hostId) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such backup' });
  if (point.status !== 'done') throw new TRPCError({ code: 'CONFLICT', message: `that backup is ${point.status}, not complete: it cannot be restored` });
  return point;
}

export interface RestoreToNewVmInput {
  hostId: string;
  backupId: string;
  name: string;
  pool: string;
  actor: string | null;
}

export async function restoreToNewVm(services: BackupServices, input: RestoreToNewVmInput): Promise<{ uuid: string; name: string }> {
  const point = await donePoint(services, input.hostId, input.backupId);
  const lv = await services.hosts.client(input.hostId);
  await checkNewVm(lv, input.name, input.pool, point);
  return recordedJob(services.db, { hostId: input.hostId, uuid: point.uuid, kind: 'restore', actor: input.actor, detail: `restore of the ${point.kind} backup to a new VM ${input.name} in ${input.pool}` }, async () => {
    const made: string[] = [];
    try {
      const disks: Record<string, CloneDiskSource> = {};
      for (const d of point.disks) {
        const vol = await lv.volumes.clone(input.pool, buildVolumeXml({ name: newVolumeName(input.name, d.disk, d.format), format: d.format, capacityBytes: d.capacity }), { path: d.path });
        made.push(vol.key);
        disks[d.disk] = { path: (await lv.volumes.get(vol)).path, format: d.format };
      }
      const dom = await lv.domains.define(cloneDomainXml(point.domainXml, { name: input.name, disks }));
      return { uuid: (await lv.domains.get(dom)).uuid, name: input.name };
    } catch (err) {
      for (const key of made.reverse()) await lv.volumes.delete({ key }).catch(() => undefined);
      throw err;
    }
  });
}

const newVolumeName = (vm: string, disk: string, format: 'raw' | 'qcow2'): string => `${vm}-${disk}.${format}`;

function checkNewVm(lv: Libvirt, name: string, pool: string, point: BackupPoint): Promise<void> {
  return checkNewVmTarget(lv, name, pool, point.disks.map((d) => newVolumeName(name, d.disk, d.format)));
}

export interface RestoreInPlaceInput {
  hostId: string;
  backupId: string;
  /** The VM's current name, typed by the user to confirm that its disks will be overwritten. */
  confirmName: string;
  actor: string | null;
}

export async function restoreInPlace(services: BackupServices, input: RestoreInPlaceInput): Promise<void> {
  const point = await donePoint(services, input.hostId, input.backupId);
  const lv = await services.hosts.client(input.hostId);
  const dom = await lv.domains.get(point.uuid).catch((e: unknown) => {
    if (isNoDomain(e)) throw new TRPCError({ code: 'NOT_FOUND', message: `the VM ${point.domainName} no longer exists: restore it to a new VM instead` });
    throw e;
  });
  if (input.confirmName !== dom.name) throw fieldError('confirmName', `type the VM's name, ${dom.name}, to confirm that its disks are overwritten`);
  if (dom.state !== 'shutoff') throw new TRPCError({ code: 'CONFLICT', message: `${dom.name} is ${dom.state}: shut it off before restoring over it` });

  // Each disk of the VM now, matched to the backup's by target; all checked before any is touched.
  const current = await vmDisks(lv, point.uuid);
  const plan: { disk: string; from: string; pool: string; name: string; format: 'raw' | 'qcow2'; capacity: number; path: string }[] = [];
  for (const d of point.disks) {
    const now = current.disks.find((c) => c.disk === d.disk);
    if (!now) throw new TRPCError({ code: 'CONFLICT', message: `${dom.name} has no disk ${d.disk} any more: restore the backup to a new VM instead` });
    const path = await diskPath(lv, point.uuid, d.disk);
    const vol = path === null ? null : await lv.volumes.get({ path }).catch(() => null);
    if (!vol || path === null) throw new TRPCError({ code: 'BAD_REQUEST', message: `the disk ${d.disk} of ${dom.name} is not a volume of an active pool: restore to a new VM instead` });
    plan.push({ disk: d.disk, from: d.path, pool: vol.pool, name: vol.name, format: now.format, capacity: d.capacity, path });
  }
  await recordedJob(services.db, { hostId: input.hostId, uuid: point.uuid, kind: 'restore', actor: input.actor, detail: `restore of the ${point.kind} backup over ${dom.name}` }, async () => {
    for (const p of plan) {
      await lv.volumes.delete({ path: p.path });
      await lv.volumes.clone(p.pool, buildVolumeXml({ name: p.name, format: p.format, capacityBytes: p.capacity }), { path: p.from });
    }
    for (const c of await lv.checkpoints.list(point.uuid)) await lv.checkpoints.delete(point.uuid, c.name, ['METADATA_ONLY']);
  });
}

async function diskPath(lv: Libvirt, uuid: string, target: string): Promise<string | null> {
  const disk = parseDomainXml(await lv.domains.getXml(uuid, { inactive: true })).disks.find((d) => d.targetDev === target);
  const top = disk?.chain.layers[0]?.source;
  return top?.kind === 'file' ? top.path : top?.kind === 'block' ? top.dev : null;
}
