import type { PoolModel, PoolSource } from '../model/storage.js';
import { attr, child, childText, childrenNamed, optionalInt, requireAttr, requireChildText } from './dom.js';
import { toBytes } from './units.js';
import { parseXml, type XmlElement } from './xml.js';

/** `virStoragePoolGetXMLDesc` output → {@link PoolModel}. Sizes default to bytes like libvirt. */
export function parsePoolXml(xml: string): PoolModel {
  const root = parseXml(xml, 'pool');
  const path = 'pool';
  const size = (name: string): number => {
    const element = child(root, name);
    return element ? toBytes(element.text, element.attrs.unit, 'bytes', `${path}/${name}`) : 0;
  };
  const target = child(root, 'target');
  const targetPath = target ? childText(target, 'path') : undefined;
  return {
    name: requireChildText(root, 'name', path),
    uuid: requireChildText(root, 'uuid', path),
    type: requireAttr(root, 'type', path),
    capacityBytes: size('capacity'),
    allocationBytes: size('allocation'),
    availableBytes: size('available'),
    ...(targetPath ? { targetPath } : {}),
    source: readPoolSource(child(root, 'source'), `${path}/source`),
  };
}

function readPoolSource(source: XmlElement | undefined, path: string): PoolSource {
  if (source === undefined) return { hosts: [], devices: [] };
  const hosts = childrenNamed(source, 'host').map((host, i) => {
    const at = `${path}/host[${i + 1}]`;
    const port = optionalInt(host.attrs.port, at, 'Host port');
    return { name: requireAttr(host, 'name', at), ...(port !== undefined ? { port } : {}) };
  });
  const devices = childrenNamed(source, 'device')
    .map((device) => device.attrs.path)
    .filter((devicePath): devicePath is string => devicePath !== undefined && devicePath !== '');
  const dir = attr(child(source, 'dir'), 'path');
  const name = childText(source, 'name');
  const format = attr(child(source, 'format'), 'type');
  return {
    ...(hosts[0] ? { host: hosts[0].name } : {}),
    hosts,
    ...(dir ? { dir } : {}),
    ...(devices[0] ? { device: devices[0] } : {}),
    devices,
    ...(name ? { name } : {}),
    ...(format ? { format } : {}),
  };
}

