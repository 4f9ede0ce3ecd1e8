// Creating a domain from the form: the disk volume first (new, or an overlay on a base), then
// the definition, then optionally the start. A step that fails undoes the earlier ones, so
// nothing is left half done; what could not be undone is said in the error.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { buildDomainXml, buildVolumeXml, parseVolumeXml, type DomainSpec } from '@virtdeck/libvirt-xml';
import type { CreateDomainInput } from '@virtdeck/contract/domain';

type Undo = { what: string; run: () => Promise<unknown> };

async function volumePath(lv: Libvirt, pool: string, name: string): Promise<{ path: string; format: string | null }> {
  const vol = parseVolumeXml(await lv.volumes.getXml({ pool, name }));
  return { path: vol.target.path, format: vol.target.format };
}

export async function createDomain(lv: Libvirt, input: CreateDomainInput) {
  const undo: Undo[] = [];
  try {
    const disks: NonNullable<DomainSpec['disks']> = [];
    const d = input.disk;
    if (d.kind === 'existing') {
      const v = await volumePath(lv, d.pool, d.volume);
      disks.push({ path: v.path, format: v.format === 'raw' ? 'raw' : 'qcow2' });
    } else if (d.kind === 'new' || d.kind === 'overlay') {
      const xml =
        d.kind === 'new'
          ? buildVolumeXml({ name: d.volume, format: d.format, capacityBytes: Math.round(d.capacityGiB * 1024 ** 3) })
          : await (async () => {
              const base = await volumePath(lv, d.pool, d.base);
              return buildVolumeXml({ name: d.volume, format: 'qcow2', backing: { path: base.path, format: base.format === 'qcow2' ? 'qcow2' : 'raw' } });
            })();
      const created = await lv.volumes.create(d.pool, xml);
      undo.push({ what: `volume ${d.volume}`, run: () => lv.volumes.delete(created) });
      const v = await volumePath(lv, d.pool, d.volume);
      disks.push({ path: v.path, format: d.kind === 'new' ? d.format : 'qcow2' });
    }
    const cdrom = input.iso ? { path: (await volumePath(lv, input.iso.pool, input.iso.volume)).path } : undefined;
    const network = input.network.kind === 'network' ? { network: input.network.network } : input.network.kind === 'bridge' ? { bridge: input.network.bridge } : 'none';
    const xml = buildDomainXml({
      name: input.name,
      memoryMiB: input.memoryMiB,
      vcpus: input.vcpus,
      disks,
      ...(cdrom && { cdrom }),
      network,
      graphics: input.graphics,
    });
    const dom = await lv.domains.define(xml);
    undo.push({ what: `domain ${input.name}`, run: () => lv.domains.undefine(dom) });
    if (input.start) await lv.domains.start(dom);
    return lv.domains.get(dom);
  } catch (err) {
    const left: string[] = [];
    for (const u of undo.reverse()) await u.run().catch(() => left.push(u.what));
    if (left.length === 0) throw err;
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `${err instanceof Error ? err.message : String(err)}; could not remove what was already created: ${left.join(', ')}`,
      cause: err,
    });
  }
}
