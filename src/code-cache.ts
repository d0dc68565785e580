/**
 * A CommonJS package compiled from a V8 code cache that `make` writes beside the bundle.
 *
 * Node 20 keeps no compiled code between runs (`module.enableCompileCache` came with Node
 * 22), so every build that cites compiled citeproc-js's 970 KB again, and then each of the
 * functions a citation runs, the first time it runs. `make` formats the real manuscript's
 * citations once and writes what V8 compiled (`writeCodeCache`); a build hands that to
 * `vm.Script`, as `v8-compile-cache` does at run time. That package writes its cache into
 * the system's temporary folder as a build runs; this one is written only by `make`, into
 * lib/, which a build only reads.
 *
 * The file begins with the SHA-256 of the source it was made from. V8 checks its own
 * version, its flags and the source's length, not the text, so another release of the
 * package of the same length would run the old code: the hash is checked first, and a cache
 * made from other text, or one V8 refuses, is only slower, never wrong.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const HASH_BYTES = 32;

/** How a package was compiled, for `PAMPHLET_TRACE` and the tests. */
export type CodeCacheUse = 'used' | 'absent' | 'other source' | 'refused by V8';

interface Loaded {
  exports: unknown;
  script: vm.Script;
  hash: Buffer;
  use: CodeCacheUse;
}

const loaded = new Map<string, Loaded>();


/**
 * `require(id)` from `from`, compiled with the code cache in `cacheFile` when it was made
 * from the same source. Each file is loaded once per process, as `require` would.
 */
export function requireWithCodeCache(id: string, from: string, cacheFile: string): { exports: unknown; use: CodeCacheUse } {
  const file = createRequire(from).resolve(id);
  const done = loaded.get(file);
  if (done) return done;
  // Hashed as read: the bytes, not the decoded text encoded again.
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest();
  const source = bytes.toString('utf8');
  let cachedData: Buffer | undefined;
  let use: CodeCacheUse = 'absent';
  try {
    const cache = readFileSync(cacheFile);
    if (cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash)) cachedData = cache.subarray(HASH_BYTES);
    else use = 'other source';
  } catch {
    // No cache (a build from src/ under a test runner, or lib/ made by an older make): compile as require would.
  }
  // Node's own CommonJS wrapper, so that the package sees what require gives it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cachedData) use = script.cachedDataRejected ? 'refused by V8' : 'used';
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const entry = { exports: module.exports, script, hash, use };
  loaded.set(file, entry);
  return entry;
}

/**
 * Writes what V8 has compiled of `id` so far (the package and every function that has
 * run), after `requireWithCodeCache` loaded it: called by `make` once the package has done
 * the work a build asks of it. The file is written whole or not at all.
 */
export function writeCodeCache(id: string, from: string, cacheFile: string): number {
  const entry = loaded.get(createRequire(from).resolve(id));
  if (!entry) throw new Error(`writeCodeCache: ${id} was not loaded with requireWithCodeCache`);
  const data = Buffer.concat([entry.hash, entry.script.createCachedData()]);
  const partial = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, cacheFile);
  return data.length;
}
