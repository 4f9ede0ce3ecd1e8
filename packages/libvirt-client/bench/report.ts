// Medians and the result table of the benchmark.

/** One run of one side: the figure's value, and the client's CPU time (user + system) per call. */
export interface Measure {
  value: number;
  cpuUs: number;
  /** libvirtd's CPU time per call over the whole run of this side (bench/daemon.ts), when readable. */
  daemonUs?: number;
  /** Cross-CPU wakeups (reschedule + function-call IPIs, whole machine) per call over the same span. */
  ipis?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Row {
  figure: string;
  unit: string;
  ts: number[];
  /** Empty when the C side was skipped. */
  c: number[];
  /**
   * The ratio of one TS run and the C run next to it (TS/C for rates and costs, C/TS for
   * times). The figure's ratio is the median of the rounds' ratios: the two runs of a round are
   * adjacent in time and share the machine's load, which medians taken apart do not.
   */
  ratio: (ts: number, c: number) => number;
  ratioLabel: string;
  /** null: an informational row. */
  goal: { op: '<=' | '>='; value: number } | null;
}

export interface Outcome {
  row: Row;
  ts: number;
  c: number;
  ratio: number;
  met: boolean | null;
}

export function evaluate(row: Row): Outcome {
  const ts = median(row.ts);
  const c = median(row.c);
  const ratio = median(row.ts.slice(0, row.c.length).map((t, i) => row.ratio(t, row.c[i]!)));
  const met = row.goal === null || Number.isNaN(ratio) ? null : row.goal.op === '<=' ? ratio <= row.goal.value : ratio >= row.goal.value;
  return { row, ts, c, ratio, met };
}

const fmt = (v: number): string => (Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const spread = (xs: readonly number[]): string => (xs.length ? `${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))}` : '-');

export function table(outcomes: readonly Outcome[]): string {
  const head = ['figure', 'unit', 'TS', 'C', 'ratio (paired)', 'goal', 'met', 'TS range', 'C range'];
  const rows = outcomes.map((o) => [
    o.row.figure,
    o.row.unit,
    fmt(o.ts),
    fmt(o.c),
    Number.isNaN(o.ratio) ? '-' : `${o.ratio.toFixed(2)} ${o.row.ratioLabel}`,
    o.row.goal ? `${o.row.goal.op} ${o.row.goal.value}` : 'info',
    o.met === null ? '-' : o.met ? 'met' : 'NOT MET',
    spread(o.row.ts),
    spread(o.row.c),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
