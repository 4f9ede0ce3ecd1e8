// `pnpm bench` in e2e: the browser-side benchmarks, against the same servers as the tests.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  reporter: [['list']],
  timeout: 180_000,
});
