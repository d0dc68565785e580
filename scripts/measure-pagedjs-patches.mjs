#!/usr/bin/env node
// Measures each Paged.js patch of vendor/pagedjs/patches/ on its own: Paged.js 0.4.3 with
// no patch, with each patch alone, and with all of them, each laying out the same print
// HTML in the real session (real Chromium, our page rules, PDF printing and post-processing),
// interleaved round by round so that a change of the machine's load hits every build alike.
// Prints, per input, the median seconds of printPrepared() (wall) and the median CPU seconds
// the build's Chromium spent (user + system of every Chromium process, from /proc: far less
// moved by other work on a shared machine than the wall time), and the page count of each build
// (a build whose page count differs from the unpatched one is flagged: it would not be kept).
// Not a test; the page-for-page proof is tests/pagedjs-patch.test.ts.
//
// usage: node scripts/measure-pagedjs-patches.mjs [--runs 3] [--warmup 1] [--sizes x1,x10,x50] [--variant pamphlet]
//          [--leave-out 09,10]
//   --leave-out L  instead: every patch, every patch but each one of L, and every patch but all of
//                  L (what a new patch saves where the others already are: they overlap)
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { buildPagedjs, patchFiles } from './build-pagedjs.mjs';
import { ROOT, ensureBenchDir, makeBenchManuscripts } from './make-bench-manuscript.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    sizes: { type: 'string', default: 'x1,x10' },
    variant: { type: 'string', default: 'pamphlet' },
    'leave-out': { type: 'string' },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const TICKS = 100; // USER_HZ: /proc's clock ticks per second on Linux

/** CPU ticks (user + system) of each of this process's descendants that is Chromium, by pid. */
function chromiumTicks() {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      procs.set(Number(entry), { ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  const ticks = new Map();
  for (const [pid, p] of procs) if (/chrom/i.test(p.comm) && mine(pid)) ticks.set(pid, p.ticks);
  return ticks;
}

/**
 * Samples the Chromium processes' CPU time while `work` runs (a tab's renderer exits when
 * the tab closes, taking its count with it): the sum of each process's last reading, seconds.
 */
async function chromiumCpuDuring(work) {
  const last = new Map();
  const sample = () => {
    for (const [pid, ticks] of chromiumTicks()) last.set(pid, Math.max(last.get(pid) ?? 0, ticks));
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, cpu: [...last.values()].reduce((a, b) => a + b, 0) / TICKS };
  } finally {
    clearInterval(timer);
  }
}
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
  ...BUNDLE_OPTIONS,
});
const lib = (name) => import(pathToFileURL(path.join(work, 'lib', `${name}.js`)).href);
const [{ openBrowser }, { preparePrint, printPrepared }, { loadManuscript }] = await Promise.all([lib('session'), lib('pdf'), lib('manuscript')]);

// The builds: none, each patch alone, all; or, with --leave-out, all and all but some. The
// same esbuild minification for each. The first build is the one the others are compared with.
const leaveOut = values['leave-out']?.split(',').filter(Boolean);
const builds = leaveOut
  ? [
      { name: 'all', names: patchFiles() },
      ...leaveOut.map((prefix) => ({ name: `all but ${prefix}`, names: patchFiles({ without: [prefix] }) })),
      ...(leaveOut.length > 1 ? [{ name: `all but ${leaveOut.join(', ')}`, names: patchFiles({ without: leaveOut }) }] : []),
    ]
  : [{ name: 'none', names: [] }, ...patchFiles().map((file) => ({ name: file.replace(/\.patch$/, ''), names: [file] })), { name: 'all', names: patchFiles() }];
for (const b of builds) {
  b.file = path.join(work, `${b.name.replace(/[^\w-]+/g, '-')}.js`);
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
  const cpus = new Map(builds.map((b) => [b.name, []]));
  const pages = new Map();
  for (let round = 1 - warmup; round <= runs; round++) {
    for (const b of builds) {
      const session = await openBrowser({ timeout: 900_000, pagedjs: { file: b.file } });
      try {
        let count = 0;
        const started = performance.now();
        const { cpu } = await chromiumCpuDuring(() => printPrepared(session, job, (n) => (count = n)));
        const seconds = (performance.now() - started) / 1000;
        pages.set(b.name, count);
        // Warm-up rounds (the disk cache, Chromium's first start): not counted.
        if (round > 0) {
          times.get(b.name).push(seconds);
          cpus.get(b.name).push(cpu);
        }
        process.stderr.write(`${size} ${round > 0 ? `run ${round}/${runs}` : 'warm-up'} ${b.name.padEnd(16)} ${seconds.toFixed(2)} s, Chromium CPU ${cpu.toFixed(2)} s, ${count} pages\n`);
      } finally {
        await session.close();
      }
    }
  }
  const first = builds[0].name;
  const base = median(times.get(first));
  const baseCpu = median(cpus.get(first));
  process.stdout.write(`\n${size} (${values.variant}, ${pages.get(first)} pages), median of ${runs}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}\n\n| Paged.js 0.4.3 with | wall s | vs ${first} | Chromium CPU s | vs ${first} | pages |\n|---|---|---|---|---|---|\n`);
  for (const b of builds) {
    const m = median(times.get(b.name));
    const c = median(cpus.get(b.name));
    const same = pages.get(b.name) === pages.get(first) ? '' : ' (differs!)';
    process.stdout.write(`| ${b.name} | ${m.toFixed(2)} | ${(m / base).toFixed(2)} | ${c.toFixed(2)} | ${(c / baseCpu).toFixed(2)} | ${pages.get(b.name)}${same} |\n`);
  }
}
