// Deleting a domain with the volumes the user chose: each must be a layer of this domain's own
// disks that nothing else reads (the same dependants check `volume.delete` runs), else nothing
// happens at all. Then the domain is forced off if running, undefined with its snapshot metadata,
// managed save and NVRAM, and each chosen volume deleted, active images before their backing
// files. A volume that could not be deleted is reported by path; the domain is gone either way.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { DependantsError, type DependantList } from '../../errors.js';
import { describeDependants } from '../storage/backing.js';
import { deletePlan, refusals } from './delete-plan.js';

export async function deleteDomain(lv: Libvirt, uuid: string, volumePaths: string[]) {
  const plan = await deletePlan(lv, uuid);
  const refused = refusals(plan, volumePaths);
  const foreign = refused.filter((r) => r.kind !== 'in-use').map((r) => r.path);
  if (foreign.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `deleteVolumes: not a volume of ${plan.name}'s own disks: ${foreign.join(', ')}`,
    });
  }
  const inUse: DependantList = { volumes: [], domains: [] };
  for (const r of refused) {
    if (r.kind !== 'in-use') continue;
    for (const v of r.usedBy.volumes) if (!inUse.volumes.some((x) => x.path === v.path)) inUse.volumes.push(v);
    for (const d of r.usedBy.domains) if (!inUse.domains.some((x) => x.domain === d.domain && x.disk === d.disk)) inUse.domains.push(d);
  }
  if (refused.length > 0) {
    const paths = refused.map((r) => r.path).join(', ');
    throw new DependantsError(`${plan.name} was not deleted: ${paths} ${refused.length === 1 ? 'is' : 'are'} still used by ${describeDependants(inUse)}`, inUse);
  }

  const dom = await lv.domains.lookup(uuid);
  const { state } = await lv.domains.getState(dom);
  if (state !== 'shutoff' && state !== 'crashed') await lv.domains.destroy(dom);
  await lv.domains.undefine(dom, ['SNAPSHOTS_METADATA', 'MANAGED_SAVE', 'NVRAM', 'CHECKPOINTS_METADATA']);
  const depth = (p: string) => plan.layers.find((l) => l.path === p)?.depth ?? 0;
  const ordered = [...new Set(volumePaths)].sort((a, b) => depth(a) - depth(b));
  const failed: { path: string; error: string }[] = [];
  for (const path of ordered) {
    await lv.volumes.delete({ path }).catch((e: unknown) => failed.push({ path, error: e instanceof Error ? e.message : String(e) }));
  }
  return { deleted: true as const, volumesDeleted: ordered.filter((p) => !failed.some((f) => f.path === p)), volumesFailed: failed };
}
