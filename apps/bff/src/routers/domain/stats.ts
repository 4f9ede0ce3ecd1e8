// Live resource rates of a host's running domains from libvirt's bulk stats call, sampled only
// while a client watches (the subscription's generator runs only while subscribed).
import type { DomainStats, Libvirt } from '@virtdeck/libvirt-client';

export interface DomainRates {
  uuid: string;
  name: string;
  /** Percent of one host CPU (may exceed 100 with several vCPUs). */
  cpuPercent: number;
  memoryKiB: number | null;
  diskReadBps: number;
  diskWriteBps: number;
  netRxBps: number;
  netTxBps: number;
}

interface Counters {
  at: number;
  cpuNs: number;
  rd: number;
  wr: number;
  rx: number;
  tx: number;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

function sumIndexed(stats: DomainStats['stats'], group: string, field: string): number {
  const count = num(stats[`${group}.count`]);
  let total = 0;
  for (let i = 0; i < count; i++) total += num(stats[`${group}.${i}.${field}`]);
  return total;
}

function counters(s: DomainStats, at: number): Counters {
  return {
    at,
    cpuNs: num(s.stats['cpu.time']),
    rd: sumIndexed(s.stats, 'block', 'rd.bytes'),
    wr: sumIndexed(s.stats, 'block', 'wr.bytes'),
    rx: sumIndexed(s.stats, 'net', 'rx.bytes'),
    tx: sumIndexed(s.stats, 'net', 'tx.bytes'),
  };
}

/** Samples every `intervalMs`; yields rates from the second sample on. */
export async function* sampleRates(lv: Libvirt, intervalMs: number, signal: AbortSignal | undefined, uuids?: string[]): AsyncGenerator<DomainRates[]> {
  let previous = new Map<string, Counters>();
  while (!signal?.aborted) {
    const at = Date.now();
    const all = await lv.domains.stats({ groups: ['state', 'cpu_total', 'balloon', 'block', 'interface'], flags: ['ACTIVE'], ...(uuids && { domains: uuids }) });
    const next = new Map<string, Counters>();
    const rates: DomainRates[] = [];
    for (const s of all) {
      const c = counters(s, at);
      next.set(s.domain.uuid, c);
      const p = previous.get(s.domain.uuid);
      if (!p) continue;
      const dt = Math.max(1, c.at - p.at) / 1000;
      const rate = (a: number, b: number) => Math.max(0, (a - b) / dt);
      rates.push({
        uuid: s.domain.uuid,
        name: s.domain.name,
        cpuPercent: Math.max(0, ((c.cpuNs - p.cpuNs) / 1e9 / dt) * 100),
        memoryKiB: s.stats['balloon.rss'] !== undefined ? num(s.stats['balloon.rss']) : s.stats['balloon.current'] !== undefined ? num(s.stats['balloon.current']) : null,
        diskReadBps: rate(c.rd, p.rd),
        diskWriteBps: rate(c.wr, p.wr),
        netRxBps: rate(c.rx, p.rx),
        netTxBps: rate(c.tx, p.tx),
      });
    }
    previous = next;
    if (rates.length > 0 || next.size === 0) yield rates;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, intervalMs);
      signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}
