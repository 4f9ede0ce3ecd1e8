import type { VolumeModel } from '../model/storage.js';
import { attr, child, childText, requireChild, requireChildText } from './dom.js';
import { childBytes, toBytes } from './units.js';
import { parseXml } from './xml.js';

/** `virStorageVolGetXMLDesc` output → {@link VolumeModel}. Sizes default to bytes like libvirt. */
export function parseVolumeXml(xml: string): VolumeModel {
  const root = parseXml(xml, 'volume');
  const path = 'volume';
  const target = requireChild(root, 'target', path);
  const capacity = requireChild(root, 'capacity', path);
  const backing = child(root, 'backingStore');
  const backingPath = backing ? childText(backing, 'path') : undefined;
  const physicalBytes = childBytes(root, 'physical', 'bytes', path);
  return {
    name: requireChildText(root, 'name', path),
    key: childText(root, 'key') ?? requireChildText(target, 'path', `${path}/target`),
    type: root.attrs.type ?? 'file',
    capacityBytes: toBytes(capacity.text, capacity.attrs.unit, 'bytes', `${path}/capacity`),
    allocationBytes: childBytes(root, 'allocation', 'bytes', path) ?? 0,
    ...(physicalBytes !== undefined ? { physicalBytes } : {}),
    target: {
      path: requireChildText(target, 'path', `${path}/target`),
      format: attr(child(target, 'format'), 'type') ?? null,
      ...(childText(target, 'compat') !== undefined ? { compat: childText(target, 'compat') } : {}),
    },
    backingStore:
      backing && backingPath ? { path: backingPath, format: attr(child(backing, 'format'), 'type') ?? null } : null,
  };
}
