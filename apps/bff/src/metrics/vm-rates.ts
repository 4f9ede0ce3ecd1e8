// A VM's sample from two readings of libvirt's bulk stats: rates are counter deltas over the
// time between the readings. A counter that went down was reset (the VM restarted, or a disk
// was detached and attached again): that reading starts a new baseline and yields no rate.
import type { DomainStats } from '@virtdeck/libvirt-client';
import type { Sample, SamplePart } from './sample.js';

interface IoCounters {
  kind: 'disk' | 'nic';
  name: string;
  a: number;
  b: number;
}

export interface VmCounters {
  at: number;
  cpuNs: number | null;
  memoryBytes: number | null;
  io: IoCounters[];
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
}

function indexed(stats: DomainStats['stats'], group: string, kind: IoCounters['kind'], a: string, b: string): IoCounters[] {
  const count = num(stats[`${group}.count`]) ?? 0;
  const out: IoCounters[] = [];
  for (let i = 0; i < count; i++) {
    const name = stats[`${group}.${i}.name`];
    const va = num(stats[`${group}.${i}.${a}`]);
    const vb = num(stats[`${group}.${i}.${b}`]);
    // With the BACKING flag a disk's chain repeats its name: its first entry is the top image.
    if (typeof name !== 'string' || va === null || vb === null || out.some((x) => x.name === name)) continue;
    out.push({ kind, name, a: va, b: vb });
  }
  return out;
}

export function vmCounters(s: DomainStats, at: number): VmCounters {
  const kib = num(s.stats['balloon.rss']) ?? num(s.stats['balloon.current']);
  return {
    at,
    cpuNs: num(s.stats['cpu.time']),
    memoryBytes: kib === null ? null : kib * 1024,
    io: [...indexed(s.stats, 'block', 'disk', 'rd.bytes', 'wr.bytes'), ...indexed(s.stats, 'net', 'nic', 'rx.bytes', 'tx.bytes')],
  };
}

/** The sample between two readings, or null when there is no rate to give (first reading, reset). */
export function vmSample(prev: VmCounters | undefined, cur: VmCounters): Sample | null {
  if (!prev || cur.at <= prev.at) return null;
  if (cur.cpuNs !== null && prev.cpuNs !== null && cur.cpuNs < prev.cpuNs) return null;
  const dt = (cur.at - prev.at) / 1000;
  const parts: SamplePart[] = [];
  const totals = { diskRead: 0, diskWrite: 0, rx: 0, tx: 0 };
  let sawDisk = false;
  let sawNic = false;
  for (const c of cur.io) {
    const p = prev.io.find((x) => x.kind === c.kind && x.name === c.name);
    if (!p || c.a < p.a || c.b < p.b) continue;
    const ra = (c.a - p.a) / dt;
    const rb = (c.b - p.b) / dt;
    parts.push({ kind: c.kind, name: c.name, values: [ra, rb] });
    if (c.kind === 'disk') {
      sawDisk = true;
      totals.diskRead += ra;
      totals.diskWrite += rb;
    } else {
      sawNic = true;
      totals.rx += ra;
      totals.tx += rb;
    }
  }
  const cpuPercent = cur.cpuNs !== null && prev.cpuNs !== null ? ((cur.cpuNs - prev.cpuNs) / 1e9 / dt) * 100 : null;
  return {
    values: [
      cpuPercent,
      cur.memoryBytes,
      sawDisk ? totals.diskRead : null,
      sawDisk ? totals.diskWrite : null,
      sawNic ? totals.rx : null,
      sawNic ? totals.tx : null,
    ],
    parts,
  };
}
