// A running domain's NIC addresses from libvirt's three sources (the guest agent, the DHCP leases
// of libvirt networks, the host's ARP table), merged per NIC and address with the sources that
// reported each; a source that refuses is listed with its reason.
import type { GuestInterface, InterfaceAddressSource, Libvirt } from '@virtdeck/libvirt-client';
import { addressSources, type AddressSource, type DomainAddresses, type GuestAddress } from '@virtdeck/contract/guest';
import { unavailableOf } from './unavailable.js';

const LOOPBACK = /^(127\.|::1$)/;

/** Merges each source's NICs into one list; the guest's loopback is left out. */
export function mergeAddresses(bySource: Partial<Record<AddressSource, GuestInterface[]>>): GuestAddress[] {
  const out = new Map<string, GuestAddress>();
  for (const source of addressSources) {
    for (const nic of bySource[source] ?? []) {
      for (const a of nic.addresses) {
        if (LOOPBACK.test(a.address)) continue;
        // One row per NIC (by MAC when known: the agent says eth0 where the host says vnet3) and address.
        const key = `${nic.hwaddr ?? nic.name}/${a.address}`;
        const row = out.get(key);
        if (row) {
          if (!row.sources.includes(source)) row.sources.push(source);
          continue;
        }
        out.set(key, { type: a.type, address: a.address, prefix: a.prefix, hwaddr: nic.hwaddr, nic: nic.name, sources: [source] });
      }
    }
  }
  return [...out.values()];
}

/** Asks every source at once; a refusal (no agent, no support) becomes its reason. */
export async function domainAddresses(lv: Libvirt, uuid: string): Promise<DomainAddresses> {
  const bySource: Partial<Record<AddressSource, GuestInterface[]>> = {};
  const unavailable: DomainAddresses['unavailable'] = {};
  await Promise.all(
    addressSources.map(async (source: InterfaceAddressSource) => {
      try {
        bySource[source] = await lv.guests.getInterfaceAddresses(uuid, source);
      } catch (e) {
        unavailable[source] = unavailableOf(e);
      }
    }),
  );
  return { addresses: mergeAddresses(bySource), unavailable };
}
