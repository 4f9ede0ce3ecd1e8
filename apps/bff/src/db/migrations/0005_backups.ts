// Backups (libvirt's backup API with checkpoints): each host's backup target, a directory pool an
// admin chose, and each backup point. A set is a full backup (set_id = its own id) and the
// incrementals after it, each reading through the one before (parent_id). A point is written as
// `running` when it starts and becomes `done` only once every disk is copied; a failed or
// cancelled one keeps its row for the record but no volumes and no checkpoint.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('backup_targets')
    .addColumn('host_id', 'text', (c) => c.primaryKey().references('hosts.id').onDelete('cascade'))
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text')
    .addColumn('set_at', epochMs, (c) => c.notNull())
    .execute();

  // No foreign key to hosts for the points: their volumes outlive a host's registration, and the
  // rows are what says which files belong together.
  await db.schema
    .createTable('backups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('domain_uuid', 'text', (c) => c.notNull())
    .addColumn('domain_name', 'text', (c) => c.notNull())
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('full', 'incremental')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed', 'cancelled')`))
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text')
    .addColumn('disks', 'text', (c) => c.notNull())
    .addColumn('domain_xml', 'text', (c) => c.notNull())
    .addColumn('size_bytes', epochMs)
    .addColumn('actor', 'text')
    .addColumn('started_at', epochMs, (c) => c.notNull())
    .addColumn('ended_at', epochMs)
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('backups_domain_started').on('backups').columns(['host_id', 'domain_uuid', 'started_at']).execute();
}
