/**
 * One `<disk>` of a domain's XML, taken out and changed for virDomainUpdateDeviceFlags or
 * virDomainDetachDeviceFlags. Starting from the domain's own element keeps everything this code
 * does not know about (address, alias, serial, boot order, backing chain); only the part asked
 * for changes. Live and persistent XML can differ, so each is edited from its own document.
 */
import { driverAttrs, type DiskOptions } from '../build/disk-device.js';
import { absolutePath } from '../build/validate.js';
import { XmlError } from '../errors.js';
import { childOf, childrenOf, element, parseEditable, removeChildren, writeEditable, type EditableElement } from './element-tree.js';

function findDisk(domainXml: string, targetDev: string): EditableElement {
  const devices = childOf(parseEditable(domainXml, 'domain'), 'devices');
  const disk = devices && childrenOf(devices, 'disk').find((d) => childOf(d, 'target')?.attrs.dev === targetDev);
  if (!disk) throw new XmlError('missing', `The domain has no disk ${targetDev}`, { path: 'domain/devices/disk' });
  return disk;
}

/** The domain's `<disk>` with target `targetDev`, as device XML (XmlError 'missing' if none). */
export function diskElementXml(domainXml: string, targetDev: string): string {
  return writeEditable(findDisk(domainXml, targetDev));
}

/** The targets of every disk and CD-ROM of a domain's XML. */
export function diskTargets(domainXml: string): string[] {
  const devices = childOf(parseEditable(domainXml, 'domain'), 'devices');
  return (devices ? childrenOf(devices, 'disk') : []).map((d) => childOf(d, 'target')?.attrs.dev).filter((t): t is string => t !== undefined);
}

function setFlag(disk: EditableElement, name: 'readonly' | 'shareable', on: boolean | undefined): void {
  if (on === undefined) return;
  removeChildren(disk, name);
  if (on) disk.children.push(element(name));
}

/** The disk with its cache, io and discard modes and read-only and shareable flags set (absent ones kept). */
export function withDiskOptions(domainXml: string, targetDev: string, options: DiskOptions): string {
  const disk = findDisk(domainXml, targetDev);
  let driver = childOf(disk, 'driver');
  if (!driver) {
    driver = element('driver', { name: 'qemu' });
    disk.children.unshift(driver);
  }
  const attrs = driverAttrs(options);
  for (const key of ['cache', 'io', 'discard'] as const) {
    if (options[key] === undefined) continue;
    const value = attrs[key];
    if (value === undefined) delete driver.attrs[key];
    else driver.attrs[key] = value;
  }
  setFlag(disk, 'readonly', options.readonly);
  setFlag(disk, 'shareable', options.shareable);
  return writeEditable(disk);
}

/** The CD-ROM with the ISO at `isoPath` as its medium, or with none (ejected) for null. */
export function withCdromMedium(domainXml: string, targetDev: string, isoPath: string | null): string {
  const disk = findDisk(domainXml, targetDev);
  if (disk.attrs.device !== 'cdrom' && disk.attrs.device !== 'floppy') {
    throw new XmlError('invalid-value', `${targetDev} is not a removable-media drive`, { path: 'domain/devices/disk/@device' });
  }
  removeChildren(disk, 'source');
  removeChildren(disk, 'backingStore');
  if (isoPath !== null) {
    disk.attrs.type = 'file';
    const driver = childOf(disk, 'driver');
    if (driver) driver.attrs.type = 'raw';
    disk.children.push(element('source', { file: absolutePath(isoPath, 'isoPath') }));
  }
  return writeEditable(disk);
}
