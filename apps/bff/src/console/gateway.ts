// The console websocket endpoint, /console?ticket=...: admitted only from the web app's Origin,
// with a signed-in session whose user is the ticket's user, still allowed to operate on the
// ticket's host. The server resolves the target from the live domain XML. The socket closes when
// the domain stops, the session ends, or the user may no longer operate on the host (checked by
// SessionSockets: at once after logout or a change to the user, and every 30 s).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createSshTunnels, type SshTunnels } from '@virtdeck/libvirt-client';
import { CONNECT_TIMEOUT_MS, connectHost } from '../hosts/connect.js';
import { WebSocketServer } from 'ws';
import { can } from '../auth/roles.js';
import { SESSION_ENDED, SessionCloseCode, type Auth, type SocketVerdict } from '../auth/session-sockets.js';
import { sessionCaller, sessionCookieOf } from '../auth/caller.js';
import type { Services } from '../context.js';
import { CloseCode, pipeConsole, type ByteSource } from './pipe.js';
import { serialSource, sshTunnelSource, tcpSource } from './sources.js';
import { consoleTarget } from './target.js';
import { redeemTicket } from './tickets.js';

export interface ConsoleGatewayOptions {
  origins: Set<string>;
  heartbeatMs?: number;
  idleMs?: number;
  /** Largest message from the browser (keys, pointer, clipboard). */
  maxPayloadBytes?: number;
}

/** A console stays open while its ticket's user is signed in and may operate on its host. */
function consoleVerdict(ticket: { userId: string; hostId: string }): (auth: Auth | null) => SocketVerdict | null {
  return (auth) => {
    if (!auth || auth.user.id !== ticket.userId) return SESSION_ENDED;
    if (!can(auth.user, 'operate', ticket.hostId)) return { code: SessionCloseCode.accessChanged, reason: 'you may no longer open consoles on this host' };
    return null;
  };
}

function refuse(socket: Duplex, status: number, why: string): void {
  socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(why)}\r\n\r\n${why}`);
}

export function createConsoleGateway(services: Services, opts: ConsoleGatewayOptions) {
  // noVNC and spice-html5 ask for the 'binary' subprotocol.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayloadBytes ?? 1 << 20,
    handleProtocols: (p) => (p.has('binary') ? 'binary' : false),
  });
  // One ssh connection per host URI carries its consoles' tunnels (a SPICE console opens several
  // at once); each closes itself a minute after its last console.
  const tunnels = new Map<string, SshTunnels>();
  const tunnelsFor = (uri: string): SshTunnels => {
    let t = tunnels.get(uri);
    if (!t) tunnels.set(uri, (t = createSshTunnels(uri, { connectTimeoutMs: CONNECT_TIMEOUT_MS })));
    return t;
  };

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!opts.origins.has(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden origin');
    // The session cookie only: an API token never opens a console (auth/caller.ts).
    const token = sessionCookieOf(req);
    const auth = await sessionCaller(services.db, token);
    if (!auth || !token) return refuse(socket, 401, 'Sign in first');
    const ticketText = new URL(req.url ?? '/', 'http://bff').searchParams.get('ticket') ?? '';
    const ticket = await redeemTicket(services.db, ticketText);
    if (!ticket) return refuse(socket, 403, 'Unknown, used or expired ticket');
    if (ticket.userId !== auth.user.id) return refuse(socket, 403, 'This ticket belongs to another user');
    if (!can(auth.user, 'operate', ticket.hostId)) return refuse(socket, 403, 'Not allowed on this host');

    let source: ByteSource;
    try {
      const conn = services.hosts.connection(ticket.hostId);
      const lv = await conn.client();
      const target = await consoleTarget(lv, conn.target.uri, ticket.domainUuid, ticket.kind);
      if (target.kind === 'serial') {
        // A console of its own on a connection of its own: pausing a slow browser's stream pauses
        // the whole libvirt connection it runs on, which must not stall the host's shared one.
        const own = await connectHost(conn.target.uri);
        try {
          source = serialSource(await own.openConsole(ticket.domainUuid, null, ['FORCE']), () => void own.close().catch(() => {}));
        } catch (e) {
          await own.close().catch(() => {});
          throw e;
        }
      } else if (target.kind === 'ssh') {
        source = await sshTunnelSource(tunnelsFor(conn.target.uri), target.host, target.port);
      } else {
        source = await tcpSource(target.host, target.port);
      }
    } catch (e) {
      return refuse(socket, 502, e instanceof Error ? e.message : 'console unavailable');
    }

    wss.handleUpgrade(req, socket, head, (ws) => {
      const pipe = pipeConsole(ws, source, { heartbeatMs: opts.heartbeatMs ?? 15_000, idleMs: opts.idleMs ?? 30 * 60_000 });
      const offEvents = services.liveEvents.listen(({ event }) => {
        if (event.kind === 'lifecycle' && event.domain.uuid === ticket.domainUuid && event.event === 'stopped') {
          pipe.close(CloseCode.domainStopped, 'the domain stopped');
        }
      });
      const unregister = services.sessionSockets.add({
        token,
        userId: auth.user.id,
        sessionId: auth.session.id,
        verdict: consoleVerdict(ticket),
        close: (v) => pipe.close(v.code, v.reason),
      });
      ws.on('close', () => {
        offEvents();
        unregister();
      });
      // The source took a while to open: the user may have lost the host meanwhile.
      void services.sessionSockets.recheck({ sessionId: auth.session.id }).catch(() => {});
    });
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      handleUpgrade(req, socket, head).catch(() => socket.destroy());
    },
    close(): void {
      for (const t of tunnels.values()) t.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
