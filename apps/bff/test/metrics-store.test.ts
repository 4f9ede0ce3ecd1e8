// The metrics store on both engines: samples written once per series, tier and time (a second
// write of the same tick keeps the first); a closed minute rolled up into the 1-minute tier;
// each tier pruned to what it keeps, and a VM series with no samples left removed.
import { describe, expect, it } from 'vitest';
import { addHost } from '../src/db/hosts.js';
import type { Sample } from '../src/metrics/sample.js';
import { latestVmSamples, prune, readSeries, rollUpBucket, seriesIds, writeSamples } from '../src/metrics/store.js';
import { tiersFor } from '../src/metrics/tiers.js';
import { setupBackends } from './postgres.js';

const VM = '00000000-0000-0000-0000-0000000000aa';
const sample = (cpu: number): Sample => ({ values: [cpu, 2048], parts: [{ kind: 'disk', name: 'vda', values: [cpu * 10, 0] }] });

describe.each(setupBackends())('metrics store on $name', (backend) => {
  const tiers = tiersFor(10_000);

  it('keeps one sample per tick, rolls a closed minute up, and prunes each tier', async () => {
    const { db } = await backend.open();
    const host = await addHost(db, { name: 'h', uri: 'test:///default' });
    const ids = await seriesIds(db, host.id, [{ kind: 'host', key: '' }, { kind: 'vm', key: VM }]);
    expect(await seriesIds(db, host.id, [{ kind: 'vm', key: VM }])).toEqual(ids);
    const vm = ids.get(`vm:${VM}`)!;

    // Six ticks of the minute [60 s, 120 s), then a second write of the first tick.
    for (let i = 0; i < 6; i++) await writeSamples(db, 0, 60_000 + i * 10_000, [{ seriesId: vm, sample: sample(i * 10) }]);
    await writeSamples(db, 0, 60_000, [{ seriesId: vm, sample: sample(99) }]);
    const raw = await readSeries(db, host.id, { kind: 'vm', key: VM }, 0, 0);
    expect(raw.map((r) => r.at)).toEqual([60_000, 70_000, 80_000, 90_000, 100_000, 110_000]);
    expect(raw[0]!.sample.values[0]).toBe(0);

    expect(await rollUpBucket(db, host.id, tiers[0]!, tiers[1]!, 60_000)).toBe(1);
    const minute = await readSeries(db, host.id, { kind: 'vm', key: VM }, 1, 0);
    expect(minute).toHaveLength(1);
    expect(minute[0]!.at).toBe(60_000);
    expect(minute[0]!.sample.values).toEqual([25, 2048]);
    expect(minute[0]!.sample.parts[0]!.values).toEqual([250, 0]);

    const latest = await latestVmSamples(db, host.id, 0);
    expect([...latest.keys()]).toEqual([VM]);
    expect(latest.get(VM)!.at).toBe(110_000);

    // Tick claims older than an hour go too.
    await db.insertInto('job_claims').values({ job: `metrics:${host.id}`, slot: '60000', claimed_by: 'r', claimed_at: 60_000 }).execute();
    // An hour and a bit later the 10 s tier is gone and the minute stays; after 24 h both are.
    await prune(db, host.id, tiers, 110_000 + 3_600_001);
    expect(await readSeries(db, host.id, { kind: 'vm', key: VM }, 0, 0)).toEqual([]);
    expect(await readSeries(db, host.id, { kind: 'vm', key: VM }, 1, 0)).toHaveLength(1);
    expect(await db.selectFrom('job_claims').selectAll().execute()).toEqual([]);
    await prune(db, host.id, tiers, 60_000 + 86_400_001);
    expect(await readSeries(db, host.id, { kind: 'vm', key: VM }, 1, 0)).toEqual([]);
    const left = await db.selectFrom('metric_series').select(['kind']).where('host_id', '=', host.id).execute();
    expect(left.map((r) => r.kind)).toEqual(['host']);
  });
});
