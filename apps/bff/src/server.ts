// The standalone BFF: tRPC over HTTP for queries and mutations, and a websocket server on the
// same port for subscriptions. Websockets are refused at the upgrade unless they come from the
// web app's origin and carry a valid session; they close when that session ends (SessionSockets).
// Every request is bounded (net/limits.ts): body size and arrival time, batch size, websocket
// message size, subscriptions per socket.
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { sessionCaller, sessionCookieOf } from './auth/caller.js';
import { allowedOrigins, type Config } from './config.js';
import { createConsoleGateway } from './console/gateway.js';
import { createRequestContext, createSocketContext, ipOf } from './context.js';
import { DEFAULT_LIMITS, type ServerLimits } from './net/limits.js';
import { requestLimits } from './net/request-limits.js';
import { createTrpcHttpHandler } from './net/trpc-http.js';
import { metricsEndpoint } from './prometheus/metrics-endpoint.js';
import { databaseUnavailable } from './replicas/database-errors.js';
import { appRouter } from './router.js';
import { startServices, type RunningServices } from './services.js';
import { volumeTransferMiddleware } from './transfer/volume-transfer.js';
import type { BffHandlers } from './web/front.js';

export interface RunningServer {
  url: string;
  port: number;
  services: RunningServices;
  /** What this port runs, for the web front to hand /trpc, /api, /console and /metrics to (web/front.ts). */
  handlers: BffHandlers;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
  /** Tests start servers with smaller limits. */
  limitOverrides: Partial<ServerLimits> = {},
): Promise<RunningServer> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...limitOverrides };
  const services = await startServices(config, log);
  const origins = allowedOrigins(config);

  // tRPC's standalone adapter, answering JSON in one write (net/trpc-http.ts).
  const handler = createTrpcHttpHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: limits.maxBodyBytes,
    maxBatchSize: limits.maxBatchSize,
    // --- plain HTTP endpoints beside tRPC (bytes never go through tRPC) -----------------------
    // Volume upload/download: /api/hosts/:hostId/volumes/{upload,download} (transfer/); GET
    // /metrics for Prometheus (prometheus/). Anything else falls through to tRPC, within the
    // request limits.
    middleware: requestLimits(limits, metricsEndpoint(services, { ipOf: (req) => ipOf(config, req) }, volumeTransferMiddleware(services))),
    // ------------------------------------------------------------------------------------------
    createContext: ({ req, res }) =>
      createRequestContext(services, req, 'http', (cookie) => res.appendHeader('Set-Cookie', cookie)).catch(databaseUnavailable),
  });
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // Volume uploads can take longer than any fixed limit for a whole request: they end a
      // transfer themselves after 120 s without bytes moving; tRPC bodies have bodyTimeoutMs.
      requestTimeout: 0,
      // How often Node looks for connections past headersTimeout (its default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(5_000, limits.headersTimeoutMs / 4)),
    },
    handler,
  );

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxPayloadBytes });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: ({ req, res }) => createSocketContext(services, req, res, limits).catch(databaseUnavailable),
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    experimental_encoder: batchCappedJson(limits.maxBatchSize),
  });

  const consoles = createConsoleGateway(services, { origins, maxPayloadBytes: limits.wsMaxPayloadBytes });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const refuse = (status: number, why: string) => {
        socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      const url = new URL(req.url ?? '/', 'http://bff');
      if (url.pathname === '/console') return consoles.handleUpgrade(req, socket, head);
      if (url.pathname !== '/trpc') return refuse(404, 'Not Found');
      if (!origins.has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
      // Subscriptions are a browser session's: an API token never opens this socket.
      if (!(await sessionCaller(services.db, sessionCookieOf(req)))) return refuse(401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    })().catch(() => socket.destroy());
  };
  server.on('upgrade', onUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.VIRTDECK_BFF_PORT, config.VIRTDECK_BFF_HOST, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${config.VIRTDECK_BFF_HOST}:${port}`,
    services,
    handlers: { request: (req, res) => void handler(req, res), upgrade: onUpgrade },
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

/** tRPC's JSON messages over websockets, refusing a batch of more than `max` calls. */
function batchCappedJson(max: number) {
  return {
    encode: (data: unknown) => JSON.stringify(data),
    decode(data: string | ArrayBuffer | Uint8Array): unknown {
      if (typeof data !== 'string') throw new Error('binary messages are not tRPC calls');
      const msg: unknown = JSON.parse(data);
      if (Array.isArray(msg) && msg.length > max) throw new Error(`at most ${max} calls in one message`);
      return msg;
    },
  };
}
