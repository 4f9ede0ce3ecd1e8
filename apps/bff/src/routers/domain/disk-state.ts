// What every disk change starts from, and how it reports a refusal: the domain's live and
// persistent XML, the flags that reach both, a pool volume resolved to its path by the BFF
// (never a path from the browser), and a libvirt refusal completed with the state it left.
import { TRPCError } from '@trpc/server';
import { LibvirtError, type Libvirt } from '@virtdeck/libvirt-client';
import { diskTargets, parseDomainXml, parseVolumeXml, type Disk } from '@virtdeck/libvirt-xml';

export interface DomainDisks {
  uuid: string;
  name: string;
  running: boolean;
  /** The persistent definition. */
  config: string;
  /** The running VM's XML, or null when it is not running. */
  live: string | null;
}

export async function domainDisks(lv: Libvirt, uuid: string): Promise<DomainDisks> {
  const summary = await lv.domains.get(uuid);
  const running = summary.id !== null;
  const [config, live] = await Promise.all([lv.domains.getXml(uuid, { inactive: true }), running ? lv.domains.getXml(uuid) : null]);
  return { uuid, name: summary.name, running, config, live };
}

/** Every target the VM uses, live or in its definition: a new disk takes none of them. */
export const takenTargets = (d: DomainDisks): string[] => [...new Set([...diskTargets(d.config), ...(d.live ? diskTargets(d.live) : [])])];

export const diskIn = (xml: string | null, target: string): Disk | undefined => (xml ? parseDomainXml(xml).disks.find((x) => x.targetDev === target) : undefined);

/** The disk in the running VM or its definition (the running one first); NOT_FOUND when neither has it. */
export function requireDisk(d: DomainDisks, target: string): Disk {
  const disk = diskIn(d.live, target) ?? diskIn(d.config, target);
  if (!disk) throw new TRPCError({ code: 'NOT_FOUND', message: `${d.name} has no disk ${target}` });
  return disk;
}

/** Where a device change must go: the running VM and the definition, or only the definition. */
export function whereIs(d: DomainDisks, target: string): ('LIVE' | 'CONFIG')[] {
  const out: ('LIVE' | 'CONFIG')[] = [];
  if (diskIn(d.live, target)) out.push('LIVE');
  if (diskIn(d.config, target)) out.push('CONFIG');
  return out;
}

export interface PoolImage {
  pool: string;
  name: string;
  path: string;
  /** file for a file volume, block for a device (logical and disk pools). */
  sourceType: 'file' | 'block';
  format: 'raw' | 'qcow2';
  capacity: number;
}

/** A pool's volume with its path, as a disk source; BAD_REQUEST for kinds a disk cannot use as a file or device. */
export async function poolImage(lv: Libvirt, pool: string, name: string): Promise<PoolImage> {
  const [summary, xml] = await Promise.all([lv.volumes.get({ pool, name }), lv.volumes.getXml({ pool, name })]);
  const model = parseVolumeXml(xml);
  if (summary.type !== 'file' && summary.type !== 'block') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `volume: ${name} is a ${summary.type} volume, not an image a disk can use` });
  }
  return { pool, name, path: summary.path, sourceType: summary.type, format: model.target.format === 'qcow2' ? 'qcow2' : 'raw', capacity: summary.capacity };
}

/** The path of a disk's active image (its top layer), when it is a file or a device. */
export function topPath(disk: Disk): string | null {
  const source = disk.chain.layers[0]?.source;
  if (source?.kind === 'file') return source.path;
  if (source?.kind === 'block') return source.dev;
  return null;
}

/** "vdb is in the running VM and in the definition" */
export async function describeDisk(lv: Libvirt, uuid: string, target: string): Promise<string> {
  const after = await domainDisks(lv, uuid).catch(() => null);
  if (!after) return 'The VM could not be read back.';
  const state = await lv.domains.getState(uuid).then(
    (s) => s.state,
    () => 'unknown',
  );
  const places = [after.live && diskIn(after.live, target) ? 'in the running VM' : null, diskIn(after.config, target) ? 'in the definition' : null].filter(Boolean);
  return `The VM is ${state}; ${target} is ${places.length ? places.join(' and ') : 'in neither the running VM nor the definition'}.`;
}

/**
 * Runs a libvirt call; a refusal keeps its class and code (the BFF maps it to a tRPC error with
 * `data.libvirt`) and its message says what was asked and the state the VM is left in.
 */
export async function orRefusal<T>(lv: Libvirt, uuid: string, target: string, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof LibvirtError)) throw e;
    throw new LibvirtError(`${what} was refused: ${e.message.trim()}. ${await describeDisk(lv, uuid, target)}`, e.code, e.domain, e.level);
  }
}
