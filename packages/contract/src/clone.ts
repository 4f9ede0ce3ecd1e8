// Inputs and progress of cloning a shut-off VM. The BFF checks calls with these schemas and the
// clone dialog checks its fields with the very same ones.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';
import { newObjectNameSchema } from './names.ts';

/**
 * `full`: every disk copied into `pool` (virStorageVolCreateXMLFrom). `linked`: a qcow2 overlay
 * in `pool` on each of the source's disks, which become shared bases: fast, but the source must
 * then stay shut off, or the clones read changed bases.
 */
export const cloneDomainSchema = domainInput.extend({
  name: newObjectNameSchema,
  mode: z.enum(['full', 'linked']).default('full'),
  pool: z.string().min(1, 'choose a pool').max(255, 'at most 255 characters'),
});
export type CloneDomainInput = z.input<typeof cloneDomainSchema>;

/** The clone's progress is watched by the same input the clone was asked with, sampled every `intervalMs`. */
export const cloneProgressSchema = cloneDomainSchema.extend({ intervalMs: z.number().int().min(250).max(10_000).default(1000) });

export interface CloneDiskProgress {
  /** The source disk's target (vda). */
  disk: string;
  /** The new volume in the destination pool. */
  volume: string;
  /** Bytes written so far and the bytes to copy (the source's allocation); equal once done. */
  done: number;
  total: number;
}

export interface CloneProgress {
  disks: CloneDiskProgress[];
  /** The clone is defined: every disk is copied. */
  finished: boolean;
}

export interface CloneResult {
  uuid: string;
  name: string;
  volumes: { disk: string; pool: string; name: string }[];
}
