/**
 * A disk's backing chain from the nested `<backingStore>` elements libvirt prints in domain XML
 * (since libvirt 1.2.x, "conf: Output disk backing store details in domain XML"). Iterative: a
 * chain of any depth the XML reader accepts is read without recursion.
 *
 * See {@link ChainStatus} for what `complete`, `unprobed`, `broken` and `empty` mean.
 */
import type { BackingChain, DataStore, Layer } from '../model/backing-chain.js';
import { attr, child, optionalInt } from './dom.js';
import { readDiskSource, readEncryption } from './disk-source.js';
import type { XmlElement } from './xml.js';

const REMOVABLE = new Set(['cdrom', 'floppy']);

export function readBackingChain(disk: XmlElement, path: string): BackingChain {
  const device = disk.attrs.device ?? 'disk';
  const diskType = disk.attrs.type ?? 'file';
  const source = child(disk, 'source');
  const removable = REMOVABLE.has(device);

  if (source === undefined) {
    return removable ? { layers: [], status: 'empty' } : { layers: [], status: 'broken', problem: `a '${device}' disk has no <source>` };
  }
  const top = readDiskSource(diskType, source, `${path}/source`);
  if (!top.ok) {
    return removable ? { layers: [], status: 'empty' } : { layers: [], status: 'broken', problem: top.problem };
  }

  const encryption = readEncryption(child(source, 'encryption') ?? child(disk, 'encryption'));
  const topData = readDataStore(source, `${path}/source/dataStore`);
  if (!topData.ok) return broken([], `top layer: ${topData.problem}`);
  const { dataStore } = topData;
  const layers: Layer[] = [
    {
      index: optionalInt(source.attrs.index, `${path}/source`, 'Source index') ?? null,
      type: diskType,
      format: attr(child(disk, 'driver'), 'type') ?? null,
      source: top.source,
      ...(dataStore ? { dataStore } : {}),
      ...(encryption ? { encryption } : {}),
      readonly: child(disk, 'readonly') !== undefined,
    },
  ];

  let current = disk;
  let layerPath = path;
  for (;;) {
    const store = child(current, 'backingStore');
    if (store === undefined) return { layers, status: 'unprobed' };
    layerPath = `${layerPath}/backingStore`;
    if (isEndMarker(store)) return { layers, status: 'complete' };

    const depth = layers.length;
    const type = store.attrs.type;
    if (!type) return broken(layers, `backing layer ${depth} has no type`);
    const storeSource = child(store, 'source');
    if (storeSource === undefined) return broken(layers, `backing layer ${depth} has no <source>`);
    const read = readDiskSource(type, storeSource, `${layerPath}/source`);
    if (!read.ok) return broken(layers, `backing layer ${depth}: ${read.problem}`);

    const layerEncryption = readEncryption(child(storeSource, 'encryption') ?? child(store, 'encryption'));
    const data = readDataStore(storeSource, `${layerPath}/source/dataStore`);
    if (!data.ok) return broken(layers, `backing layer ${depth}: ${data.problem}`);
    const layerDataStore = data.dataStore;
    layers.push({
      index: optionalInt(store.attrs.index ?? storeSource.attrs.index, layerPath, 'Backing store index') ?? null,
      type,
      format: attr(child(store, 'format'), 'type') ?? null,
      source: read.source,
      ...(layerDataStore ? { dataStore: layerDataStore } : {}),
      ...(layerEncryption ? { encryption: layerEncryption } : {}),
      readonly: true,
    });
    current = store;
  }
}

/** `<backingStore/>`: no attributes, no child elements. */
function isEndMarker(store: XmlElement): boolean {
  return Object.keys(store.attrs).length === 0 && store.children.length === 0;
}

function broken(layers: Layer[], problem: string): BackingChain {
  return { layers, status: 'broken', problem };
}

type DataStoreResult = { ok: true; dataStore?: DataStore } | { ok: false; problem: string };

/** An unreadable `<dataStore>` breaks the chain rather than disappearing from the model. */
function readDataStore(source: XmlElement, path: string): DataStoreResult {
  const store = child(source, 'dataStore');
  if (store === undefined) return { ok: true };
  const type = store.attrs.type;
  if (!type) return { ok: false, problem: '<dataStore> has no type' };
  const storeSource = child(store, 'source');
  if (storeSource === undefined) return { ok: false, problem: '<dataStore> has no <source>' };
  const read = readDiskSource(type, storeSource, `${path}/source`);
  if (!read.ok) return { ok: false, problem: `<dataStore>: ${read.problem}` };
  return {
    ok: true,
    dataStore: {
      index: optionalInt(store.attrs.index ?? storeSource.attrs.index, path, 'Data store index') ?? null,
      type,
      format: attr(child(store, 'format'), 'type') ?? null,
      source: read.source,
    },
  };
}
