import { defineConfig } from 'vitest/config';

// The in-process tests that exercise the mutated folders (stryker.config.json). Tests
// that drive the CLI or Chromium are left out: Stryker switches mutants inside this
// process, and a child process running the bundle in lib/ would never see them.
export default defineConfig({
  test: {
    include: ['tests/mutation/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
