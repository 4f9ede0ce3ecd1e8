// Test databases for the store suites: each suite runs once on SQLite (a temp file) and once on
// PostgreSQL (a throwaway cluster from @virtdeck/test-kit/postgres, shared with the e2e tests and
// benchmarks). Every test gets a fresh database; the cluster is stopped and its directory removed
// after the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { startPostgres, type PgCluster } from '@virtdeck/test-kit/postgres';
import { openDatabase, type Database, type DatabaseOptions } from '../src/db/database.js';

export { startPostgres, type PgCluster };

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Options for a fresh, empty database (open it yourself, or several times). */
  fresh(): Promise<DatabaseOptions>;
  /** Opens a fresh database, closed again after the test. */
  open(): Promise<Database>;
  /** Opens (and tracks for closing after the test) a database from `fresh()`'s options. */
  reopen(opts: DatabaseOptions): Promise<Database>;
}

/**
 * The two backends, for `describe.each(setupBackends())`. Call at the top of a test file: it
 * registers the hooks that close databases after each test and stop the cluster after the file.
 */
export function setupBackends(): Backend[] {
  let sqliteDir: string | undefined;
  let cluster: Promise<PgCluster> | undefined;
  let n = 0;
  const opened: Database[] = [];

  afterEach(async () => {
    const all = opened.splice(0);
    await Promise.all(all.map((d) => d.close()));
  });
  afterAll(async () => {
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    if (cluster) await (await cluster).stop();
  });

  const reopen = async (opts: DatabaseOptions) => {
    const db = await openDatabase(opts);
    opened.push(db);
    return db;
  };
  const make = (name: Backend['name'], fresh: () => Promise<DatabaseOptions>): Backend => ({
    name,
    fresh,
    reopen,
    open: async () => reopen(await fresh()),
  });
  return [
    make('sqlite', async () => {
      sqliteDir ??= mkdtempSync(join(tmpdir(), 'vd-sqlite-'));
      // A folder that does not exist yet: openDatabase creates it.
      return { kind: 'sqlite', path: join(sqliteDir, `db${++n}`, 'virtdeck.db') };
    }),
    make('postgres', async () => {
      cluster ??= startPostgres();
      return { kind: 'postgres', connectionString: await (await cluster).createDatabase() };
    }),
  ];
}
