// What every procedure sees. Services are shared for the process (one database, one pool of
// long-lived libvirt connections, never one per request); the rest is per request.
import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import type { WebSocket } from 'ws';
import { trustedProxies, type Config } from './config.js';
import type { Db } from './db/database.js';
import type { HostManager } from './hosts/host-manager.js';
import type { LiveEvent } from './live/live-events.js';
import type { DomainListCache } from './live/domain-list-cache.js';
import type { AuditOutbox } from './audit/audit-outbox.js';
import type { DatabaseHealth } from './replicas/database-health.js';
import type { EventLog } from './live/event-log.js';
import { SESSION_ENDED, sameSessionVerdict, type SessionSockets } from './auth/session-sockets.js';
import { CSRF_HEADER } from './auth/sessions.js';
import { identifyCaller, trpcWhat, type Caller } from './auth/caller.js';
import type { TokenUseAudit } from './auth/token-use-audit.js';
import { clientIp, isTrusted } from './net/client-ip.js';
import type { ServerLimits } from './net/limits.js';
import { WsConnection } from './net/ws-connection.js';

export interface Services {
  config: Config;
  db: Db;
  hosts: HostManager;
  /** Live events of every host (domains, block jobs, pools, networks), replayable by event id. */
  liveEvents: EventLog<LiveEvent>;
  /** Whether the database is reachable now (PostgreSQL can go away; replicas/database-health.ts). */
  dbHealth: DatabaseHealth;
  /** Writes audit rows, keeping them for later while the database is away. */
  auditOutbox: AuditOutbox;
  /** Each host's domain list, refreshed by libvirt's events. */
  domainLists: DomainListCache;
  /** Open websockets by session: closed when their session ends or their user changes. */
  sessionSockets: SessionSockets;
  /** Coalesces the audit rows of API token uses (auth/token-use-audit.ts). */
  tokenUses: TokenUseAudit;
}

export interface RequestInfo {
  transport: 'http' | 'ws' | 'internal';
  ip: string;
  userAgent: string | null;
  origin: string | null;
  csrfHeader: string | null;
  sessionToken: string | null;
  /** Why a presented session or API token was refused, for the error message. */
  authRefusal: string | null;
  /** Adds a Set-Cookie header to the HTTP response (no-op over websockets). */
  setCookie(cookie: string): void;
  /** The /trpc websocket the call came over, or null over HTTP. */
  socket: WsConnection | null;
}

export interface Context extends Services {
  /** The caller (auth/caller.ts): a browser session or an API token. */
  auth: Caller | null;
  req: RequestInfo;
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

const proxiesOf = new WeakMap<Config, BlockList>();

let warnedUntrusted = false;

export function ipOf(config: Config, req: IncomingMessage): string {
  let proxies = proxiesOf.get(config);
  if (!proxies) proxiesOf.set(config, (proxies = trustedProxies(config)));
  const peer = req.socket.remoteAddress ?? 'unknown';
  // Said once: behind an unlisted proxy every client shares the proxy's address (and its limits).
  if (!warnedUntrusted && req.headers['x-forwarded-for'] !== undefined && !isTrusted(proxies, peer)) {
    warnedUntrusted = true;
    console.warn(`[bff] X-Forwarded-For from ${peer} ignored: list that proxy in VIRTDECK_TRUSTED_PROXIES if it is one`);
  }
  return clientIp(peer, req.headers['x-forwarded-for'], proxies);
}

export async function createRequestContext(
  services: Services,
  req: IncomingMessage,
  transport: 'http' | 'ws',
  setCookie: (cookie: string) => void,
): Promise<Context> {
  const ip = ipOf(services.config, req);
  // Tokens are for HTTP calls only: a websocket is a browser session's.
  const { auth, sessionToken, refusal } = await identifyCaller(services, req, { ip, allowToken: transport === 'http', what: trpcWhat(req) });
  return {
    ...services,
    auth,
    req: {
      transport,
      ip,
      userAgent: header(req, 'user-agent'),
      origin: header(req, 'origin'),
      csrfHeader: header(req, CSRF_HEADER),
      sessionToken,
      authRefusal: refusal,
      setCookie,
      socket: null,
    },
  };
}

/**
 * The context of a /trpc websocket, made once when it opens. Its session is registered with
 * `sessionSockets`, which closes the socket when that session ends or its user's access changes;
 * each call over it still reads the session again (see trpc.ts).
 */
export async function createSocketContext(
  services: Services,
  req: IncomingMessage,
  ws: WebSocket,
  limits: Pick<ServerLimits, 'maxSubscriptionsPerSocket' | 'socketHighWaterBytes'>,
): Promise<Context> {
  const ctx = await createRequestContext(services, req, 'ws', () => {});
  const { auth } = ctx;
  const token = ctx.req.sessionToken;
  const close = (v: { code: number; reason: string }) => ws.close(v.code, v.reason);
  // Checked at the upgrade, but the session may have ended since.
  if (!auth || auth.kind !== 'session' || !token) {
    close(SESSION_ENDED);
    return ctx;
  }
  const bound = { token, userId: auth.user.id, sessionId: auth.session.id, verdict: sameSessionVerdict(auth), close };
  const unregister = services.sessionSockets.add(bound);
  ws.once('close', unregister);
  ctx.req.socket = new WsConnection(ws, req.socket, bound, limits);
  return ctx;
}
