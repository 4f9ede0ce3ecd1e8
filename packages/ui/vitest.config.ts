import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/vitest/reporters';

export default defineConfig({ test: { reporters: reporters('ui'), include: ['src/**/*.test.ts'] } });
