// History in downsampling tiers: the finest keeps the collector's own interval for an hour; each
// coarser one averages the one below it over its step and keeps longer. What is older than a
// tier keeps is deleted, so each series holds at most 360 + 1,440 + 2,880 = 4,680 rows (at 10 s).
// The bound: a VM with one disk and one NIC packs into 58 bytes, about 88 on disk in SQLite and
// 155 in PostgreSQL with its key (measured by `pnpm bench`), so 1,000 VMs × 4,680 rows come to
// about 390 MiB (SQLite) or 690 MiB (PostgreSQL), whatever the uptime.
import type { Sample, SamplePart } from './sample.js';

export interface Tier {
  tier: number;
  stepMs: number;
  keepMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function tiersFor(intervalMs: number): Tier[] {
  return [
    { tier: 0, stepMs: intervalMs, keepMs: HOUR },
    { tier: 1, stepMs: MINUTE, keepMs: DAY },
    { tier: 2, stepMs: 15 * MINUTE, keepMs: 30 * DAY },
  ];
}

export const RANGES = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY } as const;
export type RangeName = keyof typeof RANGES;

/** The finest tier that keeps the whole range. */
export function tierForRange(tiers: Tier[], range: RangeName): Tier {
  return tiers.find((t) => t.keepMs >= RANGES[range]) ?? tiers[tiers.length - 1]!;
}

/**
 * The buckets of `tier` that closed with the tick at `at`: the bucket that ended at or before
 * `at` but after the previous tick. Empty when no bucket boundary was crossed.
 */
export function closedBucket(tier: Tier, at: number, intervalMs: number): number | null {
  const boundary = Math.floor(at / tier.stepMs) * tier.stepMs;
  return boundary > at - intervalMs ? boundary - tier.stepMs : null;
}

function mean(values: (number | null | undefined)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/**
 * The average of a bucket's samples, value by value and part by part. Each average is over the
 * samples that have the value (a VM shut off for half the bucket averages its running half).
 * Rates averaged over equal steps equal the counters' delta over the bucket.
 */
export function rollUp(samples: Sample[]): Sample | null {
  if (samples.length === 0) return null;
  const width = Math.max(...samples.map((s) => s.values.length));
  const values = Array.from({ length: width }, (_, i) => mean(samples.map((s) => s.values[i])));
  const byPart = new Map<string, SamplePart[]>();
  for (const s of samples) {
    for (const p of s.parts) {
      const key = `${p.kind}\0${p.name}`;
      byPart.set(key, [...(byPart.get(key) ?? []), p]);
    }
  }
  const parts: SamplePart[] = [...byPart.values()].map((ps) => {
    const n = Math.max(...ps.map((p) => p.values.length));
    return { kind: ps[0]!.kind, name: ps[0]!.name, values: Array.from({ length: n }, (_, i) => mean(ps.map((p) => p.values[i]))) };
  });
  return { values, parts };
}
