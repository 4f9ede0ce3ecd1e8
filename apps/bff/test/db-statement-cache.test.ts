// The SQLite statement cache (src/db/statement-cache.ts): one compile per SQL text, a bounded
// cache, statements busy in an iteration never shared, and schema changes still seen.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from '../src/db/statement-cache.js';

let sqlite: SQLite.Database;
afterEach(() => sqlite?.open && sqlite.close());

function open() {
  sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  const prepare = vi.spyOn(sqlite, 'prepare');
  return { prepare };
}

describe('withStatementCache', () => {
  it('compiles each SQL text once, however often kysely runs it', async () => {
    const { prepare } = open();
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    await db.insertInto('t').values({ id: 1, name: 'a' }).execute();
    for (let i = 0; i < 50; i++) {
      expect(await db.selectFrom('t').select('name').where('id', '=', 1).executeTakeFirst()).toEqual({ name: 'a' });
    }
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const { prepare } = open();
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 3'); // evicts 'select 2', the least recently used
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 2');
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('gives a fresh statement while the cached one is busy in an iteration', () => {
    open();
    sqlite.exec("insert into t (name) values ('a'), ('b')");
    const db = withStatementCache(sqlite);
    const first = db.prepare('select name from t');
    const rows = first.iterate([]);
    rows.next();
    const second = db.prepare('select name from t');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ name: 'a' }, { name: 'b' }]);
    rows.return?.();
  });

  it('sees a column added after the statement was cached', () => {
    open();
    sqlite.exec("insert into t (name) values ('a')");
    const db = withStatementCache(sqlite);
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'a' }]);
    sqlite.exec("alter table t add column note text default 'n'");
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'a', note: 'n' }]);
  });
});
