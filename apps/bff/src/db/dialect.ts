// Which SQL engine a Kysely instance (or a transaction of one) talks to, and the one error shape
// the stores need to tell apart on both: a unique-constraint violation.
import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectKind = 'sqlite' | 'postgres';

export function dialectOf<DB>(db: Kysely<DB>): DialectKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** SQLite's SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL's 23505. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return (
    code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
