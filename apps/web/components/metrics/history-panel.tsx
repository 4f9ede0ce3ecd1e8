'use client';
// The frame a history shares on the VM and host pages: the heading with the range picker, then
// loading, error, "no samples" or the grid of charts with the step they are drawn at.
import type { UseQueryResult } from '@tanstack/react-query';
import type { MetricRange } from '@virtdeck/contract/metrics';
import { ErrorState, Skeleton } from '@virtdeck/ui';
import { errorMessage } from '~/lib/trpc-errors';
import { MetricChart, type ChartLine } from './metric-chart';
import { RangePicker } from './range-picker';
import { stepLabel } from './step-label';

export interface ChartSpec {
  title: string;
  lines: ChartLine[];
  format: (v: number) => string;
}

export interface HistoryPanelProps {
  headingId: string;
  range: MetricRange;
  onRangeChange: (range: MetricRange) => void;
  query: UseQueryResult<{ at: number[]; stepMs: number }, unknown>;
  charts: ChartSpec[];
  /** Said when the range holds no sample: why there may be none. */
  emptyText: string;
}

export function HistoryPanel({ headingId, range, onRangeChange, query, charts, emptyText }: HistoryPanelProps) {
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          History
        </h2>
        <RangePicker value={range} onChange={onRangeChange} />
      </div>
      {query.isPending ? (
        <Skeleton className="h-40" label="Loading history" />
      ) : query.isError ? (
        <ErrorState title="Could not load the history" message={errorMessage(query.error)} />
      ) : query.data.at.length === 0 ? (
        <p className="text-sm text-zinc-500">{emptyText}</p>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {charts.map((c) => (
              <MetricChart key={c.title} title={c.title} at={query.data.at} lines={c.lines} format={c.format} />
            ))}
          </div>
          <p className="text-xs text-zinc-500">{stepLabel(query.data.stepMs, query.data.at.length)}</p>
        </>
      )}
    </section>
  );
}
