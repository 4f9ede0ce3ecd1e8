'use client';
// A VM's history from the collector: CPU, memory, disk and network totals, then each disk and
// each NIC, over the picked range. Kept in the database, so it shows for a VM that is off.
import { useQuery } from '@tanstack/react-query';
import type { MetricRange } from '@virtdeck/contract/metrics';
import { useMemo, useState } from 'react';
import { formatBytes, formatPercent, formatRate } from '~/lib/format';
import { useTRPC } from '~/lib/trpc';
import { HistoryPanel, type ChartSpec } from './history-panel';

export function VmHistory({ hostId, uuid }: { hostId: string; uuid: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<MetricRange>('1h');
  const q = useQuery(trpc.metrics.vm.queryOptions({ hostId, uuid, range }, { refetchInterval: 30_000 }));
  const charts = useMemo(() => {
    const h = q.data;
    if (!h) return [];
    const t = h.totals;
    const out: ChartSpec[] = [
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
    <HistoryPanel
      headingId="history-heading"
      range={range}
      onRangeChange={setRange}
      query={q}
      charts={charts}
      emptyText="No samples in this range yet: the collector records running VMs."
    />
  );
}
