// What the web server tests stand on: a stand-in for the BFF that records what reached it, the
// web server itself on an ephemeral port (pages answered by a stub instead of a Next.js build),
// and requests over plain or TLS sockets that trust only the certificate under test.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { createWebServer } from '../server/web-server.mjs';

export interface SeenByBff {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
}

/** An HTTP server in the BFF's place: it reads each body, records it, and sets a session cookie. */
export async function startFakeBff() {
  const seen: SeenByBff[] = [];
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (c: Buffer) => (bodyBytes += c.length));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes });
      // What the BFF's auth.login answers when VIRTDECK_SECURE_COOKIES is off.
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['virtdeck_session=t0k3n; HttpOnly; SameSite=Strict; Path=/; Max-Age=60'] });
      res.end(JSON.stringify({ result: { data: { bodyBytes } } }));
    });
  });
  // A websocket upgrade is answered with 101 and the scheme the BFF was told, then echoed.
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0 });
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Seen-Proto: ${req.headers['x-forwarded-proto']}\r\n\r\n`);
    socket.pipe(socket);
  });
  await listen(server);
  return { seen, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), close: () => close(server) };
}

export type WebOptions = Omit<Parameters<typeof createWebServer>[0], 'pages' | 'bff'>;

/** The web server with a page stub that answers the nonce and policy it was handed. */
export async function startWeb(bff: URL, opts: WebOptions = {}) {
  const server = createWebServer({
    ...opts,
    bff,
    pages: (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ nonce: req.headers['x-nonce'], policy: req.headers['content-security-policy'] }));
    },
  });
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  return { port, origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`, close: () => close(server) };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
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
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
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

function listen(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
