// Bundles the CLI into lib/ with esbuild: one file per lazily loaded stage (EPUB, PDF,
// booklet), so a run parses a few files instead of resolving hundreds of modules; this
// halves start-up. lib/index.js is the library entry (build() and check() for programs
// and tests that build in-process); it shares the CLI's chunks. Type-checking is tsc's job (`make typecheck`), not this script's.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { pamphlet: 'src/cli.ts', index: 'src/index.ts' },
  outdir: 'lib',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Puppeteer loads its own pieces at run time; it stays an ordinary dependency.
  // css-tree reads its JSON data with a runtime require() that a bundle cannot follow.
  // resvg-js loads its native addon (a per-platform npm package) at run time.
  external: ['puppeteer-core', 'css-tree', '@resvg/resvg-js'],
  mainFields: ['module', 'main'],
  // CommonJS dependencies (citeproc, pdf-lib) call require(); ESM output needs one made.
  banner: { js: "import { createRequire as __pamphletRequire } from 'node:module'; const require = __pamphletRequire(import.meta.url);" },
  logLevel: 'warning',
});
