// A real BFF like the harness's, started with smaller limits (net/limits.ts) so the security
// tests reach them quickly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qemuUri } from '@virtdeck/test-kit/daemon';
import { loadConfig } from '../src/config.js';
import type { ServerLimits } from '../src/net/limits.js';
import { startServer, type RunningServer } from '../src/server.js';
import { ADMIN_PASSWORD, ORIGIN, signInAt, type SessionCookie } from './harness.js';

export interface LimitedBff {
  server: RunningServer;
  url: string;
  /** host:port, for raw sockets. */
  port: number;
  signIn(username: string, password: string): Promise<SessionCookie>;
  close(): Promise<void>;
}

export async function startLimitedBff(limits: Partial<ServerLimits>, env: Record<string, string> = {}): Promise<LimitedBff> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vdtest-bff-'));
  const config = loadConfig({
    VIRTDECK_BFF_PORT: '0',
    VIRTDECK_DATA_DIR: dataDir,
    VIRTDECK_LIBVIRT_URI: qemuUri(),
    VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    VIRTDECK_WEB_ORIGIN: ORIGIN,
    ...env,
  });
  const server = await startServer(config, () => {}, limits);
  return {
    server,
    url: server.url,
    port: server.port,
    signIn: (username, password) => signInAt(server.url, username, password),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
