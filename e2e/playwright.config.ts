import { defineConfig } from '@playwright/test';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, qemuUri, stateDir } from './tests/daemon';
import { WEB_DIR } from './tests/web-export';

// Ports of their own, so the tests can run beside a `pnpm dev` dashboard.
const BFF_PORT = Number(process.env.VIRTDECK_E2E_BFF_PORT ?? 4100);
const WEB_PORT = Number(process.env.VIRTDECK_E2E_WEB_PORT ?? 3100);
// A fresh database for every run: the first start creates the admin with a known password.
const DATA_DIR = path.resolve(`test-results/bff-data-${WEB_PORT}`);
rmSync(DATA_DIR, { recursive: true, force: true });

export default defineConfig({
  testDir: './tests',
  // One real libvirtd is shared by every test: run them one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.VIRTDECK_E2E_JSON ?? 'test-results/results.json' }]],
  outputDir: `test-results/artifacts-${WEB_PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // One server process, as in production: the compiled BFF (apps/bff/build.mjs, about a second,
  // built from the tree as it is now, run with plain node), which also serves the web's static
  // export on the web port (apps/bff/src/web/). The export is built beforehand
  // (`pnpm --filter @virtdeck/web build`, into apps/web/$VIRTDECK_NEXT_DIST_DIR, default .next-export).
  webServer: {
    command: 'pnpm --filter @virtdeck/bff build && pnpm --filter @virtdeck/bff start',
    url: `http://127.0.0.1:${WEB_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      VIRTDECK_BFF_PORT: String(BFF_PORT),
      VIRTDECK_WEB_PORT: String(WEB_PORT),
      VIRTDECK_WEB_DIR: WEB_DIR,
      VIRTDECK_LIBVIRT_URI: qemuUri(),
      VIRTDECK_WEB_ORIGIN: `http://127.0.0.1:${WEB_PORT}`,
      VIRTDECK_DATA_DIR: DATA_DIR,
      VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // The 1,000-guest test-driver node file lives in the sandbox's folder.
      VIRTDECK_TEST_NODE_DIR: stateDir,
    },
  },
});
