// How each libvirt address source is named on screen, and what it means.
import type { AddressSource, GuestAddress } from '@virtdeck/contract/guest';

export const SOURCE_LABEL: Record<AddressSource, string> = { agent: 'agent', lease: 'lease', arp: 'arp' };

export const SOURCE_TITLE: Record<AddressSource, string> = {
  agent: 'reported by the QEMU guest agent inside the VM',
  lease: "a DHCP lease of the libvirt network's dnsmasq",
  arp: "the host's ARP table (seen once the guest sent traffic)",
};

/** "192.168.122.10/24" */
export const cidr = (a: GuestAddress): string => `${a.address}/${a.prefix}`;
