// What a running guest reports about itself: its NICs' addresses (virDomainInterfaceAddresses,
// from the guest agent, the host's DHCP leases or its ARP table) and the guest agent's
// information (virDomainGetGuestInfo, libvirt >= 5.7: OS, hostname, time zone, file systems,
// users). Shutdown and reboot through the agent are lv.domains.shutdown/reboot(ref, ['GUEST_AGENT']).
import { remoteProcedures as rp, VirDomainGuestInfoTypes, VirDomainInterfaceAddressesSource, VirIPAddrType } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { flagsOf, type Flags } from './names.js';
import { resolveDomain, type DomainRef } from './refs.js';
import { decodeTypedParams, type TypedParams } from './typed-params.js';

export type InterfaceAddressSource = 'agent' | 'lease' | 'arp';

export interface InterfaceAddress {
  type: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
}

export interface GuestInterface {
  /** The guest's name for it with the agent (eth0), the host's (vnet3) with a lease or ARP. */
  name: string;
  /** The MAC address, or null when the source does not know it. */
  hwaddr: string | null;
  addresses: InterfaceAddress[];
}

export interface GuestOs {
  id?: string;
  name?: string;
  prettyName?: string;
  version?: string;
  versionId?: string;
  kernelRelease?: string;
  kernelVersion?: string;
  machine?: string;
  variant?: string;
  variantId?: string;
}

export interface GuestFileSystem {
  mountpoint: string;
  name: string;
  fstype: string;
  /** Absent when the agent could not read the sizes (e.g. a pseudo file system). */
  totalBytes?: number;
  usedBytes?: number;
  /** The host-side disk aliases (e.g. 'virtio-disk0') backing it, when known. */
  disks: string[];
}

export interface GuestUser {
  name: string;
  domain?: string;
  /** Milliseconds since the epoch. */
  loginTime?: number;
}

/** What virDomainGetGuestInfo returned, by group; a group the agent did not report is absent. */
export interface GuestInfo {
  os?: GuestOs;
  hostname?: string;
  timezone?: { name?: string; offsetSeconds: number };
  fileSystems?: GuestFileSystem[];
  users?: GuestUser[];
  /** Every typed parameter as the daemon sent it, for groups not parsed here (disks, interfaces, load). */
  raw: TypedParams;
}

export type GuestInfoType = keyof typeof VirDomainGuestInfoTypes;

const SOURCES: Record<InterfaceAddressSource, number> = {
  agent: VirDomainInterfaceAddressesSource.AGENT,
  lease: VirDomainInterfaceAddressesSource.LEASE,
  arp: VirDomainInterfaceAddressesSource.ARP,
};

const OS_FIELDS: Record<string, keyof GuestOs> = {
  id: 'id',
  name: 'name',
  'pretty-name': 'prettyName',
  version: 'version',
  'version-id': 'versionId',
  'kernel-release': 'kernelRelease',
  'kernel-version': 'kernelVersion',
  machine: 'machine',
  variant: 'variant',
  'variant-id': 'variantId',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const count = (p: TypedParams, key: string): number => num(p[key]) ?? 0;

/** The typed parameters of virDomainGetGuestInfo as plain records (the documented field names). */
export function parseGuestInfo(p: TypedParams): GuestInfo {
  const info: GuestInfo = { raw: p };
  const os: GuestOs = {};
  for (const [field, key] of Object.entries(OS_FIELDS)) {
    const v = str(p[`os.${field}`]);
    if (v !== undefined) os[key] = v;
  }
  if (Object.keys(os).length > 0) info.os = os;
  const hostname = str(p.hostname);
  if (hostname !== undefined) info.hostname = hostname;
  const offset = num(p['timezone.offset']);
  if (offset !== undefined) info.timezone = { name: str(p['timezone.name']), offsetSeconds: offset };
  if ('fs.count' in p) {
    info.fileSystems = Array.from({ length: count(p, 'fs.count') }, (_, i) => {
      const f = `fs.${i}`;
      const disks = Array.from({ length: count(p, `${f}.disk.count`) }, (_, j) => str(p[`${f}.disk.${j}.alias`]) ?? '').filter(Boolean);
      const fs: GuestFileSystem = { mountpoint: str(p[`${f}.mountpoint`]) ?? '', name: str(p[`${f}.name`]) ?? '', fstype: str(p[`${f}.fstype`]) ?? '', disks };
      const total = num(p[`${f}.total-bytes`]);
      const used = num(p[`${f}.used-bytes`]);
      if (total !== undefined) fs.totalBytes = total;
      if (used !== undefined) fs.usedBytes = used;
      return fs;
    });
  }
  if ('user.count' in p) {
    info.users = Array.from({ length: count(p, 'user.count') }, (_, i) => {
      const u: GuestUser = { name: str(p[`user.${i}.name`]) ?? '' };
      const domain = str(p[`user.${i}.domain`]);
      const login = num(p[`user.${i}.login-time`]);
      if (domain !== undefined) u.domain = domain;
      if (login !== undefined) u.loginTime = login;
      return u;
    });
  }
  return info;
}

export class Guests {
  constructor(private readonly rpc: RpcConnection) {}

  /**
   * The addresses of a running domain's NICs from one source. 'agent' needs the guest agent
   * (VIR_ERR_ARGUMENT_UNSUPPORTED without its channel, VIR_ERR_AGENT_UNRESPONSIVE while it is not
   * connected); 'lease' reads the DHCP leases of libvirt networks; 'arp' the host's ARP table.
   */
  async getInterfaceAddresses(ref: DomainRef, source: InterfaceAddressSource): Promise<GuestInterface[]> {
    const dom = await resolveDomain(this.rpc, ref);
    const { ifaces } = await this.rpc.call(rp.domainInterfaceAddresses, { dom, source: SOURCES[source], flags: 0 });
    return ifaces.map((i) => ({
      name: i.name,
      hwaddr: i.hwaddr,
      addresses: i.addrs.map((a) => ({ type: a.type === VirIPAddrType.IPV6 ? 'ipv6' : 'ipv4', address: a.addr, prefix: a.prefix })),
    }));
  }

  /**
   * What the guest agent reports (virDomainGetGuestInfo). Without `types` every group the daemon
   * supports; naming a group the daemon does not know is VIR_ERR_INVALID_ARG.
   */
  async getInfo(ref: DomainRef, types?: Flags<typeof VirDomainGuestInfoTypes>): Promise<GuestInfo> {
    const dom = await resolveDomain(this.rpc, ref);
    const { params } = await this.rpc.call(rp.domainGetGuestInfo, { dom, types: flagsOf(VirDomainGuestInfoTypes, types), flags: 0 });
    return parseGuestInfo(decodeTypedParams(params));
  }
}
