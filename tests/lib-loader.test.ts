/**
 * pamphlet's bundle is CommonJS compiled from the V8 code cache `make` writes (src/lib-loader.ts,
 * scripts/build.mjs): a build really compiles lib/ from it, the split files load one another
 * as esbuild meant (a cycle included), and a cache that does not belong to a file is ignored,
 * never run. Once a file has run, what it exports and never assigns again is a plain value for
 * the files that import it, not one of esbuild's getters (scripts/settled-exports.mjs). The
 * loader is lib/lib-loader.cjs as make built it, each case in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';
import { afterAll, describe, expect, test } from 'vitest';
// @ts-expect-error: a script of the repository, plain ESM without types
import { constantExports, settledExports } from '../scripts/settled-exports.mjs';

const REPO = path.resolve(import.meta.dirname, '..');
const LOADER = path.join(REPO, 'lib', 'lib-loader.cjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lib-loader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `code` in a new Node with the loader as `loader`; what it prints to stdout, as JSON. */
function inNode(code: string): unknown {
  const result = spawnSync(process.execPath, ['-e', `const loader = require(${JSON.stringify(LOADER)}); ${code}`], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** A folder of CommonJS files as esbuild writes them: exports set up (as getters) before any require. */
function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

const PAIR = {
  // a.cjs and b.cjs import each other, as two split files of one bundle may.
  'a.cjs': 'Object.defineProperty(exports, "loads", { get: () => loads, enumerable: true });\nvar b = require("./b.cjs");\nvar loads = (globalThis.loadsOfA = (globalThis.loadsOfA ?? 0) + 1);\nexports.answer = () => b.twice(21) + b.fromA();\n',
  'b.cjs': 'var a = require("./a.cjs");\nexports.twice = (n) => n * 2;\nexports.fromA = () => a.loads;\nexports.path = require("node:path").sep;\n',
};

describe("lib/'s code cache", () => {
  test('make wrote one for each file of lib/ a PDF and EPUB build loads on its own thread, and the build compiles each from it', () => {
    const out = mkdtempSync(path.join(scratch, 'out-'));
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'pamphlet.js'), 'build', 'manuscript', '--format', 'pdf,epub', '--no-print-pages', '--no-cache', '--quiet', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PAMPHLET_TRACE: '1' },
    });
    expect(result.status).toBe(0);
    const compiled = [...result.stderr.matchAll(/lib\/([\w.-]+\.cjs) compiled \(its code cache: ([a-z ]+)\)/g)].map(([, file, use]) => [file!, use!] as const);
    // The CLI's entry, the pipeline's split files, Puppeteer's, the renderers'.
    expect(compiled.length).toBeGreaterThan(20);
    expect(compiled.map(([file]) => file)).toContain('pamphlet.cjs');
    expect(compiled.some(([file]) => file.startsWith('session-')), 'the browser session is loaded').toBe(true);
    // The cover's worker thread starts from a file of its own, which make's build did not load on its thread.
    expect(compiled.filter(([file, use]) => use !== 'used' && file !== 'cover-worker.cjs')).toEqual([]);
  });

  test('every file of the bundle runs strict, as the ES module it was made from', () => {
    const files = readdirSync(path.join(REPO, 'lib')).filter((file) => file.endsWith('.cjs') && file !== 'lib-loader.cjs');
    expect(files.length).toBeGreaterThan(20);
    // A directive counts only as the first statement: esbuild's transform adds none to an ES module's text.
    expect(files.filter((file) => !readFileSync(path.join(REPO, 'lib', file), 'utf8').startsWith('"use strict";'))).toEqual([]);
  });

  test('split files that require each other load once each, and see each other as esbuild meant', () => {
    const dir = folder('pair', PAIR);
    const loaded = inNode(`const a = loader.loadLib(${JSON.stringify(path.join(dir, 'a.cjs'))}); console.log(JSON.stringify({ answer: a.answer(), loads: globalThis.loadsOfA, uses: loader.libCodeCacheUse() }));`);
    expect(loaded).toEqual({ answer: 43, loads: 1, uses: { 'a.cjs': 'absent', 'b.cjs': 'absent' } });
  });

  test('a cache written after a run is used by the next process, which computes the same', () => {
    const dir = folder('cached', PAIR);
    const a = JSON.stringify(path.join(dir, 'a.cjs'));
    inNode(`loader.loadLib(${a}).answer(); console.log(JSON.stringify(loader.writeLibCodeCaches()));`);
    expect(readFileSync(path.join(dir, 'code-cache', 'a.cjs.v8')).length).toBeGreaterThan(32);
    const again = inNode(`const x = loader.loadLib(${a}); console.log(JSON.stringify({ answer: x.answer(), uses: loader.libCodeCacheUse() }));`);
    expect(again).toEqual({ answer: 43, uses: { 'a.cjs': 'used', 'b.cjs': 'used' } });
  });

  test('a cache made from other text of the same length is not run: the file is compiled from its text', () => {
    const dir = folder('edited', PAIR);
    const a = JSON.stringify(path.join(dir, 'a.cjs'));
    inNode(`loader.loadLib(${a}).answer(); loader.writeLibCodeCaches(); console.log('{}');`);
    // 21 → 12: the same length, another answer. V8 alone would take the old code (tests/code-cache.test.ts).
    folder('edited', { 'a.cjs': PAIR['a.cjs'].replace('twice(21)', 'twice(12)') });
    const edited = inNode(`const x = loader.loadLib(${a}); console.log(JSON.stringify({ answer: x.answer(), uses: loader.libCodeCacheUse() }));`);
    expect(edited).toEqual({ answer: 25, uses: { 'a.cjs': 'other source', 'b.cjs': 'used' } });
  });
});

describe("lib/'s exports once loaded", () => {
  /** Where each export of a file of lib/ comes from, as another file sees it. */
  const KINDS = 'Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(x)).map(([k, d]) => [k, d.get ? "getter" : "value"]))';

  test('the functions micromark imports from another split file are plain values, not getters', () => {
    const meta = JSON.parse(readFileSync(path.join(REPO, 'lib', 'bundle-meta.json'), 'utf8')) as Record<string, { inputs: string[] }>;
    const file = Object.keys(meta).find((name) => meta[name]!.inputs.some((input) => input.includes('micromark-util-character/')));
    expect(file, 'a split file holds micromark-util-character').toBeDefined();
    const kinds = inNode(`const x = loader.loadLib(${JSON.stringify(path.join(REPO, 'lib', file!))}); console.log(JSON.stringify(${KINDS}));`) as Record<string, string>;
    expect(kinds['markdownLineEnding']).toBe('value');
    expect(kinds['asciiAlpha']).toBe('value');
    expect(Object.values(kinds).filter((kind) => kind === 'getter')).toEqual([]);
  });

  test('a binding assigned again stays live; one still loading in a cycle is seen through its getters', async () => {
    const esm = [
      'import { fromB } from "./b.mjs";',
      'function twice(n) { return n * 2; }',
      'const table = { answer: 42 };',
      'let count = 0;',
      'function bump() { count++; return count; }',
      'var Kind; (function (K) { K.A = "a"; })(Kind || (Kind = {}));',
      'const early = fromB();',
      'export { twice, table, count, bump, Kind, early };',
    ].join('\n');
    const made = await transform(esm, { format: 'cjs', loader: 'js', platform: 'node', logLevel: 'silent' });
    const names = constantExports(esm) as string[];
    expect([...names].sort()).toEqual(['bump', 'early', 'table', 'twice']);
    const dir = folder('settled', {
      'a.cjs': made.code.replace('./b.mjs', './b.cjs') + settledExports(names),
      // b.cjs reads a.cjs while a.cjs is still loading: its exports object then has only getters.
      'b.cjs': 'const a = require("./a.cjs");\nexports.fromB = () => typeof a.twice;\nexports.later = () => a.twice(4);\n',
    });
    const seen = inNode(`const x = loader.loadLib(${JSON.stringify(path.join(dir, 'a.cjs'))}); const b = loader.loadLib(${JSON.stringify(path.join(dir, 'b.cjs'))}); const before = x.count; x.bump(); x.bump(); console.log(JSON.stringify({ kinds: ${KINDS}, before, after: x.count, kind: x.Kind.A, early: x.early, later: b.later(), answer: x.table.answer }));`);
    expect(seen).toEqual({
      kinds: { __esModule: 'value', twice: 'value', table: 'value', count: 'getter', bump: 'value', Kind: 'getter', early: 'value' },
      before: 0,
      after: 2,
      kind: 'a',
      early: 'function',
      later: 8,
      answer: 42,
    });
  });
});
