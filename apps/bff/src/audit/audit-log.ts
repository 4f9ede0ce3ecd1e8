// The audit log: who did what to which object on which host, and whether it worked. Listed
// newest first with keyset pagination over (at, id), so pages stay stable while entries arrive.
import { z } from 'zod';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { AUDIT_RESULTS, type AuditResult, type AuditRow } from '../db/schema.js';
import { noteAuditRow } from '../jobs/timeline-changes.js';

export interface AuditEntryInput {
  userId?: string | null;
  username: string;
  hostId?: string | null;
  objectType: string;
  objectName: string;
  action: string;
  result: AuditResult;
  detail?: string | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  userId: string | null;
  username: string;
  hostId: string | null;
  objectType: string;
  objectName: string;
  action: string;
  result: AuditResult;
  detail: string | null;
}

export const auditFilterSchema = z.object({
  userId: z.string().min(1).optional(),
  hostId: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
  objectType: z.string().min(1).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  /** Epoch ms, inclusive. */
  since: z.number().int().nonnegative().optional(),
  /** Epoch ms, exclusive. */
  until: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** `nextCursor` of the previous page; absent or null for the first. */
  cursor: z.string().max(200).nullish(),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null when this is the last. */
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('invalid audit log cursor');
  }
}

const MAX_TEXT = 4096;

export async function writeAudit(
  db: Db,
  entry: AuditEntryInput,
  clock: Clock = systemClock,
): Promise<AuditEntry> {
  const row = {
    at: clock(),
    user_id: entry.userId ?? null,
    username: entry.username.slice(0, 128),
    host_id: entry.hostId ?? null,
    object_type: entry.objectType.slice(0, 64),
    object_name: entry.objectName.slice(0, 512),
    action: entry.action.slice(0, 128),
    result: entry.result,
    detail: entry.detail === undefined || entry.detail === null ? null : entry.detail.slice(0, MAX_TEXT),
  };
  const { id } = await db.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
  // A VM's timeline shows the rows that name it: its watchers hear of this one at once.
  noteAuditRow(row.host_id, row.object_name);
  return toEntry({ id, ...row });
}

export async function listAudit(db: Db, filter: AuditFilter): Promise<AuditPage> {
  const f = auditFilterSchema.parse(filter);
  let q = db.selectFrom('audit_log').selectAll();
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.hostId !== undefined) q = q.where('host_id', '=', f.hostId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.objectType !== undefined) q = q.where('object_type', '=', f.objectType);
  if (f.result !== undefined) q = q.where('result', '=', f.result);
  if (f.since !== undefined) q = q.where('at', '>=', f.since);
  if (f.until !== undefined) q = q.where('at', '<', f.until);
  if (f.cursor !== undefined && f.cursor !== null) {
    const c = decodeCursor(f.cursor);
    q = q.where((eb) =>
      eb.or([eb('at', '<', c.at), eb.and([eb('at', '=', c.at), eb('id', '<', c.id)])]),
    );
  }
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const items = rows.slice(0, f.limit).map(toEntry);
  const last = items.at(-1);
  const nextCursor = rows.length > f.limit && last ? encodeCursor(last) : null;
  return { items, nextCursor };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    hostId: row.host_id,
    objectType: row.object_type,
    objectName: row.object_name,
    action: row.action,
    result: row.result,
    detail: row.detail,
  };
}

function encodeCursor(e: Pick<AuditEntry, 'at' | 'id'>): string {
  return Buffer.from(`${e.at}.${e.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: number } {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InvalidCursorError();
  return { at: Number(m[1]), id: Number(m[2]) };
}
