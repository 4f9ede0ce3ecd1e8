// openDatabase and the hosts store, on SQLite and PostgreSQL.
import { sql } from 'kysely';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { databaseOptionsFromUrl, MigrationError, openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { addHost, getHost, HostExistsError, listHosts, removeHost } from '../src/db/hosts.js';
import { setupBackends } from './postgres.js';

const backends = setupBackends();

describe.each(backends)('database on $name', (backend) => {
  it('migrates on open, and opening again is a no-op', async () => {
    const opts = await backend.fresh();
    const first = await backend.reopen(opts);
    await addHost(first.db, { name: 'h1', uri: 'qemu:///system' });
    await first.close();
    const second = await backend.reopen(opts);
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      second.db,
    );
    // Every migration of the provider ran, in name order (helpers add theirs under numbers given out of order).
    const all = Object.keys(await migrationProvider(opts.kind).getMigrations()).sort();
    expect(all.slice(0, 3)).toEqual(['0001_initial', '0002_console_ticket_uses', '0003_host_pool_roots']);
    expect(migrations.rows.map((r) => r.name)).toEqual(all);
    expect((await listHosts(second.db)).map((h) => h.name)).toEqual(['h1']);
  });

  it('runs a lower-numbered migration that lands after higher ones already ran', async () => {
    const opts = await backend.fresh();
    const early = await backend.reopen(opts);
    // As if 0006 had not landed yet when this database was last migrated.
    await early.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '0006_job_history' as never).execute();
    await early.db.schema.dropTable('domain_lifecycle').execute();
    await early.db.schema.dropTable('job_history').execute();
    await early.close();
    const later = await backend.reopen(opts);
    expect(await later.db.selectFrom('job_history').selectAll().execute()).toEqual([]);
  });

  it('fails with MigrationError when the schema cannot be applied', async () => {
    const opts = await backend.fresh();
    const conflicting = 'create table users (something text)';
    if (opts.kind === 'sqlite') {
      mkdirSync(dirname(opts.path), { recursive: true });
      const raw = new SQLite(opts.path);
      raw.exec(conflicting);
      raw.close();
    } else {
      const raw = new pg.Client({ connectionString: opts.connectionString });
      await raw.connect();
      await raw.query(conflicting);
      await raw.end();
    }
    const err = await openDatabase(opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe('0001_initial');
  });

  it('has every table', async () => {
    const { db } = await backend.open();
    for (const table of ['users', 'sessions', 'hosts', 'audit_log', 'login_attempts', 'console_tickets', 'host_pool_roots'] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(rows).toEqual([]);
    }
  });

  it('stores epoch milliseconds as numbers', async () => {
    const { db } = await backend.open();
    const host = await addHost(db, { name: 'h', uri: 'qemu+ssh://a/system' }, () => 1_764_000_000_123);
    const got = await getHost(db, host.id);
    expect(got?.createdAt).toBe(1_764_000_000_123);
    expect(typeof got?.createdAt).toBe('number');
  });

  it('adds, lists, gets and removes hosts', async () => {
    const { db } = await backend.open();
    const b = await addHost(db, { name: 'beta', uri: 'qemu+ssh://b/system' });
    const a = await addHost(db, { name: ' alpha ', uri: 'qemu+ssh://a/system' });
    expect(a.name).toBe('alpha');
    expect((await listHosts(db)).map((h) => h.id)).toEqual([a.id, b.id]);
    expect(await getHost(db, a.id)).toEqual(a);
    expect(await getHost(db, 'nope')).toBeNull();
    expect(await removeHost(db, a.id)).toBe(true);
    expect(await removeHost(db, a.id)).toBe(false);
    expect(await listHosts(db)).toEqual([b]);
  });

  it('refuses duplicate host names and URIs, and empty ones', async () => {
    const { db } = await backend.open();
    await addHost(db, { name: 'a', uri: 'qemu:///system' });
    await expect(addHost(db, { name: 'a', uri: 'qemu+ssh://x/system' })).rejects.toBeInstanceOf(HostExistsError);
    await expect(addHost(db, { name: 'b', uri: 'qemu:///system' })).rejects.toBeInstanceOf(HostExistsError);
    await expect(addHost(db, { name: '', uri: 'qemu:///system' })).rejects.toThrow();
    expect(await listHosts(db)).toHaveLength(1);
  });

  it('enforces foreign keys (console tickets need a user and host)', async () => {
    const { db } = await backend.open();
    await expect(
      db
        .insertInto('console_tickets')
        .values({ id: 'x', user_id: 'no-user', host_id: 'no-host', domain_uuid: 'u', kind: 'vnc', expires_at: 1, used_at: null })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('postgres specifics', () => {
  it('outlives the server ending a connection while it is held: its queries fail, the next ones work', async () => {
    const { db } = await backends.find((b) => b.name === 'postgres')!.open();
    await db.connection().execute(async (held) => {
      const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(held)).rows[0]!;
      // Ended from another connection while no query runs on it: pg reports it on the client alone.
      await sql`select pg_terminate_backend(${pid})`.execute(db);
      await expect
        .poll(async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(db)).rows[0]!.n)
        .toBe(0);
      await expect(sql`select 1`.execute(held)).rejects.toThrow();
    });
    // The pool may hand the dead connection out once more before its end is read (pg's race): the
    // database answers again without a restart.
    await expect.poll(() => sql<{ one: number }>`select 1 as one`.execute(db).then((r) => r.rows[0]!.one, () => 'failed')).toBe(1);
  });
});

describe('sqlite specifics', () => {
  const sqlite = backends.find((b) => b.name === 'sqlite')!;

  it('creates the folder and uses WAL, foreign keys and a busy timeout', async () => {
    const opts = await sqlite.fresh();
    if (opts.kind !== 'sqlite') throw new Error('unreachable');
    expect(existsSync(dirname(opts.path))).toBe(false);
    const { db } = await sqlite.reopen(opts);
    expect(existsSync(opts.path)).toBe(true);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
    expect(busy.rows[0]?.timeout).toBe(5000);
  });
});

describe('databaseOptionsFromUrl', () => {
  it('tells PostgreSQL from SQLite', () => {
    expect(databaseOptionsFromUrl('postgres://u@h:5432/db')).toEqual({ kind: 'postgres', connectionString: 'postgres://u@h:5432/db' });
    expect(databaseOptionsFromUrl('postgresql://h/db')).toEqual({ kind: 'postgres', connectionString: 'postgresql://h/db' });
    expect(databaseOptionsFromUrl('sqlite:/var/lib/virtdeck/v.db')).toEqual({ kind: 'sqlite', path: '/var/lib/virtdeck/v.db' });
    expect(databaseOptionsFromUrl('sqlite://data/v.db')).toEqual({ kind: 'sqlite', path: 'data/v.db' });
    expect(databaseOptionsFromUrl('./data/v.db')).toEqual({ kind: 'sqlite', path: './data/v.db' });
    expect(() => databaseOptionsFromUrl('sqlite:')).toThrow();
  });
});
