// A real BFF on an ephemeral port, with its own SQLite file and the machine's real libvirtd as
// its first host, and tRPC clients that sign in the way the browser does (cookie + CSRF header).
import { createTRPCClient, createWSClient, httpLink, TRPCClientError, wsLink, type TRPCClient } from '@trpc/client';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { AppRouter } from '../src/router.js';
import { startServer, type RunningServer } from '../src/server.js';
import { qemuUri, stateDir } from '@virtdeck/test-kit/daemon';

export const ADMIN_PASSWORD = 'test-admin-password-1';
export const ORIGIN = 'http://127.0.0.1:3999';

export interface TestBff {
  server: RunningServer;
  url: string;
  /** The id of the first host (the real daemon). */
  hostId: string;
  /** VIRTDECK_HOST_KEY_DIR: host URIs may name key and known_hosts files only in here. */
  keyDir: string;
  client(session?: SessionCookie | null): TRPCClient<AppRouter>;
  signIn(username: string, password: string): Promise<SessionCookie>;
  close(): Promise<void>;
}

export interface SessionCookie {
  cookie: string;
  csrfToken: string | null;
}

/** Signs in the way the browser does; answers the session cookie and the CSRF token. */
export async function signInAt(url: string, username: string, password: string): Promise<SessionCookie> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { result: { data: { csrfToken: string } } };
  return { cookie, csrfToken: body.result.data.csrfToken };
}

export async function startTestBff(env: Record<string, string> = {}): Promise<TestBff> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vdtest-bff-'));
  const keyDir = path.join(dataDir, 'keys');
  mkdirSync(keyDir);
  const config = loadConfig({
    // Test-driver node files come from the sandbox's folder (its 1,000-guest node and the tests' own).
    VIRTDECK_TEST_NODE_DIR: stateDir,
    VIRTDECK_HOST_KEY_DIR: keyDir,
    VIRTDECK_BFF_PORT: '0',
    VIRTDECK_DATA_DIR: dataDir,
    VIRTDECK_LIBVIRT_URI: qemuUri(),
    VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    VIRTDECK_WEB_ORIGIN: ORIGIN,
    ...env,
  });
  const server = await startServer(config, () => {});
  const hostId = server.services.hosts.targets()[0]!.id;

  const client = (session: SessionCookie | null = null) =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          headers: () => ({
            ...(session && { cookie: session.cookie }),
            ...(session?.csrfToken && { 'x-csrf-token': session.csrfToken }),
          }),
        }),
      ],
    });

  return {
    server,
    url: server.url,
    hostId,
    keyDir,
    client,
    signIn: (username, password) => signInAt(server.url, username, password),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A websocket tRPC client that sends the browser's cookie and Origin on the upgrade. */
export function wsClientFor(bff: TestBff, session: SessionCookie | null, origin = ORIGIN) {
  const headers = { origin, ...(session && { cookie: session.cookie }) };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers });
    }
  }
  const wsClient = createWSClient({
    url: `${bff.url.replace('http', 'ws')}/trpc`,
    WebSocket: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 200,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { client, close: () => wsClient.close() };
}

/** What the BFF's error formatter puts beside a failed call (src/trpc.ts). */
export interface ErrorData {
  code: string;
  httpStatus: number;
  zodError: { fieldErrors: Record<string, string[]> } | null;
  dependants: { volumes: { pool: string; name: string; path: string }[]; domains: { domain: string; disk: string; depth: number }[] } | null;
}

/** Awaits a call that must fail; answers its message, code, bad fields and error data. */
export async function failureOf(p: Promise<unknown>): Promise<{ message: string; code: string; fields: Record<string, string[]>; data: ErrorData }> {
  const err = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  const e = err as TRPCClientError<AppRouter>;
  const data = e.data as unknown as ErrorData;
  return { message: e.message, code: data.code, fields: data.zodError?.fieldErrors ?? {}, data };
}
