/**
 * A clone's definition from its source's persistent XML: a new name, no UUID (libvirt makes one),
 * a new MAC on every NIC, and the cloned disks pointing at their new volumes. What belongs to the
 * source's own instance is dropped: its NVRAM file (libvirt makes the clone's from the template)
 * and any tap or port name of a NIC.
 */
import { BuildError } from '../errors.js';
import { absolutePath, objectName, oneOf } from '../build/validate.js';
import { macAddress } from '../build/interface.js';
import { childOf, childrenOf, element, parseEditable, removeChildren, writeEditable, type EditableElement } from './element-tree.js';

export interface CloneDiskSource {
  path: string;
  format: 'raw' | 'qcow2';
}

export interface CloneOptions {
  name: string;
  /** The new source of each cloned disk, by target (`vda`); other disks are kept as they are. */
  disks: Record<string, CloneDiskSource>;
  /** Makes each NIC's new MAC (default: random, in QEMU's 52:54:00 range). */
  newMac?: () => string;
}

/** A random MAC in the 52:54:00 prefix libvirt and QEMU use for guests. */
export function randomMac(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(3));
  return ['52', '54', '00', ...Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))].join(':');
}

function setText(parent: EditableElement, name: string, text: string): void {
  const existing = childOf(parent, name);
  if (existing) {
    existing.text = text;
    existing.children = [];
  } else parent.children.unshift({ ...element(name), text });
}

export function cloneDomainXml(sourceXml: string, options: CloneOptions): string {
  const root = parseEditable(sourceXml, 'domain');
  setText(root, 'name', objectName(options.name, 'name'));
  removeChildren(root, 'uuid');
  const os = childOf(root, 'os');
  if (os) removeChildren(os, 'nvram');

  const devices = childOf(root, 'devices');
  const targets = new Set<string>();
  for (const disk of devices ? childrenOf(devices, 'disk') : []) {
    const target = childOf(disk, 'target')?.attrs.dev;
    const next = target !== undefined ? options.disks[target] : undefined;
    if (target === undefined || next === undefined) continue;
    const field = `disks.${target}`;
    const path = absolutePath(next.path, `${field}.path`);
    const format = oneOf(next.format, ['raw', 'qcow2'], `${field}.format`);
    disk.attrs.type = 'file';
    const source = element('source', { file: path });
    const at = disk.children.findIndex((c) => c.name === 'source');
    if (at >= 0) disk.children[at] = source;
    else disk.children.push(source);
    // The new volume's own chain is libvirt's to read; the source's chain must not be carried over.
    removeChildren(disk, 'backingStore');
    const driver = childOf(disk, 'driver');
    if (driver) driver.attrs.type = format;
    else disk.children.unshift(element('driver', { name: 'qemu', type: format }));
    targets.add(target);
  }
  for (const target of Object.keys(options.disks)) {
    if (!targets.has(target)) throw new BuildError(`disks.${target}`, 'the domain has no such disk');
  }

  const newMac = options.newMac ?? randomMac;
  const used = new Set<string>();
  for (const nic of devices ? childrenOf(devices, 'interface') : []) {
    let mac = macAddress(newMac(), 'newMac()');
    for (let tries = 0; used.has(mac); tries++) {
      if (tries === 100) throw new BuildError('newMac()', 'keeps giving MAC addresses already used');
      mac = macAddress(newMac(), 'newMac()');
    }
    used.add(mac);
    const at = nic.children.findIndex((c) => c.name === 'mac');
    if (at >= 0) nic.children[at] = element('mac', { address: mac });
    else nic.children.unshift(element('mac', { address: mac }));
    removeChildren(nic, 'target');
    const source = childOf(nic, 'source');
    if (source) delete source.attrs.portid;
  }
  return writeEditable(root);
}
