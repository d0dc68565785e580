// Bundles the CLI into lib/ with esbuild: one file per lazily loaded stage (EPUB, PDF,
// booklet), so a run parses a few files instead of resolving hundreds of modules; this
// halves start-up. lib/index.js is the library entry (build() and check() for programs
// and tests that build in-process); it shares the CLI's chunks. Type-checking is tsc's job (`make typecheck`), not this script's.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker thread of a build: the EPUB's cover (src/render/epub/cover-thread.ts).
  entryPoints: {
    pamphlet: 'src/cli.ts',
    index: 'src/index.ts',
    'make-tables': 'src/make-tables.ts',
    'cover-worker': 'src/render/epub/cover-worker.ts',
  },
  outdir: 'lib',
  ...BUNDLE_OPTIONS,
});
// The bundled faces' cmaps and our stylesheets' url()s, worked out once here so that a
// build needs no font engine and no CSS parse for them (src/make-tables.ts).
const { makeTables } = await import(`${root}/lib/make-tables.js`);
makeTables();
