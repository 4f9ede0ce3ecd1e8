// What a running guest reports about itself, as the BFF's domain.guest procedures return it and
// the VM list and VM page show it: NIC addresses with the source each came from, the guest
// agent's information, and why a source or the agent said nothing (never an error page).
import { domainInput } from './domain.ts';

/** libvirt's interface-address sources (virDomainInterfaceAddressesSource). */
export const addressSources = ['agent', 'lease', 'arp'] as const;
export type AddressSource = (typeof addressSources)[number];

/** Why a source or the agent gave nothing; `code` is libvirt's error name when libvirt refused. */
export interface Unavailable {
  reason: string;
  code: string | null;
}

export interface GuestAddress {
  type: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
  /** The NIC's MAC address, when the source knows it. */
  hwaddr: string | null;
  /** The NIC's name as the source calls it (eth0 in the guest, vnet3 on the host). */
  nic: string;
  /** Every source that reported this address on this NIC. */
  sources: AddressSource[];
}

export interface DomainAddresses {
  addresses: GuestAddress[];
  /** The sources that refused, with why (e.g. no guest agent). */
  unavailable: Partial<Record<AddressSource, Unavailable>>;
}

export interface GuestAgentInfo {
  os: { id?: string; name?: string; prettyName?: string; version?: string; kernelRelease?: string; machine?: string } | null;
  hostname: string | null;
  timezone: { name: string | null; offsetSeconds: number } | null;
  fileSystems: { mountpoint: string; name: string; fstype: string; totalBytes: number | null; usedBytes: number | null }[];
  users: { name: string; domain: string | null; loginTime: number | null }[];
}

export type GuestInfoResult = { available: true; info: GuestAgentInfo } | ({ available: false } & Unavailable);

/** A domain's guest, by the domain's UUID. */
export const guestInput = domainInput;
