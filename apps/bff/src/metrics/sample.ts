// One sample of a series (a VM or a host) at one time: a few totals and named parts (each disk,
// NIC or pool) with their own values. Rates are per second, sizes in bytes; a value the source
// did not report is null. Stored packed (sample-codec.ts), one row per series per time and tier.

export type PartKind = 'disk' | 'nic' | 'pool';

export interface SamplePart {
  kind: PartKind;
  name: string;
  values: (number | null)[];
}

export interface Sample {
  values: (number | null)[];
  parts: SamplePart[];
}

/** The totals of a VM's sample, by position. */
export const VM_VALUES = ['cpuPercent', 'memoryBytes', 'diskReadBps', 'diskWriteBps', 'netRxBps', 'netTxBps'] as const;
/** A disk's values: read, write (bytes/s); a NIC's: received, sent (bytes/s). */
export const IO_PART_VALUES = ['read', 'write'] as const;
export const NIC_PART_VALUES = ['rx', 'tx'] as const;

/** The totals of a host's sample: CPU busy percent of all host CPUs, memory used and total. */
export const HOST_VALUES = ['cpuPercent', 'memoryUsedBytes', 'memoryTotalBytes'] as const;
/** A pool's values: allocation and capacity (bytes). */
export const POOL_PART_VALUES = ['allocation', 'capacity'] as const;
