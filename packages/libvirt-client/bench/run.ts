// `pnpm bench`: the TypeScript client against libvirt's own C library (libvirt.so), measured in
// the same run on the same daemon and URI (the unix socket). Each round runs both sides one
// after the other, alternating which goes first. TS and C are medians over the rounds; the ratio
// is the median of each round's ratio, whose two runs are adjacent in time (the table also shows
// each side's range: the daemon and any other load share the machine).
// "client CPU" rows are user + system time of the client process per call: steadier than wall
// time on a busy machine, and what the client itself costs.
// It is a measurement, not a test: it exits 0 when a goal is missed (and says so), 1 only when
// it cannot run (no daemon, no gcc or libvirt-dev).
//
//   pnpm bench                      all figures, 7 rounds (VIRTDECK_BENCH_ROUNDS also sets it)
//   pnpm bench --rounds=9           more rounds
//   pnpm bench --only=latency,list  some figures: latency, throughput, list
//   pnpm bench --ts-only            no C side (to profile: node --cpu-prof --import tsx bench/run.ts --ts-only)
import os from 'node:os';
import { BenchSetupError, buildReference, ensureDaemon, libvirtVersion } from './setup.js';
import type { BenchTargets } from './setup.js';
import { cLatency, cList, cThroughput } from './reference.js';
import { tsLatency, tsList, tsThroughput } from './ts-client.js';
import { evaluate, table } from './report.js';
import type { Measure, Row } from './report.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const rounds = Math.max(1, Number(opt('rounds') ?? process.env.VIRTDECK_BENCH_ROUNDS ?? 7));
const only = new Set((opt('only') ?? 'latency,throughput,list').split(','));
const tsOnly = args.includes('--ts-only');

const LATENCY_CALLS = 2000;
const THROUGHPUT_CALLS = 10_000;
const IN_FLIGHT = [8, 32];
const LIST_C_THREADS = 8;

interface Series {
  ts: Measure[];
  c: Measure[];
}

const progress = (text: string): void => void (process.stderr.isTTY && process.stderr.write(`\r${text}\x1b[K`));

/** Runs both sides `rounds` times, alternating which goes first. */
async function alternate(label: string, ts: () => Promise<Measure>, c: (() => Promise<Measure>) | null): Promise<Series> {
  const s: Series = { ts: [], c: [] };
  for (let i = 0; i < rounds; i++) {
    progress(`  ${label}: round ${i + 1}/${rounds}`);
    if (c && i % 2 === 1) s.c.push(await c());
    s.ts.push(await ts());
    if (c && i % 2 === 0) s.c.push(await c());
  }
  progress('');
  return s;
}

/** The figure's row and its client-CPU row. */
function rows(s: Series, figure: Omit<Row, 'ts' | 'c'>, cpuUnit: string): Row[] {
  return [
    { ...figure, ts: s.ts.map((m) => m.value), c: s.c.map((m) => m.value) },
    {
      figure: '   client CPU (user+sys)',
      unit: cpuUnit,
      ts: s.ts.map((m) => m.cpuUs),
      c: s.c.map((m) => m.cpuUs),
      ratio: (t, c) => t / c,
      ratioLabel: 'TS/C',
      goal: null,
    },
  ];
}

async function measure(t: BenchTargets, bin: string): Promise<Row[]> {
  const c = (f: () => Promise<Measure>): (() => Promise<Measure>) | null => (tsOnly ? null : f);
  const out: Row[] = [];
  if (only.has('latency')) {
    const s = await alternate('latency', () => tsLatency(t.qemuUri, LATENCY_CALLS), c(() => cLatency(bin, t.qemuUri, LATENCY_CALLS)));
    out.push(
      ...rows(
        s,
        { figure: `1. sequential calls (connectGetLibVersion x${LATENCY_CALLS})`, unit: 'µs/call', ratio: (a, b) => a / b, ratioLabel: 'TS/C', goal: { op: '<=', value: 1.2 } },
        'µs/call',
      ),
    );
  }
  if (only.has('throughput')) {
    for (const k of IN_FLIGHT) {
      const s = await alternate(`throughput x${k}`, () => tsThroughput(t.qemuUri, k, THROUGHPUT_CALLS), c(() => cThroughput(bin, t.qemuUri, k, THROUGHPUT_CALLS)));
      out.push(
        ...rows(
          s,
          { figure: `2. ${k} calls in flight, one connection (C: ${k} threads)`, unit: 'calls/s', ratio: (a, b) => a / b, ratioLabel: 'TS/C', goal: { op: '>=', value: 1 } },
          'µs/call',
        ),
      );
    }
  }
  if (only.has('list')) {
    const seen = new Set<string>();
    const note = (side: string, r: { domains: number; xmlBytes: number }): void => void seen.add(`${side}: ${r.domains} domains, ${r.xmlBytes} bytes of XML`);
    const tsRun = async (): Promise<Measure> => {
      const r = await tsList(t.testNodeUri);
      note('TS', r);
      return r;
    };
    const cRun = (threads: number) => async (): Promise<Measure> => {
      const r = await cList(bin, t.testNodeUri, threads);
      note('C', r);
      return r;
    };
    const seq = await alternate('list, C sequential', tsRun, c(cRun(1)));
    out.push(
      ...rows(
        seq,
        { figure: '3. list 1,000 domains + XML (TS pipelined, C sequential)', unit: 'ms', ratio: (a, b) => b / a, ratioLabel: 'C/TS', goal: { op: '>=', value: 1 } },
        'µs/call',
      ),
    );
    if (!tsOnly) {
      const thr = await alternate(`list, C ${LIST_C_THREADS} threads`, tsRun, cRun(LIST_C_THREADS));
      out.push(
        ...rows(thr, { figure: `3b. same, C with ${LIST_C_THREADS} threads`, unit: 'ms', ratio: (a, b) => b / a, ratioLabel: 'C/TS', goal: null }, 'µs/call'),
      );
    }
    console.log(`listing: ${[...seen].join('; ')}`);
  }
  return out;
}

async function main(): Promise<number> {
  let targets: BenchTargets;
  let bin = '';
  try {
    targets = ensureDaemon();
    if (!tsOnly) bin = buildReference();
  } catch (e) {
    if (e instanceof BenchSetupError) {
      console.error(`bench: cannot run: ${e.message}`);
      return 1;
    }
    throw e;
  }
  console.log(
    `libvirt-client bench: node ${process.version}, C reference on libvirt ${tsOnly ? '(skipped)' : libvirtVersion()}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}, ${rounds} rounds, daemon ${targets.socket}`,
  );
  // Warm-up of both sides before any round: V8 compiles the hot path only after some thousands
  // of calls (200 warm-up calls per connection are not enough for the first round), and the
  // daemon and the C library get paged in.
  progress('  warm-up');
  await tsLatency(targets.qemuUri, 3000);
  await tsThroughput(targets.qemuUri, 32, 3000);
  if (!tsOnly) await cThroughput(bin, targets.qemuUri, 32, 3000);
  const outcomes = (await measure(targets, bin)).map(evaluate);
  console.log(`\n${table(outcomes)}\n`);
  const missed = outcomes.filter((o) => o.met === false);
  if (tsOnly) console.log('C side skipped (--ts-only): no ratios.');
  else if (missed.length === 0) console.log('All goals met.');
  else console.log(`${missed.length} goal(s) NOT met: ${missed.map((o) => o.row.figure.trim()).join('; ')}. A measurement, not a test: exit 0.`);
  if (os.loadavg()[0]! > os.cpus().length) {
    console.log(`Note: load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} CPUs: wall-time figures are noisy; compare the client CPU rows.`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('bench: failed:', e);
    process.exit(1);
  },
);
