// The host: node info, memory, CPU and memory counters, capabilities, versions.
import { remoteProcedures as rp } from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { formatVersion } from './version.js';

export interface NodeInfo {
  /** CPU model as the driver reports it (e.g. 'x86_64'). */
  model: string;
  /** Active CPUs. */
  cpus: number;
  mhz: number;
  memoryKiB: number;
  numaNodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

export interface HypervisorInfo {
  /** The driver's name as libvirt reports it: QEMU, TEST, LXC... */
  type: string;
  version: string;
}

export interface HostVersions {
  /** libvirt of the daemon. */
  libvirt: string;
  hypervisor: HypervisorInfo;
}

/** Host CPU time summed over every CPU (virNodeGetCPUStats, VIR_NODE_CPU_STATS_ALL_CPUS), in ns. */
export interface NodeCpuStats {
  kernel: bigint;
  user: bigint;
  idle: bigint;
  iowait: bigint;
  /** Every field the driver sent, including those above (some drivers add 'intr'). */
  fields: Record<string, bigint>;
}

/** Host memory over every NUMA cell (virNodeGetMemoryStats, VIR_NODE_MEMORY_STATS_ALL_CELLS), in KiB. */
export interface NodeMemoryStats {
  total: bigint;
  free: bigint;
  buffers: bigint;
  cached: bigint;
  fields: Record<string, bigint>;
}

// VIR_NODE_CPU_STATS_ALL_CPUS and VIR_NODE_MEMORY_STATS_ALL_CELLS.
const ALL = -1;

export class Host {
  constructor(private readonly rpc: RpcConnection) {}

  async nodeInfo(): Promise<NodeInfo> {
    const r = await this.rpc.call(rp.nodeGetInfo, undefined);
    // `model` is a fixed char[32] sent as ints, NUL-padded.
    const end = r.model.indexOf(0);
    const model = String.fromCharCode(...(end >= 0 ? r.model.slice(0, end) : r.model).map((c) => c & 0xff));
    return { model, cpus: r.cpus, mhz: r.mhz, memoryKiB: Number(r.memory), numaNodes: r.nodes, sockets: r.sockets, cores: r.cores, threads: r.threads };
  }

  /** Free memory of the host in bytes (a number: exact below 8 PiB). */
  async freeMemory(): Promise<number> {
    return Number((await this.rpc.call(rp.nodeGetFreeMemory, undefined)).freeMem);
  }

  /**
   * Host CPU counters. libvirt's two-call protocol: the first call (nparams 0) answers how many
   * fields there are, the second fetches them. Drivers without it answer VIR_ERR_NO_SUPPORT.
   */
  async cpuStats(): Promise<NodeCpuStats> {
    const { nparams } = await this.rpc.call(rp.nodeGetCpuStats, { cpuNum: ALL, nparams: 0, flags: 0 });
    const { params } = await this.rpc.call(rp.nodeGetCpuStats, { cpuNum: ALL, nparams, flags: 0 });
    const fields = Object.fromEntries(params.map((p) => [p.field, p.value]));
    return { kernel: fields.kernel ?? 0n, user: fields.user ?? 0n, idle: fields.idle ?? 0n, iowait: fields.iowait ?? 0n, fields };
  }

  /** Host memory (same two-call protocol); the test driver answers VIR_ERR_NO_SUPPORT. */
  async memoryStats(): Promise<NodeMemoryStats> {
    const { nparams } = await this.rpc.call(rp.nodeGetMemoryStats, { cellNum: ALL, nparams: 0, flags: 0 });
    const { params } = await this.rpc.call(rp.nodeGetMemoryStats, { cellNum: ALL, nparams, flags: 0 });
    const fields = Object.fromEntries(params.map((p) => [p.field, p.value]));
    return { total: fields.total ?? 0n, free: fields.free ?? 0n, buffers: fields.buffers ?? 0n, cached: fields.cached ?? 0n, fields };
  }

  async capabilitiesXml(): Promise<string> {
    return (await this.rpc.call(rp.connectGetCapabilities, undefined)).capabilities;
  }

  /** Most vCPUs a guest of this type may have (default: the driver's own type). */
  async maxVcpus(type: string | null = null): Promise<number> {
    return (await this.rpc.call(rp.connectGetMaxVcpus, { type })).max_vcpus;
  }

  async hostname(): Promise<string> {
    return (await this.rpc.call(rp.connectGetHostname, undefined)).hostname;
  }

  async libVersion(): Promise<string> {
    return formatVersion((await this.rpc.call(rp.connectGetLibVersion, undefined)).lib_ver);
  }

  async hypervisor(): Promise<HypervisorInfo> {
    const [type, version] = await Promise.all([this.rpc.call(rp.connectGetType, undefined), this.rpc.call(rp.connectGetVersion, undefined)]);
    return { type: type.type, version: formatVersion(version.hv_ver) };
  }

  async versions(): Promise<HostVersions> {
    const [libvirt, hypervisor] = await Promise.all([this.libVersion(), this.hypervisor()]);
    return { libvirt, hypervisor };
  }
}
