// `pnpm bench` (apps/bff), metrics: the collector's CPU per collection and the database's size
// for 1,000 VMs, each printed beside its goal.
//  1. A real collection of the 1,000-domain test-driver host (.state/test-node-1000.xml) through
//     the daemon: bulk stats, host counters, pools, rates, store, roll-up: CPU of this process.
//     The test driver reports only the state of its domains (no CPU, disk or NIC counters), so:
//  2. The same path for 1,000 running VMs with full counters (one disk, one NIC each) built
//     here: rates, packing and the insert of 1,000 samples, the CPU a real 1,000-VM host costs
//     beyond the libvirt call.
//  3. The bytes one stored sample takes in SQLite (1,000 VMs × 60 ticks written, the file's
//     growth divided by the rows) and in PostgreSQL (the table's total relation size), times
//     the rows each VM keeps: 360 (10 s, 1 h) + 1,440 (1 min, 24 h) + 2,880 (15 min, 30 d) =
//     4,680, the most a VM series ever holds.
import type { DomainStats } from '@virtdeck/libvirt-client';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { startPostgres, type PgCluster } from '@virtdeck/test-kit/postgres';
import { openDatabase, type Db } from '../src/db/database.js';
import { addHost } from '../src/db/hosts.js';
import { HostManager } from '../src/hosts/host-manager.js';
import { MetricsCollector } from '../src/metrics/collector.js';
import { seriesIds, writeSamples } from '../src/metrics/store.js';
import { tiersFor } from '../src/metrics/tiers.js';
import { vmCounters, vmSample, type VmCounters } from '../src/metrics/vm-rates.js';

const INTERVAL_MS = 10_000;
const GOAL_CPU_MS = 500; // 5 % of one core at a 10 s interval
const GOAL_BYTES = 1024 ** 3;
const VMS = 1000;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function syntheticStats(tick: number): DomainStats[] {
  return Array.from({ length: VMS }, (_, i) => ({
    domain: { name: `vm-${i}`, uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    stats: {
      'cpu.time': BigInt(tick * 1e9 + i * 1e6),
      'balloon.rss': 524288 + i,
      'block.count': 1,
      'block.0.name': 'vda',
      'block.0.rd.bytes': BigInt(tick * 4096 * (i + 1)),
      'block.0.wr.bytes': BigInt(tick * 1024 * (i + 1)),
      'net.count': 1,
      'net.0.name': `vnet${i}`,
      'net.0.rx.bytes': BigInt(tick * 1500 * (i + 1)),
      'net.0.tx.bytes': BigInt(tick * 700 * (i + 1)),
    },
  }));
}

export interface MetricsBench {
  realCpuMs: number;
  /** The costliest tick: one that also rolled a minute up and pruned. */
  realMaxCpuMs: number;
  realVms: number;
  syntheticCpuMs: number;
  bytesPerSample: number;
  bytes30d: number;
  bytesFirstDay: number;
  /** The same on PostgreSQL (table, TOAST and primary key); null without PostgreSQL here. */
  pgBytesPerSample: number | null;
  pgBytes30d: number | null;
}

const TICKS = 60;

/** 1,000 VMs with disk and NIC counters, TICKS ticks from `start`: the CPU of each tick's rates and insert. */
async function writeSynthetic(db: Db, hostId: string, start: number): Promise<number[]> {
  const ids = await seriesIds(db, hostId, syntheticStats(0).map((s) => ({ kind: 'vm' as const, key: s.domain.uuid })));
  let previous = new Map<string, VmCounters>();
  const cpu: number[] = [];
  for (let t = 0; t < TICKS + 1; t++) {
    const at = start + t * INTERVAL_MS;
    const stats = syntheticStats(t);
    const c0 = cpuMs();
    const next = new Map<string, VmCounters>();
    const rows = [];
    for (const s of stats) {
      const cur = vmCounters(s, at);
      next.set(s.domain.uuid, cur);
      const sample = vmSample(previous.get(s.domain.uuid), cur);
      if (sample) rows.push({ seriesId: ids.get(`vm:${s.domain.uuid}`)!, sample });
    }
    await writeSamples(db, 0, at, rows);
    if (t > 0) cpu.push(cpuMs() - c0);
    previous = next;
  }
  return cpu;
}

/** Bytes per sample in a throwaway PostgreSQL cluster, or null where its binaries are missing. */
async function postgresBytesPerSample(start: number): Promise<number | null> {
  let cluster: PgCluster;
  try {
    cluster = await startPostgres();
  } catch (err) {
    console.log(`  (metrics on PostgreSQL skipped: ${String(err).split('\n')[0]})`);
    return null;
  }
  try {
    const database = await openDatabase({ kind: 'postgres', connectionString: await cluster.createDatabase() });
    try {
      const db = database.db;
      const host = await addHost(db, { name: 'bench-pg', uri: 'test:///default' });
      const size = async () => {
        await sql`vacuum analyze metric_samples`.execute(db);
        return Number((await sql<{ n: string }>`select pg_total_relation_size('metric_samples') as n`.execute(db)).rows[0]!.n);
      };
      const before = await size();
      await writeSynthetic(db, host.id, start);
      return ((await size()) - before) / (TICKS * VMS);
    } finally {
      await database.close();
    }
  } finally {
    await cluster.stop();
  }
}

export async function benchMetrics(socket: string, repoRoot: string): Promise<MetricsBench> {
  const node = path.join(repoRoot, '.state/test-node-1000.xml');
  if (!existsSync(node)) throw new Error(`${node} is missing (scripts/libvirt-sandbox.sh start makes it)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'vdbench-metrics-'));
  const file = path.join(dir, 'metrics.sqlite');
  const database = await openDatabase({ kind: 'sqlite', path: file });
  const db = database.db;
  const hosts = new HostManager();
  try {
    // 1. Real collections of the 1,000-domain host, at slots 10 s apart from a minute boundary.
    const host = await addHost(db, { name: 'bench-1000', uri: `test+unix://${node}?socket=${socket}` });
    hosts.add(host);
    await hosts.client(host.id);
    const collector = new MetricsCollector(db, hosts, { intervalMs: INTERVAL_MS });
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    const real: number[] = [];
    let realVms = 0;
    for (let i = 0; i < 13; i++) {
      const c0 = cpuMs();
      const r = await collector.tickHost(host.id, start + i * INTERVAL_MS);
      if (i > 0) real.push(cpuMs() - c0);
      realVms = r.vms;
    }

    // 2. 1,000 running VMs with full counters through rates, packing and the insert; 3. SQLite's
    // bytes per sample from the file's growth.
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    const pages0 = await pageBytes(db);
    const synthetic = await writeSynthetic(db, host.id, start + 7_200_000);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    const bytesPerSample = ((await pageBytes(db)) - pages0) / (TICKS * VMS);
    const pgBytesPerSample = await postgresBytesPerSample(start);

    const tiers = tiersFor(INTERVAL_MS);
    const rowsKept = tiers.reduce((n, t) => n + t.keepMs / t.stepMs, 0);
    const rowsFirstDay = tiers[0]!.keepMs / tiers[0]!.stepMs + tiers[1]!.keepMs / tiers[1]!.stepMs + 86_400_000 / tiers[2]!.stepMs;
    return {
      realCpuMs: median(real),
      realMaxCpuMs: Math.max(...real),
      realVms,
      syntheticCpuMs: median(synthetic),
      bytesPerSample,
      bytes30d: bytesPerSample * rowsKept * VMS,
      bytesFirstDay: bytesPerSample * rowsFirstDay * VMS,
      pgBytes30d: pgBytesPerSample === null ? null : pgBytesPerSample * rowsKept * VMS,
      pgBytesPerSample,
    };
  } finally {
    await hosts.closeAll();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pageBytes(db: Db): Promise<number> {
  const count = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  const size = await sql<{ page_size: number }>`pragma page_size`.execute(db);
  return count.rows[0]!.page_count * size.rows[0]!.page_size;
}

export function printMetricsBench(m: MetricsBench): void {
  const rows: [string, string, string, string, boolean][] = [
    [`metrics: CPU per collection, 1,000-domain test host (${m.realVms} samples)`, `${m.realCpuMs.toFixed(0)} ms`, `goal ${GOAL_CPU_MS} ms`, `${(GOAL_CPU_MS / Math.max(m.realCpuMs, 0.1)).toFixed(1)}x under goal`, m.realCpuMs < GOAL_CPU_MS],
    ['metrics: CPU of the costliest collection (with roll-up and pruning)', `${m.realMaxCpuMs.toFixed(0)} ms`, `goal ${GOAL_CPU_MS} ms`, `${(GOAL_CPU_MS / Math.max(m.realMaxCpuMs, 0.1)).toFixed(1)}x under goal`, m.realMaxCpuMs < GOAL_CPU_MS],
    ['metrics: CPU per collection, 1,000 VMs with disk+NIC counters (no libvirt call)', `${m.syntheticCpuMs.toFixed(0)} ms`, `goal ${GOAL_CPU_MS} ms`, `${(GOAL_CPU_MS / Math.max(m.syntheticCpuMs, 0.1)).toFixed(1)}x under goal`, m.syntheticCpuMs < GOAL_CPU_MS],
    ['metrics: bytes per stored sample (SQLite, VM with disk+NIC)', `${m.bytesPerSample.toFixed(0)} B`, 'info', '', true],
    ['metrics: DB growth in the first day, 1,000 VMs', `${(m.bytesFirstDay / 1024 ** 2).toFixed(0)} MiB`, 'info', '', true],
    ['metrics: DB size at 30 days (and beyond), 1,000 VMs', `${(m.bytes30d / 1024 ** 2).toFixed(0)} MiB`, 'goal 1,024 MiB', `${(GOAL_BYTES / m.bytes30d).toFixed(1)}x under goal`, m.bytes30d < GOAL_BYTES],
  ];
  if (m.pgBytesPerSample !== null && m.pgBytes30d !== null) {
    rows.push(['metrics: bytes per stored sample (PostgreSQL, table + key)', `${m.pgBytesPerSample.toFixed(0)} B`, 'info', '', true]);
    rows.push(['metrics: PostgreSQL size at 30 days (and beyond), 1,000 VMs', `${(m.pgBytes30d / 1024 ** 2).toFixed(0)} MiB`, 'goal 1,024 MiB', `${(GOAL_BYTES / m.pgBytes30d).toFixed(1)}x under goal`, m.pgBytes30d < GOAL_BYTES]);
  }
  console.log('\nMetrics benchmark (apps/bff/bench/metrics.ts)');
  for (const [what, value, goal, ratio, met] of rows) {
    console.log(`  ${what.padEnd(80)} ${value.padStart(10)}  ${goal.padEnd(16)} ${ratio.padEnd(18)} ${met ? 'met' : 'NOT met'}`);
  }
}

// Run on its own: `pnpm exec tsx bench/metrics.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const env = execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'env'], { encoding: 'utf8' });
  const socket = /LIBVIRT_SOCKET=(.*)/.exec(env)?.[1]?.trim();
  if (!socket) throw new Error('no libvirtd socket');
  printMetricsBench(await benchMetrics(socket, repoRoot));
}
