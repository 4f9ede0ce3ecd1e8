// `pnpm bench:console` in apps/bff (also part of `pnpm bench`): the console gateway's throughput
// and added round-trip latency against websockify (Debian's package) and raw loopback TCP, on
// the same VNC-like TCP source, measured in the same run, rounds alternating the order.
//
// The gateway path is the real one: a BFF process, a signed-in session, a ticket from
// console.open, the websocket with its Origin and cookie, and the target read by the server from
// the live domain XML. The domain is a libvirt test-driver guest (through the real libvirtd)
// whose VNC graphics point at the benchmark's source.
// Both websocket paths use the same lean client (lean-websocket.ts); raw TCP is a plain socket.
// A fourth path, socat relaying plain TCP with 256 KiB reads, is the floor of any relay that
// copies: C, no websocket framing, no session. On a 2-CPU machine the source, the relay and the
// client share the CPUs, and a relay adds a read and a write of every byte to the raw path's one
// of each: that, not the gateway's own code, keeps every relay near half of raw loopback here,
// and the socat row shows that ceiling measured in the same run.
// A throughput run moves 1 GiB: at 256 MiB raw loopback lasted under 100 ms and ranged 700-2900
// MiB/s within one run, depending on where the scheduler put the two ends.
//   VIRTDECK_BENCH_ROUNDS (7), VIRTDECK_BENCH_MIB (1024): rounds and MiB per throughput run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signIn, startBff, trpc } from '../bff-process.js';
import { median, percentile, roundTrips, throughput } from './measure.js';
import { leanWebsocket } from './lean-websocket.js';
import { rawTcp, type BytePipe } from './paths.js';
import { startSource } from './source.js';

const ROUNDS = Number(process.env.VIRTDECK_BENCH_ROUNDS ?? 7);
const BYTES = Number(process.env.VIRTDECK_BENCH_MIB ?? 1024) * 2 ** 20;
const ECHOES = 2000;
const BFF_PORT = 4181;
const ORIGIN = 'http://bench.local';
const GUEST_UUID = '6a1c0d6e-5b1e-4c3a-9f00-000000000b01';
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

const sandbox = (cmd: string) => execFileSync('bash', [path.join(repoRoot, 'scripts/libvirt-sandbox.sh'), cmd], { encoding: 'utf8' });

/** `n` distinct ports nobody uses now (held together while asked, so no two are the same). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const server = net.createServer();
      return new Promise<net.Server>((resolve) => void server.listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

function nodeFile(dir: string, vncPort: number): string {
  const file = path.join(dir, 'console-bench-node.xml');
  writeFileSync(
    file,
    `<node><domain type='test'><name>console-bench</name><uuid>${GUEST_UUID}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu>
      <os><type arch='x86_64'>hvm</type></os>
      <devices><graphics type='vnc' port='${vncPort}' autoport='no' listen='127.0.0.1'/></devices></domain></node>`,
  );
  return file;
}

interface Figures {
  mibps: number[];
  rttUs: number[];
}

async function main(): Promise<void> {
  sandbox('start');
  const socket = /LIBVIRT_SOCKET=(.*)/.exec(sandbox('env'))?.[1]?.trim();
  if (!socket) throw new Error('no libvirtd socket');
  const dir = mkdtempSync(path.join(tmpdir(), 'vdbench-console-'));
  const source = await startSource();
  const [wsPort, relayPort] = (await freePorts(2)) as [number, number];
  const websockify = spawn('websockify', [`127.0.0.1:${wsPort}`, `127.0.0.1:${source.port}`], { stdio: 'ignore' });
  const socat = spawn('socat', ['-b', String(256 * 1024), `TCP-LISTEN:${relayPort},bind=127.0.0.1,reuseaddr,fork`, `TCP:127.0.0.1:${source.port}`], { stdio: 'ignore' });
  let bff: Awaited<ReturnType<typeof startBff>> | null = null;
  try {
    const gateway = await startBff(`qemu+unix:///system?socket=${socket}`, BFF_PORT);
    bff = gateway;
    await waitForPort(wsPort);
    await waitForPort(relayPort);
    const s = await signIn(gateway.url);
    const { id: hostId } = await trpc<{ id: string }>(gateway.url, s, 'host.add', { name: 'console-bench', uri: `test+unix://${nodeFile(dir, source.port)}?socket=${socket}` }, true);
    const paths: Record<string, () => Promise<BytePipe>> = {
      'raw loopback TCP': () => rawTcp(source.port),
      'plain TCP relay (socat)': () => rawTcp(relayPort),
      'websockify 0.10 (Debian)': () => leanWebsocket(`ws://127.0.0.1:${wsPort}/`),
      'Virtdeck gateway': async () => {
        const t = await trpc<{ path: string }>(gateway.url, s, 'console.open', { hostId, uuid: GUEST_UUID, kind: 'vnc' }, true);
        return leanWebsocket(`ws://127.0.0.1:${BFF_PORT}${t.path}`, { Cookie: s.cookie, Origin: ORIGIN });
      },
    };
    const names = Object.keys(paths);
    const figures = new Map<string, Figures>(names.map((n) => [n, { mibps: [], rttUs: [] }]));
    const once = async (name: string, f: Figures | null): Promise<void> => {
      const p1 = await paths[name]!();
      const mibps = await throughput(p1, f ? BYTES : BYTES / 8);
      p1.close();
      const p2 = await paths[name]!();
      const rtt = await roundTrips(p2, f ? ECHOES : 200);
      p2.close();
      if (f) {
        f.mibps.push(mibps);
        f.rttUs.push(...rtt);
      }
    };
    for (const n of names) await once(n, null); // warm-up: JIT, websockify's first fork
    for (let r = 0; r < ROUNDS; r++) {
      process.stderr.write(`\r  round ${r + 1}/${ROUNDS}`);
      // rotate the order so no path always runs first (or right after another's flood)
      for (let i = 0; i < names.length; i++) {
        const n = names[(i + r) % names.length]!;
        await once(n, figures.get(n)!);
      }
    }
    process.stderr.write('\r\x1b[K');
    report(figures);
    await trpc(gateway.url, s, 'host.remove', { hostId }, true);
  } finally {
    websockify.kill();
    socat.kill();
    await bff?.stop();
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(figures: Map<string, Figures>): void {
  const [raw, relay, wsf, gw] = [...figures.values()];
  console.log(`\nConsole gateway benchmark (apps/bff/bench/console): ${ROUNDS} rounds, ${BYTES / 2 ** 20} MiB per throughput run, ${ECHOES} echoes of 64 bytes`);
  for (const [name, f] of figures) {
    const range = `${Math.min(...f.mibps).toFixed(0)}-${Math.max(...f.mibps).toFixed(0)}`;
    console.log(`  ${name.padEnd(26)} ${median(f.mibps).toFixed(0).padStart(6)} MiB/s (${range.padStart(9)})   round trip median ${median(f.rttUs).toFixed(0).padStart(4)} µs, p99 ${percentile(f.rttUs, 99).toFixed(0).padStart(5)} µs`);
  }
  // Throughput ratios pair the runs of one round (adjacent in time), then take the median: the
  // machine's other load moves all paths of a round alike.
  const paired = (a: Figures, b: Figures) => median(a.mibps.map((x, i) => x / b.mibps[i]!));
  const rtt = (f: Figures) => median(f.rttUs);
  const added = (f: Figures) => Math.max(rtt(f) - rtt(raw!), 1);
  const vsWebsockify = paired(gw!, wsf!);
  const vsRaw = paired(gw!, raw!);
  const rows: [string, string, boolean][] = [
    ['throughput, gateway / websockify', `${vsWebsockify.toFixed(2)}x  (goal >= 1)`, vsWebsockify >= 1],
    ['throughput, gateway / raw loopback TCP', `${vsRaw.toFixed(2)}x  (goal >= 0.8; websockify ${paired(wsf!, raw!).toFixed(2)}x, socat ${paired(relay!, raw!).toFixed(2)}x)`, vsRaw >= 0.8],
    ['added round trip, websockify / gateway', `${(added(wsf!) / added(gw!)).toFixed(2)}x  (${added(gw!).toFixed(0)} µs vs ${added(wsf!).toFixed(0)} µs over raw)`, added(gw!) <= added(wsf!)],
  ];
  for (const [what, ratio, met] of rows) console.log(`  ${what.padEnd(42)} ${ratio.padEnd(50)} ${met ? 'met' : 'NOT met'}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('console bench: failed:', e);
    process.exit(1);
  },
);
