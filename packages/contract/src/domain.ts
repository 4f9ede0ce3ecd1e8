// Inputs of the domain procedures. The BFF checks calls with these, and the create form checks its
// fields with the very same schema before sending: the messages are written for the form.
import { z } from './zod-jitless.ts';
import { newObjectNameSchema } from './names.ts';

/** A domain of a host, by its UUID (the host is named by the procedure's hostId). */
export const domainInput = z.object({ uuid: z.uuid() });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'a whole number' })
    .int('a whole number')
    .min(min, `at least ${min}`)
    .max(max, `at most ${max.toLocaleString('en-US')}`);
const chosen = (what: string) => z.string().min(1, `choose ${what}`);

export const createDomainSchema = z.object({
  name: newObjectNameSchema,
  memoryMiB: wholeNumber(16, 1024 * 1024),
  vcpus: wholeNumber(1, 256),
  disk: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    /** An existing volume of a pool, used as is. */
    z.object({ kind: z.literal('existing'), pool: chosen('a pool'), volume: chosen('a volume') }),
    /** A new empty volume. */
    z.object({
      kind: z.literal('new'),
      pool: chosen('a pool'),
      volume: newObjectNameSchema,
      capacityGiB: z.number({ error: 'a size above 0' }).positive('a size above 0').max(64 * 1024, 'at most 65,536 GiB'),
      format: z.enum(['qcow2', 'raw']).default('qcow2'),
    }),
    /** A qcow2 overlay on a base volume: a linked clone. */
    z.object({ kind: z.literal('overlay'), pool: chosen('a pool'), base: chosen('a volume'), volume: newObjectNameSchema }),
  ]),
  /** An ISO volume to boot from. */
  iso: z.object({ pool: chosen('a pool'), volume: chosen('an ISO volume') }).nullable().default(null),
  network: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('network'), network: chosen('a network').max(64, 'at most 64 characters') }),
      z.object({ kind: z.literal('bridge'), bridge: z.string().trim().min(1, 'name the bridge').max(15, 'at most 15 characters') }),
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

/** Live migration between registered hosts (its own file: migration.ts). */
export * from './migration.ts';
