// Which disk layers the delete dialog offers, and which it checks by default: each disk's active
// (top) layer is the VM's own; a backing layer below it may be a base other VMs share.
import type { DomainDisk } from './vm-types';

export interface DeletableLayer {
  path: string;
  disk: string;
  depth: number;
  format: string | null;
  /** Backing layers, read-only disks and CD-ROM media: possibly shared, unchecked by default. */
  shared: boolean;
  cdrom: boolean;
  defaultChecked: boolean;
}

function pathOf(source: DomainDisk['chain']['layers'][number]['source']): string | null {
  if (source.kind === 'file' || source.kind === 'dir') return source.path;
  if (source.kind === 'block') return source.dev;
  return null;
}

export function deletableLayers(disks: readonly DomainDisk[]): DeletableLayer[] {
  const seen = new Set<string>();
  const out: DeletableLayer[] = [];
  for (const disk of disks) {
    disk.chain.layers.forEach((layer, depth) => {
      const path = pathOf(layer.source);
      if (!path || seen.has(path)) return;
      seen.add(path);
      const cdrom = disk.device !== 'disk';
      const shared = depth > 0 || disk.readonly || disk.shareable || cdrom;
      out.push({ path, disk: disk.targetDev, depth, format: layer.format, shared, cdrom, defaultChecked: !shared });
    });
  }
  return out;
}
