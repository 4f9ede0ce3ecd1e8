// The job history and the merged VM timeline (lifecycle rows, jobs, audit rows), on both engines:
// newest first, keyset-paged without gaps or doubles, the lifecycle store bounded per VM.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeAudit } from '../src/audit/audit-log.js';
import { getJob, recordedJob, recordJobEnd, recordJobStart } from '../src/jobs/history.js';
import { pruneOldLifecycle, recordLifecycle } from '../src/jobs/lifecycle-log.js';
import { InvalidTimelineCursorError, listTimeline } from '../src/jobs/timeline.js';
import { setupBackends } from './postgres.js';

describe.each(setupBackends())('job history and timeline on $name', (backend) => {
  it('records a job with its actor, outcome and duration; the first end wins', async () => {
    const { db } = await backend.open();
    let now = 1_000;
    const clock = () => now;
    const uuid = randomUUID();
    const id = await recordJobStart(db, { hostId: 'h1', uuid, kind: 'snapshot', detail: 'snap s1', actor: 'alice' }, clock);
    expect((await getJob(db, id))?.outcome).toBeNull();
    now = 3_500;
    await recordJobEnd(db, id, { outcome: 'failed', error: 'disk full' }, clock);
    now = 9_000;
    await recordJobEnd(db, id, { outcome: 'ok' }, clock);
    expect(await getJob(db, id)).toMatchObject({ kind: 'snapshot', actor: 'alice', startedAt: 1_000, endedAt: 3_500, outcome: 'failed', error: 'disk full' });
    const page = await listTimeline(db, 'h1', { uuid });
    expect(page.items).toEqual([
      expect.objectContaining({ kind: 'job', job: 'snapshot', outcome: 'failed', durationMs: 2_500, actor: 'alice' }),
    ]);
  });

  it('recordedJob ends a job as ok, failed or cancelled and passes the result or error on', async () => {
    const { db } = await backend.open();
    const uuid = randomUUID();
    const job = { hostId: 'h1', uuid, kind: 'blockjob' as const };
    expect(await recordedJob(db, job, async () => 42)).toBe(42);
    await expect(recordedJob(db, job, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(recordedJob(db, job, () => Promise.reject(new Error('stop')), () => true)).rejects.toThrow('stop');
    const { items } = await listTimeline(db, 'h1', { uuid });
    expect(items.map((e) => (e.kind === 'job' ? e.outcome : null)).sort()).toEqual(['cancelled', 'failed', 'ok']);
  });

  it('merges the three sources newest first and pages through them without gaps or doubles', async () => {
    const { db } = await backend.open();
    const uuid = randomUUID();
    const other = randomUUID();
    let now = 0;
    const clock = () => now;
    // Entries at distinct times, and several at the same millisecond (ties across sources).
    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      now = 100 + Math.floor(i / 3) * 10;
      const which = i % 3;
      if (which === 0) {
        await recordLifecycle(db, { hostId: 'h1', uuid, name: 'vm', event: 'started', detail: `n${i}` }, { clock });
        expected.push(`lifecycle n${i}`);
      } else if (which === 1) {
        await recordJobStart(db, { hostId: 'h1', uuid, kind: 'clone', detail: `n${i}` }, clock);
        expected.push(`job n${i}`);
      } else {
        await writeAudit(db, { username: 'bob', hostId: 'h1', objectType: 'snapshot', objectName: `${uuid}/n${i}`, action: 'create', result: 'ok' }, clock);
        expected.push(`audit create`);
      }
    }
    // Not this VM's: another VM, another host, an object that only starts with the uuid.
    await recordLifecycle(db, { hostId: 'h1', uuid: other, name: 'vm2', event: 'started', detail: 'x' }, { clock });
    await recordLifecycle(db, { hostId: 'h2', uuid, name: 'vm', event: 'started', detail: 'x' }, { clock });
    await writeAudit(db, { username: 'bob', hostId: 'h1', objectType: 'domain', objectName: `${uuid}x`, action: 'start', result: 'ok' }, clock);

    const seen: string[] = [];
    const ats: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listTimeline(db, 'h1', { uuid, limit: 5, cursor });
      for (const e of page.items) {
        ats.push(e.at);
        seen.push(e.kind === 'lifecycle' ? `lifecycle ${e.detail}` : e.kind === 'job' ? `job ${e.detail}` : `audit ${e.action}`);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    // Within one millisecond: lifecycle, then job, then audit (a fixed order, so pages are stable).
    expect(seen.slice(0, 3)).toEqual(['lifecycle n9', 'job n10', 'audit create']);
  });

  it('keeps at most N lifecycle rows per VM, dropping the oldest', async () => {
    const { db } = await backend.open();
    const uuid = randomUUID();
    let now = 0;
    for (let i = 0; i < 7; i++) {
      now = i;
      await recordLifecycle(db, { hostId: 'h1', uuid, name: 'vm', event: 'started', detail: `n${i}` }, { clock: () => now, keep: 4 });
    }
    const { items } = await listTimeline(db, 'h1', { uuid });
    expect(items.map((e) => (e.kind === 'lifecycle' ? e.detail : null))).toEqual(['n6', 'n5', 'n4', 'n3']);
  });

  it('drops lifecycle rows older than the age bound, of every VM', async () => {
    const { db } = await backend.open();
    const [a, b] = [randomUUID(), randomUUID()];
    await recordLifecycle(db, { hostId: 'h1', uuid: a, name: 'a', event: 'started', detail: 'old' }, { clock: () => 1_000 });
    await recordLifecycle(db, { hostId: 'h1', uuid: b, name: 'b', event: 'started', detail: 'old' }, { clock: () => 1_000 });
    await recordLifecycle(db, { hostId: 'h1', uuid: a, name: 'a', event: 'stopped', detail: 'new' }, { clock: () => 9_000 });
    expect(await pruneOldLifecycle(db, 5_000, () => 10_000)).toBe(2);
    expect((await listTimeline(db, 'h1', { uuid: a })).items.map((e) => (e.kind === 'lifecycle' ? e.detail : null))).toEqual(['new']);
    expect((await listTimeline(db, 'h1', { uuid: b })).items).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    const { db } = await backend.open();
    await expect(listTimeline(db, 'h1', { uuid: randomUUID(), cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidTimelineCursorError);
  });
});
