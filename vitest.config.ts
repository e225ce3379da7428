// One vitest run for the whole house: tests spawn real processes and real Redis, so timeouts are generous
// and each test file runs in its own forked worker.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'load-tests/test/**/*.test.ts',
      'workshop/test/**/*.test.ts', 'test/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 15_000,
  },
});
