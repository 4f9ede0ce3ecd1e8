// Inputs of the network procedures. The BFF checks calls with these and the network forms check
// their fields with the same schemas; what needs the subnet (a DHCP range inside it) is checked by
// libvirt-xml's builder, which names the field too.
import { z } from './zod-jitless.ts';
import { newObjectNameSchema, objectNameSchema } from './names.ts';

/** A network named by its name (the audit log names it too). */
export const networkInput = z.object({ name: objectNameSchema });

export const networkForwardSchema = z.enum(['nat', 'isolated', 'route', 'open', 'bridge']);
export type NetworkForward = z.infer<typeof networkForwardSchema>;

/** A Linux interface name: what a bridge or a forward device is called. */
export const interfaceNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'an interface name: at most 15 letters, digits, _ . -');

const ipv4 = z.ipv4({ error: 'an IPv4 address like 192.168.100.1' });
const ipv6 = z.ipv6({ error: 'an IPv6 address like fd00:1::1' });

/** A static DHCP host: IPv4 hosts are matched by MAC, IPv6 ones by name. */
export const dhcpHostSchema = z.object({
  mac: z.mac({ error: 'a MAC address like 52:54:00:12:34:56' }).optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, 'a host name: letters, digits and -')
    .optional(),
  ip: z.union([ipv4, ipv6], { error: 'an IPv4 or IPv6 address' }),
});
export type DhcpHostInput = z.infer<typeof dhcpHostSchema>;

const dhcpRange = z.object({ start: z.string().min(1, 'required'), end: z.string().min(1, 'required') });

export const networkIpSchema = z.discriminatedUnion('family', [
  z.object({
    family: z.literal('ipv4'),
    address: ipv4,
    prefix: z.number({ error: 'a prefix length' }).int().min(8, 'at least 8').max(30, 'at most 30'),
    dhcpRange: z.object({ start: ipv4, end: ipv4 }).optional(),
    hosts: z.array(dhcpHostSchema.extend({ ip: ipv4 })).max(256).default([]),
  }),
  z.object({
    family: z.literal('ipv6'),
    address: ipv6,
    prefix: z.number({ error: 'a prefix length' }).int().min(8, 'at least 8').max(126, 'at most 126'),
    dhcpRange: dhcpRange.extend({ start: ipv6, end: ipv6 }).optional(),
    hosts: z.array(dhcpHostSchema.extend({ ip: ipv6 })).max(256).default([]),
  }),
]);

const specFields = {
  forward: networkForwardSchema,
  /** The bridge libvirt creates (empty: libvirt picks virbrN); for `bridge`, the host bridge to join. */
  bridge: interfaceNameSchema.optional(),
  /** NAT and routed networks: the host interface traffic leaves by (empty: any). */
  forwardDev: interfaceNameSchema.optional(),
  ips: z.array(networkIpSchema).max(2).default([]),
};

/** The "define network" form. */
export const networkDefineInput = z
  .object({
    name: newObjectNameSchema,
    ...specFields,
    start: z.boolean().default(true),
    autostart: z.boolean().default(false),
  })
  .superRefine(refineSpec);
export type NetworkDefineInput = z.infer<typeof networkDefineInput>;

/** The "edit network" form: the definition again (same name, same UUID); a running network takes it at its next start. */
export const networkEditInput = z.object({ name: objectNameSchema, ...specFields }).superRefine(refineSpec);
export type NetworkEditInput = z.infer<typeof networkEditInput>;

function refineSpec(v: { forward: NetworkForward; bridge?: string | undefined; forwardDev?: string | undefined; ips: { family: string }[] }, ctx: z.RefinementCtx) {
  if (v.forward === 'bridge' && !v.bridge) ctx.addIssue({ code: 'custom', path: ['bridge'], message: 'name the host bridge to join' });
  if (v.forward === 'bridge' && v.ips.length > 0) ctx.addIssue({ code: 'custom', path: ['ips'], message: 'a bridged network has no addresses of its own' });
  if (v.forward !== 'bridge' && v.ips.length === 0) ctx.addIssue({ code: 'custom', path: ['ips'], message: 'give an IPv4 or an IPv6 address' });
  if (v.forwardDev && v.forward !== 'nat' && v.forward !== 'route') ctx.addIssue({ code: 'custom', path: ['forwardDev'], message: 'only a NAT or routed network names a host interface' });
  if (new Set(v.ips.map((ip) => ip.family)).size !== v.ips.length) ctx.addIssue({ code: 'custom', path: ['ips'], message: 'at most one IPv4 and one IPv6 address' });
}

/** A static DHCP host added, changed (matched by MAC, or by name for IPv6) or removed, live and in the definition. */
export const networkDhcpHostInput = networkInput.extend({
  command: z.enum(['add', 'modify', 'delete']),
  family: z.enum(['ipv4', 'ipv6']).default('ipv4'),
  host: dhcpHostSchema,
});
export type NetworkDhcpHostInput = z.infer<typeof networkDhcpHostInput>;
