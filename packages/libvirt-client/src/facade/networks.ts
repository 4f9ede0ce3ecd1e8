// Virtual networks: list with flags, XML, define/undefine, start/stop, autostart, live updates of
// one section (virNetworkUpdate), DHCP leases.
import {
  remoteProcedures as rp,
  VirConnectListAllNetworksFlags,
  VirIPAddrType,
  VirNetworkUpdateCommand,
  VirNetworkUpdateFlags,
  VirNetworkUpdateSection,
  VirNetworkXMLFlags,
} from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { resolveNetwork, type NetworkHandle, type NetworkRef } from './refs.js';
import { formatUuid } from './uuid.js';

export interface NetworkSummary {
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

export type NetworkUpdateCommand = Exclude<keyof typeof VirNetworkUpdateCommand, 'NONE'>;
export type NetworkUpdateSection = Exclude<keyof typeof VirNetworkUpdateSection, 'NONE'>;

export interface NetworkUpdate {
  command: NetworkUpdateCommand;
  section: NetworkUpdateSection;
  /** The element to add, modify or delete, e.g. `<host mac='…' ip='…'/>` for IP_DHCP_HOST. */
  xml: string;
  /** Which `<ip>` the section sits in (for IP_DHCP_HOST and IP_DHCP_RANGE); -1 lets libvirt pick the first matching one. */
  parentIndex?: number;
  /** Default 0 (CURRENT): the live state of an active network, else its definition; ['LIVE', 'CONFIG'] for both. */
  flags?: Flags<typeof VirNetworkUpdateFlags>;
}

export interface DhcpLease {
  iface: string;
  /** Seconds since the epoch. */
  expiryTime: number;
  family: 'ipv4' | 'ipv6';
  mac: string | null;
  ipAddress: string;
  prefix: number;
  hostname: string | null;
  clientId: string | null;
  iaid: string | null;
}

export class Networks {
  constructor(private readonly rpc: RpcConnection) {}

  lookup(ref: NetworkRef): Promise<NetworkHandle> {
    return resolveNetwork(this.rpc, ref);
  }

  /** Every network, with its flags; the per-network calls run pipelined. `flags` narrows, e.g. ['ACTIVE']. */
  async list(flags?: Flags<typeof VirConnectListAllNetworksFlags>): Promise<NetworkSummary[]> {
    const { nets } = await this.rpc.call(rp.connectListAllNetworks, { need_results: 1, flags: flagsOf(VirConnectListAllNetworksFlags, flags) });
    return Promise.all(nets.map((net) => this.summaryOf(net)));
  }

  async get(ref: NetworkRef): Promise<NetworkSummary> {
    return this.summaryOf(await resolveNetwork(this.rpc, ref));
  }

  async getXml(ref: NetworkRef, opts: { inactive?: boolean } = {}): Promise<string> {
    const net = await resolveNetwork(this.rpc, ref);
    return (await this.rpc.call(rp.networkGetXmlDesc, { net, flags: opts.inactive ? VirNetworkXMLFlags.INACTIVE : 0 })).xml;
  }

  /** Defines (or redefines) a persistent network from its XML; it stays inactive until started. */
  async define(xml: string): Promise<NetworkHandle> {
    return (await this.rpc.call(rp.networkDefineXml, { xml })).net;
  }

  /** Removes the persistent definition; an active network keeps running until stopped (transient). */
  async undefine(ref: NetworkRef): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkUndefine, { net });
  }

  /** Adds, modifies or deletes one element of a section (virNetworkUpdate). */
  async update(ref: NetworkRef, update: NetworkUpdate): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkUpdate, {
      net,
      command: VirNetworkUpdateCommand[update.command],
      section: VirNetworkUpdateSection[update.section],
      parentIndex: update.parentIndex ?? -1,
      xml: update.xml,
      flags: flagsOf(VirNetworkUpdateFlags, update.flags),
    });
  }

  /** The network's DHCP leases (dnsmasq's), optionally of one MAC address only. */
  async dhcpLeases(ref: NetworkRef, mac?: string): Promise<DhcpLease[]> {
    const net = await resolveNetwork(this.rpc, ref);
    const { leases } = await this.rpc.call(rp.networkGetDhcpLeases, { net, mac: mac ?? null, need_results: 1, flags: 0 });
    return leases.map((l) => ({
      iface: l.iface,
      expiryTime: Number(l.expirytime),
      family: enumName(VirIPAddrType, l.type) === 'ipv6' ? 'ipv6' : 'ipv4',
      mac: l.mac,
      ipAddress: l.ipaddr,
      prefix: l.prefix,
      hostname: l.hostname,
      clientId: l.clientid,
      iaid: l.iaid,
    }));
  }

  /** Starts a defined network (virNetworkCreate). */
  async start(ref: NetworkRef): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkCreate, { net });
  }

  async destroy(ref: NetworkRef): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkDestroy, { net });
  }

  async setAutostart(ref: NetworkRef, autostart: boolean): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkSetAutostart, { net, autostart: autostart ? 1 : 0 });
  }

  private async summaryOf(net: NetworkHandle): Promise<NetworkSummary> {
    const [a, p, s] = await Promise.all([
      this.rpc.call(rp.networkIsActive, { net }),
      this.rpc.call(rp.networkIsPersistent, { net }),
      this.rpc.call(rp.networkGetAutostart, { net }),
    ]);
    return { name: net.name, uuid: formatUuid(net.uuid), active: a.active !== 0, persistent: p.persistent !== 0, autostart: s.autostart !== 0 };
  }
}
