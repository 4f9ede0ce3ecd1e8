// Metrics history as the BFF's metrics procedures take and answer it, and the graphs draw it:
// a time range picks a tier (10 s for an hour, 1 min for a day, 15 min beyond), and a series
// is columns (one timestamp array, one value array per line), the shape uPlot draws directly.
import { metricRanges, type MetricRange } from './metric-ranges.ts';
import { z } from './zod-jitless.ts';

export { metricRanges, type MetricRange };

const hostId = z.string().min(1).max(128);
const range = z.enum(metricRanges).default('1h');

export const hostMetricsInput = z.object({ hostId, range });
export const vmMetricsInput = z.object({ hostId, uuid: z.uuid(), range });
export const latestVmMetricsInput = z.object({ hostId });

/** The totals of a VM's samples: CPU percent of one host CPU, memory, disk and NIC rates. */
export const vmMetricNames = ['cpuPercent', 'memoryBytes', 'diskReadBps', 'diskWriteBps', 'netRxBps', 'netTxBps'] as const;
/** The totals of a host's samples: CPU percent of all host CPUs, memory used and total. */
export const hostMetricNames = ['cpuPercent', 'memoryUsedBytes', 'memoryTotalBytes'] as const;

export type Column = (number | null)[];

/** One disk, NIC or pool: its lines by name (disk: read/write, NIC: rx/tx, pool: allocation/capacity). */
export interface MetricPart {
  kind: 'disk' | 'nic' | 'pool';
  name: string;
  lines: Record<string, Column>;
}

export interface MetricHistory<Name extends string = string> {
  range: MetricRange;
  /** The tier's step: the time one point stands for. */
  stepMs: number;
  /** Epoch ms of each point, oldest first. */
  at: number[];
  totals: Record<Name, Column>;
  parts: MetricPart[];
}

/** A VM's newest sample, for the VM list's CPU and memory columns. */
export interface LatestVmMetrics {
  at: number;
  cpuPercent: number | null;
  memoryBytes: number | null;
}
