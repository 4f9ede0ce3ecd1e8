// The web app's server: Next.js for pages, and the one origin the browser talks to. /trpc (HTTP
// and the websocket upgrade) and /api are forwarded to the BFF, so cookies stay first-party, no
// CORS is needed, and the BFF can stay on loopback.
//   VIRTDECK_WEB_HOST (127.0.0.1), VIRTDECK_WEB_PORT (3000), VIRTDECK_BFF_URL (http://127.0.0.1:4000)
import http from 'node:http';
import net from 'node:net';
import next from 'next';

const host = process.env.VIRTDECK_WEB_HOST ?? '127.0.0.1';
const port = Number(process.env.VIRTDECK_WEB_PORT ?? 3000);
const bff = new URL(process.env.VIRTDECK_BFF_URL ?? 'http://127.0.0.1:4000');
const dev = process.argv.includes('--dev');

const forwarded = (path) => path === '/trpc' || path.startsWith('/trpc/') || path.startsWith('/api/') || path === '/console';
// Hop-by-hop headers are not forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function forwardHeaders(req) {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers.host = bff.host;
  return headers;
}

function proxyHttp(req, res) {
  const upstream = http.request(
    { host: bff.hostname, port: bff.port, method: req.method, path: req.url, headers: forwardHeaders(req) },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'The Virtdeck backend (BFF) is not reachable', data: { code: 'BAD_GATEWAY', httpStatus: 502 } } }));
  });
  req.pipe(upstream);
}

function proxyUpgrade(req, socket, head) {
  const upstream = net.connect(Number(bff.port), bff.hostname, () => {
    const headers = { ...forwardHeaders(req), connection: 'Upgrade', upgrade: req.headers.upgrade ?? 'websocket' };
    const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]))];
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

const app = next({ dev, dir: import.meta.dirname, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const upgradeNext = app.getUpgradeHandler?.();

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (forwarded(path)) return proxyHttp(req, res);
  return handle(req, res);
});
server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '/').split('?')[0];
  if (forwarded(path)) return proxyUpgrade(req, socket, head);
  if (upgradeNext) return upgradeNext(req, socket, head);
  socket.destroy();
});
server.listen(port, host, () => console.log(`[web] http://${host}:${port} (BFF ${bff.origin})`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
