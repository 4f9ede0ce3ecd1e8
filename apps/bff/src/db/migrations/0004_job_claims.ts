// One row per run of a periodic job (metrics ticks, scheduled backups): the primary key makes the
// claim exactly once across every BFF replica that shares the database.
import type { Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('job_claims')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', epochMs, (c) => c.notNull())
    .addPrimaryKeyConstraint('job_claims_pk', ['job', 'slot'])
    .execute();
  await db.schema.createIndex('job_claims_claimed_at').on('job_claims').column('claimed_at').execute();
}
