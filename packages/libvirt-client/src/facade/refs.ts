// How facade methods name libvirt objects: by the handle the daemon returned (no round trip), or by
// a string, a UUID (8-4-4-4-12 hex) or else a name, looked up once per call.
import type { RemoteNonnullDomain, RemoteNonnullNetwork, RemoteNonnullStoragePool, RemoteNonnullStorageVol } from '../gen/index.js';
import { remoteProcedures as rp } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { formatUuid, parseUuid } from './uuid.js';

/** What the daemon identifies a domain by (remote_nonnull_domain). */
export type DomainHandle = RemoteNonnullDomain;
export type PoolHandle = RemoteNonnullStoragePool;
export type VolumeHandle = RemoteNonnullStorageVol;
export type NetworkHandle = RemoteNonnullNetwork;

/** A domain: its handle, or its UUID or name. */
export type DomainRef = DomainHandle | string;
export type PoolRef = PoolHandle | string;
export type NetworkRef = NetworkHandle | string;
/** A volume: its handle, its path or key ({ path }, { key }), or its name in a pool. */
export type VolumeRef = VolumeHandle | { path: string } | { key: string } | { pool: PoolRef; name: string };

const UUID_RE = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/** Plain identity of a domain, pool or network, as the UI shows it. */
export interface ObjectId {
  name: string;
  uuid: string;
}

export function objectId(h: { name: string; uuid: Uint8Array }): ObjectId {
  return { name: h.name, uuid: formatUuid(h.uuid) };
}

export async function resolveDomain(rpc: RpcConnection, ref: DomainRef): Promise<DomainHandle> {
  if (typeof ref !== 'string') return ref;
  if (isUuid(ref)) return (await rpc.call(rp.domainLookupByUuid, { uuid: parseUuid(ref) })).dom;
  return (await rpc.call(rp.domainLookupByName, { name: ref })).dom;
}

export async function resolvePool(rpc: RpcConnection, ref: PoolRef): Promise<PoolHandle> {
  if (typeof ref !== 'string') return ref;
  if (isUuid(ref)) return (await rpc.call(rp.storagePoolLookupByUuid, { uuid: parseUuid(ref) })).pool;
  return (await rpc.call(rp.storagePoolLookupByName, { name: ref })).pool;
}

export async function resolveNetwork(rpc: RpcConnection, ref: NetworkRef): Promise<NetworkHandle> {
  if (typeof ref !== 'string') return ref;
  if (isUuid(ref)) return (await rpc.call(rp.networkLookupByUuid, { uuid: parseUuid(ref) })).net;
  return (await rpc.call(rp.networkLookupByName, { name: ref })).net;
}

export async function resolveVolume(rpc: RpcConnection, ref: VolumeRef): Promise<VolumeHandle> {
  if ('key' in ref && 'name' in ref) return ref;
  if ('path' in ref) return (await rpc.call(rp.storageVolLookupByPath, { path: ref.path })).vol;
  if ('key' in ref) return (await rpc.call(rp.storageVolLookupByKey, { key: ref.key })).vol;
  const pool = await resolvePool(rpc, ref.pool);
  return (await rpc.call(rp.storageVolLookupByName, { pool, name: ref.name })).vol;
}
