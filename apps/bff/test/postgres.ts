// Test databases for the store suites: each suite runs once on SQLite (a temp file) and once on
// PostgreSQL (a throwaway cluster: initdb into a temp dir, pg_ctl start on a free port with the
// socket in that dir, as the `postgres` OS user when running as root). Every test gets a fresh
// database; the cluster is stopped and its directory removed after the file.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { openDatabase, type Database, type DatabaseOptions } from '../src/db/database.js';

const run = promisify(execFile);

export interface PgCluster {
  /** Creates an empty database and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server, keeping its data (a database outage); `start` brings it back on the same port. */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const v = versions[0];
  if (v === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: ' +
        'apt-get install postgresql (scripts/bootstrap.sh --tests does)',
    );
  }
  return join(root, v, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = pgBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'vd-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    // PostgreSQL refuses to run as root.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const argv = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
  const pgRun = (cmd: string, args: string[]) => {
    const [file, a] = argv(cmd, args);
    return run(file, a, { cwd: dir });
  };

  let running = false;
  const stopSync = () => {
    if (!running) return;
    running = false;
    const [file, a] = argv('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, a, { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
    const port = await freePort();
    const opts = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    running = true;
    const start = () => pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', opts, 'start']);
    await start();
    const base = `postgres://postgres@127.0.0.1:${port}`;
    let n = 0;
    return {
      async createDatabase() {
        const name = `vd_test_${++n}`;
        const admin = new pg.Client({ connectionString: `${base}/postgres` });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE ${name} STRATEGY = FILE_COPY`);
        } finally {
          await admin.end();
        }
        return `${base}/${name}`;
      },
      async halt() {
        await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      },
      async start() {
        await start();
      },
      async stop() {
        if (!running) return;
        running = false;
        process.removeListener('exit', stopSync);
        await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    stopSync();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

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
