import { defineConfig } from 'vitest/config';

/** End-to-end tier: Debian's Chromium driven by playwright-core against the built web twin. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
