/**
 * `virDomainGetXMLDesc` output → {@link DomainModel}. Works on live XML (ports, ttys, probed
 * backing chains) and inactive XML (chains `unprobed`, ports null).
 */
import type { CharDevice, DomainModel, DomainOs, MetadataEntry } from '../model/domain.js';
import { attr, child, childText, childrenNamed, indexed, optionalInt, requireAttr, requireChild, requireChildText, toInt } from './dom.js';
import { readCharDevice } from './chardev.js';
import { readDisk } from './disk.js';
import { readGraphics } from './graphics.js';
import { readNic } from './nic.js';
import { serializeElement } from './serialize.js';
import { toKiB } from './units.js';
import { parseXml, type XmlElement } from './xml.js';

export function parseDomainXml(xml: string): DomainModel {
  const root = parseXml(xml, 'domain');
  const path = 'domain';

  const type = requireAttr(root, 'type', path);
  const memory = requireChild(root, 'memory', path);
  const memoryKiB = toKiB(memory.text, memory.attrs.unit, `${path}/memory`);
  const current = child(root, 'currentMemory');
  const maxMemory = child(root, 'maxMemory');
  const vcpu = child(root, 'vcpu');
  const maxVcpus = vcpu ? toInt(vcpu.text, `${path}/vcpu`, 'vCPU count') : 1;
  const id = optionalInt(root.attrs.id, path, 'Domain id');
  const title = childText(root, 'title');
  const description = childText(root, 'description');
  const devices = child(root, 'devices');
  const device = <T>(name: string, read: (element: XmlElement, at: string) => T): T[] =>
    devices ? childrenNamed(devices, name).map((element, i) => read(element, indexed(`${path}/devices`, name, i))) : [];
  const metadata = readMetadata(child(root, 'metadata'));

  return {
    name: requireChildText(root, 'name', path),
    uuid: requireChildText(root, 'uuid', path),
    type,
    id: id === undefined || id < 0 ? null : id,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    memoryKiB,
    currentMemoryKiB: current ? toKiB(current.text, current.attrs.unit, `${path}/currentMemory`) : memoryKiB,
    ...(maxMemory ? { maxMemoryKiB: toKiB(maxMemory.text, maxMemory.attrs.unit, `${path}/maxMemory`) } : {}),
    vcpus: optionalInt(vcpu?.attrs.current, `${path}/vcpu`, 'Current vCPU count') ?? maxVcpus,
    maxVcpus,
    os: readOs(requireChild(root, 'os', path)),
    disks: device('disk', readDisk),
    nics: device('interface', readNic),
    graphics: device('graphics', readGraphics),
    consoles: device<CharDevice>('console', readCharDevice),
    serials: device<CharDevice>('serial', readCharDevice),
    ...(metadata ? { metadata } : {}),
  };
}

function readOs(os: XmlElement): DomainOs {
  const typeElement = child(os, 'type');
  const arch = attr(typeElement, 'arch');
  const machine = attr(typeElement, 'machine');
  const firmware = os.attrs.firmware;
  return {
    type: typeElement?.text.trim() || 'hvm',
    ...(arch ? { arch } : {}),
    ...(machine ? { machine } : {}),
    boot: childrenNamed(os, 'boot')
      .map((boot) => boot.attrs.dev)
      .filter((dev): dev is string => dev !== undefined && dev !== ''),
    ...(firmware ? { firmware } : {}),
  };
}

function readMetadata(metadata: XmlElement | undefined): MetadataEntry[] | undefined {
  if (metadata === undefined || metadata.children.length === 0) return undefined;
  return metadata.children.map((element) => {
    const prefix = element.name.includes(':') ? element.name.slice(0, element.name.indexOf(':')) : undefined;
    const namespace = element.attrs[prefix ? `xmlns:${prefix}` : 'xmlns'];
    return { name: element.name, ...(namespace ? { namespace } : {}), xml: serializeElement(element) };
  });
}
