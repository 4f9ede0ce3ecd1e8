import type { Disk, DiskDriver, DiskMirror } from '../model/domain.js';
import { readBackingChain } from './backing-chain.js';
import { attr, child, childText, optionalInt, requireAttr, requireChild } from './dom.js';
import type { XmlElement } from './xml.js';

/** One `<disk>` of `<devices>`. A disk without `<target dev>` is refused (libvirt requires it). */
export function readDisk(disk: XmlElement, path: string): Disk {
  const target = requireChild(disk, 'target', path);
  const targetDev = requireAttr(target, 'dev', `${path}/target`);
  const driverElement = child(disk, 'driver');
  const driver: DiskDriver = {};
  for (const key of ['name', 'type', 'cache', 'io', 'discard'] as const) {
    const value = attr(driverElement, key);
    if (value !== undefined) driver[key] = value;
  }
  const bus = target.attrs.bus;
  const serial = childText(disk, 'serial');
  const bootOrder = optionalInt(attr(child(disk, 'boot'), 'order'), `${path}/boot`, 'Boot order');
  const alias = attr(child(disk, 'alias'), 'name');
  const mirror = readMirror(child(disk, 'mirror'));
  return {
    device: disk.attrs.device ?? 'disk',
    type: disk.attrs.type ?? 'file',
    ...(bus ? { bus } : {}),
    targetDev,
    driver,
    readonly: child(disk, 'readonly') !== undefined,
    shareable: child(disk, 'shareable') !== undefined,
    transient: child(disk, 'transient') !== undefined,
    ...(serial ? { serial } : {}),
    ...(bootOrder !== undefined ? { bootOrder } : {}),
    ...(alias ? { alias } : {}),
    chain: readBackingChain(disk, path),
    ...(mirror ? { mirror } : {}),
  };
}

/** A job's `<mirror>`; libvirt writes the file both as an attribute (older readers) and as `<source file>`. */
function readMirror(mirror: XmlElement | undefined): DiskMirror | undefined {
  if (!mirror) return undefined;
  const file = attr(child(mirror, 'source'), 'file') ?? attr(mirror, 'file');
  const format = attr(child(mirror, 'format'), 'type') ?? attr(mirror, 'format');
  const ready = attr(mirror, 'ready');
  return { job: attr(mirror, 'job') ?? 'copy', ...(file ? { file } : {}), ...(format ? { format } : {}), ...(ready ? { ready } : {}) };
}

