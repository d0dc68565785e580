// Bundles the CLI into lib/ with esbuild: one file per lazily loaded stage (EPUB, PDF,
// booklet), so a run parses a few files instead of resolving hundreds of modules; this
// halves start-up. lib/index.js is the library entry (build() and check() for programs
// and tests that build in-process); it shares the CLI's chunks. Type-checking is tsc's job (`make typecheck`), not this script's.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: root,
  metafile: true,
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
// Which sources each file of lib/ holds and which files it imports, as esbuild put them
// together: what tests/lazy-start.test.ts reads, since the minified files keep no comments.
const bundleMeta = Object.fromEntries(
  Object.entries(metafile.outputs).map(([file, output]) => [
    file.replace(/^lib\//, ''),
    { inputs: Object.keys(output.inputs), imports: output.imports.filter((i) => !i.external).map((i) => ({ file: i.path.replace(/^lib\//, ''), kind: i.kind })) },
  ]),
);
writeFileSync(`${root}/lib/bundle-meta.json`, `${JSON.stringify(bundleMeta, null, 1)}\n`);
// The bundled faces' cmaps and our stylesheets' url()s, worked out once here so that a
// build needs no font engine and no CSS parse for them, and citeproc-js's compiled code
// (src/make-tables.ts).
const { makeTables } = await import(`${root}/lib/make-tables.js`);
await makeTables();
