// Bundles the CLI into lib/ with esbuild: one file per lazily loaded stage (EPUB, PDF,
// booklet), so a run parses a few files instead of resolving hundreds of modules; this
// halves start-up. lib/index.js is the library entry (build() and check() for programs
// and tests that build in-process); it shares the CLI's chunks. Type-checking is tsc's job (`make typecheck`), not this script's.
//
// The files of lib/ are CommonJS (`.cjs`), so that each can be compiled from the V8 code cache
// `make` writes (src/lib-loader.ts): Node 20 keeps none for an ES module. esbuild splits only
// ES modules, so the split files are then turned into CommonJS one by one, by esbuild too;
// the entries that Node, the tests and a program load (pamphlet.js, index.js, make-tables.js,
// cover-worker.js) stay small ES modules that load their `.cjs` through lib/lib-loader.cjs.
import { build, transform } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS, MINIFY } from './bundle-options.mjs';
import { constantExports, settledExports } from './settled-exports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/lib`, { recursive: true, force: true });
const ENTRIES = {
  pamphlet: 'src/cli.ts',
  index: 'src/index.ts',
  'make-tables': 'src/make-tables.ts',
  // The worker thread of a build: the EPUB's cover (src/render/epub/cover-thread.ts).
  'cover-worker': 'src/render/epub/cover-worker.ts',
};
const { metafile } = await build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: ENTRIES,
  outdir: 'lib',
  outExtension: { '.js': '.cjs' },
  ...BUNDLE_OPTIONS,
  // CommonJS has its own require; the ES modules' banner would declare a second one.
  banner: {},
});

// Each split file, ES module syntax in a `.cjs` for now, made CommonJS. esbuild's CommonJS
// sets up a file's exports (as getters, so bindings stay live) before it requires anything,
// which is what lets two files that import each other load.
const IMPORT_META_URL = '__pamphletImportMetaUrl';
for (const file of Object.keys(metafile.outputs)) {
  const esm = readFileSync(`${root}/${file}`, 'utf8');
  const made = await transform(esm, {
    format: 'cjs',
    loader: 'js',
    platform: 'node',
    target: 'node20',
    define: { 'import.meta.url': IMPORT_META_URL },
    // `import("node:path")` as a require too: a file compiled by vm.Script has no loader for
    // import() without Node's --experimental-vm-modules.
    supported: { 'dynamic-import': false },
    // Strict, as every ES module is: the code was written and tested for it.
    banner: `"use strict";var ${IMPORT_META_URL}=require("node:url").pathToFileURL(__filename).href;`,
    // The first pass showed the bundle's warnings; this one has only the conversion's to look for.
    logLevel: 'silent',
    ...MINIFY,
  });
  // An `import.meta` other than its url would be left empty in CommonJS: the build stops.
  const lost = made.warnings.filter((w) => w.id === 'empty-import-meta' || w.text.includes('import.meta'));
  if (lost.length > 0) throw new Error(`build: ${file} as CommonJS: ${lost.map((w) => w.text).join('; ')}`);
  writeFileSync(`${root}/${file}`, made.code + settledExports(constantExports(esm)));
}

// The loader the entries go through (src/lib-loader.ts), a file of its own: it cannot load itself.
await build({
  absWorkingDir: root,
  entryPoints: { 'lib-loader': 'src/lib-loader.ts' },
  outdir: 'lib',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});

// The entries as ES modules: each loads its `.cjs` and gives its exports by name.
for (const name of Object.keys(ENTRIES)) {
  const exported = metafile.outputs[`lib/${name}.cjs`].exports;
  const names = exported.filter((e) => e !== 'default');
  const lines = [
    '// Written by scripts/build.mjs: the bundle is CommonJS, compiled from its code cache (src/lib-loader.ts).',
    "import { createRequire } from 'node:module';",
    `const lib = createRequire(import.meta.url)('./lib-loader.cjs').loadLib(new URL('./${name}.cjs', import.meta.url));`,
    ...(names.length > 0 ? [`export const { ${names.join(', ')} } = lib;`] : []),
    ...(exported.includes('default') ? ['export default lib.default;'] : []),
  ];
  writeFileSync(`${root}/lib/${name}.js`, `${lines.join('\n')}\n`);
}

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
// build needs no font engine and no CSS parse for them, and the code V8 compiled to build
// the real manuscript: citeproc-js's and lib/'s own (src/make-tables.ts).
const { makeTables } = await import(`${root}/lib/make-tables.js`);
await makeTables();
// The CLI's entry too (bin/pamphlet.js loads it; make-tables.ts ran its code through another).
await import(`${root}/lib/pamphlet.js`);
createRequire(import.meta.url)(`${root}/lib/lib-loader.cjs`).writeLibCodeCaches();
