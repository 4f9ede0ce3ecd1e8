// A host's sample: CPU busy time between two readings of the host's CPU counters, memory in use
// (total less free, buffers and page cache), and each storage pool's allocation and capacity.
import type { NodeCpuStats } from '@virtdeck/libvirt-client';
import type { Sample } from './sample.js';

export interface HostCpuReading {
  at: number;
  busyNs: bigint;
  totalNs: bigint;
}

export interface HostMemory {
  usedBytes: number | null;
  totalBytes: number;
}

export interface PoolUsage {
  name: string;
  allocation: number;
  capacity: number;
}

export function hostCpuReading(stats: NodeCpuStats, at: number): HostCpuReading {
  const busy = stats.kernel + stats.user;
  return { at, busyNs: busy, totalNs: busy + stats.idle + stats.iowait };
}

/** Percent of all host CPUs busy between two readings; null without a baseline or after a reset. */
export function hostCpuPercent(prev: HostCpuReading | undefined, cur: HostCpuReading): number | null {
  if (!prev) return null;
  const total = cur.totalNs - prev.totalNs;
  const busy = cur.busyNs - prev.busyNs;
  if (total <= 0n || busy < 0n) return null;
  return (Number(busy) / Number(total)) * 100;
}

export function hostSample(cpuPercent: number | null, memory: HostMemory | null, pools: PoolUsage[]): Sample {
  return {
    values: [cpuPercent, memory?.usedBytes ?? null, memory?.totalBytes ?? null],
    parts: pools.map((p) => ({ kind: 'pool', name: p.name, values: [p.allocation, p.capacity] })),
  };
}
