// Metrics history: a series per host and per VM, and one packed sample per series, tier and
// time (src/metrics/). SQLite keeps the samples in their primary key's b-tree (WITHOUT ROWID),
// so a sample costs its key and its bytes and no second index.
import { sql, type Kysely } from 'kysely';
import type { DialectKind } from '../dialect.js';

export async function up(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const epochMs = kind === 'postgres' ? 'bigint' : 'integer';
  let series = db.schema.createTable('metric_series');
  series =
    kind === 'postgres'
      ? series.addColumn('id', 'serial', (c) => c.primaryKey())
      : series.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await series
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The VM's UUID; '' for the host's own series. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addUniqueConstraint('metric_series_host_kind_key', ['host_id', 'kind', 'key'])
    .execute();

  let samples = db.schema
    .createTable('metric_samples')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('metric_series.id').onDelete('cascade'))
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('at', epochMs, (c) => c.notNull())
    .addColumn('data', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_samples_pk', ['series_id', 'tier', 'at']);
  if (kind === 'sqlite') samples = samples.modifyEnd(sql`without rowid`);
  // No second index: pruning and reading go by (series, tier, time), the key's own order.
  await samples.execute();
}
