// The audit log, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { InvalidCursorError, listAudit, writeAudit, type AuditEntryInput } from '../src/audit/audit-log.js';
import { setupBackends } from './postgres.js';

const base: AuditEntryInput = {
  userId: 'u1',
  username: 'alice',
  hostId: 'h1',
  objectType: 'domain',
  objectName: 'vm1',
  action: 'domain.start',
  result: 'ok',
};

describe.each(setupBackends())('audit log on $name', (backend) => {
  it('writes and reads back an entry', async () => {
    const { db } = await backend.open();
    const e = await writeAudit(db, { ...base, detail: 'started' }, () => 42);
    expect(e).toEqual({ ...base, id: e.id, at: 42, detail: 'started' });
    expect(typeof e.id).toBe('number');
    const page = await listAudit(db, { limit: 10 });
    expect(page).toEqual({ items: [e], nextCursor: null });
    const anon = await writeAudit(db, { username: '(anonymous)', objectType: 'session', objectName: 'x', action: 'login', result: 'error' });
    expect(anon).toMatchObject({ userId: null, hostId: null, detail: null });
  });

  it('filters', async () => {
    const { db } = await backend.open();
    await writeAudit(db, base, () => 100);
    await writeAudit(db, { ...base, userId: 'u2', username: 'bob' }, () => 200);
    await writeAudit(db, { ...base, hostId: 'h2' }, () => 300);
    await writeAudit(db, { ...base, action: 'domain.stop', result: 'error', detail: 'boom' }, () => 400);
    await writeAudit(db, { ...base, objectType: 'pool', objectName: 'default', action: 'pool.refresh' }, () => 500);
    const ats = async (f: Parameters<typeof listAudit>[1]) => (await listAudit(db, f)).items.map((e) => e.at);
    expect(await ats({ limit: 50 })).toEqual([500, 400, 300, 200, 100]);
    expect(await ats({ limit: 50, userId: 'u2' })).toEqual([200]);
    expect(await ats({ limit: 50, hostId: 'h2' })).toEqual([300]);
    expect(await ats({ limit: 50, action: 'domain.stop' })).toEqual([400]);
    expect(await ats({ limit: 50, objectType: 'pool' })).toEqual([500]);
    expect(await ats({ limit: 50, result: 'error' })).toEqual([400]);
    expect(await ats({ limit: 50, since: 200, until: 400 })).toEqual([300, 200]);
    expect(await ats({ limit: 50, userId: 'u1', hostId: 'h1', result: 'ok' })).toEqual([500, 100]);
  });

  it('pages newest first with a stable cursor, ties on time broken by id', async () => {
    const { db } = await backend.open();
    // 7 entries, several at the same millisecond.
    const times = [10, 20, 20, 20, 30, 40, 40];
    const written = [];
    for (const at of times) written.push(await writeAudit(db, base, () => at));
    const expected = [...written].sort((a, b) => b.at - a.at || b.id - a.id).map((e) => e.id);

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAudit>> = await listAudit(db, { limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
      // A new entry arriving mid-walk does not shift later pages.
      if (pages === 1) await writeAudit(db, base, () => 50);
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    // Exactly a page's worth: no empty trailing page.
    const two = await listAudit(db, { limit: 4, since: 40 });
    expect(two.items).toHaveLength(3);
    expect(two.nextCursor).toBeNull();
  });

  it('refuses bad input', async () => {
    const { db } = await backend.open();
    await expect(listAudit(db, { limit: 10, cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listAudit(db, { limit: 0 })).rejects.toThrow();
    await expect(listAudit(db, { limit: 501 })).rejects.toThrow();
  });
});
