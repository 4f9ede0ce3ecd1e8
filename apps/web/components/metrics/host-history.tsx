'use client';
// A host's history from the collector: CPU busy across all its CPUs, memory used of total, and
// each storage pool's allocation of its capacity, over the picked range.
import { useQuery } from '@tanstack/react-query';
import type { MetricRange } from '@virtdeck/contract/metrics';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import { useMemo, useState } from 'react';
import { formatBytes, formatPercent } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { MetricChart, type ChartLine } from './metric-chart';
import { RangePicker } from './range-picker';
import { stepLabel } from './step-label';

export function HostHistory({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('1h');
  const q = useQuery(trpc.metrics.host.queryOptions({ hostId, range }, { refetchInterval: 30_000 }));
  const charts = useMemo(() => {
    const h = q.data;
    if (!h) return [];
    const out: { title: string; lines: ChartLine[]; format: (v: number) => string }[] = [
      { title: 'CPU', lines: [{ label: 'Busy', values: h.totals.cpuPercent }], format: formatPercent },
      { title: 'Memory', lines: [{ label: 'Used', values: h.totals.memoryUsedBytes }, { label: 'Total', values: h.totals.memoryTotalBytes }], format: formatBytes },
    ];
    for (const p of h.parts) {
      if (p.kind === 'pool') out.push({ title: `Pool ${p.name}`, lines: [{ label: 'Allocated', values: p.lines.allocation ?? [] }, { label: 'Capacity', values: p.lines.capacity ?? [] }], format: formatBytes });
    }
    return out;
  }, [q.data]);

  return (
    <section aria-labelledby="host-history-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="host-history-heading" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          History
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {q.isPending ? (
        <Skeleton className="h-40" label="Loading history" />
      ) : q.isError ? (
        <ErrorState title="Could not load the history" message={errorMessage(q.error)} />
      ) : q.data.at.length === 0 ? (
        <p className="text-sm text-zinc-500">No samples in this range yet: the collector records the host while it is connected.</p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {charts.map((c) => (
              <MetricChart key={c.title} title={c.title} at={q.data.at} lines={c.lines} format={c.format} />
            ))}
          </div>
          <p className="text-xs text-zinc-500">{stepLabel(q.data.stepMs, q.data.at.length)}</p>
        </>
      )}
    </section>
  );
}
