// @ts-check
// The one origin the browser talks to: pages from Next.js with their security headers and a
// fresh CSP nonce each, everything under /trpc, /api and /console forwarded to the BFF. HTTPS
// when given a certificate. Slow clients are cut off: headers must arrive within a limit, and a
// request body too, except for /api where volume uploads stream for as long as they move. Over
// TLS, a plain-HTTP request on the same port is redirected to https (server/scheme-switch.mjs).
import http from 'node:http';
import https from 'node:https';
import { createForwarder, isForwarded } from './forward.mjs';
import { redirectPlainHttp } from './scheme-switch.mjs';
import { commonHeaders, newNonce, pagePolicy } from './security-headers.mjs';

/**
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} PageHandler
 * @typedef {(req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => unknown} UpgradeHandler
 * @typedef {{
 *   pages: PageHandler,
 *   upgradePages?: UpgradeHandler,
 *   bff: URL,
 *   tls?: { cert: Buffer, key: Buffer } | null,
 *   dev?: boolean,
 *   trpcBodyLimit?: number,
 *   headersTimeoutMs?: number,
 *   bodyTimeoutMs?: number,
 * }} WebServerOptions
 */

export const HEADERS_TIMEOUT_MS = 20_000;
export const BODY_TIMEOUT_MS = 60_000;

/** @param {WebServerOptions} opts */
export function createWebServer(opts) {
  const secure = Boolean(opts.tls);
  const dev = opts.dev ?? false;
  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const bodyTimeout = opts.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const forwarder = createForwarder({ bff: opts.bff, https: secure, trpcBodyLimit: opts.trpcBodyLimit });

  /** @type {http.RequestListener} */
  const onRequest = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/api/')) limitBodyTime(req, res, bodyTimeout);
    if (isForwarded(path)) return forwarder.forwardHttp(req, res);

    // Next.js reads the nonce from the request's CSP header and puts it on its scripts; the
    // layout reads x-nonce for the theme script. Both are ours: what the client sent is replaced.
    const nonce = newNonce();
    const policy = pagePolicy({ nonce, host: req.headers.host, https: secure, dev });
    req.headers['x-nonce'] = nonce;
    req.headers['content-security-policy'] = policy;
    delete req.headers['content-security-policy-report-only'];
    for (const [k, v] of Object.entries(commonHeaders({ https: secure }))) res.setHeader(k, v);
    res.setHeader('Content-Security-Policy', policy);
    Promise.resolve(opts.pages(req, res)).catch((e) => {
      console.error('[web] a page failed:', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  };

  // requestTimeout 0: Node's own limit would also end long uploads; limitBodyTime does it per path.
  // connectionsCheckingInterval: how often Node looks for connections past headersTimeout.
  const serverOptions = { headersTimeout, requestTimeout: 0, connectionsCheckingInterval: Math.min(1000, headersTimeout) };
  const server = opts.tls
    ? https.createServer({ ...serverOptions, cert: opts.tls.cert, key: opts.tls.key }, onRequest)
    : http.createServer(serverOptions, onRequest);

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (isForwarded(path)) return forwarder.forwardUpgrade(req, socket, head);
    if (opts.upgradePages) return opts.upgradePages(req, socket, head);
    socket.destroy();
  });
  // Over TLS the port also answers plain HTTP, with a redirect to https.
  if (server instanceof https.Server) redirectPlainHttp(server, { headersTimeoutMs: headersTimeout });
  return server;
}

/**
 * Ends a request whose body has not fully arrived within `ms` (408, connection closed).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} ms
 */
function limitBodyTime(req, res, ms) {
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
