'use client';
// Live CPU, memory, disk and network graphs from the `domain.stats` subscription. Mounted only
// while the Overview tab shows (Radix unmounts hidden tabs) and the browser tab is visible.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useTRPC } from '~/lib/trpc';
import { formatKiB, formatPercent, formatRate } from '~/lib/format';
import { errorMessage } from '~/lib/trpc-errors';
import { Sparkline } from './sparkline';
import { usePageVisible } from './use-page-visible';

const KEEP = 60;

interface Series {
  cpu: number[];
  mem: number[];
  diskRead: number[];
  diskWrite: number[];
  netRx: number[];
  netTx: number[];
}
const empty: Series = { cpu: [], mem: [], diskRead: [], diskWrite: [], netRx: [], netTx: [] };
const push = (a: number[], v: number) => [...a.slice(-(KEEP - 1)), v];

export function LiveStats({ hostId, uuid, running, maxMemoryKiB }: { hostId: string; uuid: string; running: boolean; maxMemoryKiB: number }) {
  const trpc = useTRPC();
  const visible = usePageVisible();
  const [series, setSeries] = useState<Series>(empty);
  const sub = useSubscription(
    trpc.domain.stats.subscriptionOptions(
      { hostId, uuids: [uuid], intervalMs: 2000 },
      {
        enabled: running && visible,
        onData: (rates) => {
          const r = rates.find((x) => x.uuid === uuid);
          if (!r) return;
          setSeries((s) => ({
            cpu: push(s.cpu, r.cpuPercent),
            mem: push(s.mem, r.memoryKiB ?? 0),
            diskRead: push(s.diskRead, r.diskReadBps),
            diskWrite: push(s.diskWrite, r.diskWriteBps),
            netRx: push(s.netRx, r.netRxBps),
            netTx: push(s.netTx, r.netTxBps),
          }));
        },
      },
    ),
  );

  if (!running) return <p className="text-sm text-zinc-500">Live graphs show while the VM runs.</p>;
  return (
    <div className="space-y-2">
      {sub.status === 'error' ? <p className="text-sm text-red-700 dark:text-red-300">Live statistics stopped: {errorMessage(sub.error)}</p> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <Sparkline label="CPU" values={series.cpu} format={formatPercent} max={100} />
        <Sparkline label="Memory" values={series.mem} format={formatKiB} max={maxMemoryKiB} />
        <Sparkline label="Disk read" values={series.diskRead} format={formatRate} />
        <Sparkline label="Disk write" values={series.diskWrite} format={formatRate} />
        <Sparkline label="Net receive" values={series.netRx} format={formatRate} />
        <Sparkline label="Net send" values={series.netTx} format={formatRate} />
      </div>
      <p className="text-xs text-zinc-500">Sampled every 2 s while this tab is open{series.cpu.length === 0 ? ' — waiting for the first samples…' : ''}.</p>
    </div>
  );
}
