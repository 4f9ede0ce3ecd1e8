// What the web front tests stand on: a small static export of the web's shape written to a temp
// folder (pages with inline and external scripts, a dynamic route's placeholder and its payloads, a
// 404 page), the front serving it in front of a real BFF's own handlers, and requests over plain or
// TLS sockets that trust only the certificate under test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { createWebFront, type WebFrontOptions } from '../src/web/front.js';
import { loadSite } from '../src/web/static-site.js';
import type { TestBff } from './harness.js';

export const CHUNK = 'globalThis.chunkRan = true;'.repeat(40);
const page = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title><script src="/_next/static/chunks/app.js" async=""></script>` +
  `<script>document.documentElement.dataset.theme='x'</script></head><body><h1>${title}</h1>` +
  `<script>self.__next_f=[${JSON.stringify(title)}]</script></body></html>`;

/** A folder shaped like apps/web's export; removed by the answer's `remove`. */
export function writeExport(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'vdtest-web-export-'));
  const files: Record<string, string> = {
    'index.html': page('Hosts'),
    'index.txt': 'root payload',
    '404.html': page('Not found'),
    'vms.html': page('Virtual machines'),
    'vms/_/_.html': page('Virtual machine'),
    'vms/_/_.txt': 'vm payload',
    'vms/_/_/__next._tree.txt': 'vm tree',
    '_next/static/chunks/app.js': CHUNK,
    '_next/static/media/font.woff2': 'wOF2 not really',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type FrontOptions = Omit<WebFrontOptions, 'site' | 'bff'>;

/** The front on an ephemeral loopback port, serving `dir` in front of `bff`'s handlers. */
export async function startFront(bff: TestBff, dir: string, opts: FrontOptions = {}) {
  const server = createWebFront({ ...opts, site: loadSite(dir), bff: bff.server.handlers });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One request; over https it trusts `ca` alone, so a certificate that does not fit fails it. */
export function request(
  url: string,
  opts: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string; ca?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const req = send(target, { method: opts.method ?? 'GET', headers: opts.headers, ca: opts.ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString() });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A raw connection: writes `data`, then answers everything the server sent until it closed. */
export function rawExchange(port: number, data: string, secure?: { ca: Buffer }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = secure ? tls.connect({ port, host: '127.0.0.1', ca: secure.ca, servername: 'localhost' }) : net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on(secure ? 'secureConnect' : 'connect', () => socket.write(data));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}
