// Attaching a NIC: to the running VM and its definition at once (or the definition alone when the
// VM is not running), with one MAC in both: without one, libvirt would pick a different MAC for
// each. A MAC the VM already uses is refused (libvirt would take it, and then could not tell the
// two NICs apart).
import { randomMac, buildInterfaceXml } from '@virtdeck/libvirt-xml';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { attachNicSchema, type AttachNicInput, type NicChangeResult } from '@virtdeck/contract/nic';
import { fieldError } from '../field-error.js';
import { checkedSource, describeSource } from './nic-source.js';
import { domainNics, nicIn, nicRefusal, takenMacs } from './nic-state.js';

export async function attachNic(lv: Libvirt, raw: AttachNicInput): Promise<NicChangeResult> {
  const input = attachNicSchema.parse(raw);
  const d = await domainNics(lv, input.uuid);
  const taken = takenMacs(d);
  if (input.mac && taken.has(input.mac)) throw fieldError('mac', `${d.name} already has a NIC with this MAC`);
  let mac = input.mac ?? randomMac();
  while (taken.has(mac)) mac = randomMac();
  const source = await checkedSource(lv, input.source);
  const xml = buildInterfaceXml({ source, model: input.model, mac, linkUp: input.linkUp });
  const flags: ('LIVE' | 'CONFIG')[] = d.running ? ['LIVE', 'CONFIG'] : ['CONFIG'];
  await nicRefusal(lv, input.uuid, mac, `Attaching a NIC on ${describeSource(input.source)}`, () => lv.domains.attachDevice(input.uuid, xml, flags));
  const after = await domainNics(lv, input.uuid);
  return {
    mac,
    live: !d.running ? 'not-running' : nicIn(after.live, mac) ? 'applied' : 'next-boot',
    definition: nicIn(after.config, mac) !== undefined,
    note: null,
  };
}
