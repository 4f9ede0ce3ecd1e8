/** Pool XML for the "add storage pool" form: dir, fs, logical and netfs pools. */
import { BuildError } from '../errors.js';
import { absolutePath, objectName, oneOf, text } from './validate.js';
import { el, renderXml, textEl } from './writer.js';

/** `uuid` is optional everywhere: libvirt generates one when it is left out. */
export type PoolSpec = { name: string; uuid?: string } & (
  | { type: 'dir'; targetPath: string }
  | { type: 'fs'; targetPath: string; sourceDevice: string; format?: FsFormat }
  /** `vgName` defaults to `name`; `sourceDevices` are PVs for a new VG (omit for an existing VG); target defaults to `/dev/<vg>`. */
  | { type: 'logical'; vgName?: string; sourceDevices?: string[]; targetPath?: string }
  | { type: 'netfs'; targetPath: string; host: string; dir: string; format?: 'nfs' | 'auto' | 'glusterfs' | 'cifs' }
);

export type FsFormat = 'auto' | 'ext2' | 'ext3' | 'ext4' | 'xfs' | 'btrfs' | 'vfat';

const FS_FORMATS: readonly FsFormat[] = ['auto', 'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat'];
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HOST = /^[A-Za-z0-9.:[\]_-]+$/;

export function buildPoolXml(spec: PoolSpec): string {
  if (typeof spec !== 'object' || spec === null) throw new BuildError('spec', 'must be an object');
  const type = oneOf(spec.type, ['dir', 'fs', 'logical', 'netfs'], 'type');
  const name = objectName(spec.name, 'name');
  const uuid = text(spec.uuid, 'uuid', { optional: true, pattern: UUID, patternMessage: 'must be a UUID' });
  const head = [textEl('name', name), uuid !== undefined && textEl('uuid', uuid)];
  switch (spec.type) {
    case 'dir':
      return renderXml(el('pool', { type }, ...head, target(absolutePath(spec.targetPath, 'targetPath'))));
    case 'fs':
      return renderXml(
        el(
          'pool',
          { type },
          ...head,
          el('source', {}, el('device', { path: absolutePath(spec.sourceDevice, 'sourceDevice') }), el('format', { type: oneOf(spec.format, FS_FORMATS, 'format', 'auto') })),
          target(absolutePath(spec.targetPath, 'targetPath')),
        ),
      );
    case 'logical': {
      const vg = text(spec.vgName ?? name, 'vgName', { pattern: /^[A-Za-z0-9+_.-]+$/, patternMessage: 'must be a volume group name' });
      if (spec.sourceDevices !== undefined && !Array.isArray(spec.sourceDevices)) throw new BuildError('sourceDevices', 'must be an array');
      const devices = (spec.sourceDevices ?? []).map((device, i) => el('device', { path: absolutePath(device, `sourceDevices[${i}]`) }));
      return renderXml(
        el(
          'pool',
          { type },
          ...head,
          el('source', {}, ...devices, textEl('name', vg), el('format', { type: 'lvm2' })),
          target(spec.targetPath === undefined ? `/dev/${vg}` : absolutePath(spec.targetPath, 'targetPath')),
        ),
      );
    }
    case 'netfs':
      return renderXml(
        el(
          'pool',
          { type },
          ...head,
          el(
            'source',
            {},
            el('host', { name: text(spec.host, 'host', { pattern: HOST, patternMessage: 'must be a host name or address' }) }),
            el('dir', { path: absolutePath(spec.dir, 'dir') }),
            el('format', { type: oneOf(spec.format, ['nfs', 'auto', 'glusterfs', 'cifs'], 'format', 'nfs') }),
          ),
          target(absolutePath(spec.targetPath, 'targetPath')),
        ),
      );
  }
}

function target(path: string) {
  return el('target', {}, textEl('path', path));
}
