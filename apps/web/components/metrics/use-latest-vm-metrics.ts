'use client';
// Each VM's newest sample from the metrics collector (metrics.latestVms, one query per host,
// refreshed at the collector's default interval), by row key `hostId/uuid`, for the VM list's
// current CPU and memory columns.
import { useQueries } from '@tanstack/react-query';
import type { LatestVmMetrics } from '@virtdeck/contract/metrics';
import { useMemo } from 'react';
import { useTRPC } from '~/lib/trpc';

const REFRESH_MS = 10_000;

export function useLatestVmMetrics(hostIds: readonly string[]): ReadonlyMap<string, LatestVmMetrics> {
  const trpc = useTRPC();
  const results = useQueries({
    queries: hostIds.map((hostId) => trpc.metrics.latestVms.queryOptions({ hostId }, { refetchInterval: REFRESH_MS, staleTime: REFRESH_MS })),
  });
  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    const out = new Map<string, LatestVmMetrics>();
    hostIds.forEach((hostId, i) => {
      for (const [uuid, m] of Object.entries(results[i]?.data ?? {})) out.set(`${hostId}/${uuid}`, m);
    });
    return out;
  }, [hostIds, dataKey]); // dataKey stands for the results' data
}
