// A VM's timeline: the jobs run on it (block jobs, snapshots, backups, restores, clones) with
// their outcome and duration (`missed`: a scheduled run whose due time passed while no BFF ran), and the lifecycle changes libvirt reported for it. Audit rows are
// the third source and stay in audit_log.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';

  // No foreign keys: the history outlives the hosts and VMs it names, as the audit log does.
  await db.schema
    .createTable('job_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('domain_uuid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('actor', 'text')
    .addColumn('started_at', epochMs, (c) => c.notNull())
    .addColumn('ended_at', epochMs)
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('ok', 'failed', 'cancelled', 'missed')`))
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('job_history_domain_started')
    .on('job_history')
    .columns(['host_id', 'domain_uuid', 'started_at', 'id'])
    .execute();

  await db.schema
    .createTable('domain_lifecycle')
    .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
      kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', epochMs, (c) => c.notNull())
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('domain_uuid', 'text', (c) => c.notNull())
    .addColumn('domain_name', 'text', (c) => c.notNull())
    // libvirt's names (started/booted, stopped/destroyed, ...); null for a code this BFF does not know.
    .addColumn('event', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('domain_lifecycle_domain_at')
    .on('domain_lifecycle')
    .columns(['host_id', 'domain_uuid', 'at', 'id'])
    .execute();
  await db.schema.createIndex('domain_lifecycle_at').on('domain_lifecycle').column('at').execute();
}
