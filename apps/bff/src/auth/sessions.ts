// Browser sessions. The client holds a random token in an HttpOnly cookie; the database holds
// only its sha256, so a leaked database does not sign anyone in. Sessions slide: each use pushes
// the idle expiry forward (written at most once a minute), up to a fixed maximum age.
// Mutations must also carry the session's CSRF token in `x-csrf-token` (see checkCsrf).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import type { SessionRow } from '../db/schema.js';
import { toUser, type User } from './users.js';

export { clearSessionCookie, parseCookies, SESSION_COOKIE, sessionCookie } from './cookies.js';

export const CSRF_HEADER = 'x-csrf-token';

export interface Session {
  /** Hex sha256 of the token. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionOptions {
  /** A session unused this long ends. Default 12 hours. */
  idleTtlMs?: number;
  /** No session lives longer than this from its creation. Default 7 days. */
  maxTtlMs?: number;
  /** last_seen_at / expires_at are written at most this often. Default 60 s. */
  touchIntervalMs?: number;
  /** False for a check that is not a use (a background recheck): the expiry is not pushed. */
  touch?: boolean;
  clock?: Clock;
}

export const SESSION_DEFAULTS = {
  idleTtlMs: 12 * 60 * 60 * 1000,
  maxTtlMs: 7 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
} as const;

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface NewSession {
  /** Goes into the cookie; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: number;
  session: Session;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function settings(opts: SessionOptions) {
  return {
    idleTtlMs: opts.idleTtlMs ?? SESSION_DEFAULTS.idleTtlMs,
    maxTtlMs: opts.maxTtlMs ?? SESSION_DEFAULTS.maxTtlMs,
    touchIntervalMs: opts.touchIntervalMs ?? SESSION_DEFAULTS.touchIntervalMs,
    clock: opts.clock ?? systemClock,
  };
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export async function createSession(
  db: Db,
  user: Pick<User, 'id'>,
  meta: SessionMeta = {},
  opts: SessionOptions = {},
): Promise<NewSession> {
  const { idleTtlMs, maxTtlMs, clock } = settings(opts);
  const now = clock();
  const token = randomBytes(32).toString('base64url');
  const row: SessionRow = {
    id: hashToken(token),
    user_id: user.id,
    csrf_token: randomBytes(32).toString('base64url'),
    created_at: now,
    expires_at: now + Math.min(idleTtlMs, maxTtlMs),
    last_seen_at: now,
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 512) ?? null,
  };
  await db.insertInto('sessions').values(row).execute();
  return { token, csrfToken: row.csrf_token, expiresAt: row.expires_at, session: toSession(row) };
}

function compileSessionLookup(db: Db) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.username', 'u.password_hash', 'u.role', 'u.host_ids', 'u.created_at as user_created_at', 'u.disabled'])
    .where('s.id', '=', '')
    .compile();
}

/**
 * Every request looks its session up: the query is built and compiled once per database (its one
 * parameter, the session id, filled in per call) instead of by kysely on each request.
 */
const sessionLookups = new WeakMap<Db, ReturnType<typeof compileSessionLookup>>();

function sessionLookup(db: Db, id: string): ReturnType<typeof compileSessionLookup> {
  let compiled = sessionLookups.get(db);
  if (!compiled) sessionLookups.set(db, (compiled = compileSessionLookup(db)));
  return { ...compiled, parameters: [id] };
}

/**
 * The signed-in user for a cookie token, or null: unknown or malformed token, expired session
 * (deleted on the way), or disabled user.
 */
export async function resolveSession(
  db: Db,
  token: string | undefined | null,
  opts: SessionOptions = {},
): Promise<{ user: User; session: Session } | null> {
  if (typeof token !== 'string' || !TOKEN_RE.test(token)) return null;
  const { idleTtlMs, maxTtlMs, touchIntervalMs, clock } = settings(opts);
  const now = clock();
  const id = hashToken(token);
  const [row] = (await db.executeQuery(sessionLookup(db, id))).rows;
  if (!row) return null;
  if (row.expires_at <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (row.disabled !== 0) return null;
  const session = toSession(row);
  if (opts.touch !== false && now - row.last_seen_at >= touchIntervalMs) {
    session.lastSeenAt = now;
    session.expiresAt = Math.min(now + idleTtlMs, row.created_at + maxTtlMs);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: session.lastSeenAt, expires_at: session.expiresAt })
      .where('id', '=', id)
      .execute();
  }
  const user = toUser({
    id: row.user_id,
    username: row.username,
    password_hash: row.password_hash,
    role: row.role,
    host_ids: row.host_ids,
    created_at: row.user_created_at,
    disabled: row.disabled,
  });
  return { user, session };
}

/** Signs one session out. Returns whether it existed. */
export async function revokeSession(db: Db, token: string): Promise<boolean> {
  const res = await db.deleteFrom('sessions').where('id', '=', hashToken(token)).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Signs a user out everywhere. Returns how many sessions ended. */
export async function revokeAllForUser(db: Db, userId: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Housekeeping: deletes expired sessions. Returns how many. */
export async function pruneExpiredSessions(db: Db, clock: Clock = systemClock): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', clock()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * Whether the `x-csrf-token` header matches the session's token, compared in constant time
 * (both sides are hashed first, so their lengths never differ).
 */
export function checkCsrf(
  session: Pick<Session, 'csrfToken'>,
  headerValue: string | string[] | undefined | null,
): boolean {
  if (typeof headerValue !== 'string' || headerValue === '') return false;
  const a = createHash('sha256').update(session.csrfToken).digest();
  const b = createHash('sha256').update(headerValue).digest();
  return timingSafeEqual(a, b);
}
