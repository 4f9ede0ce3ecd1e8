// A NIC source from the form, checked against the host where the host can tell: a libvirt
// network must exist (libvirt would take a definition naming a missing one, and the VM would not
// start). A bridge is the host's own interface; libvirt checks it when the NIC goes live.
import { isNoNetwork, type Libvirt } from '@virtdeck/libvirt-client';
import type { NicSourceSpec } from '@virtdeck/libvirt-xml';
import type { NicSourceInput } from '@virtdeck/contract/nic';
import { fieldError } from '../field-error.js';

export async function checkedSource(lv: Libvirt, source: NicSourceInput): Promise<NicSourceSpec> {
  if (source.kind === 'network') {
    await lv.networks.lookup(source.network).catch((e: unknown) => {
      throw isNoNetwork(e) ? fieldError('source', `there is no network ${source.network} on this host`) : e;
    });
  }
  return source;
}

/** "network lab", "bridge br0", "user-mode NAT" */
export const describeSource = (s: NicSourceInput): string => (s.kind === 'network' ? `network ${s.network}` : s.kind === 'bridge' ? `bridge ${s.bridge}` : 'user-mode NAT');
