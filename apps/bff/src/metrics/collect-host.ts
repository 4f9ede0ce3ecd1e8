// One collection of one host: one bulk stats call for every running VM, the host's CPU and
// memory counters and its pools' usage, turned into samples against the previous reading.
import { isNoSupport, type Libvirt } from '@virtdeck/libvirt-client';
import { hostCpuPercent, hostCpuReading, hostSample, type HostCpuReading, type HostMemory, type PoolUsage } from './host-sample.js';
import type { Sample } from './sample.js';
import { vmCounters, vmSample, type VmCounters } from './vm-rates.js';

/** What one host's previous collection read: the baseline of the next one's rates. */
export interface HostBaseline {
  vms: Map<string, VmCounters>;
  cpu: HostCpuReading | undefined;
}

export interface HostCollection {
  host: Sample;
  /** VM samples by UUID (VMs with a baseline only). */
  vms: Map<string, Sample>;
  baseline: HostBaseline;
}

async function hostMemory(lv: Libvirt): Promise<HostMemory | null> {
  try {
    const m = await lv.host.memoryStats();
    const total = Number(m.total) * 1024;
    return { totalBytes: total, usedBytes: total - Number(m.free + m.buffers + m.cached) * 1024 };
  } catch (err) {
    if (!isNoSupport(err)) throw err;
  }
  // Drivers without memory stats (the test driver): node info's total less free memory.
  const [info, free] = await Promise.all([lv.host.nodeInfo(), lv.host.freeMemory().catch(() => null)]);
  const total = info.memoryKiB * 1024;
  return { totalBytes: total, usedBytes: free === null ? null : total - free };
}

async function hostCpu(lv: Libvirt, at: number): Promise<HostCpuReading | undefined> {
  try {
    return hostCpuReading(await lv.host.cpuStats(), at);
  } catch (err) {
    if (isNoSupport(err)) return undefined;
    throw err;
  }
}

async function poolUsage(lv: Libvirt): Promise<PoolUsage[]> {
  const pools = await lv.pools.list(['ACTIVE']);
  return pools.map((p) => ({ name: p.name, allocation: p.allocation, capacity: p.capacity }));
}

export async function collectHost(lv: Libvirt, previous: HostBaseline | undefined, at: number): Promise<HostCollection> {
  const [stats, cpu, memory, pools] = await Promise.all([
    lv.domains.stats({ groups: ['cpu_total', 'balloon', 'block', 'interface'], flags: ['ACTIVE'] }),
    hostCpu(lv, at),
    hostMemory(lv),
    poolUsage(lv),
  ]);
  const vms = new Map<string, Sample>();
  const baseline: HostBaseline = { vms: new Map(), cpu };
  for (const s of stats) {
    const cur = vmCounters(s, at);
    baseline.vms.set(s.domain.uuid, cur);
    const sample = vmSample(previous?.vms.get(s.domain.uuid), cur);
    if (sample) vms.set(s.domain.uuid, sample);
  }
  const cpuPercent = cpu ? hostCpuPercent(previous?.cpu, cpu) : null;
  return { host: hostSample(cpuPercent, memory, pools), vms, baseline };
}
