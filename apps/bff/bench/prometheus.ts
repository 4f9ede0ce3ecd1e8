// `pnpm bench` (apps/bff), /metrics: the BFF's CPU per Prometheus scrape, printed beside its goal.
//  1. Real scrapes of the 1,000-domain test-driver host (.state/test-node-1000.xml) through the
//     daemon: the bulk stats call, host counters, pools, and the exposition text. The test driver
//     reports only its domains' state, so:
//  2. The exposition of 1,000 running VMs with full counters (two vCPUs, one disk, one NIC each)
//     built here: the text a real 1,000-VM host costs beyond the libvirt call.
// Goal: under 5 % of one core at Prometheus' default 15 s interval, i.e. under 750 ms CPU a scrape.
import type { DomainStats, NodeInfo } from '@virtdeck/libvirt-client';
import { Libvirt } from '@virtdeck/libvirt-client';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Exposition } from '../src/prometheus/exposition.js';
import { declareFamilies, writeHost } from '../src/prometheus/host-families.js';
import { readHost, type HostReading } from '../src/prometheus/host-reading.js';

const GOAL_CPU_MS = 750;
const VMS = 1000;
const RUNS = 5;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function render(r: HostReading): string {
  const e = new Exposition();
  declareFamilies(e);
  writeHost(e, 'bench', r, 0.1);
  return e.text();
}

function syntheticReading(): HostReading {
  const info: NodeInfo = { model: 'x86_64', cpus: 64, mhz: 2400, memoryKiB: 512 * 1024 * 1024, numaNodes: 2, sockets: 2, cores: 16, threads: 2 };
  const domains: DomainStats[] = Array.from({ length: VMS }, (_, i) => ({
    domain: { name: `vm-${i}`, uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    stats: {
      'state.state': 1,
      'cpu.time': BigInt(1e12 + i),
      'cpu.user': BigInt(6e11 + i),
      'cpu.system': BigInt(4e11 + i),
      'vcpu.current': 2,
      'vcpu.maximum': 2,
      'vcpu.0.time': BigInt(5e11),
      'vcpu.1.time': BigInt(5e11),
      'balloon.current': 2097152,
      'balloon.maximum': 2097152,
      'balloon.rss': 1048576 + i,
      'block.count': 1,
      'block.0.name': 'vda',
      'block.0.rd.bytes': BigInt(4096 * i),
      'block.0.wr.bytes': BigInt(1024 * i),
      'block.0.rd.reqs': i,
      'block.0.wr.reqs': i,
      'block.0.fl.reqs': i,
      'block.0.rd.times': BigInt(1e9),
      'block.0.wr.times': BigInt(1e9),
      'block.0.capacity': 21474836480,
      'block.0.allocation': 1073741824,
      'block.0.physical': 1073741824,
      'net.count': 1,
      'net.0.name': `vnet${i}`,
      'net.0.rx.bytes': BigInt(1500 * i),
      'net.0.tx.bytes': BigInt(700 * i),
      'net.0.rx.pkts': i,
      'net.0.tx.pkts': i,
      'net.0.rx.errs': 0,
      'net.0.tx.errs': 0,
      'net.0.rx.drop': 0,
      'net.0.tx.drop': 0,
    },
  }));
  return { info, freeMemory: 1024 ** 3, cpu: null, domains, pools: [] };
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const socket = process.env.LIBVIRT_SOCKET ?? path.join(repoRoot, '.state/libvirt/run/libvirt-sock');
  const node = path.join(repoRoot, '.state/test-node-1000.xml');
  if (!existsSync(node)) throw new Error(`${node} is missing (scripts/libvirt-sandbox.sh start makes it)`);
  const lv = await Libvirt.connect(`test+unix://${node}?socket=${socket}`);
  const real: number[] = [];
  let realDomains = 0;
  try {
    await readHost(lv); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const c0 = cpuMs();
      const r = await readHost(lv);
      render(r);
      real.push(cpuMs() - c0);
      realDomains = r.domains.length;
    }
  } finally {
    await lv.close();
  }
  const reading = syntheticReading();
  render(reading); // warm-up
  const synth: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const c0 = cpuMs();
    bytes = render(reading).length;
    synth.push(cpuMs() - c0);
  }
  const rows: [string, number][] = [
    [`/metrics: CPU per scrape, 1,000-domain test host (${realDomains} domains, read through the daemon)`, median(real)],
    [`/metrics: CPU per exposition, 1,000 running VMs with vCPU, disk and NIC counters (${(bytes / 1024).toFixed(0)} KiB)`, median(synth)],
  ];
  console.log('\n/metrics benchmark (apps/bff/bench/prometheus.ts)');
  for (const [what, ms] of rows) {
    const ratio = `${(GOAL_CPU_MS / Math.max(ms, 0.1)).toFixed(1)}x under goal`;
    console.log(`  ${what.padEnd(100)} ${`${ms.toFixed(0)} ms`.padStart(8)}  goal ${GOAL_CPU_MS} ms  ${ratio.padEnd(18)} ${ms < GOAL_CPU_MS ? 'met' : 'NOT met'}`);
  }
}

await main();
