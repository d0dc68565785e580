/**
 * Loads pamphlet's bundle: the files of lib/ are CommonJS (`.cjs`, scripts/build.mjs), each
 * compiled from the V8 code cache `make` wrote for it in lib/code-cache/ (code-cache.ts). Node
 * 20 caches no compiled code for an ES module, and compiling the bundle an EPUB build loads
 * took some 70 ms of every command (README, "Speed and memory").
 *
 * The entries of lib/ (pamphlet.js, index.js, make-tables.js, cover-worker.js) stay small ES
 * modules that load their `.cjs` through here. A file of lib/ requires another (`./chunk-….cjs`,
 * as esbuild split them) through here as well; anything else goes to Node's require.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CodeCacheUse, type CommonJsModule, type CompiledCommonJs, compileCommonJs, runCommonJs, writeCachedData } from './code-cache.js';

/** As src/trace.ts prints, which this file, loaded before the bundle, cannot import. */
const TRACE = Boolean(process.env.PAMPHLET_TRACE);

const loaded = new Map<string, { module: CommonJsModule; compiled: CompiledCommonJs }>();

/** Where `make` writes the code cache of a file of lib/. */
export function codeCacheFile(file: string): string {
  return path.join(path.dirname(file), 'code-cache', `${path.basename(file)}.v8`);
}

/** The exports of the file of lib/ at `file` (a path or a file: URL). */
export function loadLib(file: string | URL): unknown {
  const absolute = typeof file === 'string' ? path.resolve(file) : fileURLToPath(file);
  const done = loaded.get(absolute);
  // As require does, a file being loaded gives what it has exported so far: esbuild's
  // CommonJS sets up its exports (as getters) before it requires anything.
  if (done) return done.module.exports;
  const started = performance.now();
  const compiled = compileCommonJs(absolute, codeCacheFile(absolute));
  if (TRACE) process.stderr.write(`[${performance.now().toFixed(0).padStart(5)} ms] lib/${path.basename(absolute)} compiled (its code cache: ${compiled.use}) (${(performance.now() - started).toFixed(0)} ms)\n`);
  const module: CommonJsModule = { exports: {} };
  loaded.set(absolute, { module, compiled });
  const nodeRequire = createRequire(absolute);
  const dir = path.dirname(absolute);
  const require = Object.assign(
    (id: string): unknown => (id.startsWith('./') && id.endsWith('.cjs') && !id.includes('/', 2) ? loadLib(path.join(dir, id)) : nodeRequire(id)),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, extensions: nodeRequire.extensions, main: nodeRequire.main },
  ) as NodeJS.Require;
  runCommonJs(compiled, module, require);
  return module.exports;
}

/** Each file of lib/ this process loaded, and how it was compiled: for `PAMPHLET_TRACE` and the tests. */
export function libCodeCacheUse(): Record<string, CodeCacheUse> {
  return Object.fromEntries([...loaded].map(([file, { compiled }]) => [path.basename(file), compiled.use]));
}

/** For `make`, once a build has run: the code cache of every file of lib/ this process loaded. */
export function writeLibCodeCaches(): { files: number; bytes: number } {
  let bytes = 0;
  for (const [file, { compiled }] of loaded) bytes += writeCachedData(compiled, codeCacheFile(file));
  return { files: loaded.size, bytes };
}
