// Who uses a volume: the backing forest over the host's pools and every domain's disk chains.
// A volume's XML names only its immediate parent, and a shut-off domain's XML only its top image,
// so chains are completed here volume by volume; a running domain's live XML carries its chain.
import { isNoDomain, isNoStoragePool, isNoStorageVol, isOperationInvalid, type Libvirt } from '@virtdeck/libvirt-client';
import {
  buildBackingForest,
  dependantsOf,
  layerPath,
  parseDomainXml,
  parseVolumeXml,
  type BackingForest,
  type Disk,
  type ForestDomain,
  type ForestVolume,
  type VolumeModel,
} from '@virtdeck/libvirt-xml';
import type { DependantList } from '../../errors.js';

/** Lookups that vanish under us (another client deleted the object) count as absent. */
const gone = (e: unknown) => isNoStorageVol(e) || isNoStoragePool(e) || isNoDomain(e);

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (gone(e)) return null;
    throw e;
  }
}

export interface PoolVolume {
  model: VolumeModel;
  forest: ForestVolume;
}

/** Each volume of one pool with its parsed XML (capacity, format, immediate backing file). */
export async function poolVolumes(lv: Libvirt, pool: string): Promise<PoolVolume[]> {
  const summaries = await lv.volumes.list(pool);
  const xmls = await Promise.all(summaries.map((v) => orNull(lv.volumes.getXml({ pool, name: v.name }))));
  const out: PoolVolume[] = [];
  xmls.forEach((xml) => {
    if (xml === null) return;
    const model = parseVolumeXml(xml);
    out.push({
      model,
      forest: {
        name: model.name,
        path: model.target.path,
        format: model.target.format,
        backingPath: model.backingStore?.path ?? null,
        pool,
      },
    });
  });
  return out;
}

/** Volumes of every active pool (inactive pools cannot list theirs). */
export async function hostVolumes(lv: Libvirt): Promise<ForestVolume[]> {
  const pools = (await lv.pools.list()).filter((p) => p.state === 'running').sort((a, b) => a.name.localeCompare(b.name));
  // A pool stopped or removed meanwhile (OPERATION_INVALID: not active) has no volumes to show.
  const perPool = await Promise.all(
    pools.map((p) =>
      orNull(poolVolumes(lv, p.name)).catch((e: unknown) => {
        if (isOperationInvalid(e)) return null;
        throw e;
      }),
    ),
  );
  return perPool.flatMap((vols) => (vols ?? []).map((v) => v.forest));
}

/**
 * The chain paths of one disk, top first: the paths the XML shows (a `volume` source resolved
 * through its pool), then the volume-by-volume walk of backing files below the last one.
 */
export function diskChain(disk: Disk, byPath: ReadonlyMap<string, ForestVolume>, byPoolName: ReadonlyMap<string, ForestVolume>): string[] {
  const paths: string[] = [];
  for (const layer of disk.chain.layers) {
    const source = layer.source;
    const path = source.kind === 'volume' ? byPoolName.get(`${source.pool}\u0000${source.volume}`)?.path : layerPath(layer);
    if (path !== undefined) paths.push(path);
  }
  const seen = new Set(paths);
  let parent = byPath.get(paths.at(-1) ?? '')?.backingPath ?? null;
  while (parent !== null && parent !== '' && !seen.has(parent)) {
    paths.push(parent);
    seen.add(parent);
    parent = byPath.get(parent)?.backingPath ?? null;
  }
  return paths;
}

/** Every domain with the chain paths of its disks (live XML for running ones, else the definition). */
export async function hostDomains(lv: Libvirt, volumes: readonly ForestVolume[]): Promise<ForestDomain[]> {
  const byPath = new Map<string, ForestVolume>();
  const byPoolName = new Map<string, ForestVolume>();
  for (const v of volumes) {
    if (!byPath.has(v.path)) byPath.set(v.path, v);
    byPoolName.set(`${v.pool}\u0000${v.name}`, v);
  }
  const domains = await lv.domains.list();
  const xmls = await Promise.all(domains.map((d) => orNull(lv.domains.getXml(d.uuid))));
  const out: ForestDomain[] = [];
  xmls.forEach((xml) => {
    if (xml === null) return;
    const model = parseDomainXml(xml);
    out.push({
      name: model.name,
      disks: model.disks.map((disk) => ({ target: disk.targetDev, chainPaths: diskChain(disk, byPath, byPoolName) })),
    });
  });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface HostStorageGraph {
  volumes: ForestVolume[];
  domains: ForestDomain[];
  forest: BackingForest;
}

/** The backing forest over every active pool's volumes and every domain's disks. */
export async function hostStorageGraph(lv: Libvirt): Promise<HostStorageGraph> {
  const volumes = await hostVolumes(lv);
  const domains = await hostDomains(lv, volumes);
  return { volumes, domains, forest: buildBackingForest(volumes, domains) };
}

/** What would break if the volume at `path` went away, as the API reports it. */
export function dependantList(forest: BackingForest, path: string): DependantList {
  const found = dependantsOf(forest, path);
  return {
    volumes: found.volumes.map((v) => ({ pool: v.pool, name: v.name, path: v.path })),
    domains: found.domains.map((d) => ({ domain: d.domain, disk: d.disk, depth: d.depth })),
  };
}

export const hasDependants = (d: DependantList): boolean => d.volumes.length > 0 || d.domains.length > 0;

/** "overlay a.qcow2 (pool p), disk vda of domain web1" */
export function describeDependants(d: DependantList): string {
  const parts = [
    ...d.volumes.map((v) => `volume ${v.name} (pool ${v.pool})`),
    ...d.domains.map((u) => `disk ${u.disk} of domain ${u.domain}`),
  ];
  return parts.join(', ');
}
