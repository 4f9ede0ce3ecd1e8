// The standalone BFF: tRPC over HTTP for queries and mutations, and a websocket server on the
// same port for subscriptions. Websockets are refused at the upgrade unless they come from the
// web app's origin and carry a valid session.
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { parseCookies, resolveSession, SESSION_COOKIE } from './auth/sessions.js';
import { allowedOrigins, type Config } from './config.js';
import { createConsoleGateway } from './console/gateway.js';
import { createRequestContext } from './context.js';
import { appRouter } from './router.js';
import { startServices, type RunningServices } from './services.js';
import { volumeTransferMiddleware } from './transfer/volume-transfer.js';

export interface RunningServer {
  url: string;
  port: number;
  services: RunningServices;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const services = await startServices(config, log);
  const origins = allowedOrigins(config);

  const server = createHTTPServer({
    router: appRouter,
    basePath: '/trpc/',
    // --- plain HTTP endpoints beside tRPC (bytes never go through tRPC) -----------------------
    // Volume upload/download: /api/hosts/:hostId/volumes/{upload,download} (transfer/). Anything
    // else falls through to tRPC.
    middleware: volumeTransferMiddleware(services),
    // ------------------------------------------------------------------------------------------
    createContext: ({ req, res }) =>
      createRequestContext(services, req, 'http', (cookie) => res.appendHeader('Set-Cookie', cookie)),
  });

  const wss = new WebSocketServer({ noServer: true });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req }) => createRequestContext(services, req, 'ws', () => {}),
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });

  const consoles = createConsoleGateway(services, { origins });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    void (async () => {
      const refuse = (status: number, why: string) => {
        socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      const url = new URL(req.url ?? '/', 'http://bff');
      if (url.pathname === '/console') return consoles.handleUpgrade(req, socket, head);
      if (url.pathname !== '/trpc') return refuse(404, 'Not Found');
      if (!origins.has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
      const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (!token || !(await resolveSession(services.db, token))) return refuse(401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    })().catch(() => socket.destroy());
  });

  // Volume uploads can take longer than Node's default 5-minute limit for a request body; the
  // transfer endpoints end a transfer themselves after 120 s without bytes moving.
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.VIRTDECK_BFF_PORT, config.VIRTDECK_BFF_HOST, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${config.VIRTDECK_BFF_HOST}:${port}`,
    services,
    async close() {
      wsHandler.broadcastReconnectNotification();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      consoles.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
