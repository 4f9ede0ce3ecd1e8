import type { SnapshotDisk, SnapshotKind, SnapshotMode, SnapshotModel } from '../model/snapshot.js';
import { XmlError } from '../errors.js';
import { attr, child, childText, childrenNamed, indexed, requireAttr, requireChildText, toInt } from './dom.js';
import { parseXml, type XmlElement } from './xml.js';

const MODES: readonly string[] = ['no', 'internal', 'external', 'manual'];

/** `virDomainSnapshotGetXMLDesc` output → {@link SnapshotModel}. */
export function parseSnapshotXml(xml: string): SnapshotModel {
  const root = parseXml(xml, 'domainsnapshot');
  const path = 'domainsnapshot';
  const creation = childText(root, 'creationTime');
  const parent = child(root, 'parent');
  const memory = readMemory(child(root, 'memory'), `${path}/memory`);
  const disksElement = child(root, 'disks');
  const disks = disksElement
    ? childrenNamed(disksElement, 'disk').map((disk, i) => readDisk(disk, indexed(`${path}/disks`, 'disk', i)))
    : [];
  const state = childText(root, 'state') ?? 'unknown';
  const domain = child(root, 'domain') ?? child(root, 'inactiveDomain');
  const domainUuid = domain ? childText(domain, 'uuid') : undefined;
  const domainName = domain ? childText(domain, 'name') : undefined;
  const description = childText(root, 'description');
  return {
    name: requireChildText(root, 'name', path),
    ...(description ? { description } : {}),
    state,
    creationTime: creation ? toInt(creation, `${path}/creationTime`, 'Creation time') : null,
    parent: parent ? requireChildText(parent, 'name', `${path}/parent`) : null,
    memory,
    disks,
    kind: deriveKind(memory.snapshot, disks, state),
    ...(domainUuid ? { domainUuid } : {}),
    ...(domainName ? { domainName } : {}),
  };
}

function readMemory(element: XmlElement | undefined, path: string): SnapshotModel['memory'] {
  if (element === undefined) return { snapshot: 'no' };
  const mode = element.attrs.snapshot ?? 'no';
  if (mode !== 'no' && mode !== 'internal' && mode !== 'external') {
    throw new XmlError('invalid-value', `Unknown memory snapshot mode "${mode}"`, { path });
  }
  const file = element.attrs.file;
  return { snapshot: mode, ...(file ? { file } : {}) };
}

function readDisk(disk: XmlElement, path: string): SnapshotDisk {
  const name = requireAttr(disk, 'name', path);
  const source = child(disk, 'source');
  const sourcePath = attr(source, 'file') ?? attr(source, 'dev');
  const raw = disk.attrs.snapshot ?? (source ? 'external' : 'internal');
  if (!MODES.includes(raw)) {
    throw new XmlError('invalid-value', `Unknown disk snapshot mode "${raw}"`, { path });
  }
  const driverType = attr(child(disk, 'driver'), 'type');
  return {
    name,
    snapshot: raw as SnapshotMode,
    ...(sourcePath ? { sourcePath } : {}),
    ...(driverType ? { driverType } : {}),
  };
}

function deriveKind(memory: SnapshotModel['memory']['snapshot'], disks: SnapshotDisk[], state: string): SnapshotKind {
  const internal = disks.some((disk) => disk.snapshot === 'internal');
  const external = disks.some((disk) => disk.snapshot === 'external' || disk.snapshot === 'manual');
  if (internal && external) return 'mixed';
  if (memory === 'external') return 'external';
  if (memory === 'internal' || internal) return 'internal';
  if (external || state === 'disk-snapshot') return 'disk-only';
  return 'unknown';
}
