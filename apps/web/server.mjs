// The web app's server: Next.js for pages, and the one origin the browser talks to. /trpc (HTTP
// and the websocket upgrade), /api and /console are forwarded to the BFF, so cookies stay
// first-party, no CORS is needed, and the BFF can stay on loopback. HTTPS with the admin's
// certificate or a self-signed one; plain HTTP only on loopback (server/config.mjs).
//   VIRTDECK_WEB_HOST (127.0.0.1), VIRTDECK_WEB_PORT (3000), VIRTDECK_BFF_URL (http://127.0.0.1:4000),
//   VIRTDECK_TLS (auto | self-signed | off), VIRTDECK_TLS_CERT, VIRTDECK_TLS_KEY, VIRTDECK_DATA_DIR
//
// How lean (issue 17): server RSS from /proc with the 1,000-VM list open in Chromium, measured on
// the 2-core machine on 2026-12-02 beside the compiled BFF (apps/bff/build.mjs), other work running:
//   this server as it was                                      web 156 MiB + BFF 134 = 289 MiB
//   `node --optimize-for-size` (package.json start), both      web 124 MiB + BFF 109 = 233 MiB
//   --max-semi-space-size=1 --max-old-space-size=64 instead    web 122 MiB: no better, and a hard cap
//   a static export behind this same server code (HTTPS,      54 MiB after every chunk and 200 pages
//     headers, forwarding), as a process of its own            (a bare node http server: 42 MiB)
//   the static export served from the BFF's own process        about +7 MiB on the BFF: ~120-140 MiB
// Next's floor here is ~110 MiB idle, so two processes cannot get under the 150 MiB goal; only the
// export served by the BFF process can. Every page already renders in the browser (SessionGate),
// but the export needs the three dynamic routes (/vms, /console: [hostId]/[uuid]; /storage:
// [hostId]/[pool]) read from the URL in the browser behind one prerendered placeholder each, and
// the layout's per-request nonce replaced by hashes of each exported page's inline scripts. Until
// that lands with the whole e2e suite passing, this server runs, tuned.
import next from 'next';
import { StartRefused, listenPlan, loadConfig } from './server/config.mjs';
import { loadTls } from './server/tls.mjs';
import { createWebServer } from './server/web-server.mjs';

const dev = process.argv.includes('--dev');

let plan;
let tls = null;
try {
  plan = listenPlan(loadConfig(process.env));
  if (plan.tls) tls = loadTls(plan.tls, plan.host);
} catch (e) {
  if (!(e instanceof StartRefused)) throw e;
  console.error(`[web] ${e.message}`);
  process.exit(1);
}

const app = next({ dev, dir: import.meta.dirname, hostname: plan.host, port: plan.port });
await app.prepare();
const server = createWebServer({ pages: app.getRequestHandler(), upgradePages: app.getUpgradeHandler?.(), bff: plan.bff, tls, dev });

server.listen(plan.port, plan.host, () => {
  const { port } = server.address();
  const host = plan.host.includes(':') ? `[${plan.host}]` : plan.host;
  console.log(`[web] ${tls ? 'https' : 'http'}://${host}:${port} (BFF ${plan.bff.origin})`);
  if (tls) {
    const made = tls.generated ? 'made a self-signed certificate' : 'certificate';
    console.log(`[web] ${made} ${tls.certFile}, SHA-256 ${tls.fingerprint}, for ${tls.names.join(', ')}`);
  }
});
// Stop: no new connections, the open ones ended; consoles' websockets get a moment to close.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
