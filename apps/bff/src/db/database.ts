// Opening the BFF's database: SQLite (one file, the default for a single BFF) or PostgreSQL
// (shared by replicas). The schema is migrated to the latest version before anything else runs.
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { DialectKind } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import type { Schema } from './schema.js';

export type Db = Kysely<Schema>;

export type DatabaseOptions =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; maxConnections?: number };

export interface Database {
  kind: DialectKind;
  db: Db;
  close(): Promise<void>;
}

/** A migration failed; the database is closed again and the cause kept. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly migration: string | undefined,
    options: { cause: unknown },
  ) {
    super(`database migration ${migration ?? '(unknown)'} failed: ${String(options.cause)}`, options);
  }
}

const PG_INT8 = 20;

/**
 * One setting for both engines: `postgres://…` / `postgresql://…` opens PostgreSQL, `sqlite:PATH`
 * or a bare path opens SQLite (e.g. VIRTDECK_DATABASE=sqlite:/var/lib/virtdeck/virtdeck.db).
 */
export function databaseOptionsFromUrl(url: string): DatabaseOptions {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', connectionString: url };
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  if (path === '') throw new Error(`no SQLite path in database URL ${JSON.stringify(url)}`);
  return { kind: 'sqlite', path };
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const db = opts.kind === 'sqlite' ? openSqlite(opts.path) : openPostgres(opts);
  try {
    await migrate(db, opts.kind);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { kind: opts.kind, db, close: () => db.destroy() };
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

function openPostgres(opts: { connectionString: string; maxConnections?: number }): Db {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.maxConnections ?? 10,
    // Epoch-millisecond columns and count(*) are int8: read them as numbers (exact below 2^53),
    // as SQLite does, instead of pg's default strings.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 && format !== 'binary'
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server (restart, failover) must not crash the BFF: the
  // pool replaces it, and the next query that cannot connect fails on its own.
  pool.on('error', (err) => console.warn(`[db] idle PostgreSQL connection failed: ${err.message}`));
  // The pool listens only while a connection is idle. One the server ends while a query or a
  // transaction holds it emits 'error' on its client too, which would be an uncaught exception
  // (the BFF gone with it); what it held fails on its own, with that error, where it is used.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Db, kind: DialectKind): Promise<void> {
  // Migration numbers are handed out ahead of time to work landing in parallel, so a database may
  // have run 0009 before 0006 exists: the missing lower ones run then, instead of an error.
  const migrator = new Migrator({ db, provider: migrationProvider(kind), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(failed, { cause: error });
  }
}
