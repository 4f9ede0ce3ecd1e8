// Virtual networks: list with flags, XML, start/stop, autostart.
import { remoteProcedures as rp, VirNetworkXMLFlags } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { resolveNetwork, type NetworkHandle, type NetworkRef } from './refs.js';
import { formatUuid } from './uuid.js';

export interface NetworkSummary {
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

export class Networks {
  constructor(private readonly rpc: RpcConnection) {}

  lookup(ref: NetworkRef): Promise<NetworkHandle> {
    return resolveNetwork(this.rpc, ref);
  }

  /** Every network, with its flags; the per-network calls run pipelined. */
  async list(): Promise<NetworkSummary[]> {
    const { nets } = await this.rpc.call(rp.connectListAllNetworks, { need_results: 1, flags: 0 });
    return Promise.all(nets.map((net) => this.summaryOf(net)));
  }

  async get(ref: NetworkRef): Promise<NetworkSummary> {
    return this.summaryOf(await resolveNetwork(this.rpc, ref));
  }

  async getXml(ref: NetworkRef, opts: { inactive?: boolean } = {}): Promise<string> {
    const net = await resolveNetwork(this.rpc, ref);
    return (await this.rpc.call(rp.networkGetXmlDesc, { net, flags: opts.inactive ? VirNetworkXMLFlags.INACTIVE : 0 })).xml;
  }

  /** Starts a defined network (virNetworkCreate). */
  async start(ref: NetworkRef): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkCreate, { net });
  }

  async destroy(ref: NetworkRef): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkDestroy, { net });
  }

  async setAutostart(ref: NetworkRef, autostart: boolean): Promise<void> {
    const net = await resolveNetwork(this.rpc, ref);
    await this.rpc.call(rp.networkSetAutostart, { net, autostart: autostart ? 1 : 0 });
  }

  private async summaryOf(net: NetworkHandle): Promise<NetworkSummary> {
    const [a, p, s] = await Promise.all([
      this.rpc.call(rp.networkIsActive, { net }),
      this.rpc.call(rp.networkIsPersistent, { net }),
      this.rpc.call(rp.networkGetAutostart, { net }),
    ]);
    return { name: net.name, uuid: formatUuid(net.uuid), active: a.active !== 0, persistent: p.persistent !== 0, autostart: s.autostart !== 0 };
  }
}
