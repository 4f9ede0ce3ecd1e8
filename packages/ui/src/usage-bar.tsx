import { formatBytes } from '@virtdeck/contract/format';

/** Used of total as a bar, with the numbers beside it. */
export function UsageBar({ used, total, label }: { used: number; total: number; label: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((used / total) * 100)) : 0;
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 75 ? 'bg-amber-500' : 'bg-[var(--color-accent)]';
  return (
    <div className="flex min-w-28 items-center gap-2">
      <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-zinc-500">{pct}%</span>
      <span className="sr-only">
        {formatBytes(used)} of {formatBytes(total)}
      </span>
    </div>
  );
}
