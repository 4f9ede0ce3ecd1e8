// The metrics collector: every interval, for each host, the replica that claims the host's tick
// (jobs/claims.ts) collects it, stores the samples in the finest tier, rolls closed buckets up
// into the coarser tiers and prunes what each tier no longer keeps. Ticks are aligned to the
// interval, so every replica names the same slot. Each replica keeps the counters of the ticks
// it collected as the baseline of its next rates: when replicas take turns, a rate spans the
// time since that replica's last tick (still the true average), and only a replica's very first
// tick has none.
import type { Db } from '../db/database.js';
import type { HostManager } from '../hosts/host-manager.js';
import { claimRun } from '../jobs/claims.js';
import { collectHost, type HostBaseline } from './collect-host.js';
import type { Sample } from './sample.js';
import { hasRollUp, prune, rollUpBucket, seriesIds, writeSamples } from './store.js';
import { closedBucket, tiersFor, type Tier } from './tiers.js';

/**
 * Hosts collected at once in a tick. All at once, a tick of 100 hosts ran as one burst of
 * several hundred milliseconds of the event loop every interval (their replies land together and
 * each writes its samples synchronously), and requests arriving meanwhile waited behind all of
 * it: that burst was the load bench's p99. A few at a time, each begun in a turn of its own,
 * lets requests in between hosts.
 */
export const TICK_HOSTS_AT_ONCE = 4;

/** Like Promise.allSettled over `items`, running at most `limit` at once, each begun after I/O had a turn. */
async function settleFew<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await new Promise((resolve) => setImmediate(resolve));
      results[i] = await run(items[i]!).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface CollectorOptions {
  intervalMs: number;
  log?: (line: string) => void;
}

export interface TickResult {
  hostId: string;
  /** False when another replica claimed the tick (or the host is not connected). */
  collected: boolean;
  vms: number;
}

export class MetricsCollector {
  readonly tiers: Tier[];
  private readonly baselines = new Map<string, HostBaseline>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly warned = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly hosts: HostManager,
    private readonly opts: CollectorOptions,
  ) {
    this.tiers = tiersFor(opts.intervalMs);
  }

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running.catch(() => {});
  }

  /** The slot (epoch ms, a multiple of the interval) a time falls in. */
  slotOf(now: number): number {
    return Math.floor(now / this.opts.intervalMs) * this.opts.intervalMs;
  }

  /** Collects every connected host for one slot. */
  async tick(slot: number): Promise<TickResult[]> {
    const targets = this.hosts.targets();
    // A removed host's baseline goes with it.
    for (const id of this.baselines.keys()) if (!targets.some((t) => t.id === id)) this.baselines.delete(id);
    const results = await settleFew(targets, TICK_HOSTS_AT_ONCE, (t) => this.tickHost(t.id, slot));
    return results.map((r, i) => {
      const hostId = targets[i]!.id;
      if (r.status === 'fulfilled') return r.value;
      this.warnOnce(hostId, `[metrics] host ${hostId}: ${String(r.reason)}`);
      return { hostId, collected: false, vms: 0 };
    });
  }

  /** Collects one host for one slot, if this replica claims it. */
  async tickHost(hostId: string, slot: number): Promise<TickResult> {
    const conn = this.hosts.connection(hostId);
    if (conn.state.status !== 'connected') return { hostId, collected: false, vms: 0 };
    if (!(await claimRun(this.db, `metrics:${hostId}`, String(slot)))) return { hostId, collected: false, vms: 0 };
    const lv = await conn.client();
    const got = await collectHost(lv, this.baselines.get(hostId), slot);
    this.baselines.set(hostId, got.baseline);
    await this.store(hostId, slot, got.host, got.vms);
    await this.rollUpAndPrune(hostId, slot);
    this.warned.delete(hostId);
    return { hostId, collected: true, vms: got.vms.size };
  }

  private async store(hostId: string, at: number, host: Sample, vms: Map<string, Sample>): Promise<void> {
    const ids = await seriesIds(this.db, hostId, [{ kind: 'host', key: '' }, ...[...vms.keys()].map((key) => ({ kind: 'vm' as const, key }))]);
    const rows = [{ seriesId: ids.get('host:')!, sample: host }, ...[...vms].map(([uuid, sample]) => ({ seriesId: ids.get(`vm:${uuid}`)!, sample }))];
    await writeSamples(this.db, 0, at, rows);
  }

  private async rollUpAndPrune(hostId: string, at: number): Promise<void> {
    let rolled = false;
    for (let i = 1; i < this.tiers.length; i++) {
      const tier = this.tiers[i]!;
      const bucket = closedBucket(tier, at, this.opts.intervalMs);
      if (bucket === null) continue;
      // The bucket before it too, when no replica rolled it up (all were down at its end).
      if (!(await hasRollUp(this.db, hostId, tier, bucket - tier.stepMs))) {
        await rollUpBucket(this.db, hostId, this.tiers[i - 1]!, tier, bucket - tier.stepMs);
      }
      await rollUpBucket(this.db, hostId, this.tiers[i - 1]!, tier, bucket);
      rolled = true;
    }
    // Pruning once a minute (with the first roll-up) is enough to keep the size bounded.
    if (rolled) await prune(this.db, hostId, this.tiers, at);
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = Date.now();
    const next = this.slotOf(now) + this.opts.intervalMs;
    this.timer = setTimeout(() => {
      const run = this.tick(next).catch((err: unknown) => this.opts.log?.(`[metrics] tick failed: ${String(err)}`));
      this.running = run;
      void run.finally(() => this.schedule());
    }, next - now);
    this.timer.unref();
  }

  private warnOnce(hostId: string, line: string): void {
    if (this.warned.has(hostId)) return;
    this.warned.add(hostId);
    this.opts.log?.(line);
  }
}
