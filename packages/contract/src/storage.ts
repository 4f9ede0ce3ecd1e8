// Inputs of the storage procedures (pools and volumes). Each field is checked here, so a bad one is
// a 400 naming it before libvirt is asked; the forms check their fields with the same schemas.
import { z } from './zod-jitless.ts';
import { absolutePathSchema, bytesSchema, objectNameSchema } from './names.ts';

export { absolutePathSchema, bytesSchema, objectNameSchema };

const uuid = z.uuid().optional();
const fsFormat = z.enum(['auto', 'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat']);

/** The "add storage pool" form: dir, fs, logical and netfs pools (buildPoolXml's PoolSpec). */
export const poolSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dir'), name: objectNameSchema, uuid, targetPath: absolutePathSchema }),
  z.object({
    type: z.literal('fs'),
    name: objectNameSchema,
    uuid,
    targetPath: absolutePathSchema,
    sourceDevice: absolutePathSchema,
    format: fsFormat.optional(),
  }),
  z.object({
    type: z.literal('logical'),
    name: objectNameSchema,
    uuid,
    vgName: z.string().regex(/^[A-Za-z0-9+_.-]{1,127}$/, 'must be a volume group name').optional(),
    sourceDevices: z.array(absolutePathSchema).max(64).optional(),
    targetPath: absolutePathSchema.optional(),
  }),
  z.object({
    type: z.literal('netfs'),
    name: objectNameSchema,
    uuid,
    targetPath: absolutePathSchema,
    host: z.string().min(1).max(255).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or address'),
    dir: absolutePathSchema,
    format: z.enum(['nfs', 'auto', 'glusterfs', 'cifs']).optional(),
  }),
]);
export type PoolSpecInput = z.infer<typeof poolSpecSchema>;

/** What to do right after defining a pool. */
export const poolDefineOptionsSchema = z.object({
  /** Build the target (mkdir, mkfs, vgcreate...) before starting. */
  build: z.boolean().default(false),
  start: z.boolean().default(true),
  autostart: z.boolean().default(false),
});

/** A pool named by its name (the audit log names it too). */
export const poolInput = z.object({ name: objectNameSchema });

export const poolDeleteInput = poolInput.extend({
  /** Also delete the pool's storage (virStoragePoolDelete: rmdir, vgremove...) after stopping it. */
  deleteStorage: z.boolean().default(false),
});

/** A volume named by pool and volume name; `name` comes first so the audit log names the volume. */
export const volumeInput = z.object({ pool: objectNameSchema, name: objectNameSchema });

export const volumeCreateInput = volumeInput.extend({
  format: z.enum(['raw', 'qcow2']),
  capacityBytes: bytesSchema.min(1),
  /** Preallocate this much; default 0 (sparse). */
  allocationBytes: bytesSchema.optional(),
});

/** A qcow2 overlay (linked clone) on a backing volume, by default of the same pool. */
export const volumeOverlayInput = volumeInput.extend({
  backing: z.object({ pool: objectNameSchema.optional(), name: objectNameSchema }),
  /** Default: the backing volume's capacity. */
  capacityBytes: bytesSchema.min(1).optional(),
});

export const volumeResizeInput = volumeInput.extend({
  capacityBytes: bytesSchema.min(1),
  /** Shrinking loses data at the end of the volume: only when asked. */
  shrink: z.boolean().default(false),
});
