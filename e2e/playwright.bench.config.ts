// `pnpm bench` in e2e: the browser-side benchmarks, against the same servers as the tests.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  reporter: [['list']],
  timeout: 180_000,
  // A benchmark measures the product, not Playwright: no trace or screenshot recording while the
  // figures are taken (the tests' retain-on-failure trace snapshots the DOM at every step, which
  // added 5-10 ms to the figures measured inside the page).
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
