// The collector on the real daemon's test driver, two replicas sharing one database (both
// engines): each host tick is collected by exactly one of them; the host's sample falls back to
// node info and free memory where the driver has no memory stats; a tick past a minute's end
// rolls that minute up into the 1-minute tier, and the minute before it if nobody did.
import { testUri } from '@virtdeck/test-kit/daemon';
import { afterEach, describe, expect, it } from 'vitest';
import { addHost } from '../src/db/hosts.js';
import { HostManager } from '../src/hosts/host-manager.js';
import { MetricsCollector } from '../src/metrics/collector.js';
import { readSeries } from '../src/metrics/store.js';
import { setupBackends } from './postgres.js';

const managers: HostManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.closeAll()));
});

describe.each(setupBackends())('metrics collector on $name', (backend) => {
  it('collects each tick once across two replicas, and rolls a closed minute up', async () => {
    const opts = await backend.fresh();
    const a = await backend.reopen(opts);
    const b = await backend.reopen(opts);
    const host = await addHost(a.db, { name: 'test-driver', uri: testUri() });
    const replicas = [a, b].map((r) => {
      const hosts = new HostManager();
      managers.push(hosts);
      hosts.add(host);
      return { hosts, collector: new MetricsCollector(r.db, hosts, { intervalMs: 10_000 }) };
    });
    await Promise.all(replicas.map((r) => r.hosts.client(host.id)));

    // Seven ticks of a past minute and the first of the next: both replicas try every one.
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 600_000;
    for (let i = 0; i <= 6; i++) {
      const results = await Promise.all(replicas.map((r) => r.collector.tickHost(host.id, minute + i * 10_000)));
      expect(results.filter((x) => x.collected)).toHaveLength(1);
    }

    const raw = await readSeries(a.db, host.id, { kind: 'host', key: '' }, 0, 0);
    expect(raw.map((r) => r.at)).toEqual(Array.from({ length: 7 }, (_, i) => minute + i * 10_000));
    // The test driver's CPU counters never move: no time passed on them, no CPU percent.
    expect(raw.map((r) => r.sample.values[0])).toEqual(raw.map(() => null));
    const [, used, total] = raw[1]!.sample.values;
    expect(total).toBeGreaterThan(0);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(used).toBeLessThanOrEqual(total!);

    const rolled = await readSeries(a.db, host.id, { kind: 'host', key: '' }, 1, 0);
    expect(rolled.map((r) => r.at)).toEqual([minute]);
    // The minute's six samples (the seventh opened the next minute), averaged where present.
    expect(rolled[0]!.sample.values[0]).toBeNull();
    expect(rolled[0]!.sample.values[2]).toBe(total);

    // Every replica down when the next minute ended (no tick at +120 s): the end of the minute
    // after rolls both up.
    for (let i = 7; i <= 18; i++) if (i !== 12) await replicas[0]!.collector.tickHost(host.id, minute + i * 10_000);
    const caughtUp = await readSeries(a.db, host.id, { kind: 'host', key: '' }, 1, 0);
    expect(caughtUp.map((r) => r.at)).toEqual([minute, minute + 60_000, minute + 120_000]);
  });
});
