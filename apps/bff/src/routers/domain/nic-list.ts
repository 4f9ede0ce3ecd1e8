// A VM's NICs as the running VM has them and as its definition has them, matched by MAC: what
// the NICs tab shows, so a change that waits for the next start (a new model, a NIC the guest has
// not released) is seen as such.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml, type Nic } from '@virtdeck/libvirt-xml';
import { domainNics } from './nic-state.js';

export interface NicPair {
  mac: string;
  /** The NIC in the running VM, or null (not running, or only in the definition). */
  live: Nic | null;
  /** The NIC in the definition, or null (only in the running VM until it stops). */
  config: Nic | null;
}

export async function listNics(lv: Libvirt, uuid: string): Promise<{ running: boolean; nics: NicPair[] }> {
  const d = await domainNics(lv, uuid);
  const byMac = (xml: string | null) => new Map((xml ? parseDomainXml(xml).nics : []).filter((n) => n.mac).map((n) => [(n.mac as string).toLowerCase(), n]));
  const live = byMac(d.live);
  const config = byMac(d.config);
  const macs = [...new Set([...live.keys(), ...config.keys()])];
  return { running: d.running, nics: macs.map((mac) => ({ mac, live: live.get(mac) ?? null, config: config.get(mac) ?? null })) };
}
