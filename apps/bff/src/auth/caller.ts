// Who is calling: the one place that decides it, for tRPC over HTTP and websockets and for
// /metrics. A request carries either a session cookie (the browser) or an
// `Authorization: Bearer vdt_…` API token (scripts, Prometheus), never both at once: when the
// header is there the cookie is not looked at, so a token request is judged as the token alone.
//
// A token needs no CSRF token: browsers never attach an Authorization header on their own (a
// cross-site page cannot set one without a CORS preflight the BFF never grants), which is the
// ambient credential CSRF exploits. Websocket upgrades (/trpc subscriptions, /console) are
// judged by the session cookie only, so a token never opens one.
import type { IncomingMessage } from 'node:http';
import type { ApiTokenView } from '@virtdeck/contract/api-token';
import type { Db } from '../db/database.js';
import { bearerSecret, resolveApiToken, TOKEN_REFUSAL_MESSAGES } from './api-tokens.js';
import { parseCookies, resolveSession, SESSION_COOKIE, type Session } from './sessions.js';
import type { TokenUseAudit } from './token-use-audit.js';
import type { User } from './users.js';

export type SessionCaller = { kind: 'session'; user: User; session: Session };
/** `user` is the owner capped by the token's role and hosts (api-tokens.ts, effectiveUser). */
export type TokenCaller = { kind: 'token'; user: User; owner: User; token: ApiTokenView };
export type Caller = SessionCaller | TokenCaller;

export interface Identified {
  auth: Caller | null;
  /** The session cookie's token, when the caller came with one. */
  sessionToken: string | null;
  /** Why a presented credential was refused (said instead of a bare "sign in first"). */
  refusal: string | null;
}

export interface IdentifyOptions {
  ip: string;
  /** Whether a bearer token may stand for the caller (HTTP only). */
  allowToken: boolean;
  /** What the request calls, for the token use audit (e.g. `GET /metrics`). */
  what: string;
}

/** The session cookie's token of a request, or null. */
export function sessionCookieOf(req: IncomingMessage): string | null {
  return parseCookies(req.headers.cookie)[SESSION_COOKIE] ?? null;
}

/** The session caller of a cookie token, or null (websockets, consoles and volume transfers). */
export async function sessionCaller(db: Db, token: string | null): Promise<SessionCaller | null> {
  const auth = token ? await resolveSession(db, token) : null;
  return auth ? { kind: 'session', ...auth } : null;
}

export async function identifyCaller(
  services: { db: Db; tokenUses: TokenUseAudit },
  req: IncomingMessage,
  opts: IdentifyOptions,
): Promise<Identified> {
  const secret = opts.allowToken ? bearerSecret(req.headers.authorization) : null;
  if (secret === null) {
    const sessionToken = sessionCookieOf(req);
    return { auth: await sessionCaller(services.db, sessionToken), sessionToken, refusal: null };
  }
  const r = await resolveApiToken(services.db, secret, { ip: opts.ip });
  if (r.ok) {
    await services.tokenUses.record({ token: r.token, owner: r.owner, ip: opts.ip, what: opts.what, result: 'ok' });
    return { auth: { kind: 'token', user: r.user, owner: r.owner, token: r.token }, sessionToken: null, refusal: null };
  }
  // A known token that no longer works is audited too (its owner should learn a script still
  // uses it); an unknown one names nobody, and writing it would let anyone fill the log.
  if (r.token) {
    await services.tokenUses.record({
      token: r.token,
      owner: { id: r.token.userId, username: r.token.username },
      ip: opts.ip,
      what: opts.what,
      result: 'error',
      refusal: r.reason,
    });
  }
  return { auth: null, sessionToken: null, refusal: TOKEN_REFUSAL_MESSAGES[r.reason] };
}

/** The procedures a tRPC HTTP request calls, from its path (`/trpc/a.b,c.d`), for the audit. */
export function trpcWhat(req: IncomingMessage): string {
  const path = new URL(req.url ?? '/', 'http://bff').pathname.replace(/^\/trpc\/?/, '');
  let names = path;
  try {
    names = decodeURIComponent(path);
  } catch {
    // Kept as sent.
  }
  return `${req.method ?? 'GET'} ${names.slice(0, 160) || '/trpc'}`;
}
