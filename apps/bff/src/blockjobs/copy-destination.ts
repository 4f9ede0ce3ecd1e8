// Where a block copy lands, resolved on the server from the pool the user picked, so the client
// never names a host path; the pool refresh that makes a pivoted-to file show as a volume; and
// the removal of a cancelled copy's partial file.
import path from 'node:path';
import { isNoStorageVol, type Libvirt } from '@virtdeck/libvirt-client';
import { parsePoolXml } from '@virtdeck/libvirt-xml';
import { TRPCError } from '@trpc/server';

// Pools whose target is a directory a new image file can be created in.
const DIRECTORY_POOLS = new Set(['dir', 'fs', 'netfs']);

/** The path of a new file `name` in the running directory pool `pool`; refused if it exists. */
export async function copyDestinationPath(lv: Libvirt, pool: string, name: string): Promise<string> {
  const summary = await lv.pools.get(pool);
  const model = parsePoolXml(await lv.pools.getXml(pool));
  if (!DIRECTORY_POOLS.has(model.type) || !model.targetPath) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `pool: ${pool} is a ${model.type} pool; a copy goes into a directory pool (dir, fs or netfs)` });
  }
  if (summary.state !== 'running') throw new TRPCError({ code: 'BAD_REQUEST', message: `pool: ${pool} is not running; start it first` });
  // A file put there behind libvirt's back is a volume only after a refresh.
  await lv.pools.refresh(pool);
  try {
    await lv.volumes.get({ pool, name });
    throw new TRPCError({ code: 'CONFLICT', message: `name: pool ${pool} already has a volume named ${name}` });
  } catch (e) {
    if (!isNoStorageVol(e)) throw e;
  }
  return path.posix.join(model.targetPath, name);
}

/** Refreshes every running pool whose target directory holds `file`; answers their names. */
export async function refreshPoolsHolding(lv: Libvirt, file: string): Promise<string[]> {
  const dir = path.posix.dirname(file);
  const refreshed: string[] = [];
  for (const p of await lv.pools.list()) {
    if (p.state !== 'running') continue;
    if (parsePoolXml(await lv.pools.getXml(p.name)).targetPath !== dir) continue;
    await lv.pools.refresh(p.name);
    refreshed.push(p.name);
  }
  return refreshed;
}

/**
 * Deletes the partial file a cancelled copy left, when it is a volume of a running pool (the
 * only place Virtdeck's copies write); a file outside every pool is left alone. Answers the
 * deleted volume, or null.
 */
export async function removeCancelledCopy(lv: Libvirt, file: string): Promise<{ pool: string; name: string } | null> {
  // qemu created the file behind libvirt's back: it is a volume only after a refresh.
  if ((await refreshPoolsHolding(lv, file)).length === 0) return null;
  let vol;
  try {
    vol = await lv.volumes.lookup({ path: file });
  } catch (e) {
    if (isNoStorageVol(e)) return null;
    throw e;
  }
  await lv.volumes.delete(vol);
  return { pool: vol.pool, name: vol.name };
}
