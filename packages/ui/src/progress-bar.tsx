/** A transfer's progress; without a total it shows the bytes so far only. */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full rounded-full bg-[var(--color-accent)] transition-[width]" style={{ width: `${pct ?? 0}%` }} />
      </div>
      <p className="text-xs tabular-nums text-zinc-500" data-testid="progress-text">
        {pct === null ? `${done.toLocaleString('en-US')} bytes` : `${pct}%`}
      </p>
    </div>
  );
}
