import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/compile.ts', 'tests/setup/temp-root.ts'],
    // Real Chromium renders in several files; two cores do not gain from more workers.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
