// The collector on the real daemon's test driver, two replicas sharing one database (both
// engines): each host tick is collected by exactly one of them; the host's sample falls back to
// node info and free memory where the driver has no memory stats; a tick past a minute's end
// rolls that minute up into the 1-minute tier, and the minute before it if nobody did. A tick
// collects a few hosts at a time, so requests are served in between.
import { testUri } from '@virtdeck/test-kit/daemon';
import { afterEach, describe, expect, it } from 'vitest';
import { addHost } from '../src/db/hosts.js';
import { HostManager } from '../src/hosts/host-manager.js';
import { MetricsCollector, TICK_HOSTS_AT_ONCE } from '../src/metrics/collector.js';
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

  it('collects a tick of many hosts a few at a time, with turns for other work in between', async () => {
    const opts = await backend.fresh();
    const r = await backend.reopen(opts);
    const hosts = new HostManager();
    managers.push(hosts);
    // Ten hosts on the one daemon: hosts are unique by URI, and no_tty means nothing over a unix socket.
    for (let i = 0; i < 10; i++) hosts.add(await addHost(r.db, { name: `test-driver-${i}`, uri: `${testUri()}${'&no_tty=0'.repeat(i)}` }));
    await Promise.all(hosts.targets().map((t) => hosts.client(t.id)));
    const collector = new MetricsCollector(r.db, hosts, { intervalMs: 10_000 });
    const collect = collector.tickHost.bind(collector);
    let inFlight = 0;
    let most = 0;
    let turns = 0;
    const turnsAtStart: number[] = [];
    collector.tickHost = async (hostId, slot) => {
      turnsAtStart.push(turns);
      most = Math.max(most, ++inFlight);
      try {
        return await collect(hostId, slot);
      } finally {
        inFlight--;
      }
    };
    // Counts turns of the event loop's check phase while the tick runs.
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const results = await collector.tick(Math.floor(Date.now() / 10_000) * 10_000);
    counting = false;
    expect(results.filter((x) => x.collected)).toHaveLength(10);
    expect(most).toBe(TICK_HOSTS_AT_ONCE);
    // Hosts begin in later turns, not all in the tick's first.
    expect(new Set(turnsAtStart).size).toBeGreaterThan(1);
  });
});
