// Inputs of the snapshot procedures, shared by the BFF and the snapshot dialogs.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';

/** Snapshot names end up in overlay file names: letters, digits, '.', '_' and '-'. */
export const snapshotNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-', starting with a letter or digit");

export const snapshotDescriptionSchema = z.string().max(1000, 'at most 1,000 characters');

/** `name` (the snapshot) is what the audit log names. */
export const snapshotInput = domainInput.extend({ name: snapshotNameSchema });

/**
 * - `internal`: inside the qcow2 images; with `memory` the running guest's RAM too (libvirt takes
 *   it whenever the guest runs, and a shut-off guest has none).
 * - `disk-only`: each file-backed disk switches to a new qcow2 overlay.
 * - `external`: overlays like disk-only, plus the running guest's memory saved to a file.
 */
export const snapshotKindSchema = z.enum(['internal', 'disk-only', 'external']);

export const snapshotCreateInput = snapshotInput.extend({
  kind: snapshotKindSchema,
  /** Internal snapshots: take the running guest's memory (the default when it runs). */
  memory: z.boolean().optional(),
  description: snapshotDescriptionSchema.optional(),
});
export type SnapshotCreateInput = z.infer<typeof snapshotCreateInput>;

export const snapshotActionSchema = z.enum(['create-internal', 'create-disk-only', 'create-external', 'revert', 'delete']);

export const snapshotDeleteInput = snapshotInput.extend({
  /** The snapshot and every descendant. */
  children: z.boolean().default(false),
  /** Only libvirt's record of it: the disk state (internal snapshot, overlay) stays where it is. */
  metadataOnly: z.boolean().default(false),
});

export const snapshotDescribeInput = snapshotInput.extend({ description: snapshotDescriptionSchema });
