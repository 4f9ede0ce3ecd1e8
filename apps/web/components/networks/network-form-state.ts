// The define/edit network form's state, and the procedure input it makes: one IPv4 and one IPv6
// block (each optional), a DHCP range in each. Static hosts are kept as they were on edit (they are
// changed live in the DHCP hosts panel). Local refusals carry the form's own field keys.
import { networkEditInput, type NetworkForward } from '@virtdeck/contract/network';

export interface AddressBlock {
  address: string;
  prefix: string;
  dhcpStart: string;
  dhcpEnd: string;
}

export interface NetworkFormState {
  name: string;
  forward: NetworkForward;
  bridge: string;
  forwardDev: string;
  v4: AddressBlock;
  v6: AddressBlock;
}

type Host = { mac?: string | undefined; name?: string | undefined; ip?: string | undefined };
export interface KeptHosts {
  v4: Host[];
  v6: Host[];
}

const emptyBlock: AddressBlock = { address: '', prefix: '', dhcpStart: '', dhcpEnd: '' };

export const blankNetwork = (): NetworkFormState => ({
  name: '',
  forward: 'nat',
  bridge: '',
  forwardDev: '',
  v4: { address: '192.168.100.1', prefix: '24', dhcpStart: '192.168.100.100', dhcpEnd: '192.168.100.199' },
  v6: { ...emptyBlock },
});

export const FORWARDS: { value: NetworkForward; label: string }[] = [
  { value: 'nat', label: 'NAT (guests reach out through the host)' },
  { value: 'isolated', label: 'Isolated (guests and host only)' },
  { value: 'route', label: 'Routed (no NAT)' },
  { value: 'open', label: 'Open (no firewall rules)' },
  { value: 'bridge', label: 'Bridged to a host bridge' },
];

interface Details {
  name: string;
  forwardMode: string;
  forwardDev?: string | undefined;
  bridge?: string | undefined;
  ips: { family: 'ipv4' | 'ipv6'; address: string; prefix?: number | undefined; dhcpRanges: { start: string; end: string }[]; dhcpHosts: Host[] }[];
}

/** The form filled from a network's parsed XML (for editing). */
export function fromDetails(d: Details): { state: NetworkFormState; hosts: KeptHosts } {
  const block = (family: 'ipv4' | 'ipv6'): AddressBlock => {
    const ip = d.ips.find((i) => i.family === family);
    if (!ip) return { ...emptyBlock };
    const range = ip.dhcpRanges[0];
    return { address: ip.address, prefix: ip.prefix === undefined ? '' : String(ip.prefix), dhcpStart: range?.start ?? '', dhcpEnd: range?.end ?? '' };
  };
  const forward = (FORWARDS.some((f) => f.value === d.forwardMode) ? d.forwardMode : 'nat') as NetworkForward;
  return {
    state: { name: d.name, forward, bridge: d.bridge ?? '', forwardDev: d.forwardDev ?? '', v4: block('ipv4'), v6: block('ipv6') },
    hosts: { v4: d.ips.find((i) => i.family === 'ipv4')?.dhcpHosts ?? [], v6: d.ips.find((i) => i.family === 'ipv6')?.dhcpHosts ?? [] },
  };
}

const clean = (h: Host) => ({ ip: h.ip ?? '', ...(h.mac && { mac: h.mac }), ...(h.name && { name: h.name }) });

/** The procedure input, and the local refusals keyed by form field (name, bridge, v4.address, …). */
export function toInput(s: NetworkFormState, hosts: KeptHosts = { v4: [], v6: [] }) {
  const families: ('v4' | 'v6')[] = s.forward === 'bridge' ? [] : (['v4', 'v6'] as const).filter((f) => s[f].address.trim() !== '');
  const ips = families.map((f) => {
    const b = s[f];
    return {
      family: f === 'v4' ? ('ipv4' as const) : ('ipv6' as const),
      address: b.address.trim(),
      prefix: b.prefix.trim() === '' ? Number.NaN : Number(b.prefix),
      ...((b.dhcpStart.trim() !== '' || b.dhcpEnd.trim() !== '') && { dhcpRange: { start: b.dhcpStart.trim(), end: b.dhcpEnd.trim() } }),
      hosts: hosts[f].map(clean),
    };
  });
  const input = {
    name: s.name.trim(),
    forward: s.forward,
    ...(s.bridge.trim() !== '' && { bridge: s.bridge.trim() }),
    ...(s.forwardDev.trim() !== '' && (s.forward === 'nat' || s.forward === 'route') && { forwardDev: s.forwardDev.trim() }),
    ips,
  };
  const errors: Record<string, string> = {};
  const parsed = networkEditInput.safeParse(input);
  for (const issue of parsed.error?.issues ?? []) {
    const [top, index, field, sub] = issue.path.map(String);
    let key = top ?? 'form';
    if (top === 'ips' && index !== undefined) {
      const fam = families[Number(index)] ?? 'v4';
      key = field === 'dhcpRange' ? `${fam}.${sub === 'end' ? 'dhcpEnd' : 'dhcpStart'}` : field ? `${fam}.${field}` : 'ips';
    }
    errors[key] ??= issue.message;
  }
  return { input, errors };
}

/**
 * The server's refusals keyed by form field: libvirt-xml's builder names `ips[0].dhcpRange.start`
 * in its message (the field list carries only `ips`), which goes next to that field.
 */
export function serverFieldErrors(fields: Record<string, string>, s: NetworkFormState): Record<string, string> {
  const families: ('v4' | 'v6')[] = (['v4', 'v6'] as const).filter((f) => s[f].address.trim() !== '');
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(fields)) {
    const m = k === 'ips' ? /^ips\[(\d)\]\.(address|prefix|dhcpRange\.(start|end))\S*: (.*)$/.exec(msg) : null;
    if (!m) {
      out[k] = msg;
      continue;
    }
    const fam = families[Number(m[1])] ?? 'v4';
    const field = m[3] === 'end' ? 'dhcpEnd' : m[3] === 'start' ? 'dhcpStart' : (m[2] as string);
    out[`${fam}.${field}`] = m[4] as string;
  }
  return out;
}
