/**
 * Volume XML: a raw or qcow2 image, or a qcow2 overlay on a backing file. Sizes are written in
 * bytes (`unit='bytes'`). An overlay may omit `capacityBytes`: libvirt then takes the backing
 * image's size. A qcow2 image is made as qcow2 v3 (`<compat>1.1</compat>`, qemu-img's own default):
 * libvirt 9.0 would make v2, which cannot hold the persistent dirty bitmaps of checkpoints, so
 * such a disk could only ever get full backups.
 */
import { BuildError } from '../errors.js';
import { absolutePath, integer, objectName, oneOf } from './validate.js';
import { el, renderXml, textEl } from './writer.js';

export interface VolumeSpec {
  name: string;
  format: 'raw' | 'qcow2';
  /** Required unless `backing` is given. */
  capacityBytes?: number;
  /** Preallocate this much (bytes); default 0 (sparse). */
  allocationBytes?: number;
  /** Make a qcow2 overlay on this image. */
  backing?: { path: string; format: 'raw' | 'qcow2' };
}

export function buildVolumeXml(spec: VolumeSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const name = objectName(spec.name, 'name');
  const format = oneOf(spec.format, ['raw', 'qcow2'], 'format');
  if (spec.backing !== undefined && format !== 'qcow2') throw new BuildError('format', 'an overlay (backing) must be qcow2');
  if (spec.capacityBytes === undefined && spec.backing === undefined) throw new BuildError('capacityBytes', 'is required');
  const capacity = spec.capacityBytes === undefined ? undefined : integer(spec.capacityBytes, 'capacityBytes', 1);
  const allocation = integer(spec.allocationBytes ?? 0, 'allocationBytes', 0);
  if (capacity !== undefined && allocation > capacity) throw new BuildError('allocationBytes', 'must not exceed capacityBytes');
  const backing = spec.backing
    ? el(
        'backingStore',
        {},
        textEl('path', absolutePath(spec.backing.path, 'backing.path')),
        el('format', { type: oneOf(spec.backing.format, ['raw', 'qcow2'], 'backing.format') }),
      )
    : undefined;
  return renderXml(
    el(
      'volume',
      {},
      textEl('name', name),
      capacity !== undefined && textEl('capacity', capacity, { unit: 'bytes' }),
      textEl('allocation', allocation, { unit: 'bytes' }),
      el('target', {}, el('format', { type: format }), format === 'qcow2' && textEl('compat', '1.1')),
      backing,
    ),
  );
}
