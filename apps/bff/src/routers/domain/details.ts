// A domain's details from its live XML: disks with their whole backing chains (each layer that
// is a pool volume enriched with its size and pool), NICs, graphics, consoles.
import { isNoStorageVol, type Libvirt, type VolumeSummary } from '@virtdeck/libvirt-client';
import { layerPath, parseDomainXml } from '@virtdeck/libvirt-xml';

export async function domainDetails(lv: Libvirt, uuid: string) {
  const [xml, summary, state, autostart] = await Promise.all([
    lv.domains.getXml(uuid),
    lv.domains.get(uuid),
    lv.domains.getState(uuid),
    lv.domains.getAutostart(uuid),
  ]);
  const model = parseDomainXml(xml);
  const paths = new Set(model.disks.flatMap((d) => d.chain.layers.map(layerPath).filter((p): p is string => p !== null)));
  const volumes = new Map<string, VolumeSummary>();
  await Promise.all(
    [...paths].map(async (path) => {
      try {
        volumes.set(path, await lv.volumes.get({ path }));
      } catch (e) {
        // Not every layer is a pool volume (a file outside any pool); that is not an error.
        if (!isNoStorageVol(e)) throw e;
      }
    }),
  );
  const disks = model.disks.map((disk) => ({
    ...disk,
    chain: {
      ...disk.chain,
      layers: disk.chain.layers.map((layer) => {
        const path = layerPath(layer);
        const vol = path ? volumes.get(path) : undefined;
        return { ...layer, volume: vol ? { pool: vol.pool, name: vol.name, capacity: vol.capacity, allocation: vol.allocation } : null };
      }),
    },
  }));
  return { ...model, disks, state: summary.state, stateReason: state.reason, autostart };
}
