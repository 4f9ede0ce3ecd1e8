// Metrics history (src/metrics/): a VM's or a host's samples over a range, and each VM's newest
// sample for the VM list. Read from the database, so history shows while a host is down; viewers
// and up, on the hosts in their scope.
import {
  hostMetricNames,
  hostMetricsInput,
  latestVmMetricsInput,
  vmMetricNames,
  vmMetricsInput,
  type LatestVmMetrics,
  type MetricRange,
} from '@virtdeck/contract/metrics';
import { TRPCError } from '@trpc/server';
import { can } from '../auth/roles.js';
import type { Context } from '../context.js';
import { toHistory } from '../metrics/history.js';
import { latestVmSamples, readSeries, type SeriesRef } from '../metrics/store.js';
import { RANGES, tierForRange, tiersFor } from '../metrics/tiers.js';
import { router, viewerProcedure } from '../trpc.js';

function assertReadable(ctx: Context, hostId: string): void {
  if (!ctx.auth || !can(ctx.auth.user, 'read', hostId)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'you may not read on this host' });
  }
  if (!ctx.hosts.targets().some((t) => t.id === hostId)) throw new TRPCError({ code: 'NOT_FOUND', message: `no host ${hostId}` });
}

function intervalMs(ctx: Context): number {
  // With the collector off, the tiers still read as at the default interval.
  return (ctx.config.VIRTDECK_METRICS_INTERVAL_SECONDS || 10) * 1000;
}

async function history<Name extends string>(ctx: Context, hostId: string, ref: SeriesRef, range: MetricRange, names: readonly Name[]) {
  const tier = tierForRange(tiersFor(intervalMs(ctx)), range);
  const rows = await readSeries(ctx.db, hostId, ref, tier.tier, Date.now() - RANGES[range]);
  return toHistory(range, tier.stepMs, names, rows);
}

export const metricsRouter = router({
  /** A VM's CPU, memory, disk and NIC rates over a range, per disk and per NIC too. */
  vm: viewerProcedure.input(vmMetricsInput).query(({ ctx, input }) => {
    assertReadable(ctx, input.hostId);
    return history(ctx, input.hostId, { kind: 'vm', key: input.uuid }, input.range, vmMetricNames);
  }),

  /** A host's CPU and memory, and each pool's usage, over a range. */
  host: viewerProcedure.input(hostMetricsInput).query(({ ctx, input }) => {
    assertReadable(ctx, input.hostId);
    return history(ctx, input.hostId, { kind: 'host', key: '' }, input.range, hostMetricNames);
  }),

  /** Each running VM's newest sample (from the last three ticks), by UUID. */
  latestVms: viewerProcedure.input(latestVmMetricsInput).query(async ({ ctx, input }): Promise<Record<string, LatestVmMetrics>> => {
    assertReadable(ctx, input.hostId);
    const latest = await latestVmSamples(ctx.db, input.hostId, Date.now() - 3 * intervalMs(ctx));
    const out: Record<string, LatestVmMetrics> = {};
    for (const [uuid, s] of latest) out[uuid] = { at: s.at, cpuPercent: s.sample.values[0] ?? null, memoryBytes: s.sample.values[1] ?? null };
    return out;
  }),
});
