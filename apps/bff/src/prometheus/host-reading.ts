// What one scrape reads from one host: one bulk stats call for every domain
// (connectGetAllDomainStats), the host's CPU and memory, and its pools. Statistics a driver lacks
// (VIR_ERR_NO_SUPPORT: the test driver has no node CPU or memory stats) are left out, not errors.
import { isNoSupport, type DomainStats, type Libvirt, type NodeCpuStats, type NodeInfo, type PoolSummary } from '@virtdeck/libvirt-client';

export interface HostReading {
  info: NodeInfo;
  /** Bytes, or null when the driver cannot say. */
  freeMemory: number | null;
  cpu: NodeCpuStats | null;
  domains: DomainStats[];
  pools: PoolSummary[];
}

async function unlessNoSupport<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isNoSupport(e)) return null;
    throw e;
  }
}

/** Every domain, running or not (a shut-off one still has a state); the groups the metrics use. */
export const STATS_GROUPS = ['state', 'cpu_total', 'balloon', 'vcpu', 'block', 'interface'] as const;

export async function readHost(lv: Libvirt): Promise<HostReading> {
  const [info, freeMemory, cpu, domains, pools] = await Promise.all([
    lv.host.nodeInfo(),
    // The test driver answers virNodeGetFreeMemory with an unnamed error (code 1), not NO_SUPPORT.
    lv.host.freeMemory().catch(() => null),
    unlessNoSupport(lv.host.cpuStats()),
    lv.domains.stats({ groups: STATS_GROUPS }),
    lv.pools.list(),
  ]);
  return { info, freeMemory, cpu, domains, pools };
}
