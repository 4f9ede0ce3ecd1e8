// Figure 1: the hosts overview answered with 100 hosts registered, each a test-driver connection
// to the local daemon (its own node file). WebVirtCloud users report two minutes for 90 hosts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { trpc, type Session } from './bff-process.js';

function nodeFile(i: number): string {
  const domains = Array.from(
    { length: 5 },
    (_, j) => `<domain type='test'><name>h${i}-vm${j}</name><memory unit='MiB'>256</memory><os><type>hvm</type></os></domain>`,
  ).join('');
  return `<node>${domains}</node>`;
}

export async function benchHostsOverview(url: string, s: Session, socket: string, hosts = 100): Promise<{ medianMs: number; hosts: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vdbench-nodes-'));
  try {
    for (let i = 0; i < hosts; i++) {
      const file = path.join(dir, `node-${i}.xml`);
      writeFileSync(file, nodeFile(i));
      await trpc(url, s, 'host.add', { name: `bench-${i}`, uri: `test+unix://${file}?socket=${socket}` }, true);
    }
    // Wait until every host is connected: the overview measures answering, not connecting.
    for (let t0 = Date.now(); Date.now() - t0 < 60_000; ) {
      const list = await trpc<{ state: { status: string } | null }[]>(url, s, 'host.list');
      if (list.filter((h) => h.state?.status === 'connected').length >= hosts + 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const rows = await trpc<{ info: unknown }[]>(url, s, 'host.overview');
      times.push(performance.now() - t0);
      if (rows.filter((r) => r.info).length < hosts) throw new Error(`overview answered ${rows.length} hosts, some without info`);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[3]!, hosts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
