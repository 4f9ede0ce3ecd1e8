// The first schema. Runs on SQLite and PostgreSQL; the only difference is how the audit log's
// integer id is generated. Never edit a migration that has shipped: add 0002_*.ts instead.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

// Migrations see the database as it was when they were written, not as `Schema` says today.
export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'operator', 'admin')`))
    .addColumn('host_ids', 'text')
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`disabled in (0, 1)`))
    .execute();
  await db.schema
    .createIndex('users_username_lower')
    .unique()
    .on('users')
    .expression(sql`lower(username)`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('expires_at', epochMs, (c) => c.notNull())
    .addColumn('last_seen_at', epochMs, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('uri', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
      kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', epochMs, (c) => c.notNull())
    // No foreign keys: the log outlives the users and hosts it names.
    .addColumn('user_id', 'text')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text')
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('ok', 'error')`))
    .addColumn('detail', 'text')
    .execute();
  // Newest first with keyset pagination walks (at, id) backwards.
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', epochMs, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_key_at')
    .on('login_attempts')
    .columns(['key', 'at'])
    .execute();
  await db.schema.createIndex('login_attempts_at').on('login_attempts').column('at').execute();

  await db.schema
    .createTable('console_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('domain_uuid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('vnc', 'spice', 'serial')`))
    .addColumn('expires_at', epochMs, (c) => c.notNull())
    .addColumn('used_at', epochMs)
    .execute();
  await db.schema
    .createIndex('console_tickets_expires_at')
    .on('console_tickets')
    .column('expires_at')
    .execute();
}
