// A small live graph: an SVG line over the last samples, the latest value beside its label.
import { cn } from '@virtdeck/ui';

export function Sparkline({ label, values, format, max, className }: { label: string; values: number[]; format: (v: number) => string; max?: number; className?: string }) {
  const W = 240;
  const H = 48;
  const top = Math.max(max ?? 0, ...values, 1e-9);
  const n = Math.max(values.length, 2);
  const pts = values.map((v, i) => `${((i + (n - values.length)) / (n - 1)) * W},${H - (v / top) * (H - 4) - 2}`);
  const last = values[values.length - 1];
  return (
    <figure className={cn('rounded-md border border-zinc-200 p-3 dark:border-zinc-800', className)}>
      <figcaption className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-zinc-500 uppercase tracking-wide">{label}</span>
        <span className="font-medium tabular-nums" data-testid={`stat-${label}`}>
          {last === undefined ? '—' : format(last)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="mt-2 h-12 w-full text-[var(--color-accent)]" role="img" aria-label={`${label}: ${last === undefined ? 'no data yet' : format(last)}`}>
        {pts.length > 1 ? (
          <>
            <polygon points={`${pts[0]?.split(',')[0]},${H} ${pts.join(' ')} ${W},${H}`} className="fill-current opacity-10" />
            <polyline points={pts.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
          </>
        ) : (
          <line x1={0} x2={W} y1={H - 1} y2={H - 1} stroke="currentColor" strokeOpacity={0.2} />
        )}
      </svg>
    </figure>
  );
}
