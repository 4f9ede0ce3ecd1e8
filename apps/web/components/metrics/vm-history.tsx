'use client';
// A VM's history from the collector: CPU, memory, disk and network totals, then each disk and
// each NIC, over the picked range. Kept in the database, so it shows for a VM that is off.
import { useQuery } from '@tanstack/react-query';
import type { MetricRange } from '@virtdeck/contract/metrics';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import { useMemo, useState } from 'react';
import { formatBytes, formatPercent, formatRate } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { errorMessage } from '~/lib/trpc-errors';
import { MetricChart, type ChartLine } from './metric-chart';
import { RangePicker } from './range-picker';
import { stepLabel } from './step-label';

export function VmHistory({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('1h');
  const q = useQuery(trpc.metrics.vm.queryOptions({ hostId, uuid, range }, { refetchInterval: 30_000 }));
  const charts = useMemo(() => {
    const h = q.data;
    if (!h) return [];
    const t = h.totals;
    const out: { title: string; lines: ChartLine[]; format: (v: number) => string }[] = [
      { title: 'CPU', lines: [{ label: 'CPU', values: t.cpuPercent }], format: formatPercent },
      { title: 'Memory', lines: [{ label: 'Used', values: t.memoryBytes }], format: formatBytes },
      { title: 'Disk I/O', lines: [{ label: 'Read', values: t.diskReadBps }, { label: 'Write', values: t.diskWriteBps }], format: formatRate },
      { title: 'Network', lines: [{ label: 'Receive', values: t.netRxBps }, { label: 'Send', values: t.netTxBps }], format: formatRate },
    ];
    for (const p of h.parts) {
      if (p.kind === 'disk') out.push({ title: `Disk ${p.name}`, lines: [{ label: 'Read', values: p.lines.read ?? [] }, { label: 'Write', values: p.lines.write ?? [] }], format: formatRate });
      if (p.kind === 'nic') out.push({ title: `NIC ${p.name}`, lines: [{ label: 'Receive', values: p.lines.rx ?? [] }, { label: 'Send', values: p.lines.tx ?? [] }], format: formatRate });
    }
    return out;
  }, [q.data]);

  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          History
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {q.isPending ? (
        <Skeleton className="h-40" label="Loading history" />
      ) : q.isError ? (
        <ErrorState title="Could not load the history" message={errorMessage(q.error)} />
      ) : q.data.at.length === 0 ? (
        <p className="text-sm text-zinc-500">No samples in this range yet: the collector records running VMs.</p>
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
