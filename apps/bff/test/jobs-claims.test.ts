// claimRun: one winner per (job, slot) among replicas sharing a database, on both engines.
import { describe, expect, it } from 'vitest';
import { claimHolder, claimRun, pruneClaims } from '../src/jobs/claims.js';
import { setupBackends } from './postgres.js';

describe.each(setupBackends())('job claims on $name', (backend) => {
  it('lets exactly one of many concurrent replicas claim a run', async () => {
    const opts = await backend.fresh();
    // Opened one after another: each open migrates, and migrations are not meant to race.
    const replicas = [];
    for (let i = 0; i < 4; i++) replicas.push(await backend.reopen(opts));
    const wins = await Promise.all(
      replicas.map((r, i) => claimRun(r.db, 'metrics:h1', '1000', { replica: `r${i}` })),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = `r${wins.indexOf(true)}`;
    expect(await claimHolder(replicas[0]!.db, 'metrics:h1', '1000')).toBe(winner);
  });

  it('keeps jobs and slots apart, and claims again once pruned', async () => {
    const { db } = await backend.open();
    let now = 10_000;
    const clock = () => now;
    expect(await claimRun(db, 'a', '1', { clock })).toBe(true);
    expect(await claimRun(db, 'a', '1', { clock })).toBe(false);
    expect(await claimRun(db, 'a', '2', { clock })).toBe(true);
    expect(await claimRun(db, 'b', '1', { clock })).toBe(true);
    now += 5_000;
    expect(await pruneClaims(db, 1_000, clock)).toBe(3);
    expect(await claimHolder(db, 'a', '1')).toBeUndefined();
  });
});
