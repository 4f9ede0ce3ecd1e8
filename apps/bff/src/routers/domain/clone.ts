// Cloning a shut-off VM into a pool. Full: each disk copied (virStorageVolCreateXMLFrom; a disk on
// a backing chain is copied flattened, so the clone stands alone). Linked: a qcow2 overlay on each
// disk, which then is a shared base of source and clone. Then the clone's definition: a new name,
// a UUID of libvirt's, new MACs. A step that fails undoes the earlier ones; what could not be
// undone is said in the error.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { buildVolumeXml, cloneDomainXml, type CloneDiskSource } from '@virtdeck/libvirt-xml';
import { cloneDomainSchema, type CloneDomainInput, type CloneResult } from '@virtdeck/contract/clone';
import { checkCloneTarget, clonePlan } from './clone-plan.js';

export async function cloneDomain(lv: Libvirt, raw: CloneDomainInput): Promise<CloneResult> {
  const { uuid, name, mode, pool } = cloneDomainSchema.parse(raw);
  const { state } = await lv.domains.getState(uuid);
  const plan = await clonePlan(lv, uuid, name, mode);
  if (state !== 'shutoff') {
    throw new TRPCError({ code: 'CONFLICT', message: `${plan.sourceName} is ${state}: shut it off before cloning, so its disks do not change under the copy` });
  }
  await checkCloneTarget(lv, plan, name, pool);

  const made: { what: string; undo: () => Promise<unknown> }[] = [];
  try {
    const disks: Record<string, CloneDiskSource> = {};
    for (const d of plan.disks) {
      const format = mode === 'linked' ? 'qcow2' : d.source.format;
      const volume =
        mode === 'linked'
          ? await lv.volumes.create(pool, buildVolumeXml({ name: d.volume, format, backing: { path: d.source.path, format: d.source.format } }))
          : await lv.volumes.clone(pool, buildVolumeXml({ name: d.volume, format, capacityBytes: d.source.capacity }), { path: d.source.path });
      made.push({ what: `volume ${d.volume}`, undo: () => lv.volumes.delete(volume) });
      disks[d.disk] = { path: (await lv.volumes.get(volume)).path, format };
    }
    const dom = await lv.domains.define(cloneDomainXml(plan.config, { name, disks }));
    const summary = await lv.domains.get(dom);
    return { uuid: summary.uuid, name: summary.name, volumes: plan.disks.map((d) => ({ disk: d.disk, pool, name: d.volume })) };
  } catch (err) {
    const left: string[] = [];
    for (const m of made.reverse()) await m.undo().catch(() => left.push(m.what));
    if (left.length === 0) throw err;
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `${err instanceof Error ? err.message : String(err)}; could not remove what was already created: ${left.join(', ')}`,
      cause: err,
    });
  }
}
