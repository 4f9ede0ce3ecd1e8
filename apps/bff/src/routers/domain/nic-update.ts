// Changing a NIC: its source, model and MAC, and its link state.
//
// Source, model and MAC go into the definition (a new MAC by detaching the old NIC and attaching
// the new one there, in the same PCI slot: libvirt finds a NIC to update by its MAC). Of these,
// QEMU can change only the source of a running NIC; libvirt may still refuse (from user-mode NAT,
// say), and then the running VM keeps its old connection until the next start, which is said.
//
// The link is set live (the cable pulled or plugged in, virDomainUpdateDeviceFlags with
// <link state>) and kept in the definition.
import { LibvirtError, type Libvirt } from '@virtdeck/libvirt-client';
import { changeInterface, interfaceXmlOf, type Nic } from '@virtdeck/libvirt-xml';
import { setNicLinkSchema, updateNicSchema, type NicChangeResult, type NicSourceInput, type SetNicLinkInput, type UpdateNicInput } from '@virtdeck/contract/nic';
import { fieldError } from '../field-error.js';
import { checkedSource, describeSource } from './nic-source.js';
import { domainNics, nicIn, nicRefusal, takenMacs, whereIsNic } from './nic-state.js';

const sameSource = (nic: Nic, s: NicSourceInput): boolean =>
  nic.type === s.kind && (s.kind === 'user' || (s.kind === 'network' ? nic.source.network === s.network : nic.source.bridge === s.bridge));

export async function updateNic(lv: Libvirt, raw: UpdateNicInput): Promise<NicChangeResult> {
  const input = updateNicSchema.parse(raw);
  const { uuid, mac } = input;
  const d = await domainNics(lv, uuid);
  const where = whereIsNic(d, mac);
  const newMac = input.newMac ?? mac;
  if (newMac !== mac && takenMacs(d).has(newMac)) throw fieldError('newMac', `${d.name} already has a NIC with this MAC`);
  const source = await checkedSource(lv, input.source);
  const what = `Changing the NIC ${mac} to ${input.model} on ${describeSource(input.source)}`;

  if (where.includes('CONFIG')) {
    const before = interfaceXmlOf(d.config, mac) as string;
    const after = changeInterface(before, { source, model: input.model, mac: newMac });
    if (newMac === mac) await nicRefusal(lv, uuid, mac, what, () => lv.domains.updateDevice(uuid, after, ['CONFIG']));
    else {
      await nicRefusal(lv, uuid, mac, what, () => lv.domains.detachDevice(uuid, before, ['CONFIG']));
      await nicRefusal(lv, uuid, mac, what, () =>
        lv.domains.attachDevice(uuid, after, ['CONFIG']).catch(async (e: unknown) => {
          // Put the old NIC back, so a refused change changes nothing.
          await lv.domains.attachDevice(uuid, before, ['CONFIG']).catch(() => undefined);
          throw e;
        }),
      );
    }
  }

  const live = nicIn(d.live, mac);
  const result = (liveOutcome: NicChangeResult['live'], note: string | null): NicChangeResult => ({ mac: newMac, live: liveOutcome, definition: where.includes('CONFIG'), note });
  if (!live) return result(d.running ? 'next-boot' : 'not-running', d.running ? 'The running VM has no such NIC; the definition was changed.' : null);
  if ((live.model ?? 'virtio') !== input.model || newMac !== mac) {
    return result('next-boot', 'The running VM keeps the NIC as it is until the next start: QEMU cannot change a NIC’s model or MAC while it runs.');
  }
  if (sameSource(live, input.source)) return result('applied', null);
  try {
    await lv.domains.updateDevice(uuid, changeInterface(interfaceXmlOf(d.live as string, mac) as string, { source }), ['LIVE']);
    return result('applied', null);
  } catch (e) {
    if (!(e instanceof LibvirtError)) throw e;
    return result('next-boot', `The running VM keeps its old connection until the next start: libvirt refused to change it live (${e.message.trim()}).`);
  }
}

export async function setNicLink(lv: Libvirt, raw: SetNicLinkInput): Promise<NicChangeResult> {
  const { uuid, mac, up } = setNicLinkSchema.parse(raw);
  const d = await domainNics(lv, uuid);
  const where = whereIsNic(d, mac);
  const what = `Setting the link of ${mac} ${up ? 'up' : 'down'}`;
  for (const flag of where) {
    const xml = interfaceXmlOf(flag === 'LIVE' ? (d.live as string) : d.config, mac) as string;
    await nicRefusal(lv, uuid, mac, what, () => lv.domains.updateDevice(uuid, changeInterface(xml, { linkUp: up }), [flag]));
  }
  return {
    mac,
    live: where.includes('LIVE') ? 'applied' : d.running ? 'next-boot' : 'not-running',
    definition: where.includes('CONFIG'),
    note: null,
  };
}
