// Metrics history in the database: series rows (one per host, one per VM) and packed samples
// per series, tier and time. Writes ignore a sample that is already there, so a roll-up run
// twice (by a retry, or by two replicas) stores it once.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { pruneClaims } from '../jobs/claims.js';
import { decodeSample, encodeSample } from './sample-codec.js';
import type { Sample } from './sample.js';
import { rollUp, type Tier } from './tiers.js';

export type SeriesKind = 'host' | 'vm';

export interface SeriesRef {
  kind: SeriesKind;
  /** The VM's UUID; '' for the host. */
  key: string;
}

export interface StoredSample {
  at: number;
  sample: Sample;
}

/** The ids of a host's series, creating those that are new. */
export async function seriesIds(db: Db, hostId: string, refs: SeriesRef[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (refs.length === 0) return ids;
  const load = async () => {
    const rows = await db.selectFrom('metric_series').select(['id', 'kind', 'key']).where('host_id', '=', hostId).execute();
    for (const r of rows) ids.set(`${r.kind}:${r.key}`, r.id);
  };
  await load();
  const missing = refs.filter((r) => !ids.has(`${r.kind}:${r.key}`));
  if (missing.length > 0) {
    // Another replica may add the same series at once: the unique key keeps one.
    for (let i = 0; i < missing.length; i += 500) {
      await db
        .insertInto('metric_series')
        .values(missing.slice(i, i + 500).map((r) => ({ host_id: hostId, kind: r.kind, key: r.key })))
        .onConflict((oc) => oc.columns(['host_id', 'kind', 'key']).doNothing())
        .execute();
    }
    await load();
  }
  return ids;
}

/** Stores samples of one time and tier; one that is already stored is kept as it was. */
export async function writeSamples(db: Db, tier: number, at: number, rows: { seriesId: number; sample: Sample }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction().execute(async (tx) => {
    // 4 parameters a row: stay well under SQLite's and PostgreSQL's parameter limits.
    for (let i = 0; i < rows.length; i += 2000) {
      await tx
        .insertInto('metric_samples')
        .values(rows.slice(i, i + 2000).map((r) => ({ series_id: r.seriesId, tier, at, data: encodeSample(r.sample) })))
        .onConflict((oc) => oc.columns(['series_id', 'tier', 'at']).doNothing())
        .execute();
    }
  });
}

/** A series' samples of a tier from `since` on, oldest first. */
export async function readSeries(db: Db, hostId: string, ref: SeriesRef, tier: number, since: number): Promise<StoredSample[]> {
  const rows = await db
    .selectFrom('metric_samples as s')
    .innerJoin('metric_series as r', 'r.id', 's.series_id')
    .select(['s.at', 's.data'])
    .where('r.host_id', '=', hostId)
    .where('r.kind', '=', ref.kind)
    .where('r.key', '=', ref.key)
    .where('s.tier', '=', tier)
    .where('s.at', '>=', since)
    .orderBy('s.at')
    .execute();
  return rows.map((r) => ({ at: r.at, sample: decodeSample(r.data) }));
}

/** Each VM's newest finest-tier sample of a host, if taken since `since`. */
export async function latestVmSamples(db: Db, hostId: string, since: number): Promise<Map<string, StoredSample>> {
  const newest = await db
    .selectFrom('metric_samples as s')
    .innerJoin('metric_series as r', 'r.id', 's.series_id')
    .select((eb) => eb.fn.max('s.at').as('at'))
    .where('r.host_id', '=', hostId)
    .where('r.kind', '=', 'vm')
    .where('s.tier', '=', 0)
    .where('s.at', '>=', since)
    .executeTakeFirst();
  const out = new Map<string, StoredSample>();
  const at = newest?.at === null || newest?.at === undefined ? null : Number(newest.at);
  if (at === null) return out;
  const rows = await db
    .selectFrom('metric_samples as s')
    .innerJoin('metric_series as r', 'r.id', 's.series_id')
    .select(['r.key', 's.data'])
    .where('r.host_id', '=', hostId)
    .where('r.kind', '=', 'vm')
    .where('s.tier', '=', 0)
    .where('s.at', '=', at)
    .execute();
  for (const r of rows) out.set(r.key, { at, sample: decodeSample(r.data) });
  return out;
}

/** Whether a host's own series has its `tier` sample at `at` (its roll-up ran). */
export async function hasRollUp(db: Db, hostId: string, tier: Tier, at: number): Promise<boolean> {
  const row = await db
    .selectFrom('metric_samples as s')
    .innerJoin('metric_series as r', 'r.id', 's.series_id')
    .select('s.at')
    .where('r.host_id', '=', hostId)
    .where('r.kind', '=', 'host')
    .where('s.tier', '=', tier.tier)
    .where('s.at', '=', at)
    .executeTakeFirst();
  return row !== undefined;
}

/** Averages a host's `source`-tier samples in [bucket, bucket + step) into `target` at `bucket`. */
export async function rollUpBucket(db: Db, hostId: string, source: Tier, target: Tier, bucket: number): Promise<number> {
  const rows = await db
    .selectFrom('metric_samples as s')
    .innerJoin('metric_series as r', 'r.id', 's.series_id')
    .select(['s.series_id', 's.data'])
    .where('r.host_id', '=', hostId)
    .where('s.tier', '=', source.tier)
    .where('s.at', '>=', bucket)
    .where('s.at', '<', bucket + target.stepMs)
    .execute();
  const bySeries = new Map<number, Sample[]>();
  for (const r of rows) {
    const list = bySeries.get(r.series_id) ?? [];
    list.push(decodeSample(r.data));
    bySeries.set(r.series_id, list);
  }
  const out: { seriesId: number; sample: Sample }[] = [];
  for (const [seriesId, samples] of bySeries) {
    const avg = rollUp(samples);
    if (avg) out.push({ seriesId, sample: avg });
  }
  await writeSamples(db, target.tier, bucket, out);
  return out.length;
}

/** How long a host's tick claims (jobs/claims.ts) are kept: a tick that old is never claimed again. */
const CLAIMS_KEPT_MS = 3_600_000;

/**
 * Deletes a host's samples older than each tier keeps, VM series left with none, and the host's
 * old tick claims (one a tick: 8,640 a day at 10 s).
 */
export async function prune(db: Db, hostId: string, tiers: Tier[], now: number): Promise<void> {
  await pruneClaims(db, CLAIMS_KEPT_MS, () => now, `metrics:${hostId}`);
  const ofHost = db.selectFrom('metric_series').select('id').where('host_id', '=', hostId);
  for (const t of tiers) {
    await db
      .deleteFrom('metric_samples')
      .where('series_id', 'in', ofHost)
      .where('tier', '=', t.tier)
      .where('at', '<', now - t.keepMs)
      .execute();
  }
  await db
    .deleteFrom('metric_series')
    .where('host_id', '=', hostId)
    .where('kind', '=', 'vm')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('metric_samples').select(sql.lit(1).as('one')).whereRef('metric_samples.series_id', '=', 'metric_series.id'))))
    .execute();
}
