// What every procedure sees. Services are shared for the process (one database, one pool of
// long-lived libvirt connections, never one per request); the rest is per request.
import type { IncomingMessage } from 'node:http';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { HostManager } from './hosts/host-manager.js';
import type { DomainLiveEvent } from './live/domain-events.js';
import type { DomainListCache } from './live/domain-list-cache.js';
import type { EventLog } from './live/event-log.js';
import { parseCookies, resolveSession, SESSION_COOKIE, CSRF_HEADER, type Session } from './auth/sessions.js';
import type { User } from './auth/users.js';

export interface Services {
  config: Config;
  db: Db;
  hosts: HostManager;
  /** Live domain events of every host, replayable by event id. */
  domainEvents: EventLog<DomainLiveEvent>;
  /** Each host's domain list, refreshed by libvirt's events. */
  domainLists: DomainListCache;
}

export interface RequestInfo {
  transport: 'http' | 'ws' | 'internal';
  ip: string;
  userAgent: string | null;
  origin: string | null;
  csrfHeader: string | null;
  sessionToken: string | null;
  /** Adds a Set-Cookie header to the HTTP response (no-op over websockets). */
  setCookie(cookie: string): void;
}

export interface Context extends Services {
  auth: { user: User; session: Session } | null;
  req: RequestInfo;
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

/**
 * The client's address. Behind the web app's /trpc forwarder or a reverse proxy the socket
 * peer is the proxy; X-Forwarded-For is only believed from loopback peers (our own proxy).
 */
function clientIp(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwarded = header(req, 'x-forwarded-for');
  const fromLoopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return fromLoopback && forwarded ? (forwarded.split(',')[0]?.trim() ?? peer) : peer;
}

export async function createRequestContext(
  services: Services,
  req: IncomingMessage,
  transport: 'http' | 'ws',
  setCookie: (cookie: string) => void,
): Promise<Context> {
  const sessionToken = parseCookies(req.headers.cookie)[SESSION_COOKIE] ?? null;
  const auth = sessionToken ? await resolveSession(services.db, sessionToken) : null;
  return {
    ...services,
    auth,
    req: {
      transport,
      ip: clientIp(req),
      userAgent: header(req, 'user-agent'),
      origin: header(req, 'origin'),
      csrfHeader: header(req, CSRF_HEADER),
      sessionToken,
      setCookie,
    },
  };
}
