// The folders (and devices) storage pools may use on each host, set by admins: a pool's target
// and source paths must lie under one of its host's roots. A host's roots go with the host.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('host_pool_roots')
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_pool_roots_pk', ['host_id', 'path'])
    .execute();
}
