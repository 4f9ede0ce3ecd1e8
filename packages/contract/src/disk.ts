// Inputs and results of changing a VM's disks and CD-ROM drives. The BFF checks calls with these
// schemas and the disk dialogs check their fields with the very same ones: the messages are
// written for the form fields. A disk is named by its target (`disk: 'vdb'`), which the audit log
// records with the VM. Images are always named as pool + volume, never as a host path:
// the BFF resolves the path, so an operator cannot point a VM at a file outside the pools.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';
import { newObjectNameSchema } from './names.ts';

const chosen = (what: string) => z.string().min(1, `choose ${what}`).max(255, 'at most 255 characters');

/** A disk's target name as libvirt writes it (vda, sdb, hdc). */
export const diskTargetSchema = z.string().regex(/^[a-z]{2,3}[a-z]{1,3}$/, 'a disk target such as vdb');

export const DISK_BUSES = ['virtio', 'scsi', 'sata', 'usb'] as const;
export const CDROM_BUSES = ['sata', 'scsi', 'ide', 'usb'] as const;
export const DISK_CACHES = ['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'] as const;
export const DISK_IOS = ['default', 'native', 'threads', 'io_uring'] as const;
export const DISK_DISCARDS = ['default', 'ignore', 'unmap'] as const;

const sizeGiB = z
  .number({ error: 'a size above 0' })
  .positive('a size above 0')
  .max(64 * 1024, 'at most 65,536 GiB');

/** How the image is opened ('default': the hypervisor's choice) and whether it is read-only or shared. */
export const diskOptionsSchema = z.object({
  cache: z.enum(DISK_CACHES).default('default'),
  io: z.enum(DISK_IOS).default('default'),
  discard: z.enum(DISK_DISCARDS).default('default'),
  readonly: z.boolean().default(false),
  shareable: z.boolean().default(false),
});
export type DiskOptionsInput = z.infer<typeof diskOptionsSchema>;

/** A new volume in a pool, or an existing one, attached as a disk on a bus. */
export const attachDiskSchema = domainInput.extend({
  ...diskOptionsSchema.shape,
  bus: z.enum(DISK_BUSES).default('virtio'),
  source: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('new'),
      pool: chosen('a pool'),
      volume: newObjectNameSchema,
      capacityGiB: sizeGiB,
      format: z.enum(['qcow2', 'raw']).default('qcow2'),
    }),
    z.object({ kind: z.literal('existing'), pool: chosen('a pool'), volume: chosen('a volume') }),
  ]),
});
export type AttachDiskInput = z.infer<typeof attachDiskSchema>;

/** Removes a disk; with `deleteVolume` its volume goes too, once nothing else uses it. */
export const detachDiskSchema = domainInput.extend({
  disk: diskTargetSchema,
  deleteVolume: z.boolean().default(false),
});
export type DetachDiskInput = z.infer<typeof detachDiskSchema>;

/** Grows a disk to a new size (a disk never shrinks: its file systems would break). */
export const resizeDiskSchema = domainInput.extend({ disk: diskTargetSchema, capacityGiB: sizeGiB });
export type ResizeDiskInput = z.infer<typeof resizeDiskSchema>;

export const setDiskOptionsSchema = domainInput.extend({ disk: diskTargetSchema, ...diskOptionsSchema.shape });
export type SetDiskOptionsInput = z.infer<typeof setDiskOptionsSchema>;

/** An ISO volume into a CD-ROM drive. */
export const insertMediaSchema = domainInput.extend({ disk: diskTargetSchema, pool: chosen('a pool'), volume: chosen('an ISO volume') });
export type InsertMediaInput = z.infer<typeof insertMediaSchema>;

/** Ejects a CD-ROM drive's medium; `force` even when the guest has locked the tray. */
export const ejectMediaSchema = domainInput.extend({ disk: diskTargetSchema, force: z.boolean().default(false) });
export type EjectMediaInput = z.infer<typeof ejectMediaSchema>;

/** A new, empty CD-ROM drive (on a shut-off VM: these buses take no hot-plugged drive). */
export const addCdromSchema = domainInput.extend({ bus: z.enum(CDROM_BUSES).default('sata') });
export type AddCdromInput = z.infer<typeof addCdromSchema>;

/**
 * What a disk change did. `live`: the running VM took it, still waits for the guest to let go
 * (an unplug the guest has not answered), takes it at the next boot, or is not running.
 * `definition`: the persistent definition took it.
 */
export interface DiskChangeResult {
  /** The disk's target (vdb), as the audit log names it too. */
  disk: string;
  live: 'applied' | 'waiting-for-guest' | 'next-boot' | 'not-running';
  definition: boolean;
  /** A plain sentence on anything the user should know (what waits, what was kept). */
  note: string | null;
}

export interface DetachDiskResult extends DiskChangeResult {
  /** The volume asked to be deleted: deleted, or kept because the guest has not released the disk yet. */
  volume: { pool: string; name: string; outcome: 'deleted' | 'kept-disk-still-attached' } | null;
}
