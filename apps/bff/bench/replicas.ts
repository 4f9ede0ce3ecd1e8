// `pnpm bench` (apps/bff), replicas: the load benchmark (bench/load.ts) against one BFF replica and
// against two on the same PostgreSQL, both behind Debian's nginx, in the same run (p99, errors,
// memory), beside one BFF on SQLite through the same nginx as the reference; how fast a change made through one replica reaches the other (goal: a second); and what
// connecting every replica to every host costs at 100 hosts (memory, time to connect them all).
//   VIRTDECK_BENCH_SECONDS (60): length of each load run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgres } from '@virtdeck/test-kit/postgres';
import { startBffReplica, startRoundRobinProxy, type BffReplica } from '@virtdeck/test-kit/replicas';
import { BENCH_ADMIN_PASSWORD, signIn, trpc, type Session } from './bff-process.js';
import { benchLoad, type LoadResult } from './load.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'start'], { stdio: 'inherit' });
const env = execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), 'env'], { encoding: 'utf8' });
const socket = /LIBVIRT_SOCKET=(.*)/.exec(env)?.[1]?.trim();
if (!socket) throw new Error('no libvirtd socket');
const libvirtUri = `qemu+unix:///system?socket=${socket}`;
const seconds = Number(process.env.VIRTDECK_BENCH_SECONDS ?? 60);
const ORIGIN = 'http://bench.local';
const nodeDir = mkdtempSync(path.join(tmpdir(), 'vdbench-replica-nodes-'));

const cluster = await startPostgres();
const replica = (databaseUrl?: string) =>
  startBffReplica({ databaseUrl, libvirtUri, adminPassword: BENCH_ADMIN_PASSWORD, webOrigin: ORIGIN, env: { VIRTDECK_TEST_NODE_DIR: nodeDir } });
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const until = async (probe: () => Promise<boolean>, ms = 120_000) => {
  for (const t0 = Date.now(); !(await probe()); ) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const MiB = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** The load run through nginx to `replicas`, with each one's memory before and after. */
async function loadThrough(replicas: BffReplica[]): Promise<{ load: LoadResult; rssBefore: number[]; rssAfter: number[] }> {
  const proxy = await startRoundRobinProxy(replicas.map((r) => `127.0.0.1:${r.port}`));
  try {
    const s = await signIn(proxy.url);
    const [first] = await trpc<{ id: string }[]>(proxy.url, s, 'host.list');
    await benchLoad(proxy.url, s, first!.id, 5, 20);
    const rssBefore = replicas.map((r) => r.rssKiB());
    const load = await benchLoad(proxy.url, s, first!.id, seconds);
    return { load, rssBefore, rssAfter: replicas.map((r) => r.rssKiB()) };
  } finally {
    await proxy.stop();
  }
}

/** How long until a host added through `from` is listed by `to`: median and worst of `rounds`. */
async function propagation(from: BffReplica, to: BffReplica, s: Session, rounds = 9): Promise<{ medianMs: number; maxMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const name = `vdbench-propagate-${i}`;
    const t0 = performance.now();
    const host = await trpc<{ id: string }>(from.url, s, 'host.add', { name, uri: 'test:///default' }, true);
    await until(async () => (await trpc<{ name: string }[]>(to.url, s, 'host.list')).some((h) => h.name === name), 10_000);
    times.push(performance.now() - t0);
    await trpc(from.url, s, 'host.remove', { hostId: host.id }, true);
    await until(async () => !(await trpc<{ name: string }[]>(to.url, s, 'host.list')).some((h) => h.name === name), 10_000);
  }
  return { medianMs: median(times), maxMs: Math.max(...times) };
}

/** Registers 100 test-driver hosts through `a`; answers how long `b` took to connect them all, and both replicas' memory before and after. */
async function hundredHosts(a: BffReplica, b: BffReplica, s: Session, hosts = 100) {
  const connected = async (r: BffReplica) => (await trpc<{ state: { status: string } | null }[]>(r.url, s, 'host.list')).filter((h) => h.state?.status === 'connected').length;
  const rssBefore = [a.rssKiB(), b.rssKiB()];
  const t0 = performance.now();
  for (let i = 0; i < hosts; i++) {
    const file = path.join(nodeDir, `node-${i}.xml`);
    writeFileSync(file, `<node><domain type='test'><name>h${i}</name><memory unit='MiB'>256</memory><os><type>hvm</type></os></domain></node>`);
    await trpc(a.url, s, 'host.add', { name: `vdbench-host-${i}`, uri: `test+unix://${file}?socket=${socket}` }, true);
  }
  await until(async () => (await connected(b)) >= hosts + 1);
  const bConnectedMs = performance.now() - t0;
  await until(async () => (await connected(a)) >= hosts + 1);
  return { bConnectedMs, rssBefore, rssAfter: [a.rssKiB(), b.rssKiB()] };
}

try {
  // The reference: one BFF on SQLite, as `pnpm bench` measures it, but through nginx too. Then
  // one replica, then two, each on a fresh database of the same PostgreSQL.
  const alone = await replica();
  const sqlite = await loadThrough([alone]).finally(() => alone.stop());
  const solo = await replica(await cluster.createDatabase());
  const one = await loadThrough([solo]).finally(() => solo.stop());

  const db = await cluster.createDatabase();
  const a = await replica(db);
  const b = await replica(db);
  try {
    const two = await loadThrough([a, b]);
    const s = await signIn(a.url);
    const prop = await propagation(a, b, s);
    const hundred = await hundredHosts(a, b, s);

    const rows: [string, string, string, string, boolean][] = [];
    const load = (label: string, r: { load: LoadResult; rssBefore: number[]; rssAfter: number[] }) => {
      const errors = r.load.errors + r.load.non2xx;
      rows.push([`${label}: load p99 (${r.load.subscribers} subscribers, 500 req/s, ${seconds} s)`, `${r.load.p99Ms} ms`, 'goal 100 ms', `${(100 / Math.max(r.load.p99Ms, 0.1)).toFixed(1)}x under goal`, r.load.p99Ms < 100]);
      rows.push([`${label}: load errors (failed + non-2xx)`, `${errors} of ${r.load.requests}`, 'goal 0', errors === 0 ? 'none' : 'some', errors === 0]);
      rows.push([`${label}: memory per replica, start -> end of load`, r.rssBefore.map((k, i) => `${MiB(k)} -> ${MiB(r.rssAfter[i]!)}`).join(', '), 'info', '', true]);
    };
    load('SQLite, 1 BFF (reference)', sqlite);
    load('1 replica', one);
    load('2 replicas', two);
    rows.push(['1 replica on PostgreSQL vs SQLite: load p99', `${one.load.p99Ms} vs ${sqlite.load.p99Ms} ms`, 'ref: SQLite', `${(one.load.p99Ms / Math.max(sqlite.load.p99Ms, 0.1)).toFixed(2)}x`, true]);
    rows.push(['2 replicas vs 1: load p99', `${two.load.p99Ms} vs ${one.load.p99Ms} ms`, 'ref: 1 replica', `${(two.load.p99Ms / Math.max(one.load.p99Ms, 0.1)).toFixed(2)}x`, true]);
    rows.push(['host added through A, listed by B (median of 9)', `${prop.medianMs.toFixed(0)} ms`, 'goal 1,000 ms', `${(1000 / prop.medianMs).toFixed(1)}x under goal`, prop.medianMs < 1000]);
    rows.push(['host added through A, listed by B (worst of 9)', `${prop.maxMs.toFixed(0)} ms`, 'goal 1,000 ms', `${(1000 / prop.maxMs).toFixed(1)}x under goal`, prop.maxMs < 1000]);
    rows.push(['100 hosts added through A, all connected by B', `${hundred.bConnectedMs.toFixed(0)} ms`, 'info', '', true]);
    rows.push(['memory per replica, 1 host -> 101 hosts', hundred.rssBefore.map((k, i) => `${MiB(k)} -> ${MiB(hundred.rssAfter[i]!)}`).join(', '), 'info', `+${MiB(hundred.rssAfter[1]! - hundred.rssBefore[1]!)} on B`, true]);
    console.log('\nBFF replicas benchmark (apps/bff/bench/replicas.ts): nginx round robin, one PostgreSQL');
    for (const [what, value, goal, ratio, met] of rows) {
      console.log(`  ${what.padEnd(60)} ${value.padStart(26)}  ${goal.padEnd(16)} ${ratio.padEnd(20)} ${met ? 'met' : 'NOT met'}`);
    }
  } finally {
    await a.stop();
    await b.stop();
  }
} finally {
  await cluster.stop();
  rmSync(nodeDir, { recursive: true, force: true });
}
