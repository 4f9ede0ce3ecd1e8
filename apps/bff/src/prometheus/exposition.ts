// Prometheus' text exposition format (version 0.0.4), written by hand rather than with prom-client:
// every value here is read from libvirt at scrape time, and libvirt's counters are absolute
// readings, which prom-client's counters (increment-only, process-wide registries) cannot hold
// without resetting and re-adding them on each scrape. Families keep the order they were first
// given, each with its HELP and TYPE lines once, followed by all its samples.
export type MetricType = 'gauge' | 'counter';
export type Labels = Readonly<Record<string, string>>;

interface Family {
  type: MetricType;
  help: string;
  lines: string[];
}

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value: backslash, double quote and line feed escaped. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export class Exposition {
  private readonly families = new Map<string, Family>();

  /** Declares a family (once; later calls must agree) so it is listed even with no samples. */
  family(name: string, type: MetricType, help: string): this {
    const f = this.families.get(name);
    if (f) {
      if (f.type !== type) throw new Error(`metric ${name} is a ${f.type}, not a ${type}`);
      return this;
    }
    if (!NAME_RE.test(name)) throw new Error(`invalid metric name: ${name}`);
    if (type === 'counter' && !name.endsWith('_total')) throw new Error(`counter ${name} must end in _total`);
    this.families.set(name, { type, help, lines: [] });
    return this;
  }

  /** One sample; `undefined` or `null` values are skipped (a statistic the driver lacks). */
  sample(name: string, type: MetricType, help: string, labels: Labels, value: number | bigint | null | undefined): this {
    this.family(name, type, help);
    if (value === undefined || value === null) return this;
    const parts: string[] = [];
    for (const [k, v] of Object.entries(labels)) {
      if (!LABEL_RE.test(k) || k.startsWith('__')) throw new Error(`invalid label name: ${k}`);
      parts.push(`${k}="${escapeLabelValue(v)}"`);
    }
    this.families.get(name)!.lines.push(`${name}${parts.length ? `{${parts.join(',')}}` : ''} ${formatValue(value)}`);
    return this;
  }

  text(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${escapeHelp(f.help)}`, `# TYPE ${name} ${f.type}`, ...f.lines);
    }
    return out.length ? `${out.join('\n')}\n` : '';
  }
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
