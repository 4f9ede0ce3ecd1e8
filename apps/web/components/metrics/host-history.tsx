'use client';
// A host's history from the collector: CPU busy across all its CPUs, memory used of total, and
// each storage pool's allocation of its capacity, over the picked range.
import { useQuery } from '@tanstack/react-query';
import type { MetricRange } from '@virtdeck/contract/metrics';
import { useMemo, useState } from 'react';
import { formatBytes, formatPercent } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { HistoryPanel, type ChartSpec } from './history-panel';

export function HostHistory({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('1h');
  const q = useQuery(trpc.metrics.host.queryOptions({ hostId, range }, { refetchInterval: 30_000 }));
  const charts = useMemo(() => {
    const h = q.data;
    if (!h) return [];
    const out: ChartSpec[] = [
      { title: 'CPU', lines: [{ label: 'Busy', values: h.totals.cpuPercent }], format: formatPercent },
      { title: 'Memory', lines: [{ label: 'Used', values: h.totals.memoryUsedBytes }, { label: 'Total', values: h.totals.memoryTotalBytes }], format: formatBytes },
    ];
    for (const p of h.parts) {
      if (p.kind === 'pool') out.push({ title: `Pool ${p.name}`, lines: [{ label: 'Allocated', values: p.lines.allocation ?? [] }, { label: 'Capacity', values: p.lines.capacity ?? [] }], format: formatBytes });
    }
    return out;
  }, [q.data]);

  return (
    <HistoryPanel
      headingId="host-history-heading"
      range={range}
      onRangeChange={setRange}
      query={q}
      charts={charts}
      emptyText="No samples in this range yet: the collector records the host while it is connected."
    />
  );
}
