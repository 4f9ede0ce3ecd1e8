'use client';
// The history's time range: 1 h, 24 h, 7 d, 30 d (each read from the tier that keeps it). A
// Radix toggle group: arrow keys move between the ranges.
import { metricRanges, type MetricRange } from '@virtdeck/contract/metric-ranges';
import { ToggleGroup } from 'radix-ui';

const LABELS: Record<MetricRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };

export function RangePicker({ value, onChange }: { value: MetricRange; onChange: (r: MetricRange) => void }) {
  return (
    <ToggleGroup.Root
      type="single"
      value={value}
      // An empty value is a click on the chosen range: keep it.
      onValueChange={(v) => v && onChange(v as MetricRange)}
      aria-label="Time range"
      className="inline-flex rounded-md border border-zinc-200 p-0.5 dark:border-zinc-800"
    >
      {metricRanges.map((r) => (
        <ToggleGroup.Item
          key={r}
          value={r}
          aria-label={`Last ${LABELS[r]}`}
          className="rounded px-2.5 py-1 text-xs tabular-nums text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] data-[state=on]:bg-zinc-900 data-[state=on]:text-white dark:text-zinc-400 dark:hover:bg-zinc-800 dark:data-[state=on]:bg-zinc-100 dark:data-[state=on]:text-zinc-900"
        >
          {LABELS[r]}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
