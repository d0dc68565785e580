// For `make mutation` only (vitest.mutation.config.ts). Stryker runs every mutant in one
// vitest worker that is kept between runs (isolate: false), so the npm packages are
// imported once instead of once a mutant; the manuscript's own sources are evaluated
// afresh before each test file, so a mutant in module-level code takes effect and no
// cache of the code under test outlives a run.
import { vi } from 'vitest';

vi.resetModules();
