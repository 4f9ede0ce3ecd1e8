// What every NIC change starts from, and how it reports a refusal: the domain's live and
// persistent XML, where a NIC (named by MAC) is, and a libvirt refusal completed with the state
// it left the VM in.
import { TRPCError } from '@trpc/server';
import { LibvirtError, type Libvirt } from '@virtdeck/libvirt-client';
import { interfaceXmlOf, parseDomainXml, type Nic } from '@virtdeck/libvirt-xml';

export interface DomainNics {
  uuid: string;
  name: string;
  running: boolean;
  /** The persistent definition. */
  config: string;
  /** The running VM's XML, or null when it is not running. */
  live: string | null;
}

export async function domainNics(lv: Libvirt, uuid: string): Promise<DomainNics> {
  const summary = await lv.domains.get(uuid);
  const running = summary.id !== null;
  const [config, live] = await Promise.all([lv.domains.getXml(uuid, { inactive: true }), running ? lv.domains.getXml(uuid) : null]);
  return { uuid, name: summary.name, running, config, live };
}

export const nicIn = (xml: string | null, mac: string): Nic | undefined =>
  xml ? parseDomainXml(xml).nics.find((n) => n.mac?.toLowerCase() === mac) : undefined;

/** Every MAC the VM uses, live or in its definition. */
export const takenMacs = (d: DomainNics): Set<string> =>
  new Set([d.config, d.live].flatMap((xml) => (xml ? parseDomainXml(xml).nics.flatMap((n) => (n.mac ? [n.mac.toLowerCase()] : [])) : [])));

/** Where the NIC is: the running VM, the definition, or both; NOT_FOUND when neither has it. */
export function whereIsNic(d: DomainNics, mac: string): ('LIVE' | 'CONFIG')[] {
  const where: ('LIVE' | 'CONFIG')[] = [];
  if (nicIn(d.live, mac)) where.push('LIVE');
  if (nicIn(d.config, mac)) where.push('CONFIG');
  if (where.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `${d.name} has no NIC with MAC ${mac}` });
  return where;
}

/** The NIC's own XML in the live domain when it is there (libvirt matches it there by MAC and alias), else in the definition. */
export const nicXml = (d: DomainNics, mac: string): string => (d.live && interfaceXmlOf(d.live, mac)) || (interfaceXmlOf(d.config, mac) as string);

/** "The VM is running; 52:54:00:… is in the running VM and in the definition." */
export async function describeNic(lv: Libvirt, uuid: string, mac: string): Promise<string> {
  const after = await domainNics(lv, uuid).catch(() => null);
  if (!after) return 'The VM could not be read back.';
  const state = await lv.domains.getState(uuid).then(
    (s) => s.state,
    () => 'unknown',
  );
  const places = [nicIn(after.live, mac) ? 'in the running VM' : null, nicIn(after.config, mac) ? 'in the definition' : null].filter(Boolean);
  return `The VM is ${state}; the NIC ${mac} is ${places.length ? places.join(' and ') : 'in neither the running VM nor the definition'}.`;
}

/**
 * Runs a libvirt call; a refusal keeps its class and code (the BFF maps it to a tRPC error with
 * `data.libvirt`) and its message says what was asked and the state the VM is left in.
 */
export async function nicRefusal<T>(lv: Libvirt, uuid: string, mac: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof LibvirtError)) throw e;
    throw new LibvirtError(`${what} was refused: ${e.message.trim()}. ${await describeNic(lv, uuid, mac)}`, e.code, e.domain, e.level);
  }
}
