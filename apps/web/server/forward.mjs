// @ts-check
// Forwarding to the BFF: /trpc (HTTP and the websocket upgrade), /api, /console and /metrics
// (Prometheus, with an API token in Authorization, passed through as sent). The BFF stays
// on loopback. X-Forwarded-For gets the address this hop saw appended, as every proxy does: the
// BFF reads it from the right and believes only the hops in VIRTDECK_TRUSTED_PROXIES, so what a
// client wrote further left proves nothing. Scheme and host are this hop's own: the client's
// X-Forwarded-Proto/Host and Forwarded are dropped. /trpc bodies are capped here; /api carries
// volume uploads, which stream through unlimited because the BFF checks them against the pool.
import http from 'node:http';
import net from 'node:net';
import { FORWARDED_POLICY, commonHeaders } from './security-headers.mjs';

/**
 * The BFF's own cap (apps/bff/src/net/limits.ts, maxBodyBytes), so this hop refuses exactly what the
 * BFF would, before forwarding a byte: larger than any form or XML the app sends.
 */
export const TRPC_BODY_LIMIT = 1 << 20;

/** @param {string} path */
export const isForwarded = (path) =>
  path === '/trpc' || path.startsWith('/trpc/') || path.startsWith('/api/') || path === '/console' || path === '/metrics';
/** @param {string} path */
export const isTrpc = (path) => path === '/trpc' || path.startsWith('/trpc/');

// Hop-by-hop headers are not forwarded; neither are claims about the scheme or host.
const DROPPED = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer',
  'forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-real-ip',
]);

/**
 * @param {{ bff: URL, https: boolean, trpcBodyLimit?: number }} opts
 */
export function createForwarder({ bff, https, trpcBodyLimit = TRPC_BODY_LIMIT }) {
  const scheme = https ? 'https' : 'http';

  /** @param {http.IncomingMessage} req */
  function forwardHeaders(req) {
    /** @type {http.OutgoingHttpHeaders} */
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!DROPPED.has(k)) headers[k] = v;
    const before = [req.headers['x-forwarded-for'] ?? []].flat().join(', ');
    const peer = req.socket.remoteAddress ?? 'unknown';
    headers['x-forwarded-for'] = before ? `${before}, ${peer}` : peer;
    headers['x-forwarded-proto'] = scheme;
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    headers.host = bff.host;
    return headers;
  }

  /** Over HTTPS every cookie the BFF sets is marked Secure, whatever the BFF was told. */
  /** @param {http.IncomingHttpHeaders} upstream */
  function responseHeaders(upstream) {
    const headers = { ...upstream, ...commonHeaders({ https }) };
    if (!upstream['content-security-policy']) headers['content-security-policy'] = FORWARDED_POLICY;
    if (https && upstream['set-cookie']) {
      headers['set-cookie'] = upstream['set-cookie'].map((c) => (/;\s*secure\s*(;|$)/i.test(c) ? c : `${c}; Secure`));
    }
    return headers;
  }

  /**
   * @param {http.ServerResponse} res
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {http.IncomingMessage} [closing] a request whose remaining body is not read: its connection ends
   */
  function fail(res, status, code, message, closing) {
    if (res.headersSent) return void res.destroy();
    res.writeHead(status, { 'content-type': 'application/json', ...commonHeaders({ https }), ...(closing ? { connection: 'close' } : {}) });
    res.end(JSON.stringify({ error: { message, data: { code, httpStatus: status } } }), () => closing?.destroy());
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  function forwardHttp(req, res) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const limit = isTrpc(path) ? trpcBodyLimit : Infinity;
    const tooLarge = () => fail(res, 413, 'PAYLOAD_TOO_LARGE', `A request to ${path} is limited to ${limit} bytes`, req);
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();

    const upstream = http.request(
      { host: bff.hostname, port: bff.port, method: req.method, path: req.url, headers: forwardHeaders(req) },
      (up) => {
        // Already answered here (body too large or too slow): the BFF's answer has nowhere to go.
        if (res.headersSent) return void up.destroy();
        res.writeHead(up.statusCode ?? 502, responseHeaders(up.headers));
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.writableEnded) fail(res, 502, 'BAD_GATEWAY', 'The Virtdeck backend (BFF) is not reachable');
    });
    // A chunked body has no length to check up front: count it as it passes.
    if (limit !== Infinity) {
      let seen = 0;
      req.on('data', (chunk) => {
        seen += chunk.length;
        if (seen <= limit || upstream.destroyed) return;
        req.unpipe(upstream);
        upstream.destroy();
        tooLarge();
      });
    }
    // The body was cut short (the client left, or was cut off for being slow): so is the call.
    req.on('close', () => {
      if (!req.complete) upstream.destroy();
    });
    // The browser went away mid-answer (a download cancelled): stop the BFF's side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function forwardUpgrade(req, socket, head) {
    const upstream = net.connect(Number(bff.port), bff.hostname, () => {
      const headers = { ...forwardHeaders(req), connection: 'Upgrade', upgrade: req.headers.upgrade ?? 'websocket' };
      const lines = [
        `${req.method} ${req.url} HTTP/1.1`,
        ...Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`])),
      ];
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  }

  return { forwardHttp, forwardUpgrade };
}
