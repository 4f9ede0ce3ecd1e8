// API tokens: bearer secrets a user makes for scripts and Prometheus. A token acts as its owner,
// capped twice: by the role it was made with and by its host list. Both caps are applied again at
// every use against the owner as they are now, so demoting or disabling the owner, or taking a
// host from them, narrows their tokens at once.
//
// The secret is 256 random bits (`vdt_` + 43 base64url characters) and the database keeps only
// its SHA-256. A fast hash is right here, unlike for passwords: argon2's cost exists to make
// guessing a low-entropy password expensive, but nobody can enumerate 2^256 secrets at any hash
// speed, and a preimage of SHA-256 is out of reach. A fast, unsalted hash also lets a use find its
// row by an indexed equality lookup instead of hashing once per stored token, and keeps a
// Prometheus scrape every 15 s from costing tens of milliseconds of CPU.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { API_TOKEN_PREFIX, createApiTokenInputSchema, type ApiTokenView, type CreateApiTokenInput } from '@virtdeck/contract/api-token';
import { systemClock, type Clock } from '../db/clock.js';
import type { Db } from '../db/database.js';
import type { ApiTokenRow, Role } from '../db/schema.js';
import { toUser, type User } from './users.js';

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };
const SECRET_RE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);
const DAY_MS = 24 * 60 * 60 * 1000;
/** last_used_at is written at most this often per token (and whenever the address changes). */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The token is not the caller's to see or revoke, or does not exist (the two read the same). */
export class ApiTokenNotFoundError extends Error {
  override readonly name = 'ApiTokenNotFoundError';
  constructor() {
    super('no such API token');
  }
}

/** A token asked for more than its creator has: a higher role, or a host outside their scope. */
export class ApiTokenScopeError extends Error {
  override readonly name = 'ApiTokenScopeError';
  constructor(
    readonly field: 'role' | 'hostIds',
    message: string,
  ) {
    super(message);
  }
}

function parseHostIds(json: string | null): string[] | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

function toView(row: ApiTokenRow & { username: string }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    role: row.role,
    hostIds: parseHostIds(row.host_ids),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
    revokedAt: row.revoked_at,
  };
}

/**
 * The user a token acts as: the owner with the lower of the two roles, and the hosts both allow.
 * Admins are never host-scoped (roles.ts), which is why a host-limited token is never an admin
 * token: creation refuses that, and an owner demoted since is capped here anyway.
 */
export function effectiveUser(owner: User, token: Pick<ApiTokenView, 'role' | 'hostIds'>): User {
  const role = RANK[token.role] < RANK[owner.role] ? token.role : owner.role;
  const ownerHosts = owner.role === 'admin' ? null : owner.hostIds;
  let hostIds: string[] | null;
  if (token.hostIds === null) hostIds = ownerHosts;
  else if (ownerHosts === null) hostIds = [...token.hostIds];
  else hostIds = token.hostIds.filter((h) => ownerHosts.includes(h));
  // A host-limited token of an admin owner acts as an operator at most (see above).
  const capped: Role = hostIds !== null && role === 'admin' ? 'operator' : role;
  return { ...owner, role: capped, hostIds };
}

export interface NewApiToken {
  /** Shown once to the creator; never stored. */
  secret: string;
  token: ApiTokenView;
}

/** Makes a token for `owner`, within what the owner may do; `knownHostIds` are the registry's. */
export async function createApiToken(
  db: Db,
  owner: User,
  raw: CreateApiTokenInput,
  knownHostIds: readonly string[],
  clock: Clock = systemClock,
): Promise<NewApiToken> {
  const input = createApiTokenInputSchema.parse(raw);
  if (RANK[input.role] > RANK[owner.role]) {
    throw new ApiTokenScopeError('role', `a token's role may not be above your own (${owner.role})`);
  }
  const hostIds = input.hostIds === null ? null : [...new Set(input.hostIds)];
  if (hostIds !== null) {
    if (input.role === 'admin') throw new ApiTokenScopeError('hostIds', 'an admin token covers every host: pick operator or viewer to limit it to some');
    const unknown = hostIds.find((h) => !knownHostIds.includes(h));
    if (unknown !== undefined) throw new ApiTokenScopeError('hostIds', `no host with id ${unknown}`);
    const outside = owner.role === 'admin' || owner.hostIds === null ? undefined : hostIds.find((h) => !owner.hostIds!.includes(h));
    if (outside !== undefined) throw new ApiTokenScopeError('hostIds', `host ${outside} is not one of yours`);
  }
  const now = clock();
  const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiTokenRow = {
    id: randomUUID(),
    user_id: owner.id,
    name: input.name,
    secret_hash: hashSecret(secret),
    role: input.role,
    host_ids: hostIds === null ? null : JSON.stringify(hostIds),
    created_at: now,
    expires_at: now + input.expiresInDays * DAY_MS,
    last_used_at: null,
    last_used_ip: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { secret, token: toView({ ...row, username: owner.username }) };
}

/** Tokens, newest first: one user's, or everyone's (for admins). */
export async function listApiTokens(db: Db, filter: { userId?: string } = {}): Promise<ApiTokenView[]> {
  let q = db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id').selectAll('t').select('u.username');
  if (filter.userId !== undefined) q = q.where('t.user_id', '=', filter.userId);
  const rows = await q.orderBy('t.created_at', 'desc').orderBy('t.id').execute();
  return rows.map(toView);
}

/** Revokes a token: its owner may, and so may any admin. Revoking twice keeps the first time. */
export async function revokeApiToken(db: Db, by: User, id: string, clock: Clock = systemClock): Promise<ApiTokenView> {
  const found = (await listTokenById(db, id)) ?? null;
  if (!found || (found.userId !== by.id && by.role !== 'admin')) throw new ApiTokenNotFoundError();
  if (found.revokedAt !== null) return found;
  const now = clock();
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  return { ...found, revokedAt: now };
}

async function listTokenById(db: Db, id: string): Promise<ApiTokenView | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select('u.username')
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

export type TokenRefusal = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'owner-disabled';

export type ResolvedToken =
  | { ok: true; user: User; owner: User; token: ApiTokenView }
  | { ok: false; reason: TokenRefusal; token: ApiTokenView | null };

export const TOKEN_REFUSAL_MESSAGES: Record<TokenRefusal, string> = {
  malformed: 'that is not an API token',
  unknown: 'unknown API token',
  revoked: 'this API token was revoked',
  expired: 'this API token has expired',
  'owner-disabled': "this API token's user is disabled",
};

/**
 * The caller a bearer secret stands for, or why it is refused. A use pushes last_used_at (at
 * most once a minute, or when the address changes).
 */
export async function resolveApiToken(
  db: Db,
  secret: string,
  meta: { ip: string | null },
  clock: Clock = systemClock,
): Promise<ResolvedToken> {
  if (!SECRET_RE.test(secret)) return { ok: false, reason: 'malformed', token: null };
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select(['u.username', 'u.password_hash', 'u.role as user_role', 'u.host_ids as user_host_ids', 'u.created_at as user_created_at', 'u.disabled'])
    .where('t.secret_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown', token: null };
  const token = toView(row);
  const now = clock();
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked', token };
  if (row.expires_at <= now) return { ok: false, reason: 'expired', token };
  if (row.disabled !== 0) return { ok: false, reason: 'owner-disabled', token };
  const ip = meta.ip?.slice(0, 64) ?? null;
  if (row.last_used_at === null || now - row.last_used_at >= TOKEN_TOUCH_INTERVAL_MS || row.last_used_ip !== ip) {
    await db.updateTable('api_tokens').set({ last_used_at: now, last_used_ip: ip }).where('id', '=', row.id).execute();
    token.lastUsedAt = now;
    token.lastUsedIp = ip;
  }
  const owner = toUser({
    id: row.user_id,
    username: row.username,
    password_hash: row.password_hash,
    role: row.user_role,
    host_ids: row.user_host_ids,
    created_at: row.user_created_at,
    disabled: row.disabled,
  });
  return { ok: true, owner, user: effectiveUser(owner, token), token };
}

/** The secret of an `Authorization: Bearer …` header, or null when there is none. */
export function bearerSecret(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1]! : header.trim() === '' ? null : '';
}
