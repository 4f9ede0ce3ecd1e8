import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/vitest/reporters.mjs';

// Two projects: pure unit tests run in parallel; integration tests share the one real
// libvirtd of the machine, so they run one file at a time.
export default defineConfig({
  test: {
    reporters: reporters('libvirt-client'),
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
