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

// The totals' order is the contract's (vmMetricNames, hostMetricNames): the API answers them by
// those names, position by position. A disk's values are read and write (bytes/s), a NIC's
// received and sent (bytes/s), a pool's allocation and capacity (bytes): metrics/history.ts.
