/**
 * CommonJS compiled from a V8 code cache that `make` writes beside the bundle: pamphlet's own
 * bundle (lib/*.cjs, loaded by lib-loader.ts) and citeproc-js.
 *
 * Node 20 keeps no compiled code between runs (`module.enableCompileCache` came with Node
 * 22), and none at all for an ES module: every command compiled the bundle's megabytes again,
 * and then each function the first time it ran. `make` runs a build once and writes what V8
 * compiled (`writeCodeCache`); a command hands that to `vm.Script`, as `v8-compile-cache`
 * does at run time. That package writes its cache into the system's temporary folder as a
 * build runs; this one is written only by `make`, into lib/, which a command only reads.
 *
 * A cache file begins with the SHA-256 of the source it was made from. V8 checks its own
 * version, its flags and the source's length, not the text, so another release of a package
 * of the same length would run the old code: the hash is checked first, and a cache made
 * from other text, or one V8 refuses, is only slower, never wrong.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const HASH_BYTES = 32;

/** How a file was compiled, for `PAMPHLET_TRACE` and the tests. */
export type CodeCacheUse = 'used' | 'absent' | 'other source' | 'refused by V8';

export interface CompiledCommonJs {
  file: string;
  script: vm.Script;
  hash: Buffer;
  use: CodeCacheUse;
}

/** The module object a CommonJS file fills in. */
export interface CommonJsModule {
  exports: unknown;
}

/** `file`, compiled as Node compiles a CommonJS module, from `cacheFile` when that was made from the same bytes. */
export function compileCommonJs(file: string, cacheFile: string): CompiledCommonJs {
  // Hashed as read: the bytes, not the decoded text encoded again.
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest();
  let cachedData: Buffer | undefined;
  let use: CodeCacheUse = 'absent';
  try {
    const cache = readFileSync(cacheFile);
    if (cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash)) cachedData = cache.subarray(HASH_BYTES);
    else use = 'other source';
  } catch {
    // No cache (a build from src/ under a test runner, or lib/ made by an older make): compile as require would.
  }
  // Node's own CommonJS wrapper, so that the code sees what require gives it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cachedData) use = script.cachedDataRejected ? 'refused by V8' : 'used';
  return { file, script, hash, use };
}

/** Runs a compiled file into `module`, with `require` as its require. */
export function runCommonJs(compiled: CompiledCommonJs, module: CommonJsModule, require: NodeJS.Require): void {
  const wrapper = compiled.script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: CommonJsModule, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, require, module, compiled.file, path.dirname(compiled.file));
}

/**
 * Writes what V8 has compiled of a file so far (its top level and every function that has
 * run): called by `make` once the code has done the work a build asks of it. The file is
 * written whole or not at all.
 */
export function writeCachedData(compiled: CompiledCommonJs, cacheFile: string): number {
  const data = Buffer.concat([compiled.hash, compiled.script.createCachedData()]);
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, cacheFile);
  return data.length;
}

/** A file compiled and run by `loadCommonJs`, and the module it filled in. */
export interface LoadedCommonJs {
  module: CommonJsModule;
  compiled: CompiledCommonJs;
}

const loaded = new Map<string, LoadedCommonJs>();

/**
 * `file` compiled (with `cacheFile`) and run once per process, with `requireFor(file)` as its
 * require. As with require, a file still loading gives what it has exported so far (esbuild's
 * CommonJS sets up its exports, as getters, before it requires anything), and one that threw
 * is forgotten, to be tried again. `onCompiled` hears how a file was compiled, the first time.
 */
export function loadCommonJs(file: string, cacheFile: string, requireFor: (file: string) => NodeJS.Require, onCompiled?: (compiled: CompiledCommonJs, ms: number) => void): LoadedCommonJs {
  const done = loaded.get(file);
  if (done) return done;
  const started = performance.now();
  const compiled = compileCommonJs(file, cacheFile);
  onCompiled?.(compiled, performance.now() - started);
  const entry: LoadedCommonJs = { module: { exports: {} }, compiled };
  loaded.set(file, entry);
  try {
    runCommonJs(compiled, entry.module, requireFor(file));
  } catch (cause) {
    loaded.delete(file);
    throw cause;
  }
  return entry;
}

/** Every file `loadCommonJs` has loaded in this process, by path. */
export function loadedCommonJs(): ReadonlyMap<string, LoadedCommonJs> {
  return loaded;
}

/**
 * `require(id)` from `from`, compiled with the code cache in `cacheFile` when it was made
 * from the same source. Each file is loaded once per process, as `require` would.
 */
export function requireWithCodeCache(id: string, from: string, cacheFile: string): { exports: unknown; use: CodeCacheUse } {
  const { module, compiled } = loadCommonJs(createRequire(from).resolve(id), cacheFile, createRequire);
  return { exports: module.exports, use: compiled.use };
}

/** `writeCachedData` for a package `requireWithCodeCache` loaded. */
export function writeCodeCache(id: string, from: string, cacheFile: string): number {
  const entry = loaded.get(createRequire(from).resolve(id));
  if (!entry) throw new Error(`writeCodeCache: ${id} was not loaded with requireWithCodeCache`);
  return writeCachedData(entry.compiled, cacheFile);
}
