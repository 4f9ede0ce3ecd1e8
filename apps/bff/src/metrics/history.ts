// Stored samples as the graphs want them: columns, one timestamp array and one array per line,
// with a part (disk, NIC, pool) that is missing from a sample given null there.
import type { MetricHistory, MetricPart, MetricRange } from '@virtdeck/contract/metrics';
import type { PartKind } from './sample.js';
import type { StoredSample } from './store.js';

const PART_LINES: Record<PartKind, readonly string[]> = {
  disk: ['read', 'write'],
  nic: ['rx', 'tx'],
  pool: ['allocation', 'capacity'],
};

export function toHistory<Name extends string>(
  range: MetricRange,
  stepMs: number,
  names: readonly Name[],
  rows: StoredSample[],
): MetricHistory<Name> {
  const at = rows.map((r) => r.at);
  const totals = Object.fromEntries(names.map((n, i) => [n, rows.map((r) => r.sample.values[i] ?? null)])) as Record<Name, (number | null)[]>;
  const parts = new Map<string, MetricPart>();
  rows.forEach((r, row) => {
    for (const p of r.sample.parts) {
      const key = `${p.kind}\0${p.name}`;
      let part = parts.get(key);
      if (!part) {
        part = { kind: p.kind, name: p.name, lines: Object.fromEntries(PART_LINES[p.kind].map((l) => [l, new Array<number | null>(rows.length).fill(null)])) };
        parts.set(key, part);
      }
      PART_LINES[p.kind].forEach((line, i) => (part.lines[line]![row] = p.values[i] ?? null));
    }
  });
  return { range, stepMs, at, totals, parts: [...parts.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)) };
}
