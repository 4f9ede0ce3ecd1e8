// Entry point. Production: `pnpm --filter @virtdeck/bff build`, then `start` runs dist/main.js
// (build.mjs); `dev` runs this file with tsx watch.
// `start` runs node with --optimize-for-size and --v8-pool-size=1. --optimize-for-size: under the
// load bench (200 subscribers, 500 requests a second) V8 otherwise lets the heap grow to several
// times what is live between full collections and the young generation to 2 x 16 MiB: RSS climbed from ~125 to 160-199 MiB in 20 s with under
// 50 MiB live (heap snapshots a load run apart show no leak). Same 20 s runs, three rounds each, on
// the shared 2-core machine with other work running (2026-12-02), RSS at the end:
//   default 160-199 MiB; --max-semi-space-size=4 --heap-growing-percent=50 144-150 MiB;
//   --optimize-for-size 125-135 MiB.
// The price is CPU: in CPU profiles of 25 s runs at ~310-370 req/s, garbage collection took 17% of
// the BFF's busy time with --optimize-for-size against 6% without (1.49 against 1.23 ms of CPU per
// request; default RSS rose to 259 MiB there). --heap-growing-percent=100, with or without
// --max-semi-space-size=8, still ended at 191-210 MiB. If p99 under load matters more than RSS on
// a machine, drop the flag.
// --v8-pool-size=1: one V8 worker thread (for concurrent marking and sweeping) instead of Node's
// four, which on a 2-core machine only wait for each other: RSS at the end of the same load run
// 128-130 MiB against 139-140 MiB with four (three rounds each, 2026-12-02), with no higher CPU per
// request or p99 measurable on the busy machine.
//
// With VIRTDECK_WEB_DIR set, this process also serves the web (its static export) on
// VIRTDECK_WEB_HOST:VIRTDECK_WEB_PORT, with HTTPS as planned there (web/web-config.ts): one
// Node process runs everything Virtdeck runs server-side.
import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { planWebFront, startWebFront, type PlannedFront } from './web/start-front.js';
import { StartRefused } from './web/web-config.js';

const config = loadConfig();
let planned: PlannedFront | null = null;
try {
  planned = planWebFront(process.env);
} catch (e) {
  if (!(e instanceof StartRefused)) throw e;
  console.error(`[web] ${e.message}`);
  process.exit(1);
}
const server = await startServer(config);
console.log(`[bff] listening on ${server.url} (libvirt: ${config.VIRTDECK_LIBVIRT_URI})`);
const front = planned ? await startWebFront(planned, server.handlers) : null;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Consoles' websockets get a moment to close; then the process ends whatever is left.
    setTimeout(() => process.exit(0), 5000).unref();
    void Promise.all([front?.close(), server.close()]).finally(() => process.exit(0));
  });
}
