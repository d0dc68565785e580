import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tests/mutation/ too: the in-process tests `make mutation` runs against every mutant
    // (vitest.mutation.config.ts) write out what the CLI tests only sample, and the bugs they
    // found (the cover, the embedded faces) have no other test.
    include: ['tests/**/*.test.ts'],
    // The default report, then every failure in one line each at the very end (CI shows the tail).
    reporters: ['default', './tests/setup/failure-summary.ts'],
    // temp-root before the epubcheck server, whose socket lives in the run's temp folder.
    globalSetup: ['tests/setup/compile.ts', 'tests/setup/temp-root.ts', 'tests/setup/epubcheck-server.ts'],
    // Real Chromium renders in several files; two cores do not gain from more workers.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
