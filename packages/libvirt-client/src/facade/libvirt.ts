// The hand-written facade over the generated procedures: what the BFF uses most, with
// friendly types. Anything not here is reachable through `call()` and the generated tables.
import { openConnection, type OpenOptions } from '../client.js';
import { remoteProcedures } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import type { ProcedureDef } from '../xdr/codec.js';
import { domainStateName, type DomainStateName } from './domain-state.js';
import { formatUuid } from './uuid.js';
import { formatVersion } from './version.js';

export interface DomainSummary {
  name: string;
  uuid: string;
  /** The running instance's id, or null when the domain is not running. */
  id: number | null;
  state: DomainStateName;
  vcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
}

export interface HypervisorInfo {
  /** The driver's name as libvirt reports it: QEMU, TEST, LXC... */
  type: string;
  version: string;
}

export class Libvirt {
  private constructor(private readonly rpc: RpcConnection) {}

  static async connect(uri: string, options?: OpenOptions): Promise<Libvirt> {
    return new Libvirt(await openConnection(uri, options));
  }

  /** Settles when the connection ends, with the reason it ended. */
  get closed(): Promise<unknown> {
    return this.rpc.closed;
  }

  /** Any procedure of the generated table, for what the facade does not wrap. */
  call<A, R>(proc: ProcedureDef<A, R>, args: A): Promise<R> {
    return this.rpc.call(proc, args);
  }

  async getLibVersion(): Promise<string> {
    const r = await this.rpc.call(remoteProcedures.connectGetLibVersion, undefined);
    return formatVersion(r.lib_ver);
  }

  async getHypervisor(): Promise<HypervisorInfo> {
    const [type, version] = await Promise.all([
      this.rpc.call(remoteProcedures.connectGetType, undefined),
      this.rpc.call(remoteProcedures.connectGetVersion, undefined),
    ]);
    return { type: type.type, version: formatVersion(version.hv_ver) };
  }

  async getHostname(): Promise<string> {
    return (await this.rpc.call(remoteProcedures.connectGetHostname, undefined)).hostname;
  }

  /** Every domain, active and inactive, with state and resources; the info calls run pipelined. */
  async listDomains(): Promise<DomainSummary[]> {
    const { domains } = await this.rpc.call(remoteProcedures.connectListAllDomains, { need_results: 1, flags: 0 });
    return Promise.all(
      domains.map(async (dom) => {
        const info = await this.rpc.call(remoteProcedures.domainGetInfo, { dom });
        return {
          name: dom.name,
          uuid: formatUuid(dom.uuid),
          id: dom.id >= 0 ? dom.id : null,
          state: domainStateName(info.state),
          vcpus: info.nrVirtCpu,
          memoryKiB: Number(info.memory),
          maxMemoryKiB: Number(info.maxMem),
        };
      }),
    );
  }

  async close(): Promise<void> {
    await this.rpc.close();
  }
}
