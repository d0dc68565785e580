#!/usr/bin/env node
// Measures each Paged.js patch of vendor/pagedjs/patches/ on its own: Paged.js 0.4.3 with
// no patch, with each patch alone, and with all of them, each laying out the same print
// HTML in the real session (real Chromium, our page rules, PDF printing and post-processing),
// interleaved round by round so that a change of the machine's load hits every build alike.
// Prints, per input, the median seconds of printPrepared() and the page count of each build
// (a build whose page count differs from the unpatched one is flagged: it would not be kept).
// Not a test; the page-for-page proof is tests/pagedjs-patch.test.ts.
//
// usage: node scripts/measure-pagedjs-patches.mjs [--runs 3] [--sizes x1,x10] [--variant pamphlet]
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildPagedjs, patchFiles } from './build-pagedjs.mjs';
import { ROOT, ensureBenchDir, makeBenchManuscripts } from './make-bench-manuscript.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: 'x1,x10' },
    variant: { type: 'string', default: 'pamphlet' },
  },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').filter(Boolean);
const work = path.join(ensureBenchDir(), 'pagedjs-patches');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The session and print modules are TypeScript: bundle them for this run (inside the
// repository, so that package-root.ts finds pamphlet's package.json above them).
await build({
  absWorkingDir: ROOT,
  entryPoints: { session: 'src/browser/session.ts', pdf: 'src/render/pdf.ts', manuscript: 'src/manuscript.ts' },
  outdir: path.join(work, 'lib'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['puppeteer-core', 'css-tree', '@resvg/resvg-js'],
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  logLevel: 'warning',
});
const lib = (name) => import(pathToFileURL(path.join(work, 'lib', `${name}.js`)).href);
const [{ openBrowser }, { preparePrint, printPrepared }, { loadManuscript }] = await Promise.all([lib('session'), lib('pdf'), lib('manuscript')]);

// The builds: none, each patch alone, all. The same esbuild minification for each.
const builds = [{ name: 'none', names: [] }, ...patchFiles().map((file) => ({ name: file.replace(/\.patch$/, ''), names: [file] })), { name: 'all', names: patchFiles() }];
for (const b of builds) {
  b.file = path.join(work, `${b.name}.js`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(b.file, await buildPagedjs({ names: b.names }));
}

const made = makeBenchManuscripts({ dest: path.join(work, 'manuscripts') });
const dirs = { x1: made.x1.dir, x10: made.xn.dir };
if (sizes.includes('x50')) dirs.x50 = makeBenchManuscripts({ dest: path.join(work, 'manuscripts'), copies: 50 }).xn.dir;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

process.stderr.write(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}\n`);
for (const size of sizes) {
  const { config, parts } = loadManuscript(dirs[size], { SOURCE_DATE_EPOCH: '0' });
  const jobDir = path.join(work, `job-${size}`);
  mkdirSync(jobDir, { recursive: true });
  const job = await preparePrint(parts[0], config, { variant: values.variant, workDir: jobDir });
  const times = new Map(builds.map((b) => [b.name, []]));
  const pages = new Map();
  for (let round = 0; round <= runs; round++) {
    for (const b of builds) {
      const session = await openBrowser({ timeout: 900_000, pagedjs: { file: b.file } });
      try {
        let count = 0;
        const started = performance.now();
        await printPrepared(session, job, (n) => (count = n));
        const seconds = (performance.now() - started) / 1000;
        pages.set(b.name, count);
        // Round 0 warms the disk cache and Chromium's first start: not counted.
        if (round > 0) times.get(b.name).push(seconds);
        process.stderr.write(`${size} ${round ? `run ${round}/${runs}` : 'warm-up'} ${b.name.padEnd(16)} ${seconds.toFixed(2)} s ${count} pages\n`);
      } finally {
        await session.close();
      }
    }
  }
  const base = median(times.get('none'));
  process.stdout.write(`\n${size} (${values.variant}, ${pages.get('none')} pages), median of ${runs}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}\n\n| Paged.js 0.4.3 with | s | vs none | pages |\n|---|---|---|---|\n`);
  for (const b of builds) {
    const m = median(times.get(b.name));
    const same = pages.get(b.name) === pages.get('none') ? '' : ' (differs!)';
    process.stdout.write(`| ${b.name} | ${m.toFixed(2)} | ${(m / base).toFixed(2)} | ${pages.get(b.name)}${same} |\n`);
  }
}
