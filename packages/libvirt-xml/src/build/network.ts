/**
 * Network XML for `virNetworkDefineXML`, and one DHCP `<host>` for `virNetworkUpdate`.
 * - `nat`, `route`, `open`: libvirt's bridge forwarding to the host (`forwardDev` limits NAT and
 *   routing to one host interface); `isolated`: no `<forward>` at all. Each needs an address.
 * - `bridge`: guests join an existing host bridge (`bridge` names it); libvirt manages no
 *   addresses there, so no `<ip>`.
 * Every address is checked against its subnet here, so a DHCP range or a static host outside it is
 * refused naming the field instead of by libvirt's message about the whole network.
 */
import { BuildError } from '../errors.js';
import { objectName, oneOf, text } from './validate.js';
import { el, renderXml, textEl, type XmlNode } from './writer.js';

export type NetworkForward = 'nat' | 'isolated' | 'route' | 'open' | 'bridge';
export const NETWORK_FORWARDS: readonly NetworkForward[] = ['nat', 'isolated', 'route', 'open', 'bridge'];

/** A static DHCP host: IPv4 by MAC (and an optional name); IPv6 by name (DHCPv6 matches no MAC). */
export interface DhcpHostSpec {
  mac?: string;
  name?: string;
  ip: string;
}

export interface NetworkIpSpec {
  family: 'ipv4' | 'ipv6';
  /** The host's address on the network (the bridge's), e.g. 192.168.100.1 or fd00:1::1. */
  address: string;
  prefix: number;
  dhcpRange?: { start: string; end: string };
  hosts?: DhcpHostSpec[];
}

export interface NetworkSpec {
  name: string;
  /** Kept when redefining an existing network. */
  uuid?: string;
  forward: NetworkForward;
  /** The bridge libvirt creates (default: libvirt picks virbrN), or for `bridge` the host bridge to join. */
  bridge?: string;
  /** `nat` and `route`: the host interface traffic leaves by (default: any). */
  forwardDev?: string;
  /** The bridge's MAC address (kept when redefining, so guests' neighbour tables stay right). */
  mac?: string;
  /** The DNS domain dnsmasq serves (kept when redefining). */
  domain?: string;
  ips?: NetworkIpSpec[];
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** Linux interface names: at most 15 characters, no '/', ':' or whitespace. */
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function buildNetworkXml(spec: NetworkSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const forward = oneOf(spec.forward, NETWORK_FORWARDS, 'forward');
  const name = objectName(spec.name, 'name');
  const uuid = text(spec.uuid, 'uuid', { optional: true, pattern: UUID, patternMessage: 'must be a UUID' });
  const bridge = text(spec.bridge, 'bridge', { optional: true, pattern: IFNAME, patternMessage: 'must be an interface name (at most 15 letters, digits, _ . -)' });
  if (forward === 'bridge' && bridge === undefined) throw new BuildError('bridge', 'is required: name the host bridge to join');
  const dev = text(spec.forwardDev, 'forwardDev', { optional: true, pattern: IFNAME, patternMessage: 'must be an interface name (at most 15 letters, digits, _ . -)' });
  if (dev !== undefined && forward !== 'nat' && forward !== 'route') throw new BuildError('forwardDev', 'only a NAT or routed network names a host interface');
  const ips = spec.ips ?? [];
  if (!Array.isArray(ips)) throw new BuildError('ips', 'must be an array');
  if (forward === 'bridge' && ips.length > 0) throw new BuildError('ips', 'a network bridged to a host bridge has no addresses of its own');
  if (forward !== 'bridge' && ips.length === 0) throw new BuildError('ips', 'needs an IPv4 or IPv6 address');
  if (ips.filter((ip) => ip?.family === 'ipv4').length > 1) throw new BuildError('ips', 'at most one IPv4 address');
  if (ips.filter((ip) => ip?.family === 'ipv6').length > 1) throw new BuildError('ips', 'at most one IPv6 address');

  const mac = text(spec.mac, 'mac', { optional: true, pattern: MAC, patternMessage: 'must be a MAC address like 52:54:00:12:34:56' });
  const domain = text(spec.domain, 'domain', { optional: true, pattern: /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/, patternMessage: 'must be a DNS domain name' });
  if (forward === 'bridge' && (mac !== undefined || domain !== undefined)) throw new BuildError(mac !== undefined ? 'mac' : 'domain', 'a network bridged to a host bridge has no MAC or DNS domain of its own');
  const forwardEl = forward === 'isolated' ? undefined : el('forward', { mode: forward, dev });
  const bridgeEl = bridge === undefined ? undefined : el('bridge', forward === 'bridge' ? { name: bridge } : { name: bridge, stp: 'on', delay: 0 });
  return renderXml(
    el(
      'network',
      {},
      textEl('name', name),
      uuid !== undefined && textEl('uuid', uuid),
      forwardEl,
      bridgeEl,
      mac !== undefined && el('mac', { address: mac.toLowerCase() }),
      domain !== undefined && el('domain', { name: domain }),
      ...ips.map((ip, i) => ipElement(ip, `ips[${i}]`)),
    ),
  );
}

/**
 * One `<host>` of `<dhcp>`, for virNetworkUpdate's IP_DHCP_HOST section, checked against the
 * network address it goes under (its address must be inside that subnet).
 */
export function buildDhcpHostXml(host: DhcpHostSpec, under: { family: 'ipv4' | 'ipv6'; address: string; prefix: number }): string {
  const node = hostElement(host, under.family, 'host');
  const net = subnet(under.family, address(under.address, under.family, 'network address'), under.prefix);
  if (!net.contains(address(host.ip, under.family, 'host.ip'))) throw new BuildError('host.ip', `must be inside ${net.describe()}`);
  return renderXml(node);
}

function ipElement(ip: NetworkIpSpec, field: string): XmlNode {
  if (typeof ip !== 'object' || ip === null) throw new BuildError(field, 'must be an object');
  const family = oneOf(ip.family, ['ipv4', 'ipv6'], `${field}.family`);
  const max = family === 'ipv4' ? 32 : 128;
  if (typeof ip.prefix !== 'number' || !Number.isInteger(ip.prefix) || ip.prefix < 8 || ip.prefix > max - 2) {
    throw new BuildError(`${field}.prefix`, `must be a whole number from 8 to ${max - 2}`);
  }
  const own = address(ip.address, family, `${field}.address`);
  const net = subnet(family, own, ip.prefix);
  if (net.isNetworkOrBroadcast(own)) throw new BuildError(`${field}.address`, 'is the subnet address itself; give the host an address inside it');
  const inside = (value: unknown, where: string) => {
    const a = address(value, family, where);
    if (!net.contains(a)) throw new BuildError(where, `must be inside ${net.describe()}`);
    return a;
  };
  const children: XmlNode[] = [];
  if (ip.dhcpRange !== undefined) {
    const start = inside(ip.dhcpRange?.start, `${field}.dhcpRange.start`);
    const end = inside(ip.dhcpRange?.end, `${field}.dhcpRange.end`);
    if (end < start) throw new BuildError(`${field}.dhcpRange.end`, 'must not come before the start');
    if (family === 'ipv6' && ip.prefix !== 64) throw new BuildError(`${field}.prefix`, 'DHCPv6 ranges need a /64');
    children.push(el('range', { start: ip.dhcpRange.start, end: ip.dhcpRange.end }));
  }
  const hosts = ip.hosts ?? [];
  if (!Array.isArray(hosts)) throw new BuildError(`${field}.hosts`, 'must be an array');
  const seen = new Set<string>();
  hosts.forEach((host, i) => {
    const where = `${field}.hosts[${i}]`;
    const node = hostElement(host, family, where);
    inside(host.ip, `${where}.ip`);
    const key = (host.mac ?? host.name ?? '').toLowerCase();
    if (seen.has(key)) throw new BuildError(where, `${key} is listed twice`);
    seen.add(key);
    children.push(node);
  });
  if (hosts.length > 0 && ip.dhcpRange === undefined && family === 'ipv6') throw new BuildError(`${field}.dhcpRange`, 'DHCPv6 static hosts need a DHCP range');
  return el(
    'ip',
    { family: family === 'ipv6' ? 'ipv6' : undefined, address: ip.address, prefix: ip.prefix },
    children.length > 0 && el('dhcp', {}, ...children),
  );
}

function hostElement(host: DhcpHostSpec, family: 'ipv4' | 'ipv6', field: string): XmlNode {
  if (typeof host !== 'object' || host === null) throw new BuildError(field, 'must be an object');
  const mac = text(host.mac, `${field}.mac`, { optional: true, pattern: MAC, patternMessage: 'must be a MAC address like 52:54:00:12:34:56' });
  const name = text(host.name, `${field}.name`, { optional: true, pattern: HOSTNAME, patternMessage: 'must be a host name (letters, digits, -)' });
  address(host.ip, family, `${field}.ip`);
  if (family === 'ipv4' && mac === undefined) throw new BuildError(`${field}.mac`, 'is required: an IPv4 static host is matched by its MAC address');
  if (family === 'ipv6' && mac !== undefined) throw new BuildError(`${field}.mac`, 'DHCPv6 matches hosts by name, not MAC: leave it out');
  if (family === 'ipv6' && name === undefined) throw new BuildError(`${field}.name`, 'is required: an IPv6 static host is matched by its name');
  return el('host', { mac: mac?.toLowerCase(), name, ip: host.ip });
}

// --- addresses as bigints, for subnet checks ---

function address(value: unknown, family: 'ipv4' | 'ipv6', field: string): bigint {
  const s = text(value, field, { maxLength: 45 });
  const parsed = family === 'ipv4' ? parseIpv4(s) : parseIpv6(s);
  if (parsed === null) throw new BuildError(field, family === 'ipv4' ? 'must be an IPv4 address like 192.168.100.1' : 'must be an IPv6 address like fd00:1::1');
  return parsed;
}

export function parseIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

export function parseIpv6(s: string): bigint | null {
  if (!/^[0-9a-f:]+$/i.test(s) || s.split('::').length > 2) return null;
  const [head = '', tail] = s.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return null;
  const all = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function subnet(family: 'ipv4' | 'ipv6', addr: bigint, prefix: number) {
  const bits = family === 'ipv4' ? 32n : 128n;
  const hostBits = bits - BigInt(prefix);
  const base = (addr >> hostBits) << hostBits;
  const last = base + (1n << hostBits) - 1n;
  const show = (a: bigint) => (family === 'ipv4' ? [24n, 16n, 8n, 0n].map((s) => ((a >> s) & 255n).toString()).join('.') : showIpv6(a));
  return {
    contains: (a: bigint) => a > base && (family === 'ipv6' ? a <= last : a < last),
    isNetworkOrBroadcast: (a: bigint) => a === base || (family === 'ipv4' && a === last),
    describe: () => `${show(base)}/${prefix}`,
  };
}

/** Groups in hex, the longest run of zero groups (two or more) written as '::'. */
function showIpv6(a: bigint): string {
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => Number((a >> s) & 0xffffn));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; i++) {
    let len = 0;
    while (i + len < 8 && groups[i + len] === 0) len++;
    if (len > best.len) best = { at: i, len };
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}
