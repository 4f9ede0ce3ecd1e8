// `pnpm bench` in apps/bff: the hosts overview with 100 hosts, a load run with live
// subscribers, and the metrics collector with 1,000 VMs. Each figure printed with the ratio to
// its goal (or reference), measured now.
//   VIRTDECK_BENCH_SECONDS (60): length of the load run.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { signIn, startBff, trpc } from './bff-process.js';
import { benchHostsOverview } from './hosts-overview.js';
import { benchLoad } from './load.js';
import { benchMetrics, printMetricsBench } from './metrics.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'start'], { stdio: 'inherit' });
const env = execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'env'], { encoding: 'utf8' });
const socket = /LIBVIRT_SOCKET=(.*)/.exec(env)?.[1]?.trim();
if (!socket) throw new Error('no libvirtd socket');
const seconds = Number(process.env.VIRTDECK_BENCH_SECONDS ?? 60);

const bff = await startBff(`qemu+unix:///system?socket=${socket}`, 4180);
try {
  const s = await signIn(bff.url);
  const [first] = await trpc<{ id: string }[]>(bff.url, s, 'host.list');

  const overview = await benchHostsOverview(bff.url, s, socket);

  // Warm up, then measure memory across the load run.
  await benchLoad(bff.url, s, first!.id, 5, 20);
  // RSS sampled through the run: whether its peaks keep rising from the first half to the second.
  const samples: number[] = [bff.rssKiB()];
  const sampler = setInterval(() => samples.push(bff.rssKiB()), (seconds * 1000) / 10);
  const load = await benchLoad(bff.url, s, first!.id, seconds);
  clearInterval(sampler);
  samples.push(bff.rssKiB());
  const rssBefore = samples[0]!;
  const rssAfter = samples[samples.length - 1]!;
  // Growth shows as higher peaks later on; a single sample lands anywhere on the GC's sawtooth
  // (samples of one run went 338, 313, 297, 338), so the halves' peaks are compared.
  const half = Math.floor(samples.length / 2);
  const peakFirst = Math.max(...samples.slice(1, half));
  const peakSecond = Math.max(...samples.slice(half));

  const rows: [string, string, string, string, boolean][] = [
    [`hosts overview, ${overview.hosts} hosts`, `${overview.medianMs.toFixed(0)} ms`, 'goal 1,000 ms', `${(1000 / overview.medianMs).toFixed(1)}x under goal`, overview.medianMs < 1000],
    [`  vs WebVirtCloud's reported 120 s for 90 hosts`, `${overview.medianMs.toFixed(0)} ms`, 'ref 120,000 ms', `${(120_000 / overview.medianMs).toFixed(0)}x faster`, true],
    [`load p99 (${load.subscribers} subscribers, 500 req/s, ${seconds} s)`, `${load.p99Ms} ms`, 'goal 100 ms', `${(100 / Math.max(load.p99Ms, 0.1)).toFixed(1)}x under goal`, load.p99Ms < 100],
    ['load errors (failed + non-2xx)', `${load.errors + load.non2xx} of ${load.requests}`, 'goal 0', load.errors + load.non2xx === 0 ? 'none' : 'some', load.errors + load.non2xx === 0],
    ['load throughput', `${load.rps.toFixed(0)} req/s`, 'target 500 req/s', `${(load.rps / 500).toFixed(2)}x`, load.rps >= 475],
    ['BFF memory, start -> end of load', `${(rssBefore / 1024).toFixed(0)} -> ${(rssAfter / 1024).toFixed(0)} MiB`, 'goal end < 150 MiB', `${((150 * 1024) / rssAfter).toFixed(2)}x under goal`, rssAfter < 150 * 1024],
    ['BFF memory, peak of 2nd half vs 1st half of load', `${(peakFirst / 1024).toFixed(0)} -> ${(peakSecond / 1024).toFixed(0)} MiB`, 'goal flat (< 1.1x)', `${(peakSecond / peakFirst).toFixed(2)}x`, peakSecond / peakFirst < 1.1],
  ];
  console.log('\nBFF benchmark (apps/bff/bench)');
  for (const [what, value, goal, ratio, met] of rows) {
    console.log(`  ${what.padEnd(58)} ${value.padStart(18)}  ${goal.padEnd(18)} ${ratio.padEnd(18)} ${met ? 'met' : 'NOT met'}`);
  }
  console.log(`  (p50 ${load.p50Ms} ms; ${load.subscriptionEvents} subscription messages delivered; RSS samples MiB: ${samples.map((k) => (k / 1024).toFixed(0)).join(' ')})`);
} finally {
  await bff.stop();
}

// The metrics collector runs in this process, against the 1,000-domain test host.
printMetricsBench(await benchMetrics(socket, repoRoot));
