// A VM's timeline, newest first: its lifecycle changes, the jobs run on it and the audit rows that
// name it (object name `<uuid>` or `<uuid>/<child>`, see trpc.ts auditObject), merged into one
// list. Keyset paging over (at, source, id): each page asks every source for the rows older than
// the cursor and keeps the newest `limit` of them, so pages stay stable while entries arrive.
import { timelineInput, type TimelineEntry, type TimelineInput, type TimelinePage } from '@virtdeck/contract/timeline';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import { toJobRecord } from './history.js';

/** Which source an entry came from; breaks ties between entries of the same millisecond. */
const RANK = { audit: 0, job: 1, lifecycle: 2 } as const;
type Source = keyof typeof RANK;

interface Cursor {
  at: number;
  rank: number;
  /** The row id within its source (a number, or a job's UUID). */
  key: number | string;
}

interface Keyed {
  entry: TimelineEntry;
  rank: number;
  key: number | string;
}

export class InvalidTimelineCursorError extends Error {
  override readonly name = 'InvalidTimelineCursorError';
  constructor() {
    super('invalid timeline cursor');
  }
}

export async function listTimeline(db: Db, hostId: string, input: TimelineInput): Promise<TimelinePage> {
  const { uuid, limit, cursor: raw } = timelineInput.parse(input);
  const cursor = raw ? decodeCursor(raw) : null;
  const take = limit + 1;
  const [lifecycle, jobs, audit] = await Promise.all([
    lifecycleRows(db, hostId, uuid, cursor, take),
    jobRows(db, hostId, uuid, cursor, take),
    auditRows(db, hostId, uuid, cursor, take),
  ]);
  const merged = [...lifecycle, ...jobs, ...audit].sort(newestFirst);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((k) => k.entry),
    nextCursor: merged.length > limit && last ? encodeCursor({ at: last.entry.at, rank: last.rank, key: last.key }) : null,
  };
}

function newestFirst(a: Keyed, b: Keyed): number {
  if (a.entry.at !== b.entry.at) return b.entry.at - a.entry.at;
  if (a.rank !== b.rank) return b.rank - a.rank;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** Rows of `source` that come after the cursor in newest-first order (see newestFirst). */
function olderThan(source: Source, cursor: Cursor | null, atCol: string, idCol: string): Expression<SqlBool> {
  if (!cursor) return sql<SqlBool>`1 = 1`;
  const at = sql.ref(atCol);
  const rank = RANK[source];
  if (rank < cursor.rank) return sql<SqlBool>`${at} <= ${cursor.at}`;
  if (rank > cursor.rank) return sql<SqlBool>`${at} < ${cursor.at}`;
  return sql<SqlBool>`(${at} < ${cursor.at} or (${at} = ${cursor.at} and ${sql.ref(idCol)} < ${cursor.key}))`;
}

async function lifecycleRows(db: Db, hostId: string, uuid: string, cursor: Cursor | null, take: number): Promise<Keyed[]> {
  const rows = await db
    .selectFrom('domain_lifecycle')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('domain_uuid', '=', uuid)
    .where(olderThan('lifecycle', cursor, 'at', 'id'))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(take)
    .execute();
  return rows.map((r) => ({
    rank: RANK.lifecycle,
    key: r.id,
    entry: { kind: 'lifecycle', id: `l:${r.id}`, at: r.at, event: r.event, detail: r.detail },
  }));
}

async function jobRows(db: Db, hostId: string, uuid: string, cursor: Cursor | null, take: number): Promise<Keyed[]> {
  const rows = await db
    .selectFrom('job_history')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('domain_uuid', '=', uuid)
    .where(olderThan('job', cursor, 'started_at', 'id'))
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(take)
    .execute();
  return rows.map((r) => {
    const j = toJobRecord(r);
    return {
      rank: RANK.job,
      key: j.id,
      entry: {
        kind: 'job',
        id: `j:${j.id}`,
        at: j.startedAt,
        job: j.kind,
        detail: j.detail,
        actor: j.actor,
        endedAt: j.endedAt,
        durationMs: j.endedAt === null ? null : j.endedAt - j.startedAt,
        outcome: j.outcome,
        error: j.error,
      },
    };
  });
}

async function auditRows(db: Db, hostId: string, uuid: string, cursor: Cursor | null, take: number): Promise<Keyed[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('host_id', '=', hostId)
    .where((eb) => eb.or([eb('object_name', '=', uuid), eb('object_name', 'like', `${uuid}/%`)]))
    .where(olderThan('audit', cursor, 'at', 'id'))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(take)
    .execute();
  return rows.map((r) => ({
    rank: RANK.audit,
    key: r.id,
    entry: {
      kind: 'audit',
      id: `a:${r.id}`,
      at: r.at,
      username: r.username,
      action: r.action,
      objectType: r.object_type,
      objectName: r.object_name,
      result: r.result,
      detail: r.detail,
    },
  }));
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.rank, c.key])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    throw new InvalidTimelineCursorError();
  }
  if (!Array.isArray(v) || v.length !== 3) throw new InvalidTimelineCursorError();
  const [at, rank, key] = v as unknown[];
  const okKey = (typeof key === 'number' && Number.isSafeInteger(key)) || (typeof key === 'string' && key.length <= 64);
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || typeof rank !== 'number' || !Object.values(RANK).includes(rank as 0) || !okKey) {
    throw new InvalidTimelineCursorError();
  }
  return { at, rank, key: key as number | string };
}
