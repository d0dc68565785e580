/**
 * Loads pamphlet's bundle: the files of lib/ are CommonJS (`.cjs`, scripts/build.mjs), each
 * compiled from the V8 code cache `make` wrote for it in lib/code-cache/ (code-cache.ts). Node
 * 20 caches no compiled code for an ES module, and compiling the bundle an EPUB build loads
 * took some 70 ms of every command (docs/speed.md).
 *
 * The entries of lib/ (pamphlet.js, index.js, make-tables.js, cover-worker.js) stay small ES
 * modules that load their `.cjs` through here. A file of lib/ requires another (`./chunk-….cjs`,
 * as esbuild split them) through here as well; anything else goes to Node's require.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trace } from './trace.js';
import { type CodeCacheUse, type CompiledCommonJs, loadCommonJs, loadedCommonJs, writeCachedData } from './code-cache.js';

/** `PAMPHLET_TRACE=1`: this file is bundled on its own, with a copy of trace.ts (its clock is the process's either way). */
function traceCompiled(compiled: CompiledCommonJs, ms: number): void {
  trace(`lib/${path.basename(compiled.file)} compiled (its code cache: ${compiled.use})`, performance.now() - ms);
}

/** Where `make` writes the code cache of a file of lib/. */
export function codeCacheFile(file: string): string {
  return path.join(path.dirname(file), 'code-cache', `${path.basename(file)}.v8`);
}

/** A file of lib/'s require: another file of lib/ (`./chunk-….cjs`) through here, anything else through Node's. */
function libRequire(file: string): NodeJS.Require {
  const nodeRequire = createRequire(file);
  const dir = path.dirname(file);
  return Object.assign(
    (id: string): unknown => (id.startsWith('./') && id.endsWith('.cjs') && !id.includes('/', 2) ? loadLib(path.join(dir, id)) : nodeRequire(id)),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache, extensions: nodeRequire.extensions, main: nodeRequire.main },
  ) as NodeJS.Require;
}

/** The exports of the file of lib/ at `file` (a path or a file: URL). */
export function loadLib(file: string | URL): unknown {
  const absolute = typeof file === 'string' ? path.resolve(file) : fileURLToPath(file);
  return loadCommonJs(absolute, codeCacheFile(absolute), libRequire, traceCompiled).module.exports;
}

/** Each file of lib/ this process loaded, and how it was compiled: for `PAMPHLET_TRACE` and the tests. */
export function libCodeCacheUse(): Record<string, CodeCacheUse> {
  return Object.fromEntries([...loadedCommonJs()].map(([file, { compiled }]) => [path.basename(file), compiled.use]));
}

/**
 * For `make`, once a build has run: the code cache of every file of lib/ this process loaded.
 * lib/lib-loader.cjs is bundled on its own, so its `loadCommonJs` has loaded nothing else
 * (citeproc-js goes through the bundle's copy of code-cache.ts).
 */
export function writeLibCodeCaches(): { files: number; bytes: number } {
  let bytes = 0;
  for (const [file, { compiled }] of loadedCommonJs()) bytes += writeCachedData(compiled, codeCacheFile(file));
  return { files: loadedCommonJs().size, bytes };
}
