// A pool's or network's row (what its list shows) read right after its lifecycle event, so the
// pages change that one row: null when it is gone, undefined when it could not be read.
import { isNoNetwork, isNoStoragePool, type Libvirt } from '@virtdeck/libvirt-client';
import type { ObjectRow } from '@virtdeck/contract/live';
import { getNetwork } from '../routers/network.js';
import { getPool } from '../routers/storage/pool.js';

async function rowOr(read: Promise<ObjectRow>, gone: (e: unknown) => boolean): Promise<ObjectRow | null | undefined> {
  try {
    return await read;
  } catch (e) {
    return gone(e) ? null : undefined;
  }
}

export const poolRowAfter = (lv: Libvirt, name: string) => rowOr(getPool(lv, name), isNoStoragePool);
export const networkRowAfter = (lv: Libvirt, name: string) => rowOr(getNetwork(lv, name), isNoNetwork);
