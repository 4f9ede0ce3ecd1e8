// Storage pools: list with info, XML, define/build/start/refresh/stop/undefine, autostart.
import {
  remoteProcedures as rp,
  VirConnectListAllStoragePoolsFlags,
  VirStoragePoolBuildFlags,
  VirStoragePoolCreateFlags,
  VirStoragePoolDefineFlags,
  VirStoragePoolDeleteFlags,
  VirStoragePoolState,
  VirStorageXMLFlags,
} from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { resolvePool, type PoolHandle, type PoolRef } from './refs.js';
import { formatUuid } from './uuid.js';

export type PoolStateName = Lowercase<keyof typeof VirStoragePoolState>;

export interface PoolSummary {
  name: string;
  uuid: string;
  state: PoolStateName;
  /** Bytes; numbers are exact below 8 PiB. */
  capacity: number;
  allocation: number;
  available: number;
  autostart: boolean;
  persistent: boolean;
}

export class Pools {
  constructor(private readonly rpc: RpcConnection) {}

  lookup(ref: PoolRef): Promise<PoolHandle> {
    return resolvePool(this.rpc, ref);
  }

  /** Every pool with its info; the per-pool calls run pipelined. `flags` narrows, e.g. ['ACTIVE', 'DIR']. */
  async list(flags?: Flags<typeof VirConnectListAllStoragePoolsFlags>): Promise<PoolSummary[]> {
    const { pools } = await this.rpc.call(rp.connectListAllStoragePools, { need_results: 1, flags: flagsOf(VirConnectListAllStoragePoolsFlags, flags) });
    return Promise.all(pools.map((pool) => this.summaryOf(pool)));
  }

  /** Whether the pool is started (virStoragePoolIsActive). */
  async isActive(ref: PoolRef): Promise<boolean> {
    return (await this.rpc.call(rp.storagePoolIsActive, { pool: await resolvePool(this.rpc, ref) })).active !== 0;
  }

  /** Whether the pool has a persistent definition (virStoragePoolIsPersistent). */
  async isPersistent(ref: PoolRef): Promise<boolean> {
    return (await this.rpc.call(rp.storagePoolIsPersistent, { pool: await resolvePool(this.rpc, ref) })).persistent !== 0;
  }

  async get(ref: PoolRef): Promise<PoolSummary> {
    return this.summaryOf(await resolvePool(this.rpc, ref));
  }

  async getXml(ref: PoolRef, opts: { inactive?: boolean } = {}): Promise<string> {
    const pool = await resolvePool(this.rpc, ref);
    return (await this.rpc.call(rp.storagePoolGetXmlDesc, { pool, flags: opts.inactive ? VirStorageXMLFlags.INACTIVE : 0 })).xml;
  }

  async define(xml: string, flags?: Flags<typeof VirStoragePoolDefineFlags>): Promise<PoolHandle> {
    return (await this.rpc.call(rp.storagePoolDefineXml, { xml, flags: flagsOf(VirStoragePoolDefineFlags, flags) })).pool;
  }

  /** Builds the pool's target (e.g. mkdir for a dir pool). */
  async build(ref: PoolRef, flags?: Flags<typeof VirStoragePoolBuildFlags>): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolBuild, { pool, flags: flagsOf(VirStoragePoolBuildFlags, flags) });
  }

  /** Starts a defined pool (virStoragePoolCreate); ['WITH_BUILD'] builds it first. */
  async start(ref: PoolRef, flags?: Flags<typeof VirStoragePoolCreateFlags>): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolCreate, { pool, flags: flagsOf(VirStoragePoolCreateFlags, flags) });
  }

  async refresh(ref: PoolRef): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolRefresh, { pool, flags: 0 });
  }

  /** Stops the pool; volumes are left as they are. */
  async destroy(ref: PoolRef): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolDestroy, { pool });
  }

  /** Deletes the pool's target (e.g. rmdir): the pool must be inactive. */
  async delete(ref: PoolRef, flags?: Flags<typeof VirStoragePoolDeleteFlags>): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolDelete, { pool, flags: flagsOf(VirStoragePoolDeleteFlags, flags) });
  }

  async undefine(ref: PoolRef): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolUndefine, { pool });
  }

  async setAutostart(ref: PoolRef, autostart: boolean): Promise<void> {
    const pool = await resolvePool(this.rpc, ref);
    await this.rpc.call(rp.storagePoolSetAutostart, { pool, autostart: autostart ? 1 : 0 });
  }

  private async summaryOf(pool: PoolHandle): Promise<PoolSummary> {
    const [info, a, p] = await Promise.all([
      this.rpc.call(rp.storagePoolGetInfo, { pool }),
      this.rpc.call(rp.storagePoolGetAutostart, { pool }),
      this.rpc.call(rp.storagePoolIsPersistent, { pool }),
    ]);
    return {
      name: pool.name,
      uuid: formatUuid(pool.uuid),
      state: (enumName(VirStoragePoolState, info.state) ?? 'inaccessible') as PoolStateName,
      capacity: Number(info.capacity),
      allocation: Number(info.allocation),
      available: Number(info.available),
      autostart: a.autostart !== 0,
      persistent: p.persistent !== 0,
    };
  }
}
