// Deleting a domain with the volumes the user chose: forced off if running, undefined with its
// snapshot metadata, managed save and NVRAM, then each chosen volume deleted. A volume that
// could not be deleted is reported by path; the domain is gone either way.
import type { Libvirt } from '@virtdeck/libvirt-client';

export async function deleteDomain(lv: Libvirt, uuid: string, volumePaths: string[]) {
  const dom = await lv.domains.lookup(uuid);
  const { state } = await lv.domains.getState(dom);
  if (state !== 'shutoff' && state !== 'crashed') await lv.domains.destroy(dom);
  await lv.domains.undefine(dom, ['SNAPSHOTS_METADATA', 'MANAGED_SAVE', 'NVRAM', 'CHECKPOINTS_METADATA']);
  const failed: { path: string; error: string }[] = [];
  for (const path of volumePaths) {
    await lv.volumes.delete({ path }).catch((e: unknown) => failed.push({ path, error: e instanceof Error ? e.message : String(e) }));
  }
  return { deleted: true as const, volumesDeleted: volumePaths.filter((p) => !failed.some((f) => f.path === p)), volumesFailed: failed };
}
