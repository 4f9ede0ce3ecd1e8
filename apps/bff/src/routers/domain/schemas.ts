// Inputs of the domain procedures. The create form's schema is the contract with the web app.
import { z } from 'zod';

export const domainInput = z.object({ uuid: z.uuid() });

const objectName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, 'letters, digits and _ . + - only, starting with a letter or digit');

export const createDomainSchema = z.object({
  name: objectName,
  memoryMiB: z.number().int().min(16).max(1024 * 1024),
  vcpus: z.number().int().min(1).max(256),
  disk: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    /** An existing volume of a pool, used as is. */
    z.object({ kind: z.literal('existing'), pool: z.string().min(1), volume: z.string().min(1) }),
    /** A new empty volume. */
    z.object({
      kind: z.literal('new'),
      pool: z.string().min(1),
      volume: objectName,
      capacityGiB: z.number().positive().max(64 * 1024),
      format: z.enum(['qcow2', 'raw']).default('qcow2'),
    }),
    /** A qcow2 overlay on a base volume: a linked clone. */
    z.object({ kind: z.literal('overlay'), pool: z.string().min(1), base: z.string().min(1), volume: objectName }),
  ]),
  /** An ISO volume to boot from. */
  iso: z.object({ pool: z.string().min(1), volume: z.string().min(1) }).nullable().default(null),
  network: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('network'), network: z.string().min(1).max(64) }),
      z.object({ kind: z.literal('bridge'), bridge: z.string().min(1).max(15) }),
    ])
    .default({ kind: 'none' }),
  graphics: z.enum(['vnc', 'spice', 'none']).default('vnc'),
  start: z.boolean().default(false),
});
export type CreateDomainInput = z.infer<typeof createDomainSchema>;

export const deleteDomainSchema = domainInput.extend({
  /** Paths of the volumes (disk layers) to delete with the domain. */
  deleteVolumes: z.array(z.string().min(1).max(4096)).max(64).default([]),
});
