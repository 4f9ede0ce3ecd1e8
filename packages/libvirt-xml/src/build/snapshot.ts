/**
 * Snapshot XML for `virDomainSnapshotCreateXML`.
 * - `internal`: name and description only; libvirt stores disk (and, for a running domain,
 *   memory) state inside the qcow2 images.
 * - `disk-only`: external overlays. Each disk listed with an `overlayPath` gets
 *   `snapshot='external'` with that file (qcow2); disks listed with `overlayPath: null` get
 *   `snapshot='no'`; memory is `snapshot='no'`. Create with the DISK_ONLY flag.
 * - `external`: overlays like `disk-only`, and the running guest's memory saved to `memoryPath`
 *   (a full system checkpoint). Create without DISK_ONLY; the guest must run.
 */
import { BuildError } from '../errors.js';
import { absolutePath, objectName, text } from './validate.js';
import { el, renderXml, textEl } from './writer.js';

export type SnapshotSpec =
  | { kind: 'internal'; name: string; description?: string }
  | { kind: 'disk-only'; name: string; description?: string; disks: { name: string; overlayPath: string | null }[] }
  | { kind: 'external'; name: string; description?: string; memoryPath: string; disks: { name: string; overlayPath: string | null }[] };

export function buildSnapshotXml(spec: SnapshotSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const name = objectName(spec.name, 'name');
  const description = text(spec.description, 'description', { optional: true });
  const head = [textEl('name', name), description !== undefined && textEl('description', description)];
  if (spec.kind === 'internal') return renderXml(el('domainsnapshot', {}, ...head));
  if (spec.kind !== 'disk-only' && spec.kind !== 'external') throw new BuildError('kind', "must be 'internal', 'disk-only' or 'external'");

  if (!Array.isArray(spec.disks) || spec.disks.length === 0) throw new BuildError('disks', 'must list at least one disk');
  const seen = new Set<string>();
  const disks = spec.disks.map((disk, i) => {
    if (typeof disk !== 'object' || disk === null) throw new BuildError(`disks[${i}]`, 'must be an object');
    const diskName = text(disk.name, `disks[${i}].name`, { pattern: /^[a-z]+$/, patternMessage: 'must be a target device name like vda' });
    if (seen.has(diskName)) throw new BuildError(`disks[${i}].name`, `${diskName} is listed twice`);
    seen.add(diskName);
    if (disk.overlayPath === null) return el('disk', { name: diskName, snapshot: 'no' });
    return el(
      'disk',
      { name: diskName, snapshot: 'external', type: 'file' },
      el('driver', { type: 'qcow2' }),
      el('source', { file: absolutePath(disk.overlayPath, `disks[${i}].overlayPath`) }),
    );
  });
  if (!spec.disks.some((disk) => disk.overlayPath !== null)) throw new BuildError('disks', 'at least one disk needs an overlayPath');
  const memory = spec.kind === 'external' ? el('memory', { snapshot: 'external', file: absolutePath(spec.memoryPath, 'memoryPath') }) : el('memory', { snapshot: 'no' });
  return renderXml(el('domainsnapshot', {}, ...head, memory, el('disks', {}, ...disks)));
}
