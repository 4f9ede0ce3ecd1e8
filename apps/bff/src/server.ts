// The standalone BFF: tRPC over HTTP for queries and mutations, and a websocket server on the
// same port for subscriptions (and, later, console streams).
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { HostConnections } from './libvirt/host-connections.js';
import { appRouter } from './router.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const hosts = new HostConnections(config.VIRTDECK_LIBVIRT_URI);
  const createContext = (): Context => ({ hosts });
  const server = createHTTPServer({ router: appRouter, createContext, basePath: '/trpc/' });
  const wss = new WebSocketServer({ server, path: '/trpc' });
  const wsHandler = applyWSSHandler({ wss, router: appRouter, createContext });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.VIRTDECK_BFF_PORT, config.VIRTDECK_BFF_HOST, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${config.VIRTDECK_BFF_HOST}:${port}`,
    async close() {
      wsHandler.broadcastReconnectNotification();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hosts.closeAll();
    },
  };
}
