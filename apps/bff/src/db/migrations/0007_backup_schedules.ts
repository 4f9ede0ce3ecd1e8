// Backup schedules: per host, a set of VMs (named, or all VMs carrying a tag) backed up daily or
// weekly at a time of day in UTC, keeping N full sets. Each due time gets one run row: ran (ok or
// failed) or missed (it passed while no BFF ran). VM tags live here too: libvirt has none.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('backup_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'vms': `target` is a JSON array of VM UUIDs; 'tag': `target` is the tag.
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('vms', 'tag')`))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('daily', 'weekly')`))
    // 0 = Sunday; null for daily.
    .addColumn('weekday', 'integer', (c) => c.check(sql`weekday between 0 and 6`))
    // Minutes after midnight, UTC.
    .addColumn('minute_of_day', 'integer', (c) => c.notNull().check(sql`minute_of_day between 0 and 1439`))
    .addColumn('keep_full_sets', 'integer', (c) => c.notNull().check(sql`keep_full_sets between 1 and 100`))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1).check(sql`enabled in (0, 1)`))
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    // Every due time up to and including this one has been run or reported missed.
    .addColumn('handled_until', epochMs, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('backup_schedules_host_name').unique().on('backup_schedules').columns(['host_id', 'name']).execute();

  await db.schema
    .createTable('backup_schedule_runs')
    .addColumn('schedule_id', 'text', (c) => c.notNull().references('backup_schedules.id').onDelete('cascade'))
    .addColumn('due_at', epochMs, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'ok', 'failed', 'missed')`))
    .addColumn('started_at', epochMs)
    .addColumn('ended_at', epochMs)
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('backup_schedule_runs_pk', ['schedule_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('vm_tags')
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('domain_uuid', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vm_tags_pk', ['host_id', 'domain_uuid', 'tag'])
    .execute();
  await db.schema.createIndex('vm_tags_host_tag').on('vm_tags').columns(['host_id', 'tag']).execute();
}
