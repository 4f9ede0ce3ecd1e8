// What deleting a domain may take with it: the volumes of its own disk chains, each with whatever
// else on the host would break without it. A volume another VM or an overlay outside this VM
// still reads is kept; a layer that is no volume of an active pool cannot be deleted through
// libvirt at all. The plan is asked before the dialog opens and checked again by the delete.
import type { Libvirt } from '@virtdeck/libvirt-client';
import { parseDomainXml } from '@virtdeck/libvirt-xml';
import type { DependantList } from '../../errors.js';
import { dependantList, hasDependants, hostStorageGraph, type HostStorageGraph } from '../storage/backing.js';

export interface DeleteLayer {
  path: string;
  disk: string;
  /** 0 for the disk's active image, 1 for its backing file, and so on. */
  depth: number;
  /** The volume at this path, or null when no active pool holds it. */
  volume: { pool: string; name: string } | null;
  cdrom: boolean;
  /** The disk is marked read-only or shareable: likely meant for several VMs. */
  shared: boolean;
  /** Who else uses the layer (this VM and its own layers left out); non-empty means it is kept. */
  usedBy: DependantList;
}

export interface DeletePlan {
  name: string;
  layers: DeleteLayer[];
}

/** Every layer of the domain's disks, top first per disk, each path once. */
function ownLayers(graph: HostStorageGraph, xml: string) {
  const model = parseDomainXml(xml);
  const chains = graph.domains.find((d) => d.name === model.name)?.disks ?? [];
  const seen = new Set<string>();
  const layers: Omit<DeleteLayer, 'usedBy'>[] = [];
  for (const disk of model.disks) {
    const paths = chains.find((c) => c.target === disk.targetDev)?.chainPaths ?? [];
    paths.forEach((path, depth) => {
      if (seen.has(path)) return;
      seen.add(path);
      const vol = graph.volumes.find((v) => v.path === path);
      layers.push({
        path,
        disk: disk.targetDev,
        depth,
        volume: vol ? { pool: vol.pool, name: vol.name } : null,
        cdrom: disk.device !== 'disk',
        shared: disk.readonly || disk.shareable,
      });
    });
  }
  return { name: model.name, layers };
}

/**
 * Who would break if `path` went away, leaving out the domain being deleted and the volumes at
 * `alsoGoing` (layers deleted in the same breath).
 */
function usersBesides(graph: HostStorageGraph, path: string, domain: string, alsoGoing: ReadonlySet<string>): DependantList {
  const all = dependantList(graph.forest, path);
  return {
    volumes: all.volumes.filter((v) => !alsoGoing.has(v.path)),
    domains: all.domains.filter((d) => d.domain !== domain),
  };
}

/** The domain's layers with what else uses each (its own layers counted as going with it). */
export async function deletePlan(lv: Libvirt, uuid: string): Promise<DeletePlan & { graph: HostStorageGraph }> {
  const [xml, graph] = await Promise.all([lv.domains.getXml(uuid), hostStorageGraph(lv)]);
  const { name, layers } = ownLayers(graph, xml);
  const own = new Set(layers.map((l) => l.path));
  return { name, graph, layers: layers.map((l) => ({ ...l, usedBy: usersBesides(graph, l.path, name, own) })) };
}

export type DeleteRefusal =
  | { kind: 'not-own'; path: string }
  | { kind: 'not-a-volume'; path: string }
  | { kind: 'in-use'; path: string; usedBy: DependantList };

/**
 * Why the chosen paths may not go: a path that is not a layer of this domain, a layer no pool
 * holds, or a layer something else still reads (the chosen layers themselves going too).
 */
export function refusals(plan: DeletePlan & { graph: HostStorageGraph }, chosen: readonly string[]): DeleteRefusal[] {
  const going = new Set(chosen);
  const out: DeleteRefusal[] = [];
  for (const path of going) {
    const layer = plan.layers.find((l) => l.path === path);
    if (!layer) out.push({ kind: 'not-own', path });
    else if (!layer.volume) out.push({ kind: 'not-a-volume', path });
    else {
      const usedBy = usersBesides(plan.graph, path, plan.name, going);
      if (hasDependants(usedBy)) out.push({ kind: 'in-use', path, usedBy });
    }
  }
  return out;
}
