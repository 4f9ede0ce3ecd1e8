// Metrics, the pure parts: the packed sample round-trips; rates come from synthetic counters
// (and a counter that went down is a reset, not a negative rate); the tier roll-up of a bucket
// equals the counters' delta over the bucket, and averages only what was present.
import type { DomainStats } from '@virtdeck/libvirt-client';
import { describe, expect, it } from 'vitest';
import { hostCpuPercent } from '../src/metrics/host-sample.js';
import { decodeSample, encodeSample, SampleFormatError } from '../src/metrics/sample-codec.js';
import type { Sample } from '../src/metrics/sample.js';
import { closedBucket, rollUp, tierForRange, tiersFor } from '../src/metrics/tiers.js';
import { vmCounters, vmSample } from '../src/metrics/vm-rates.js';

/** Bulk stats of one VM with one disk and one NIC, as libvirt's typed parameters read. */
function stats(cpuNs: number, rd: number, wr: number, rx: number, tx: number): DomainStats {
  return {
    domain: { name: 'vm', uuid: '00000000-0000-0000-0000-000000000001' },
    stats: {
      'cpu.time': BigInt(cpuNs),
      'balloon.rss': 1024,
      'block.count': 1,
      'block.0.name': 'vda',
      'block.0.rd.bytes': BigInt(rd),
      'block.0.wr.bytes': BigInt(wr),
      'net.count': 1,
      'net.0.name': 'vnet0',
      'net.0.rx.bytes': BigInt(rx),
      'net.0.tx.bytes': BigInt(tx),
    },
  };
}

describe('packed samples', () => {
  it('round-trip totals, nulls and named parts', () => {
    const sample: Sample = {
      values: [12.5, null, 1048576, 0],
      parts: [
        { kind: 'disk', name: 'vda', values: [1, 2] },
        { kind: 'nic', name: 'vnet0', values: [null, 4] },
        { kind: 'pool', name: 'défaut', values: [2 ** 42, 2 ** 43] },
      ],
    };
    const bytes = encodeSample(sample);
    expect(decodeSample(bytes)).toEqual(sample);
    // float32: seven significant digits, plenty for a graph.
    expect(decodeSample(encodeSample({ values: [5e12], parts: [] })).values[0]! / 5e12).toBeCloseTo(1, 6);
    // The compact form the storage bound is computed with.
    expect(encodeSample({ values: [1, 2, 3, 4, 5, 6], parts: [{ kind: 'disk', name: 'vda', values: [1, 2] }, { kind: 'nic', name: 'vnet0', values: [1, 2] }] }).length).toBe(58);
  });

  it('refuses a truncated or unknown blob instead of reading past it', () => {
    const bytes = encodeSample({ values: [1], parts: [{ kind: 'disk', name: 'vda', values: [1, 2] }] });
    expect(() => decodeSample(bytes.subarray(0, bytes.length - 1))).toThrow(SampleFormatError);
    expect(() => decodeSample(Uint8Array.of(9))).toThrow(SampleFormatError);
  });
});

describe('rates from counters', () => {
  it('are counter deltas over the time between readings', () => {
    const a = vmCounters(stats(1e9, 0, 0, 0, 0), 0);
    const b = vmCounters(stats(6e9, 10_000, 20_000, 30_000, 40_000), 10_000);
    const s = vmSample(a, b)!;
    // 5 s of CPU in 10 s: 50 % of one CPU; bytes per second.
    expect(s.values).toEqual([50, 1024 * 1024, 1000, 2000, 3000, 4000]);
    expect(s.parts).toEqual([
      { kind: 'disk', name: 'vda', values: [1000, 2000] },
      { kind: 'nic', name: 'vnet0', values: [3000, 4000] },
    ]);
  });

  it('give nothing without a baseline, and treat a counter that went down as a reset', () => {
    const first = vmCounters(stats(50e9, 1e6, 1e6, 1e6, 1e6), 0);
    expect(vmSample(undefined, first)).toBeNull();
    // The VM restarted: its CPU time starts again near zero.
    const restarted = vmCounters(stats(1e9, 0, 0, 0, 0), 10_000);
    expect(vmSample(first, restarted)).toBeNull();
    // A disk replugged (its counters restarted) while the CPU ran on: the disk has no rate.
    const replugged = vmCounters(stats(60e9, 0, 0, 2e6, 2e6), 10_000);
    const s = vmSample(first, replugged)!;
    expect(s.parts.map((p) => p.name)).toEqual(['vnet0']);
    expect(s.values[2]).toBeNull();
    expect(s.values[4]).toBe(100_000);
  });

  it('host CPU is busy time over all time, null after a reset', () => {
    const a = { at: 0, busyNs: 100n, totalNs: 1000n };
    expect(hostCpuPercent(a, { at: 10, busyNs: 400n, totalNs: 2000n })).toBe(30);
    expect(hostCpuPercent(a, { at: 10, busyNs: 50n, totalNs: 10n })).toBeNull();
    expect(hostCpuPercent(undefined, a)).toBeNull();
  });
});

describe('tiers', () => {
  const tiers = tiersFor(10_000);

  it('a range reads the finest tier that keeps it', () => {
    expect(tierForRange(tiers, '1h').tier).toBe(0);
    expect(tierForRange(tiers, '24h').tier).toBe(1);
    expect(tierForRange(tiers, '7d').tier).toBe(2);
    expect(tierForRange(tiers, '30d').tier).toBe(2);
  });

  it('a bucket closes at the first tick on or after its end', () => {
    const minute = tiers[1]!;
    expect(closedBucket(minute, 120_000, 10_000)).toBe(60_000);
    expect(closedBucket(minute, 130_000, 10_000)).toBeNull();
    expect(closedBucket(tiers[2]!, 900_000, 10_000)).toBe(0);
  });

  it('the roll-up of a minute of 10 s samples equals the counters’ delta over the minute', () => {
    // Known counters at each tick: CPU and disk counters grow unevenly.
    const cpuNs = [0, 1e9, 1e9, 7e9, 8e9, 8e9, 12e9];
    const rd = [0, 100, 5000, 5000, 9000, 9100, 60_000];
    const readings = cpuNs.map((c, i) => vmCounters(stats(c, rd[i]!, 0, 0, 0), i * 10_000));
    const samples = readings.slice(1).map((r, i) => vmSample(readings[i], r)!);
    const minute = rollUp(samples)!;
    // 12 s of CPU over 60 s = 20 %; 60,000 bytes read over 60 s = 1,000 B/s.
    expect(minute.values[0]).toBeCloseTo(20, 10);
    expect(minute.values[2]).toBeCloseTo(1000, 10);
    expect(minute.parts.find((p) => p.name === 'vda')!.values[0]).toBeCloseTo(1000, 10);
    // A roll-up of roll-ups (15 min of whole minutes) is the same average.
    expect(rollUp([minute, minute, minute])!.values[0]).toBeCloseTo(20, 10);
  });

  it('averages a value over the samples that have it, and keeps parts seen only sometimes', () => {
    const out = rollUp([
      { values: [10, null], parts: [{ kind: 'disk', name: 'vda', values: [4, 4] }] },
      { values: [30, 8], parts: [] },
    ])!;
    expect(out.values).toEqual([20, 8]);
    expect(out.parts).toEqual([{ kind: 'disk', name: 'vda', values: [4, 4] }]);
    expect(rollUp([])).toBeNull();
  });
});
