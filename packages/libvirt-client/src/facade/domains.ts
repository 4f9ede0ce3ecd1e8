// Domains: list, lookup, XML, state and the lifecycle verbs, define/undefine, devices (attach,
// detach, update), bulk stats.
import {
  remoteProcedures as rp,
  VirConnectGetAllDomainStatsFlags,
  VirConnectListAllDomainsFlags,
  VirDomainBlockedReason,
  VirDomainBlockResizeFlags,
  VirDomainCrashedReason,
  VirDomainCreateFlags,
  VirDomainDefineFlags,
  VirDomainDestroyFlagsValues,
  VirDomainDeviceModifyFlags,
  VirDomainMemoryModFlags,
  VirDomainMetadataType,
  VirDomainModificationImpact,
  VirDomainNostateReason,
  VirDomainPausedReason,
  VirDomainPMSuspendedReason,
  VirDomainRebootFlagValues,
  VirDomainRunningReason,
  VirDomainShutdownFlagValues,
  VirDomainShutdownReason,
  VirDomainShutoffReason,
  VirDomainState,
  VirDomainStatsTypes,
  VirDomainUndefineFlagsValues,
  VirDomainVcpuFlags,
  VirDomainXMLFlags,
} from '../gen/index.js';
import type { RpcConnection } from '../rpc/connection.js';
import { domainStateName, type DomainStateName } from './domain-state.js';
import { isNoDomain } from './errors.js';
import { enumName, flagsOf, type Flags } from './names.js';
import { objectId, resolveDomain, type DomainHandle, type DomainRef, type ObjectId } from './refs.js';
import { getDomainParams, setDomainParams, type DomainParamGroup, type ParamImpact } from './domain-params.js';
import { decodeTypedParams, type TypedParams, type TypedValue } from './typed-params.js';
import { formatUuid } from './uuid.js';

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

/** virDomainGetInfo: state, memory, vCPUs and the CPU time used so far. */
export interface DomainInfo {
  state: DomainStateName;
  maxMemoryKiB: number;
  memoryKiB: number;
  vcpus: number;
  /** CPU time used, in nanoseconds (bigint: it passes 2^53 ns after 104 days). */
  cpuTimeNs: bigint;
}

export interface DomainStateInfo {
  state: DomainStateName;
  /** The reason's name in the state's reason enum (e.g. 'booted', 'destroyed'), or null. */
  reason: string | null;
  raw: { state: number; reason: number };
}

export interface DomainXmlOptions {
  /** The persistent definition rather than the live one. */
  inactive?: boolean;
  /** Include passwords (needs a read-write connection). */
  secure?: boolean;
  /** Any further virDomainXMLFlags. */
  flags?: Flags<typeof VirDomainXMLFlags>;
}

export type DomainStatsGroup = Lowercase<keyof typeof VirDomainStatsTypes>;

export interface DomainStatsOptions {
  /** Stat groups (default: every group the daemon knows, i.e. stats=0). */
  groups?: readonly DomainStatsGroup[];
  /** Only these domains (default: all, narrowed by `flags`). */
  domains?: readonly DomainRef[];
  /** virConnectGetAllDomainStatsFlags, e.g. ['ACTIVE'] or ['ENFORCE_STATS']. */
  flags?: Flags<typeof VirConnectGetAllDomainStatsFlags>;
}

export interface DomainStats {
  domain: ObjectId;
  /** Flat typed-parameter record, e.g. { 'state.state': 1, 'cpu.time': 123, 'block.0.name': 'vda' }. */
  stats: TypedParams;
}

const reasonTables: Record<number, Readonly<Record<string, number>>> = {
  [VirDomainState.NOSTATE]: VirDomainNostateReason,
  [VirDomainState.RUNNING]: VirDomainRunningReason,
  [VirDomainState.BLOCKED]: VirDomainBlockedReason,
  [VirDomainState.PAUSED]: VirDomainPausedReason,
  [VirDomainState.SHUTDOWN]: VirDomainShutdownReason,
  [VirDomainState.SHUTOFF]: VirDomainShutoffReason,
  [VirDomainState.CRASHED]: VirDomainCrashedReason,
  [VirDomainState.PMSUSPENDED]: VirDomainPMSuspendedReason,
};

/** The name of a state's reason code, e.g. (SHUTOFF, 2) → 'destroyed'. */
export function domainStateReasonName(state: number, reason: number): string | null {
  const table = reasonTables[state];
  return table ? enumName(table, reason) : null;
}

export class Domains {
  constructor(private readonly rpc: RpcConnection) {}

  /** The daemon's handle of a domain named by UUID or name (VIR_ERR_NO_DOMAIN if none). */
  lookup(ref: DomainRef): Promise<DomainHandle> {
    return resolveDomain(this.rpc, ref);
  }

  /**
   * Every domain, active and inactive, with state and resources; the info calls run pipelined.
   * `flags` narrows the list as virConnectListAllDomains does, e.g. ['ACTIVE'] or ['PERSISTENT'].
   * A domain undefined between the list and its info calls is left out (it is gone), not an error
   * for the whole list.
   */
  async list(flags?: Flags<typeof VirConnectListAllDomainsFlags>): Promise<DomainSummary[]> {
    const { domains } = await this.rpc.call(rp.connectListAllDomains, { need_results: 1, flags: flagsOf(VirConnectListAllDomainsFlags, flags) });
    const summaries = await Promise.all(
      domains.map((dom) =>
        this.summaryOf(dom).catch((e: unknown) => {
          if (isNoDomain(e)) return null;
          throw e;
        }),
      ),
    );
    return summaries.filter((s): s is DomainSummary => s !== null);
  }

  /** virDomainGetInfo, with the CPU time the domain has used. */
  async getInfo(ref: DomainRef): Promise<DomainInfo> {
    const info = await this.rpc.call(rp.domainGetInfo, { dom: await resolveDomain(this.rpc, ref) });
    return {
      state: domainStateName(info.state),
      maxMemoryKiB: Number(info.maxMem),
      memoryKiB: Number(info.memory),
      vcpus: info.nrVirtCpu,
      cpuTimeNs: info.cpuTime,
    };
  }

  /** Whether the domain runs (virDomainIsActive). */
  async isActive(ref: DomainRef): Promise<boolean> {
    return (await this.rpc.call(rp.domainIsActive, { dom: await resolveDomain(this.rpc, ref) })).active !== 0;
  }

  /** Whether the domain has a persistent definition (virDomainIsPersistent); false for a transient one. */
  async isPersistent(ref: DomainRef): Promise<boolean> {
    return (await this.rpc.call(rp.domainIsPersistent, { dom: await resolveDomain(this.rpc, ref) })).persistent !== 0;
  }

  /** A typed-parameter group as a record, e.g. getParameters(dom, 'scheduler') → { weight: 50 }. */
  async getParameters(ref: DomainRef, group: DomainParamGroup, impact?: ParamImpact): Promise<TypedParams> {
    return getDomainParams(this.rpc, await resolveDomain(this.rpc, ref), group, impact);
  }

  /** Sets fields of a typed-parameter group, each with the type the daemon gives it. */
  async setParameters(ref: DomainRef, group: DomainParamGroup, values: Readonly<Record<string, TypedValue | undefined>>, impact?: ParamImpact): Promise<void> {
    await setDomainParams(this.rpc, await resolveDomain(this.rpc, ref), group, values, impact);
  }

  /** One domain's summary. */
  async get(ref: DomainRef): Promise<DomainSummary> {
    return this.summaryOf(await resolveDomain(this.rpc, ref));
  }

  async getXml(ref: DomainRef, opts: DomainXmlOptions = {}): Promise<string> {
    const dom = await resolveDomain(this.rpc, ref);
    let flags = flagsOf(VirDomainXMLFlags, opts.flags);
    if (opts.inactive) flags |= VirDomainXMLFlags.INACTIVE;
    if (opts.secure) flags |= VirDomainXMLFlags.SECURE;
    return (await this.rpc.call(rp.domainGetXmlDesc, { dom, flags })).xml;
  }

  async getState(ref: DomainRef): Promise<DomainStateInfo> {
    const dom = await resolveDomain(this.rpc, ref);
    const { state, reason } = await this.rpc.call(rp.domainGetState, { dom, flags: 0 });
    return { state: domainStateName(state), reason: domainStateReasonName(state, reason), raw: { state, reason } };
  }

  /** Starts a defined domain (virDomainCreateWithFlags); returns its handle with the new id. */
  async start(ref: DomainRef, flags?: Flags<typeof VirDomainCreateFlags>): Promise<DomainHandle> {
    const dom = await resolveDomain(this.rpc, ref);
    return (await this.rpc.call(rp.domainCreateWithFlags, { dom, flags: flagsOf(VirDomainCreateFlags, flags) })).dom;
  }

  /** Asks the guest to shut down (ACPI by default); returns before it has stopped. */
  async shutdown(ref: DomainRef, flags?: Flags<typeof VirDomainShutdownFlagValues>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainShutdownFlags, { dom, flags: flagsOf(VirDomainShutdownFlagValues, flags) });
  }

  async reboot(ref: DomainRef, flags?: Flags<typeof VirDomainRebootFlagValues>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainReboot, { dom, flags: flagsOf(VirDomainRebootFlagValues, flags) });
  }

  /** Forces the domain off (pulls the plug); with ['GRACEFUL'] only SIGTERM is sent. */
  async destroy(ref: DomainRef, flags?: Flags<typeof VirDomainDestroyFlagsValues>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainDestroyFlags, { dom, flags: flagsOf(VirDomainDestroyFlagsValues, flags) });
  }

  async suspend(ref: DomainRef): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainSuspend, { dom });
  }

  async resume(ref: DomainRef): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainResume, { dom });
  }

  /** Hard reset, like the reset button: the guest OS is not asked. */
  async reset(ref: DomainRef): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainReset, { dom, flags: 0 });
  }

  async getAutostart(ref: DomainRef): Promise<boolean> {
    const dom = await resolveDomain(this.rpc, ref);
    return (await this.rpc.call(rp.domainGetAutostart, { dom })).autostart !== 0;
  }

  async setAutostart(ref: DomainRef, autostart: boolean): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainSetAutostart, { dom, autostart: autostart ? 1 : 0 });
  }

  /** Defines (or redefines) a persistent domain from XML. */
  async define(xml: string, flags?: Flags<typeof VirDomainDefineFlags>): Promise<DomainHandle> {
    return (await this.rpc.call(rp.domainDefineXmlFlags, { xml, flags: flagsOf(VirDomainDefineFlags, flags) })).dom;
  }

  /** Removes the persistent definition; e.g. ['MANAGED_SAVE', 'SNAPSHOTS_METADATA', 'NVRAM']. */
  async undefine(ref: DomainRef, flags?: Flags<typeof VirDomainUndefineFlagsValues>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainUndefineFlags, { dom, flags: flagsOf(VirDomainUndefineFlagsValues, flags) });
  }

  /** Sets the vCPU count (virDomainSetVcpusFlags); with 'MAXIMUM' the maximum (config only). */
  async setVcpus(ref: DomainRef, count: number, flags?: Flags<typeof VirDomainVcpuFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainSetVcpusFlags, { dom, nvcpus: count, flags: flagsOf(VirDomainVcpuFlags, flags) });
  }

  /** Sets the memory in KiB (virDomainSetMemoryFlags): the balloon target, or with 'MAXIMUM' the maximum. */
  async setMemory(ref: DomainRef, kib: number, flags?: Flags<typeof VirDomainMemoryModFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainSetMemoryFlags, { dom, memory: BigInt(kib), flags: flagsOf(VirDomainMemoryModFlags, flags) });
  }

  /** Sets (or with null removes) the title or description (virDomainSetMetadata). */
  async setMetadataText(
    ref: DomainRef,
    type: 'title' | 'description',
    text: string | null,
    flags?: Flags<typeof VirDomainModificationImpact>,
  ): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    const kind = type === 'title' ? VirDomainMetadataType.TITLE : VirDomainMetadataType.DESCRIPTION;
    await this.rpc.call(rp.domainSetMetadata, { dom, type: kind, metadata: text, key: null, uri: null, flags: flagsOf(VirDomainModificationImpact, flags) });
  }

  /**
   * Adds a device from its XML (virDomainAttachDeviceFlags); flags say where: ['LIVE'], ['CONFIG']
   * or both (default CURRENT: the live domain if running, else the definition).
   */
  async attachDevice(ref: DomainRef, xml: string, flags?: Flags<typeof VirDomainDeviceModifyFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainAttachDeviceFlags, { dom, xml, flags: flagsOf(VirDomainDeviceModifyFlags, flags) });
  }

  /**
   * Removes the device the XML matches (virDomainDetachDeviceFlags). Live, the daemon waits a few
   * seconds for the guest to let go and then returns even if it has not: the caller reads the
   * live XML to learn whether the device is gone (a DEVICE_REMOVED event follows if it goes later).
   */
  async detachDevice(ref: DomainRef, xml: string, flags?: Flags<typeof VirDomainDeviceModifyFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainDetachDeviceFlags, { dom, xml, flags: flagsOf(VirDomainDeviceModifyFlags, flags) });
  }

  /** Changes a device in place (virDomainUpdateDeviceFlags), e.g. a NIC's link state or a CD-ROM's medium. */
  async updateDevice(ref: DomainRef, xml: string, flags?: Flags<typeof VirDomainDeviceModifyFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainUpdateDeviceFlags, { dom, xml, flags: flagsOf(VirDomainDeviceModifyFlags, flags) });
  }

  /** Grows a running domain's disk (virDomainBlockResize) to `size` KiB, or bytes with ['BYTES']. */
  async blockResize(ref: DomainRef, disk: string, size: number | bigint, flags?: Flags<typeof VirDomainBlockResizeFlags>): Promise<void> {
    const dom = await resolveDomain(this.rpc, ref);
    await this.rpc.call(rp.domainBlockResize, { dom, disk, size: BigInt(size), flags: flagsOf(VirDomainBlockResizeFlags, flags) });
  }

  /** Bulk statistics (virConnectGetAllDomainStats / virDomainListGetStats), decoded per domain. */
  async stats(opts: DomainStatsOptions = {}): Promise<DomainStats[]> {
    let stats = 0;
    for (const g of opts.groups ?? []) {
      const bit = VirDomainStatsTypes[g.toUpperCase() as keyof typeof VirDomainStatsTypes];
      if (bit === undefined) throw new RangeError(`unknown stats group: ${g}`);
      stats |= bit;
    }
    const doms = opts.domains ? await Promise.all(opts.domains.map((d) => resolveDomain(this.rpc, d))) : [];
    const { retStats } = await this.rpc.call(rp.connectGetAllDomainStats, { doms, stats, flags: flagsOf(VirConnectGetAllDomainStatsFlags, opts.flags) });
    return retStats.map((r) => ({ domain: objectId(r.dom), stats: decodeTypedParams(r.params) }));
  }

  private async summaryOf(dom: DomainHandle): Promise<DomainSummary> {
    const info = await this.rpc.call(rp.domainGetInfo, { dom });
    return {
      name: dom.name,
      uuid: formatUuid(dom.uuid),
      id: dom.id >= 0 ? dom.id : null,
      state: domainStateName(info.state),
      vcpus: info.nrVirtCpu,
      memoryKiB: Number(info.memory),
      maxMemoryKiB: Number(info.maxMem),
    };
  }
}
