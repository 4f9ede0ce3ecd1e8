import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/vitest/reporters.mjs';

// BFF tests run against the machine's one real libvirtd: one file at a time.
export default defineConfig({
  test: {
    reporters: reporters('bff'),
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
