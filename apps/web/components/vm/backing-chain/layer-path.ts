// The host path of a chain layer (file, directory or block device), or null for other sources.
import type { DiskLayer } from '~/lib/vm-types';

export const layerPathOf = (layer: DiskLayer): string | null =>
  layer.source.kind === 'file' || layer.source.kind === 'dir' ? layer.source.path : layer.source.kind === 'block' ? layer.source.dev : null;

export const fileNameOf = (p: string) => p.split('/').pop() ?? p;
