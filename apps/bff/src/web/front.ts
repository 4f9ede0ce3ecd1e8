// The one origin the browser talks to, in the BFF's own process: the web's static export
// (static-site.ts) with its security headers and each page's hash-based CSP, and /trpc (HTTP and
// the websocket upgrade), /api, /console and /metrics handed IN PROCESS to the BFF's own handlers,
// the same ones its loopback API port runs. HTTPS when given a certificate, with plain HTTP on the
// same port redirected (scheme-switch.ts). Slow clients are cut off: headers must arrive within a
// limit, and a body too, except for /api where volume uploads stream for as long as they move
// (the BFF's own limits apply to what it is handed, as on its API port).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { resolvePath } from './path-map.js';
import { redirectPlainHttp } from './scheme-switch.js';
import { FORWARDED_POLICY, commonHeaders, pagePolicy } from './security-headers.js';
import type { SiteFile, StaticSite } from './static-site.js';

export interface BffHandlers {
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface WebFrontOptions {
  site: StaticSite;
  bff: BffHandlers;
  tls?: { cert: Buffer; key: Buffer } | null;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

export const HEADERS_TIMEOUT_MS = 20_000;
export const BODY_TIMEOUT_MS = 60_000;

/** What the BFF answers itself; everything else is a file of the export. */
export const isBffPath = (path: string) =>
  path === '/trpc' || path.startsWith('/trpc/') || path.startsWith('/api/') || path === '/console' || path === '/metrics';

export function createWebFront(opts: WebFrontOptions): http.Server | https.Server {
  const secure = Boolean(opts.tls);
  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const bodyTimeout = opts.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const common = commonHeaders({ https: secure });
  const notFound = opts.site.files.get('404.html') ?? null;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/api/')) limitBodyTime(req, res, bodyTimeout);
    for (const [k, v] of Object.entries(common)) res.setHeader(k, v);
    if (isBffPath(path)) {
      // The BFF's answers (JSON, volume downloads): nothing in them may run or be framed.
      res.setHeader('Content-Security-Policy', FORWARDED_POLICY);
      if (secure) markCookiesSecure(res);
      return opts.bff.request(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return void res.end('Method not allowed\n');
    }
    const key = resolvePath(path, (k) => opts.site.files.has(k), req.headers.rsc === '1');
    const file = key === null ? null : (opts.site.files.get(key) ?? null);
    if (!file) {
      if (!notFound) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end('Not found\n');
      }
      return sendFile(req, res, notFound, { status: 404, cache: 'no-cache', host: req.headers.host, https: secure });
    }
    const immutable = key?.startsWith('_next/static/') ?? false;
    sendFile(req, res, file, { status: 200, cache: immutable ? 'public, max-age=31536000, immutable' : 'no-cache', host: req.headers.host, https: secure });
  };

  // requestTimeout 0: Node's own limit would also end long uploads; limitBodyTime does it per path.
  // connectionsCheckingInterval: how often Node looks for connections past headersTimeout.
  const serverOptions = { headersTimeout, requestTimeout: 0, connectionsCheckingInterval: Math.min(1000, headersTimeout) };
  const server = opts.tls
    ? https.createServer({ ...serverOptions, cert: opts.tls.cert, key: opts.tls.key }, onRequest)
    : http.createServer(serverOptions, onRequest);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (isBffPath(path)) return opts.bff.upgrade(req, socket, head);
    socket.destroy();
  });
  // Over TLS the port also answers plain HTTP, with a redirect to https.
  if (server instanceof https.Server) redirectPlainHttp(server, { headersTimeoutMs: headersTimeout });
  return server;
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: SiteFile,
  { status, cache, host, https }: { status: number; cache: string; host: string | undefined; https: boolean },
): void {
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', cache);
  res.setHeader('ETag', file.etag);
  res.setHeader(
    'Content-Security-Policy',
    file.scriptHashes ? pagePolicy({ scriptHashes: file.scriptHashes, host, https }) : FORWARDED_POLICY,
  );
  // A page's URL answers its HTML, or its payload to Next's router (the RSC header).
  const immutable = cache.includes('immutable');
  if (!immutable) res.setHeader('Vary', 'RSC, Accept-Encoding');
  else if (file.gzipped) res.setHeader('Vary', 'Accept-Encoding');
  if (status === 200 && req.headers['if-none-match'] === file.etag) {
    res.writeHead(304);
    return void res.end();
  }
  const takesGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  let body = file.body;
  if (file.gzipped && takesGzip) res.setHeader('Content-Encoding', 'gzip');
  else if (file.gzipped) body = gunzipSync(file.body);
  res.writeHead(status, { 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Over HTTPS every cookie the BFF sets is marked Secure, whatever the BFF was told. */
function markCookiesSecure(res: ServerResponse): void {
  const secureCookie = (c: string) => (/;\s*secure\s*(;|$)/i.test(c) ? c : `${c}; Secure`);
  const fix = (name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() !== 'set-cookie' ? value : typeof value === 'number' ? value : typeof value === 'string' ? secureCookie(value) : value.map(secureCookie);
  const setHeader = res.setHeader.bind(res);
  const appendHeader = res.appendHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, fix(name, value));
  res.appendHeader = (name, value) => appendHeader(name, fix(name, value) as string | readonly string[]);
}

/** Ends a request whose body has not fully arrived within `ms` (408, connection closed). */
function limitBodyTime(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (req.complete) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (!res.headersSent) {
      res.writeHead(408, { 'content-type': 'text/plain', connection: 'close' });
      res.end('Request body took too long\n', () => req.destroy());
    } else req.destroy();
  }, ms);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}
