// Entry point. Production: `pnpm --filter @virtdeck/bff build`, then `start` runs dist/main.js
// (build.mjs); `dev` runs this file with tsx watch.
import { loadConfig } from './config.js';
import { startServer } from './server.js';

const config = loadConfig();
const server = await startServer(config);
console.log(`[bff] listening on ${server.url} (libvirt: ${config.VIRTDECK_LIBVIRT_URI})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
