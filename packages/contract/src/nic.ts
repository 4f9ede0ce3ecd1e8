// Inputs and results of changing a VM's network interfaces. The BFF checks calls with these
// schemas and the NIC dialogs check their fields with the very same ones: the messages are
// written for the form fields. A NIC is named by its MAC address, which the audit log records
// with the VM.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';

export const NIC_MODELS = ['virtio', 'e1000', 'e1000e', 'rtl8139'] as const;
export type NicModelName = (typeof NIC_MODELS)[number];

/** A unicast MAC address (the first octet even: an odd one is a multicast address no NIC may have). */
export const macSchema = z
  .string()
  .trim()
  .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'six hex pairs such as 52:54:00:12:34:56')
  .refine((m) => parseInt(m.slice(0, 2), 16) % 2 === 0, 'a multicast address: the first pair must be even')
  .transform((m) => m.toLowerCase());

/** Where a NIC is plugged in: a libvirt network, a host bridge, or QEMU's user-mode NAT. */
export const nicSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('network'), network: z.string().min(1, 'choose a network').max(255, 'at most 255 characters') }),
  z.object({
    kind: z.literal('bridge'),
    bridge: z
      .string()
      .trim()
      .min(1, 'name the bridge')
      .max(15, 'at most 15 characters')
      .regex(/^[A-Za-z0-9_.-]+$/, 'an interface name: letters, digits and _ . - only'),
  }),
  z.object({ kind: z.literal('user') }),
]);
export type NicSourceInput = z.infer<typeof nicSourceSchema>;

/** A new NIC, in the running VM and its definition. Without a MAC the BFF makes one (the same in both). */
export const attachNicSchema = domainInput.extend({
  source: nicSourceSchema,
  model: z.enum(NIC_MODELS).default('virtio'),
  mac: macSchema.optional(),
  linkUp: z.boolean().default(true),
});
export type AttachNicInput = z.input<typeof attachNicSchema>;

export const detachNicSchema = domainInput.extend({ mac: macSchema });
export type DetachNicInput = z.input<typeof detachNicSchema>;

/** New source, model and MAC of a NIC (`newMac` absent: the MAC stays). */
export const updateNicSchema = domainInput.extend({
  mac: macSchema,
  source: nicSourceSchema,
  model: z.enum(NIC_MODELS),
  newMac: macSchema.optional(),
});
export type UpdateNicInput = z.input<typeof updateNicSchema>;

/** The link of a NIC up or down: the cable plugged in or pulled, live, and kept in the definition. */
export const setNicLinkSchema = domainInput.extend({ mac: macSchema, up: z.boolean() });
export type SetNicLinkInput = z.input<typeof setNicLinkSchema>;

/**
 * What a NIC change did. `live`: the running VM took it, still waits for the guest to let go (an
 * unplug the guest has not answered), takes it at the next boot, or is not running.
 * `definition`: the persistent definition took it.
 */
export interface NicChangeResult {
  /** The NIC's MAC address after the change. */
  mac: string;
  live: 'applied' | 'waiting-for-guest' | 'next-boot' | 'not-running';
  definition: boolean;
  /** A plain sentence on anything the user should know (what waits, what libvirt refused live). */
  note: string | null;
}
