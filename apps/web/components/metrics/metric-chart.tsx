'use client';
// One history graph drawn by uPlot: time on x, one or more lines, values formatted for people.
// Colours come from the theme's CSS variables (--chart-1..4, --chart-grid, --chart-axis); the
// chart is created and disposed in one effect, and again when the theme or the data changes.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useThemeVersion } from './use-theme-version';

export interface ChartLine {
  label: string;
  values: (number | null)[];
}

const HEIGHT = 160;

function cssVar(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || '#888';
}

export function MetricChart({ title, at, lines, format, min }: { title: string; at: number[]; lines: ChartLine[]; format: (v: number) => string; min?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = cssVar(el, '--chart-axis');
    const grid = cssVar(el, '--chart-grid');
    const tick = (_u: uPlot, values: number[]) => values.map((v) => (v === null ? '' : format(v)));
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: HEIGHT,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, lo, hi) => [Math.min(min ?? 0, lo), Math.max(hi, (min ?? 0) + 1e-9)] } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: tick, size: 70 },
      ],
      series: [
        {},
        ...lines.map((l, i) => ({
          label: l.label,
          stroke: cssVar(el, `--chart-${(i % 4) + 1}`),
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
    };
    const data: uPlot.AlignedData = [at.map((t) => t / 1000), ...lines.map((l) => l.values)];
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [at, lines, format, min, theme]);

  return (
    <figure className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="metric-chart" aria-label={title}>
      <figcaption className="text-xs tracking-wide text-zinc-500 uppercase">{title}</figcaption>
      <div ref={box} className="mt-2 text-zinc-700 dark:text-zinc-300" />
    </figure>
  );
}
