/**
 * `<disk>` device XML to attach to a domain that exists: a disk on an image, or a CD-ROM drive
 * (empty, or with an ISO). Every value is checked here and escaped by the writer; the target
 * name comes from {@link nextDiskTarget} so it never takes one the domain already uses.
 */
import { DeviceNamer } from './device-names.js';
import type { DiskBus } from './domain.js';
import { absolutePath, oneOf, text } from './validate.js';
import { el, renderXml } from './writer.js';

export type DiskCache = 'default' | 'none' | 'writethrough' | 'writeback' | 'directsync' | 'unsafe';
export type DiskIo = 'default' | 'native' | 'threads' | 'io_uring';
export type DiskDiscard = 'default' | 'ignore' | 'unmap';
export type CdromBus = 'sata' | 'scsi' | 'ide' | 'usb';

export const DISK_CACHE_MODES: readonly DiskCache[] = ['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'];
export const DISK_IO_MODES: readonly DiskIo[] = ['default', 'native', 'threads', 'io_uring'];
export const DISK_DISCARD_MODES: readonly DiskDiscard[] = ['default', 'ignore', 'unmap'];

/** How a disk's image is opened; 'default' leaves the attribute out (the hypervisor's choice). */
export interface DiskOptions {
  cache?: DiskCache;
  io?: DiskIo;
  discard?: DiskDiscard;
  readonly?: boolean;
  shareable?: boolean;
}

export interface DiskDeviceSpec extends DiskOptions {
  /** The image: a file, or a block device (a volume of a logical or disk pool). */
  source: { type: 'file' | 'block'; path: string };
  format?: 'raw' | 'qcow2';
  bus?: DiskBus;
  targetDev: string;
}

export interface CdromDeviceSpec {
  /** The ISO's path; absent for an empty drive. */
  path?: string;
  bus?: CdromBus;
  targetDev: string;
}

const DISK_BUSES: readonly DiskBus[] = ['virtio', 'sata', 'scsi', 'ide', 'usb'];
const CDROM_BUSES: readonly CdromBus[] = ['sata', 'scsi', 'ide', 'usb'];
const PREFIX: Readonly<Record<DiskBus, string>> = { virtio: 'vd', sata: 'sd', scsi: 'sd', usb: 'sd', ide: 'hd' };
const TARGET = { pattern: /^[a-z]{2,3}[a-z]{1,3}$/, patternMessage: 'must be a device name like vdb' };

/** The first target name on `bus` that none of `taken` (the domain's live and persistent targets) uses. */
export function nextDiskTarget(taken: readonly string[], bus: DiskBus): string {
  const namer = new DeviceNamer();
  for (const t of taken) namer.reserve(t);
  return namer.next(PREFIX[oneOf(bus, DISK_BUSES, 'bus')]);
}

/** The `<driver>` attributes of {@link DiskOptions}, 'default' left out. */
export function driverAttrs(options: DiskOptions, field = ''): Record<string, string | undefined> {
  const pick = <T extends string>(value: T | undefined, allowed: readonly T[], name: string) => {
    const v = oneOf(value, allowed, `${field}${name}`, 'default' as T);
    return v === 'default' ? undefined : v;
  };
  return {
    cache: pick(options.cache, DISK_CACHE_MODES, 'cache'),
    io: pick(options.io, DISK_IO_MODES, 'io'),
    discard: pick(options.discard, DISK_DISCARD_MODES, 'discard'),
  };
}

export function buildDiskDeviceXml(spec: DiskDeviceSpec): string {
  const type = oneOf(spec.source?.type, ['file', 'block'], 'source.type');
  const path = absolutePath(spec.source.path, 'source.path');
  const format = oneOf(spec.format, ['raw', 'qcow2'], 'format', 'qcow2');
  const bus = oneOf(spec.bus, DISK_BUSES, 'bus', 'virtio');
  const targetDev = text(spec.targetDev, 'targetDev', TARGET);
  return renderXml(
    el(
      'disk',
      { type, device: 'disk' },
      el('driver', { name: 'qemu', type: format, ...driverAttrs(spec) }),
      el('source', type === 'file' ? { file: path } : { dev: path }),
      el('target', { dev: targetDev, bus }),
      spec.readonly === true && el('readonly'),
      spec.shareable === true && el('shareable'),
    ),
  );
}

export function buildCdromDeviceXml(spec: CdromDeviceSpec): string {
  const path = spec.path === undefined ? undefined : absolutePath(spec.path, 'path');
  const bus = oneOf(spec.bus, CDROM_BUSES, 'bus', 'sata');
  const targetDev = text(spec.targetDev, 'targetDev', TARGET);
  return renderXml(
    el(
      'disk',
      { type: 'file', device: 'cdrom' },
      el('driver', { name: 'qemu', type: 'raw' }),
      path !== undefined && el('source', { file: path }),
      el('target', { dev: targetDev, bus }),
      el('readonly'),
    ),
  );
}
