// Detaching a NIC from the running VM and its definition. Live, libvirt asks the guest to let go
// and waits a few seconds: a guest that has not answered by then keeps the NIC in the running VM
// (libvirt sends a device-removed event if it lets go later), while the definition drops it. That
// is reported as waiting for the guest, with where the NIC still is.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { detachNicSchema, type DetachNicInput, type NicChangeResult } from '@virtdeck/contract/nic';
import { describeNic, domainNics, nicIn, nicRefusal, nicXml, whereIsNic } from './nic-state.js';

export async function detachNic(lv: Libvirt, raw: DetachNicInput): Promise<NicChangeResult> {
  const { uuid, mac } = detachNicSchema.parse(raw);
  const d = await domainNics(lv, uuid);
  const where = whereIsNic(d, mac);
  await nicRefusal(lv, uuid, mac, `Detaching the NIC ${mac}`, () => lv.domains.detachDevice(uuid, nicXml(d, mac), where));
  const after = await domainNics(lv, uuid);
  const definition = where.includes('CONFIG') && nicIn(after.config, mac) === undefined;
  if (nicIn(after.live, mac)) {
    return {
      mac,
      live: 'waiting-for-guest',
      definition,
      note: `The guest has not released the NIC yet: it stays in the running VM until the guest lets go or shuts down. ${await describeNic(lv, uuid, mac)}`,
    };
  }
  return { mac, live: d.running ? 'applied' : 'not-running', definition, note: null };
}
