#!/usr/bin/env node
// Builds vendor/pagedjs/paged.polyfill.min.js: Paged.js 0.4.3 as published on npm
// (node_modules/pagedjs/dist/paged.polyfill.js), with the patches of vendor/pagedjs/patches/
// applied in the order of their names, minified by esbuild. The minified file is committed,
// so neither `npm ci` nor a build needs this script; it is how the file is remade and
// checked (tests/pagedjs-patch.test.ts runs it with --check). See vendor/pagedjs/README.md.
//
// usage: node scripts/build-pagedjs.mjs [--check] [--only 01,03] [--without 02] [--no-minify] [--out FILE]
//   --check       build in memory and compare with the committed file; exit 1 if they differ
//   --only LIST   apply only the patches whose names start with these prefixes (measuring one fix)
//   --without L   apply all patches but these
//   --no-minify   write the patched source as is (to read or edit it)
//   --out FILE    write there instead of vendor/pagedjs/paged.polyfill.min.js
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyPatch, parsePatch } from 'diff';
import { transform } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENDOR = path.join(ROOT, 'vendor', 'pagedjs');
export const PATCH_DIR = path.join(VENDOR, 'patches');
export const OUTPUT = path.join(VENDOR, 'paged.polyfill.min.js');
/** The file the patches are written against: pagedjs 0.4.3's dist/paged.polyfill.js, byte for byte. */
const UPSTREAM_VERSION = '0.4.3';
const UPSTREAM_SHA256 = 'f59f361802416c770d549a647958649af2cf6601999924bc00e4f507dad5269f';

function upstreamSource() {
  const require = createRequire(import.meta.url);
  // pagedjs's `exports` map hides dist/: go from its CommonJS entry, <root>/lib/index.cjs.
  const root = path.dirname(path.dirname(require.resolve('pagedjs')));
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (version !== UPSTREAM_VERSION) throw new Error(`pagedjs ${version} is installed; the patches are for ${UPSTREAM_VERSION}`);
  const text = readFileSync(path.join(root, 'dist', 'paged.polyfill.js'), 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== UPSTREAM_SHA256) throw new Error(`node_modules/pagedjs/dist/paged.polyfill.js is not the published 0.4.3 file (sha256 ${sha})`);
  return text;
}

/** The patch files, in order; `only`/`without` are lists of name prefixes. */
export function patchFiles({ only, without } = {}) {
  const all = readdirSync(PATCH_DIR).filter((name) => name.endsWith('.patch')).sort();
  const picks = (list, name) => list.some((prefix) => name.startsWith(prefix));
  return all.filter((name) => (!only || picks(only, name)) && !(without && picks(without, name)));
}

/** The upstream source with `names` applied in order; throws naming the patch that does not apply. */
export function patchedSource(names = patchFiles()) {
  let text = upstreamSource();
  for (const name of names) {
    const [patch, ...more] = parsePatch(readFileSync(path.join(PATCH_DIR, name), 'utf8'));
    if (!patch || more.length) throw new Error(`${name}: expected one file's patch`);
    const result = applyPatch(text, patch);
    if (result === false) throw new Error(`${name} does not apply (to 0.4.3 with the patches before it)`);
    text = result;
  }
  return text;
}

const BANNER = (names) =>
  `/* Paged.js ${UPSTREAM_VERSION} (MIT, https://github.com/pagedjs/pagedjs) with pamphlet's patches ` +
  `${names.map((n) => n.replace(/\.patch$/, '')).join(', ')}: vendor/pagedjs/README.md. Made by scripts/build-pagedjs.mjs; do not edit. */\n`;

export async function buildPagedjs({ names = patchFiles(), minify = true } = {}) {
  const source = patchedSource(names);
  if (!minify) return BANNER(names) + source;
  const { code } = await transform(source, { loader: 'js', minify: true, legalComments: 'none', charset: 'utf8' });
  return BANNER(names) + code;
}

async function main() {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      only: { type: 'string' },
      without: { type: 'string' },
      'no-minify': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const list = (v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  const names = patchFiles({ only: list(values.only), without: list(values.without) });
  const built = await buildPagedjs({ names, minify: !values['no-minify'] });
  if (values.check) {
    const committed = readFileSync(OUTPUT, 'utf8');
    if (committed !== built) {
      process.stderr.write(`build-pagedjs: ${path.relative(process.cwd(), OUTPUT)} is not the build of the patches (run node scripts/build-pagedjs.mjs)\n`);
      return 1;
    }
    process.stdout.write(`build-pagedjs: ${path.relative(process.cwd(), OUTPUT)} is the build of ${names.length} patches\n`);
    return 0;
  }
  const out = path.resolve(values.out ?? OUTPUT);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, built);
  process.stdout.write(`build-pagedjs: wrote ${path.relative(process.cwd(), out)} (${names.join(', ') || 'no patches'})\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`build-pagedjs: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
