// Attaching a disk: a new volume created in a pool, or an existing pool volume, on a bus. A
// running VM gets it live and in its definition in one libvirt call (libvirt keeps the
// definition unchanged when the hot-plug fails); a shut-off VM in its definition. A volume made
// for the disk is deleted again when the attach is refused. An existing volume that something
// else reads (another VM, an overlay on it) is attached only read-only or shareable.
import { TRPCError } from '@trpc/server';
import type { Libvirt } from '@virtdeck/libvirt-client';
import { buildDiskDeviceXml, buildVolumeXml, nextDiskTarget } from '@virtdeck/libvirt-xml';
import type { AttachDiskInput, DiskChangeResult } from '@virtdeck/contract/disk';
import { DependantsError } from '../../errors.js';
import { dependantList, describeDependants, hasDependants, hostStorageGraph } from '../storage/backing.js';
import { domainDisks, orRefusal, poolImage, takenTargets, type PoolImage } from './disk-state.js';

const GiB = 1024 ** 3;

/** Bytes of a size in GiB, whole MiB (what a form's decimal GiB means). */
export const giBToBytes = (gib: number): number => Math.round(gib * 1024) * 1024 * 1024;

async function existingImage(lv: Libvirt, d: { name: string }, input: AttachDiskInput & { source: { kind: 'existing' } }): Promise<PoolImage> {
  const image = await poolImage(lv, input.source.pool, input.source.volume);
  if (input.readonly || input.shareable) return image;
  const graph = await hostStorageGraph(lv);
  const users = dependantList(graph.forest, image.path);
  if (hasDependants(users)) {
    throw new DependantsError(
      `${image.name} was not attached to ${d.name}: it is used by ${describeDependants(users)}; attach it read-only or shareable, or choose another volume`,
      users,
    );
  }
  return image;
}

export async function attachDisk(lv: Libvirt, input: AttachDiskInput): Promise<DiskChangeResult> {
  const d = await domainDisks(lv, input.uuid);
  const target = nextDiskTarget(takenTargets(d), input.bus);
  const src = input.source;
  let created: { pool: string; name: string } | null = null;
  let image: PoolImage;
  if (src.kind === 'new') {
    const xml = buildVolumeXml({ name: src.volume, format: src.format, capacityBytes: giBToBytes(src.capacityGiB) });
    await lv.volumes.create(src.pool, xml);
    created = { pool: src.pool, name: src.volume };
    image = await poolImage(lv, src.pool, src.volume);
  } else {
    image = await existingImage(lv, d, { ...input, source: src });
  }
  const deviceXml = buildDiskDeviceXml({
    source: { type: image.sourceType, path: image.path },
    format: image.format,
    bus: input.bus,
    targetDev: target,
    cache: input.cache,
    io: input.io,
    discard: input.discard,
    readonly: input.readonly,
    shareable: input.shareable,
  });
  try {
    await orRefusal(lv, input.uuid, target, `Attaching ${image.name} as ${target}`, () => lv.domains.attachDevice(input.uuid, deviceXml, d.running ? ['LIVE', 'CONFIG'] : ['CONFIG']));
  } catch (e) {
    if (created) {
      const made = created;
      await lv.volumes.delete({ pool: made.pool, name: made.name }).catch((undoErr: unknown) => {
        throw new TRPCError({
          code: 'INTERNAL_SERVER_ERROR',
          message: `${e instanceof Error ? e.message : String(e)} The new volume ${made.name} could not be removed: ${undoErr instanceof Error ? undoErr.message : String(undoErr)}`,
          cause: e,
        });
      });
    }
    throw e;
  }
  const size = `${(image.capacity / GiB).toLocaleString('en-US', { maximumFractionDigits: 2 })} GiB`;
  return {
    disk: target,
    live: d.running ? 'applied' : 'not-running',
    definition: true,
    note: `${image.name} (${size}, pool ${image.pool}) is ${target}.`,
  };
}
