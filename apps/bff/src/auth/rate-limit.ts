// Login throttling, kept in the database so every BFF replica counts the same failures.
// Two sliding windows by default: 5 failures per (username, ip) and 50 per ip, in 15 minutes.
// A successful login clears that (username, ip)'s failures; the per-ip count is left to expire,
// so signing in to one's own account does not reset a guesser's budget.
// Sign-in counts an attempt *before* its password is checked (claimLoginAttempt), so attempts
// made at once (a batch of calls, a flood) cannot all pass the check before any is recorded.
import { sql } from 'kysely';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';

export interface RateLimitRule {
  /** Which failures count together. */
  scope: 'username+ip' | 'ip';
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: readonly RateLimitRule[] = [
  { scope: 'username+ip', max: 5, windowMs: 15 * 60 * 1000 },
  { scope: 'ip', max: 50, windowMs: 15 * 60 * 1000 },
];

export interface RateLimitOptions {
  rules?: readonly RateLimitRule[];
  clock?: Clock;
}

export interface LoginSubject {
  username: string;
  ip: string;
}

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function keyFor(scope: RateLimitRule['scope'], s: LoginSubject): string {
  const ip = s.ip.slice(0, 64);
  // JSON keeps the parts apart whatever characters they hold.
  return scope === 'ip' ? JSON.stringify(['ip', ip]) : JSON.stringify(['user', normalise(s.username), ip]);
}

function normalise(username: string): string {
  return username.trim().toLowerCase().slice(0, 128);
}

/** Each rule's key for this subject, once (two rules may share one). */
const keysOf = (rules: readonly RateLimitRule[], subject: LoginSubject) => [...new Set(rules.map((r) => keyFor(r.scope, subject)))];

/** Counts one attempt at `now` against every key. */
async function insertAttempt(db: Db, keys: readonly string[], now: number): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values(keys.map((key) => ({ key, at: now })))
    .execute();
}

/** Drops the attempts older than every window. */
async function dropExpired(db: Db, rules: readonly RateLimitRule[], now: number): Promise<void> {
  const longest = Math.max(...rules.map((r) => r.windowMs));
  await db.deleteFrom('login_attempts').where('at', '<=', now - longest).execute();
}

/**
 * How long until every rule has room for one more attempt (0: now). `counted` says whether this
 * attempt is already among the rows: the rule is full when its max-th most recent attempt before
 * this one is still in the window, and room returns once that row leaves it.
 */
async function retryAfterMs(db: Db, rules: readonly RateLimitRule[], subject: LoginSubject, now: number, counted: boolean): Promise<number> {
  let retryAfter = 0;
  for (const rule of rules) {
    const row = await db
      .selectFrom('login_attempts')
      .select('at')
      .where('key', '=', keyFor(rule.scope, subject))
      .where('at', '>', now - rule.windowMs)
      .orderBy('at', 'desc')
      .offset(counted ? rule.max : rule.max - 1)
      .limit(1)
      .executeTakeFirst();
    if (row) retryAfter = Math.max(retryAfter, row.at + rule.windowMs - now);
  }
  return retryAfter;
}

const refusal = (retryAfter: number) => ({ allowed: false as const, retryAfterSeconds: Math.max(1, Math.ceil(retryAfter / 1000)) });

/** Whether a login attempt may go ahead now; if not, after how many seconds it may. */
export async function checkLoginAllowed(db: Db, subject: LoginSubject, opts: RateLimitOptions = {}): Promise<LoginAllowance> {
  const rules = opts.rules ?? DEFAULT_LOGIN_LIMITS;
  const retryAfter = await retryAfterMs(db, rules, subject, (opts.clock ?? systemClock)(), false);
  return retryAfter > 0 ? refusal(retryAfter) : { allowed: true };
}

/** Counts one failed login against every rule's key, and drops attempts older than any window. */
export async function recordLoginFailure(db: Db, subject: LoginSubject, opts: RateLimitOptions = {}): Promise<void> {
  const rules = opts.rules ?? DEFAULT_LOGIN_LIMITS;
  const now = (opts.clock ?? systemClock)();
  const keys = keysOf(rules, subject);
  if (keys.length === 0) return;
  await insertAttempt(db, keys, now);
  await dropExpired(db, rules, now);
}

/** After a successful login: forgets this username's failures from this ip. */
export async function clearLoginFailures(db: Db, subject: LoginSubject): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', keyFor('username+ip', subject)).execute();
}

export type LoginClaim = { allowed: true; at: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Records an attempt as a failure, then checks the limits with it counted: the attempt is
 * allowed only while no rule is over its maximum. The k-th attempt recorded sees at least k, so
 * however many run at once, at most `max` per window get to check a password. A refused attempt
 * is withdrawn again (it checked nothing); an allowed one stays a failure unless withdrawn.
 */
export async function claimLoginAttempt(db: Db, subject: LoginSubject, opts: RateLimitOptions = {}): Promise<LoginClaim> {
  const rules = opts.rules ?? DEFAULT_LOGIN_LIMITS;
  const now = (opts.clock ?? systemClock)();
  const keys = keysOf(rules, subject);
  if (keys.length === 0) return { allowed: true, at: now };
  await insertAttempt(db, keys, now);
  const retryAfter = await retryAfterMs(db, rules, subject, now, true);
  if (retryAfter > 0) {
    await withdrawLoginAttempt(db, subject, now, opts);
    return refusal(retryAfter);
  }
  await dropExpired(db, rules, now);
  return { allowed: true, at: now };
}

/**
 * Takes back one attempt claimed at `at`: one row per key (two attempts in the same millisecond
 * leave one row each, so only this attempt's goes). On PostgreSQL concurrent withdrawals would
 * pick the same row, and all but one delete nothing: each locks its own (SKIP LOCKED) instead.
 */
export async function withdrawLoginAttempt(db: Db, subject: LoginSubject, at: number, opts: RateLimitOptions = {}): Promise<void> {
  const rules = opts.rules ?? DEFAULT_LOGIN_LIMITS;
  const pg = dialectOf(db) === 'postgres';
  const rowId = sql.raw(pg ? 'ctid' : 'rowid');
  const lock = sql.raw(pg ? 'for update skip locked' : '');
  for (const key of keysOf(rules, subject)) {
    await sql`delete from login_attempts where ${rowId} in (select ${rowId} from login_attempts where key = ${key} and at = ${at} limit 1 ${lock})`.execute(db);
  }
}
