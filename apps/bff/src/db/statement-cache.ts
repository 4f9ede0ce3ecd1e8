// better-sqlite3 compiles a statement on every prepare(), and kysely prepares each query it runs:
// under load (500 requests a second, each resolving its session) that was about 9% of the BFF's
// CPU. The same SQL text gets the same compiled statement here, from a bounded LRU cache. SQLite
// recompiles a cached statement itself when the schema changes under it (sqlite3_prepare_v2).
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept: the BFF has a few hundred queries; `in (?, ?, …)` lists vary more. */
export const STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      // A statement that is still being iterated (a kysely stream) cannot run again meanwhile.
      if (hit && !hit.busy) {
        // Most recently used last, so the oldest is first to go.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = db.prepare(sql);
      if (!hit) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
