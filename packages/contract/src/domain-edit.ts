// Inputs and results of editing an existing domain (CPU and memory, boot, title and description,
// raw XML). The BFF checks calls with these schemas and the edit dialogs check their fields with
// the very same ones before sending: the messages are written for the form fields.
import { z } from './zod-jitless.ts';
import { domainInput } from './domain.ts';

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'a whole number' })
    .int('a whole number')
    .min(min, `at least ${min.toLocaleString('en-US')}`)
    .max(max, `at most ${max.toLocaleString('en-US')}`);

/** A cross-field check runs when both fields are numbers, whatever else is refused. */
const bothNumbers =
  (a: string, b: string) =>
  ({ value }: { value: unknown }): boolean => {
    const v = value as Record<string, unknown> | null;
    return typeof v?.[a] === 'number' && Number.isFinite(v[a]) && typeof v[b] === 'number' && Number.isFinite(v[b]);
  };

/** vCPUs (current and maximum) and memory in MiB (current and maximum). */
export const setResourcesSchema = domainInput
  .extend({
    vcpus: wholeNumber(1, 256),
    maxVcpus: wholeNumber(1, 256),
    memoryMiB: wholeNumber(16, 1024 * 1024),
    maxMemoryMiB: wholeNumber(16, 1024 * 1024),
  })
  // Checked even while another field is refused, so the form shows every problem at once.
  .refine((v) => v.vcpus <= v.maxVcpus, { path: ['vcpus'], message: 'at most the maximum vCPUs', when: bothNumbers('vcpus', 'maxVcpus') })
  .refine((v) => v.memoryMiB <= v.maxMemoryMiB, { path: ['memoryMiB'], message: 'at most the maximum memory', when: bothNumbers('memoryMiB', 'maxMemoryMiB') });
export type SetResourcesInput = z.infer<typeof setResourcesSchema>;

/** A device that can boot: a disk by its target (vda, sdb) or a NIC by its MAC address. */
export const bootDeviceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disk'), target: z.string().regex(/^[a-z]{2,3}[a-z0-9]{1,6}$/, 'a disk target such as vda') }),
  z.object({ kind: z.literal('nic'), mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'a MAC address') }),
]);
export type BootDevice = z.infer<typeof bootDeviceSchema>;

export const bootDeviceKey = (d: BootDevice): string => (d.kind === 'disk' ? `disk:${d.target}` : `nic:${d.mac.toLowerCase()}`);

/** Boot order (first boots first; devices left out do not boot) and the boot menu. */
export const setBootSchema = domainInput.extend({
  order: z
    .array(bootDeviceSchema)
    .min(1, 'choose at least one device to boot from')
    .max(32, 'at most 32 devices')
    .refine((list) => new Set(list.map(bootDeviceKey)).size === list.length, 'a device is listed twice'),
  menu: z.object({
    enabled: z.boolean(),
    /** How long the menu waits, in milliseconds (libvirt's `timeout`, 0 to 65535). */
    timeoutMs: wholeNumber(0, 65_535).nullable().default(null),
  }),
});
export type SetBootInput = z.infer<typeof setBootSchema>;

// libvirt refuses a title with a newline; both are plain text (escaped when written).
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const setTitleSchema = domainInput.extend({
  title: z
    .string()
    .max(256, 'at most 256 characters')
    .refine((t) => !/[\r\n]/.test(t), 'one line only')
    .refine((t) => !CONTROL.test(t), 'no control characters'),
  description: z
    .string()
    .max(8192, 'at most 8,192 characters')
    .refine((t) => !CONTROL.test(t), 'no control characters'),
});
export type SetTitleInput = z.infer<typeof setTitleSchema>;

/** A new persistent definition, as XML (admins only: XML can name any host path). */
export const defineXmlSchema = domainInput.extend({
  xml: z.string().trim().min(1, 'the XML is empty').max(1024 * 1024, 'at most 1 MiB of XML'),
  /**
   * The definition the edit started from: when given, saving is refused (CONFLICT) if the
   * definition changed since, so nobody's change is overwritten unseen.
   */
  base: z.string().max(1024 * 1024).optional(),
});
export type DefineXmlInput = z.infer<typeof defineXmlSchema>;

/** Where a change went: into the running VM and its definition, or only into the definition. */
export type AppliedTo = 'live-and-config' | 'config';

/** What an edit did: each field changed and where it went; `pending` fields apply at next boot. */
export interface EditResult {
  changed: { field: string; appliedTo: AppliedTo }[];
  /** Fields whose new value waits for the next boot (the VM runs, the live change was refused or impossible). */
  pending: string[];
  /** Why a live change was refused, when one was (libvirt's words). */
  liveRefusal: string | null;
}
