// Who uses a network: running guests with an interface on it (read from their live XML). A
// network is not deleted from under them.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import { DependantsError } from '../../errors.js';

export interface NetworkGuest {
  domain: string;
  mac: string | null;
}

export async function runningGuestsOn(lv: Libvirt, network: string): Promise<NetworkGuest[]> {
  const running = (await lv.domains.list()).filter((d) => d.id !== null);
  const xmls = await Promise.all(running.map((d) => lv.domains.getXml(d.uuid).catch(() => null)));
  const guests: NetworkGuest[] = [];
  xmls.forEach((xml, i) => {
    if (xml === null) return; // stopped or gone meanwhile: no longer a user
    for (const nic of parseDomainXml(xml).nics) {
      if (nic.type === 'network' && nic.source.network === network) guests.push({ domain: running[i]!.name, mac: nic.mac ?? null });
    }
  });
  return guests.sort((a, b) => a.domain.localeCompare(b.domain));
}

/** Throws DependantsError (PRECONDITION_FAILED with `data.dependants.guests`) while guests use it. */
export async function refuseWhileInUse(lv: Libvirt, network: string, action: string): Promise<void> {
  const guests = await runningGuestsOn(lv, network);
  if (guests.length === 0) return;
  const names = [...new Set(guests.map((g) => g.domain))];
  throw new DependantsError(`cannot ${action} network ${network}: running VM${names.length === 1 ? '' : 's'} ${names.join(', ')} use${names.length === 1 ? 's' : ''} it`, {
    volumes: [],
    domains: [],
    guests,
  });
}
