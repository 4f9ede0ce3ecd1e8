import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/vitest/reporters.mjs';

export default defineConfig({ test: { reporters: reporters('contract'), include: ['src/**/*.test.ts'] } });
