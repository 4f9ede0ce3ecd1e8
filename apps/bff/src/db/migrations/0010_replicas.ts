// What several BFF replicas on one PostgreSQL share beyond the stores: the live events' replay
// window (ids that mean the same on every replica), leases (one replica runs a continuous job and
// another takes over when it dies), and one row of cluster facts (the live-event id epoch). On
// PostgreSQL, triggers NOTIFY every replica of a change to hosts, pool roots, users, sessions and
// the shared stores of other features (tokens, schedules), so no code path can forget to.
// SQLite gets the same tables (unused: one process) and no triggers.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

/** Tables whose changes are announced, the channel each goes to, and which row changes count. */
export const NOTIFIED_TABLES: { table: string; channel: string; ops: string }[] = [
  { table: 'hosts', channel: 'hosts', ops: 'INSERT OR UPDATE OR DELETE' },
  { table: 'host_pool_roots', channel: 'hosts', ops: 'INSERT OR UPDATE OR DELETE' },
  { table: 'users', channel: 'users', ops: 'INSERT OR UPDATE OR DELETE' },
  // A session's every use touches it: only its end matters to other replicas' open sockets.
  { table: 'sessions', channel: 'sessions', ops: 'DELETE' },
  // Stores of features built beside this one, announced when their table exists.
  { table: 'api_tokens', channel: 'tokens', ops: 'INSERT OR UPDATE OR DELETE' },
  { table: 'backup_schedules', channel: 'schedules', ops: 'INSERT OR UPDATE OR DELETE' },
];

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('live_events')
    .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('host_id', 'text')
    .addColumn('at', epochMs, (c) => c.notNull())
    /** The event as JSON (@virtdeck/contract/live). */
    .addColumn('event', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', epochMs, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cluster_facts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into cluster_facts (key, value) values ('live-epoch', ${randomBytes(4).toString('hex')})`.execute(db);

  if (kind !== 'postgres') return;
  await sql`
    create function virtdeck_notify_change() returns trigger language plpgsql as $$
    declare
      r jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
    begin
      perform pg_notify('virtdeck_' || tg_argv[0], json_build_object(
        'table', tg_table_name, 'op', lower(tg_op),
        'id', coalesce(r->>'id', r->>'host_id'), 'userId', r->>'user_id')::text);
      return null;
    end $$`.execute(db);
  for (const { table, channel, ops } of NOTIFIED_TABLES) {
    const exists = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
    if (!exists.rows[0]?.t) continue;
    await sql`create trigger ${sql.raw(`virtdeck_notify_${table}`)} after ${sql.raw(ops)} on ${sql.table(table)}
      for each row execute function virtdeck_notify_change(${sql.lit(channel)})`.execute(db);
  }
  // One notice per committed batch of live events: every replica then reads what is new.
  await sql`
    create function virtdeck_notify_live() returns trigger language plpgsql as $$
    begin
      perform pg_notify('virtdeck_live', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger virtdeck_notify_live after insert on live_events for each statement execute function virtdeck_notify_live()`.execute(db);
}
