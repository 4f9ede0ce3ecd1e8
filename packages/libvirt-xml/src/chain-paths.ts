/** Host paths of a backing chain, for matching domain disks to storage volumes. */
import type { BackingChain, Layer } from './model/backing-chain.js';

/** The host path a layer reads: file/dir path or block device; undefined for network, volume, nvme... */
export function layerPath(layer: Pick<Layer, 'source'>): string | undefined {
  const { source } = layer;
  switch (source.kind) {
    case 'file':
    case 'dir':
      return source.path;
    case 'block':
      return source.dev;
    default:
      return undefined;
  }
}

/**
 * Paths of every layer with one, top first (the `chainPaths` of {@link buildBackingForest}'s
 * domain input). A `volume` layer has no path here: resolve it through the pool first.
 */
export function chainPaths(chain: BackingChain): string[] {
  return chain.layers.map(layerPath).filter((path): path is string => path !== undefined);
}
