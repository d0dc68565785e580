#!/usr/bin/env node
// Build-time and memory benchmark of pamphlet, optionally against the peer tools of
// shared/bench-peers/ measured in the same run. Not a test: it prints a Markdown report and
// writes .bench/results.json (+ results.md). See bench/README.md.
//
// usage: node scripts/bench.mjs [--runs N] [--peers] [--formats pdf,epub,all] [--sizes x1,x10,x50,series20]
//        [--peer-list chromium,pagedjs,vivliostyle,mdtopdf,typst,vivliostyle-epub,pandoc-epub,pagedjs-shell]
//        [--warmup N] [--sample-ms 50] [--timeout-s 900] [--peers-src DIR] [--manuscript DIR]
//
// For every size (x1 = the real manuscript, x10 = its part repeated 10 times, made by
// scripts/make-bench-manuscript.mjs; the scale sizes x50 = 50 times, ~900 pages, and
// series20 = 20 parts, each its own pamphlet, pamphlet alone and PDF only) and every
// format group (pdf, epub, all = no --format),
// the group's commands (pamphlet, then each peer that makes that output) run once each
// unmeasured (warm-up), then round-robin N times: A B C A B C ... (bench.sh's A B A B,
// generalised), so that a drift of the machine's load hits every tool alike. Each run:
//   wall  : seconds from spawn to exit, measured here (hrtime)
//   tree  : peak of the summed RSS of the process and all its descendants, sampled every
//           --sample-ms from /proc/<pid>/stat (memtree.sh's method; shared pages counted
//           once per process, so an upper indication)
//   maxrss: GNU time %M when /usr/bin/time exists: the largest single reaped process
//   cpu   : user + system seconds of the whole tree, the larger of GNU time's %U + %S (the
//           command and every process it waited for) and the sum of each process's own
//           times sampled with the RSS (processes nobody waits for); both can only undercount,
//           so on a machine of N cores no build finishes in less than cpu / N
// Ratios are tool / pamphlet, taken run by run inside one round, median over rounds
// (> 1: pamphlet is faster). The report (and .bench/results.md) is also written to
// bench/results/<date>.md, with the scale table (pages per second) and the issue-13 targets.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, ensureBenchDir, makeBenchManuscripts, makeSeriesManuscript } from './make-bench-manuscript.mjs';

const GNU_TIME = '/usr/bin/time';
const PEER_DEP_DIRS = ['vivliostyle', 'pagedjs', 'mdtopdf'];
/** Peer scripts of shared/bench-peers: output kind, what writes it, what it needs. */
const PEERS = [
  { name: 'vivliostyle', output: 'pdf', label: 'Vivliostyle CLI 11.0.0', script: 'run-vivliostyle.sh', file: 'vivliostyle.pdf', needs: [] },
  { name: 'pagedjs', output: 'pdf', label: 'pagedjs-cli 0.4.3 (+ pandoc HTML)', script: 'run-pagedjs.sh', file: 'pagedjs.pdf', needs: ['pandoc'] },
  { name: 'mdtopdf', output: 'pdf', label: 'md-to-pdf 5.2.5', script: 'run-mdtopdf.sh', file: 'mdtopdf.pdf', needs: [] },
  { name: 'chromium', output: 'pdf', label: 'Chromium print (floor, + pandoc HTML)', script: 'run-chromium.sh', file: 'chromium.pdf', needs: ['pandoc'] },
  // Not a peer users would pick as set up, and not in a target: pagedjs-cli given the browser
  // pamphlet prints with (CHROME of bench-peers/common.sh), to show what the headless shell
  // alone is worth. Only when named: --peer-list pagedjs,pagedjs-shell.
  { name: 'pagedjs-shell', output: 'pdf', label: 'pagedjs-cli 0.4.3 on the headless shell (+ pandoc HTML)', script: 'run-pagedjs.sh', file: 'pagedjs.pdf', needs: ['pandoc'], optional: true, env: { CHROME: '/usr/lib/chromium/chromium-headless-shell' } },
  // pandoc 3 (wasm) -> Typst 0.14 (Node binding): typst/README.md of the peers; set up in .bench/typst.
  { name: 'typst', output: 'pdf', label: 'Typst 0.14 (+ pandoc 3 wasm)', typst: true, file: 'typst.pdf', needs: [] },
  { name: 'vivliostyle-toc', output: 'pdf', label: 'Vivliostyle CLI 11.0.0, ToC config', script: 'run-vivliostyle-toc.sh', file: 'vivliostyle-toc.pdf', needs: [], optional: true },
  { name: 'vivliostyle-epub', output: 'epub', label: 'Vivliostyle CLI 11.0.0 -f epub', script: 'run-vivliostyle-epub.sh', file: 'vivliostyle.epub', needs: [] },
  { name: 'pandoc-epub', output: 'epub', label: 'pandoc', script: 'run-pandoc-epub.sh', file: 'pandoc.epub', needs: ['pandoc'] },
];
const PEER_INPUT = { x1: 'manuscript.md', x10: 'manuscript-x10.md' };
/** Sizes only pamphlet runs, PDF only: how build time and memory grow with the book. */
const SCALE_SIZES = { x50: { copies: 50 }, series20: { parts: 20 } };
const SIZES = ['x1', 'x10', ...Object.keys(SCALE_SIZES)];
/**
 * Format groups and the peers' output they compare with. `epub` is `--format epub`, which lays
 * the pamphlet out for the page-list (a browser); `epub-np` adds `--no-print-pages` (no browser).
 */
const GROUP_OUTPUT = { pdf: 'pdf', epub: 'epub', 'epub-np': 'epub', all: null };
const GROUP_ARGS = { pdf: ['--format', 'pdf'], epub: ['--format', 'epub'], 'epub-np': ['--format', 'epub', '--no-print-pages'], all: [] };

// ---------------------------------------------------------------- options

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      peers: { type: 'boolean', default: false },
      formats: { type: 'string', default: 'pdf,epub,epub-np,all' },
      sizes: { type: 'string', default: SIZES.join(',') },
      'peer-list': { type: 'string' },
      'peers-src': { type: 'string', default: process.env.BENCH_PEERS ?? path.join(ROOT, '..', 'shared', 'bench-peers') },
      manuscript: { type: 'string', default: path.join(ROOT, 'manuscript') },
      'sample-ms': { type: 'string', default: '50' },
      'results-dir': { type: 'string', default: path.join(ROOT, 'bench', 'results') },
      'timeout-s': { type: 'string', default: '900' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
    process.exit(0);
  }
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, not ${values[name]}`);
    return n;
  };
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const formats = list(values.formats);
  for (const f of formats) if (!Object.hasOwn(GROUP_OUTPUT, f)) fail(`unknown format group ${f} (${Object.keys(GROUP_OUTPUT).join(', ')})`);
  const sizes = list(values.sizes);
  for (const s of sizes) if (!SIZES.includes(s)) fail(`unknown size ${s} (${SIZES.join(', ')})`);
  const peerNames = values['peer-list'] ? list(values['peer-list']) : PEERS.filter((p) => !p.optional).map((p) => p.name);
  for (const n of peerNames) if (!PEERS.some((p) => p.name === n)) fail(`unknown peer ${n} (${PEERS.map((p) => p.name).join(', ')})`);
  return {
    runs: int('runs', 1),
    warmup: int('warmup', 0),
    peers: values.peers || Boolean(values['peer-list']),
    peerNames,
    peersSrc: path.resolve(values['peers-src']),
    manuscript: path.resolve(values.manuscript),
    formats,
    sizes,
    sampleMs: int('sample-ms', 10),
    resultsDir: path.resolve(values['results-dir']),
    timeoutS: int('timeout-s', 1),
  };
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------- process-tree memory

/** A positive number from `getconf name`, or `otherwise`. */
function getconf(name, otherwise) {
  const n = Number(spawnSync('getconf', [name], { encoding: 'utf8' }).stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : otherwise;
}

const PAGE_KIB = getconf('PAGESIZE', 4096) / 1024;
/** Clock ticks per second of /proc's times (USER_HZ). */
const CLOCK_TICKS = getconf('CLK_TCK', 100);

/** Every process: pid -> { ppid, rssKib, cpuTicks (its own user + system time), comm }, from /proc/<pid>/stat. */
function processTable() {
  const table = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt
    // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss
    table.set(Number(name), { ppid: Number(fields[1]), rssKib: Number(fields[21]) * PAGE_KIB, cpuTicks: Number(fields[11]) + Number(fields[12]), comm: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return table;
}

/** Summed RSS (KiB) and count of root's descendants (and root itself unless skipRoot). */
function treeRss(rootPid, skipRoot) {
  const table = processTable();
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  let kib = 0;
  const pids = [];
  const cpuTicks = new Map();
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    const p = table.get(pid);
    if (!p) continue;
    if (!(skipRoot && pid === rootPid)) {
      kib += p.rssKib;
      pids.push(pid);
      cpuTicks.set(pid, p.cpuTicks);
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { kib, procs: pids.length, pids, cpuTicks };
}

// ---------------------------------------------------------------- one measured run

/**
 * Runs argv (under GNU time when present), sampling the tree's summed RSS until the
 * command exits. Output of the command goes to logFile.
 */
async function measure(argv, { cwd, env, logFile, sampleMs, timeoutS }) {
  const useTime = fs.existsSync(GNU_TIME);
  const timeFile = `${logFile}.time`;
  fs.rmSync(timeFile, { force: true });
  const full = useTime ? [GNU_TIME, '-f', '%e %M %U %S', '-o', timeFile, ...argv] : argv;
  const out = fs.openSync(logFile, 'w');
  const start = process.hrtime.bigint();
  const child = spawn(full[0], full.slice(1), { cwd, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let peak = { kib: 0, procs: 0 };
  let seen = new Set();
  // Each process's CPU time as last sampled: counts the processes GNU time cannot (those
  // that outlive their parent, or are never waited for), less their last sampling interval.
  const cpuTicks = new Map();
  let samples = 0;
  const sample = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const s = treeRss(child.pid, useTime);
    samples++;
    for (const pid of s.pids) seen.add(pid);
    for (const [pid, ticks] of s.cpuTicks) cpuTicks.set(pid, Math.max(ticks, cpuTicks.get(pid) ?? 0));
    if (s.kib > peak.kib) peak = { kib: s.kib, procs: s.procs };
  };
  const timer = setInterval(sample, sampleMs);
  setImmediate(sample);
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    // only the processes of this run: its tree as sampled now, root last
    const { pids } = treeRss(child.pid, false);
    for (const pid of pids.reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }, timeoutS * 1000);
  const { code, signal } = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve({ code: c, signal: s }));
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  clearTimeout(killer);
  let maxRssKib = null;
  let gnuWall = null;
  let cpuS = null;
  if (useTime && fs.existsSync(timeFile)) {
    const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [e, m, u, sys] = last.split(/\s+/).map(Number);
    if (Number.isFinite(m)) maxRssKib = m;
    if (Number.isFinite(e)) gnuWall = e;
    if (Number.isFinite(u) && Number.isFinite(sys)) cpuS = round(u + sys, 2);
  }
  const sampledCpuS = round([...cpuTicks.values()].reduce((a, b) => a + b, 0) / CLOCK_TICKS, 2);
  const ok = code === 0 && !timedOut;
  return {
    ok,
    exit: code,
    signal,
    timedOut,
    wallS: round(wall, 3),
    gnuWallS: gnuWall,
    peakTreeMiB: round(peak.kib / 1024, 1),
    peakTreeProcs: peak.procs,
    processesSeen: seen.size,
    maxRssMiB: maxRssKib === null ? null : round(maxRssKib / 1024, 1),
    // Both can only undercount, so the larger is the better lower bound.
    cpuS: cpuS === null ? sampledCpuS : Math.max(cpuS, sampledCpuS),
    reapedCpuS: cpuS,
    sampledCpuS,
    samples,
  };
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

function stats(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { min: s[0], median: round(median, 3), max: s[s.length - 1], n: s.length };
}

// ---------------------------------------------------------------- setup

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function version(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : null;
}

/**
 * A writable copy of the peers folder under .bench/peers (shared/ is read-only), its
 * scripts refreshed on every call, `npm ci` in each npm peer whose lock file changed
 * or that has no node_modules yet. Never downloads a browser.
 */
function preparePeers(src, dest) {
  if (!fs.existsSync(path.join(src, 'common.sh'))) fail(`peers folder not found: ${src} (give --peers-src DIR or BENCH_PEERS)`);
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    if (entry.isFile()) {
      const to = path.join(dest, entry.name);
      fs.rmSync(to, { force: true });
      fs.copyFileSync(path.join(src, entry.name), to);
      fs.chmodSync(to, 0o644);
    }
  }
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  for (const dir of PEER_DEP_DIRS) {
    const from = path.join(src, dir);
    const to = path.join(dest, dir);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(to, { recursive: true });
    let changed = !fs.existsSync(path.join(to, 'node_modules'));
    for (const f of ['package.json', 'package-lock.json']) {
      const a = path.join(from, f);
      const b = path.join(to, f);
      if (!fs.existsSync(a)) continue;
      const text = fs.readFileSync(a);
      if (!fs.existsSync(b) || !fs.readFileSync(b).equals(text)) changed = true;
      fs.rmSync(b, { force: true });
      fs.writeFileSync(b, text);
    }
    if (changed) {
      log(`peers: npm ci in ${path.relative(ROOT, to)} (no browser download)`);
      const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: to, env, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) fail(`npm ci failed in ${to}`);
    }
  }
}

/**
 * The Typst peer's tools (npm packages and EB Garamond TTFs, by the peers' typst/setup.sh)
 * in .bench/typst, made once; returns why not when that fails.
 */
function prepareTypst(src, benchDir) {
  const home = path.join(benchDir, 'typst');
  const ready = () => fs.existsSync(path.join(home, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler')) && fs.existsSync(path.join(home, 'node_modules', 'pandoc-wasm')) && fs.existsSync(path.join(home, 'fonts'));
  if (!ready()) {
    log(`peers: setting up Typst in ${path.relative(ROOT, home)} (npm packages, fonts)`);
    spawnSync('bash', [path.join(src, 'typst', 'setup.sh'), home], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    // setup.sh gets fontTools from PyPI; where that is out of reach, a system Python that has
    // it (Debian's python3-fonttools python3-brotli) makes the same TTFs with the same script.
    if (!fs.existsSync(path.join(home, 'fonts'))) {
      for (const python of ['python3', '/usr/bin/python3']) {
        const r = spawnSync(python, [path.join(src, 'typst', 'typo-woff2ttf.py'), path.join(ROOT, 'node_modules', '@fontsource', 'eb-garamond', 'files'), path.join(home, 'fonts')], { stdio: 'ignore' });
        if (r.status === 0) break;
        fs.rmSync(path.join(home, 'fonts'), { recursive: true, force: true });
      }
    }
    if (!ready()) return { error: 'typst/setup.sh failed (see above; the fonts need fontTools: apt-get install -y python3-fonttools python3-brotli)' };
  }
  return { home, script: path.join(src, 'typst', 'typst-anchor.mjs'), fonts: path.join(home, 'fonts') };
}

function fileInfo(file) {
  if (!fs.existsSync(file)) return null;
  const info = { file: path.basename(file), bytes: fs.statSync(file).size };
  if (file.endsWith('.pdf') && have('pdfinfo')) {
    const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(r.stdout ?? '');
    if (m) info.pages = Number(m[1]);
  }
  return info;
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function gitDescribe() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'bin', 'styles', 'package.json'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  return head ? `${head}${dirty ? ' (+ uncommitted changes in src/)' : ''}` : null;
}

// ---------------------------------------------------------------- main

async function main() {
  const opt = options();
  const benchDir = ensureBenchDir();
  const cli = path.join(ROOT, 'lib', 'pamphlet.js');
  if (!fs.existsSync(cli)) fail('lib/pamphlet.js not found: build first (`make compile` or `node scripts/build.mjs`)');
  const cliTime = fs.statSync(cli).mtimeMs;
  const newestSrc = listFiles(path.join(ROOT, 'src')).reduce((t, f) => Math.max(t, fs.statSync(f).mtimeMs), 0);
  if (newestSrc > cliTime) log('bench: warning: src/ has files newer than lib/pamphlet.js: lib/ may be stale (`make compile`)');

  const made = makeBenchManuscripts({ src: opt.manuscript, dest: path.join(benchDir, 'manuscripts') });
  const inputs = { x1: made.x1.dir, x10: made.xn.dir };
  const scaleInputs = {};
  for (const size of opt.sizes) {
    const scale = SCALE_SIZES[size];
    if (!scale) continue;
    const dest = path.join(benchDir, 'manuscripts');
    const made = scale.copies ? makeBenchManuscripts({ src: opt.manuscript, dest, copies: scale.copies }).xn : makeSeriesManuscript({ src: opt.manuscript, dest, parts: scale.parts });
    inputs[size] = made.dir;
    scaleInputs[size] = { dir: path.relative(ROOT, made.dir), markdownBytes: made.partBytes, parts: made.parts };
  }
  const peersDir = path.join(benchDir, 'peers');
  let peers = [];
  const skipped = [];
  if (opt.peers) {
    preparePeers(opt.peersSrc, peersDir);
    for (const p of PEERS.filter((p) => opt.peerNames.includes(p.name))) {
      if (p.typst) {
        const typst = prepareTypst(opt.peersSrc, benchDir);
        if (typst.error) {
          skipped.push(`${p.name}: ${typst.error}`);
          continue;
        }
        p.typstTools = typst;
      }
      const missing = p.needs.filter((cmd) => !have(cmd));
      if (missing.length) {
        skipped.push(`${p.name}: ${missing.join(', ')} not installed (apt-get install -y ${missing.join(' ')})`);
        continue;
      }
      peers.push(p);
    }
    for (const s of skipped) log(`bench: skipping peer ${s}`);
  }
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  const logDir = path.join(benchDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });

  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      chromium: version('chromium') ?? version('chromium-browser'),
      pandoc: version('pandoc'),
      gnuTime: fs.existsSync(GNU_TIME),
      loadavgStart: os.loadavg().map((x) => round(x, 2)),
    },
    pamphlet: { commit: gitDescribe() },
    options: { runs: opt.runs, warmup: opt.warmup, sampleMs: opt.sampleMs, formats: opt.formats, sizes: opt.sizes, peers: peers.map((p) => p.name), skippedPeers: skipped },
    inputs: {
      pamphlet: { x1: { dir: path.relative(ROOT, made.x1.dir), markdownBytes: made.x1.partBytes, parts: made.x1.parts }, x10: { dir: path.relative(ROOT, made.xn.dir), markdownBytes: made.xn.partBytes, parts: 1 }, ...scaleInputs },
      ...(peers.length ? { peers: Object.fromEntries(Object.entries(PEER_INPUT).map(([k, f]) => [k, { file: f, markdownBytes: fs.statSync(path.join(peersDir, f)).size }])) } : {}),
    },
    groups: [],
  };

  for (const size of opt.sizes) {
    // The scale sizes: pamphlet's PDF alone (the growth is the point, not the peers).
    for (const group of SCALE_SIZES[size] ? opt.formats.filter((f) => f === 'pdf') : opt.formats) {
      const outDir = path.join(benchDir, 'out', `pamphlet-${size}-${group}`);
      const tools = [
        {
          name: 'pamphlet',
          label: 'pamphlet',
          output: { all: 'all five (pdf, epub, handout, booklet, html)', 'epub-np': 'epub --no-print-pages' }[group] ?? group,
          argv: [process.execPath, path.join(ROOT, 'bin', 'pamphlet.js'), 'build', inputs[size], '--out', outDir, '--quiet', '--no-cache', ...GROUP_ARGS[group]],
          cwd: ROOT,
          // Every run is a cold build (--no-cache): the bench times rendering, not the cache.
          before: () => fs.rmSync(outDir, { recursive: true, force: true }),
          outputs: () => listFiles(outDir).map(fileInfo),
        },
        ...(SCALE_SIZES[size] ? [] : peers.filter((p) => p.output === GROUP_OUTPUT[group])).map((p) => ({
          name: p.name,
          label: p.label,
          output: p.output,
          argv: p.typst
            ? [process.execPath, p.typstTools.script, PEER_INPUT[size], path.join('out', `${path.basename(PEER_INPUT[size], '.md')}.${p.file}`), p.typstTools.fonts]
            : ['bash', path.join(peersDir, p.script), PEER_INPUT[size]],
          cwd: peersDir,
          ...(p.typst ? { env: { ...env, TYPST_ANCHOR_HOME: p.typstTools.home } } : p.env ? { env: { ...env, ...p.env } } : {}),
          before: () => fs.rmSync(path.join(peersDir, 'out', `${path.basename(PEER_INPUT[size], '.md')}.${p.file}`), { force: true }),
          outputs: () => [fileInfo(path.join(peersDir, 'out', `${path.basename(PEER_INPUT[size], '.md')}.${p.file}`))].filter(Boolean),
        })),
      ];
      const entry = { size, group, loadavg: os.loadavg().map((x) => round(x, 2)), tools: tools.map((t) => ({ name: t.name, label: t.label, output: t.output, command: t.argv.map((a) => path.relative(ROOT, a).startsWith('..') ? a : path.relative(ROOT, a) || a).join(' '), runs: [], warmups: [] })) };
      result.groups.push(entry);
      const run = async (i, kind, n) => {
        const t = tools[i];
        t.before();
        const logFile = path.join(logDir, `${size}-${group}-${t.name}.log`);
        fs.mkdirSync(path.join(peersDir, 'out'), { recursive: true });
        // pamphlet's PDF and EPUB runs are traced (PAMPHLET_TRACE=1: a few lines on stderr) to show where their time goes.
        const traced = t.name === 'pamphlet' && (group === 'pdf' || group === 'epub-np') && size !== 'series20';
        const r = await measure(t.argv, { cwd: t.cwd, env: traced ? { ...(t.env ?? env), PAMPHLET_TRACE: '1' } : t.env ?? env, logFile, sampleMs: opt.sampleMs, timeoutS: opt.timeoutS });
        if (traced && r.ok) {
          const log = fs.readFileSync(logFile, 'utf8');
          r.trace = group === 'pdf' ? traceStages(log, r.wallS) : traceEpubStages(log, r.wallS);
          // The browser pamphlet printed with (src/browser/find-chromium.ts), as its trace names it.
          result.pamphlet.browser ??= /^\[\s*\d+ ms\] starting (.+)$/m.exec(log)?.[1];
        }
        entry.tools[i][kind].push(r);
        const status = r.ok ? '' : `  FAILED (exit ${r.exit}${r.signal ? `, ${r.signal}` : ''}${r.timedOut ? ', timed out' : ''}), see ${path.relative(ROOT, logFile)}`;
        log(`[${size} ${group}] ${kind === 'warmups' ? 'warm-up' : `run ${n}/${opt.runs}`} ${t.name.padEnd(17)} ${r.wallS.toFixed(2).padStart(7)} s  tree ${String(Math.round(r.peakTreeMiB)).padStart(5)} MiB (${r.peakTreeProcs} procs)${r.maxRssMiB !== null ? `  %M ${Math.round(r.maxRssMiB)} MiB` : ''}${r.cpuS !== null ? `  CPU ${r.cpuS.toFixed(2)} s` : ''}${status}`);
        if (!r.ok) log(fs.readFileSync(logFile, 'utf8').split('\n').slice(-8).map((l) => `    | ${l}`).join('\n'));
        return r.ok;
      };
      const alive = tools.map(() => true);
      for (let w = 0; w < opt.warmup; w++) for (let i = 0; i < tools.length; i++) if (alive[i]) alive[i] = await run(i, 'warmups', w + 1);
      for (let n = 1; n <= opt.runs; n++) for (let i = 0; i < tools.length; i++) if (alive[i]) await run(i, 'runs', n);
      for (let i = 0; i < tools.length; i++) {
        const e = entry.tools[i];
        const good = e.runs.filter((r) => r.ok);
        e.failedRuns = e.runs.length - good.length + (alive[i] ? 0 : 1);
        e.wallS = stats(good.map((r) => r.wallS));
        e.peakTreeMiB = stats(good.map((r) => r.peakTreeMiB));
        e.maxRssMiB = stats(good.map((r) => r.maxRssMiB).filter((x) => x !== null));
        e.cpuS = stats(good.map((r) => r.cpuS).filter((x) => x !== null && x !== undefined));
        e.outputs = alive[i] ? tools[i].outputs() : [];
        if (i > 0) {
          // same round, tool / pamphlet
          const ratios = e.runs.map((r, k) => [r, entry.tools[0].runs[k]]).filter(([a, b]) => a?.ok && b?.ok).map(([a, b]) => a.wallS / b.wallS);
          e.ratioToPamphlet = stats(ratios.map((x) => round(x, 3)));
        }
      }
    }
  }
  // Where the time goes: the steps of pamphlet's traced PDF runs (below), step by step the median.
  result.traces = {};
  for (const g of result.groups.filter((g) => g.group === 'pdf' && g.size !== 'series20')) {
    const runs = g.tools[0].runs.filter((r) => r.ok && r.trace);
    if (runs.length) result.traces[g.size] = medianTrace(runs.map((r) => r.trace), pdfPages(g.tools[0]));
  }
  result.epubTraces = {};
  for (const g of result.groups.filter((g) => g.group === 'epub-np' && g.size !== 'series20')) {
    const runs = g.tools[0].runs.filter((r) => r.ok && r.trace);
    if (runs.length) result.epubTraces[g.size] = medianTrace(runs.map((r) => r.trace));
  }
  result.machine.loadavgEnd = os.loadavg().map((x) => round(x, 2));

  const md = report(result);
  fs.writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(benchDir, 'results.md'), md);
  fs.mkdirSync(opt.resultsDir, { recursive: true });
  // One file per run, named for when it started (UTC): bench/results/2026-11-29T11-40.md; a
  // second run started in the same minute gets -2, and so on, rather than replace the first's.
  const stem = path.join(opt.resultsDir, result.date.slice(0, 16).replace(':', '-'));
  let dated = `${stem}.md`;
  for (let n = 2; fs.existsSync(dated); n += 1) dated = `${stem}-${n}.md`;
  fs.writeFileSync(dated, md);
  process.stdout.write(md);
  log(`bench: wrote ${path.relative(process.cwd(), path.join(benchDir, 'results.json'))}, results.md and ${path.relative(process.cwd(), dated)}`);
  const failures = result.groups.flatMap((g) => g.tools.filter((t) => t.name === 'pamphlet' && t.failedRuns));
  return failures.length ? 1 : 0;
}

// ---------------------------------------------------------------- report

function report(result) {
  const fmt = (x, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const range = (s, d = 2) => (s ? `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})` : 'failed');
  const get = (size, group, name) => result.groups.find((g) => g.size === size && g.group === group)?.tools.find((t) => t.name === name);
  const rows = [];
  const seen = new Set();
  for (const g of result.groups) {
    for (const t of g.tools) {
      const key = `${g.group}\u0000${t.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ group: g.group, name: t.name, label: t.label, output: t.output });
    }
  }
  const order = { pdf: 0, epub: 1, 'epub-np': 2, all: 3 };
  rows.sort((a, b) => order[a.group] - order[b.group]);
  const sizes = result.options.sizes.filter((s) => !SCALE_SIZES[s]);
  const scaleSizes = result.options.sizes.filter((s) => SCALE_SIZES[s]);
  const m = result.machine;
  let out = `# pamphlet benchmark, ${result.date.slice(0, 16).replace('T', ' ')} UTC\n\n`;
  out += `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memGiB} GiB; Node ${m.node}; ${m.chromium ?? 'no chromium'}; ${m.pandoc ?? 'no pandoc'}. `;
  out += `Load average (1/5/15 min) ${m.loadavgStart.join(' / ')} at start, ${m.loadavgEnd.join(' / ')} at the end.\n`;
  if (result.pamphlet.browser) out += `pamphlet printed with ${result.pamphlet.browser}; the peers' Chromium is ${process.env.CHROME ?? '/usr/bin/chromium'} (bench-peers/common.sh). `;
  out += `pamphlet ${result.pamphlet.commit ?? '(no git)'}. ${result.options.runs} measured run(s) per tool after ${result.options.warmup} warm-up, `;
  out += `round-robin (pamphlet then each peer, per round); tree RSS sampled every ${result.options.sampleMs} ms.\n`;
  const inp = result.inputs;
  out += `Inputs: pamphlet ${[...sizes, ...scaleSizes].map((s) => `${s} ${inp.pamphlet[s].dir} (${inp.pamphlet[s].markdownBytes} B Markdown)`).join(', ')}`;
  if (inp.peers) out += `; peers ${sizes.map((s) => `${s} ${inp.peers[s].file} (${inp.peers[s].markdownBytes} B)`).join(', ')}`;
  out += '.\n';
  if (result.options.skippedPeers.length) out += `Skipped peers: ${result.options.skippedPeers.join('; ')}.\n`;
  out += '\nWall seconds: median (min–max). Ratio = tool / pamphlet, run by run within a round, median (> 1: pamphlet is faster). ';
  out += 'Tree = peak summed RSS of the whole process tree (largest run); %M = GNU time max RSS of the largest single reaped process (largest run). ';
  out += `CPU = user + system seconds of the whole process tree, Chromium's included, median: the larger of GNU time's %U + %S (every process waited for) and the sum of each process's own times sampled with the RSS; both can only undercount, so on ${m.cpus} cores no run can take less than CPU / ${m.cpus}.\n\n`;
  const head = ['tool', 'output', ...sizes.map((s) => `${s} median s`), ...sizes.map((s) => `${s} ratio to pamphlet`), ...sizes.map((s) => `${s} CPU s`), ...sizes.map((s) => `${s} peak tree MiB`), ...sizes.map((s) => `${s} %M MiB`)];
  out += `| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n`;
  for (const r of rows) {
    const cells = [r.label, r.output];
    const ts = sizes.map((s) => get(s, r.group, r.name));
    cells.push(...ts.map((t) => (t ? range(t.wallS) : '–')));
    cells.push(...ts.map((t) => (r.name === 'pamphlet' ? (r.group === 'all' ? '–' : '1') : t?.ratioToPamphlet ? `${fmt(t.ratioToPamphlet.median)} (${fmt(t.ratioToPamphlet.min)}–${fmt(t.ratioToPamphlet.max)})` : '–')));
    cells.push(...ts.map((t) => (t?.cpuS ? fmt(t.cpuS.median) : '–')));
    cells.push(...ts.map((t) => (t?.peakTreeMiB ? `${Math.round(t.peakTreeMiB.max)} (${Math.max(...t.runs.filter((x) => x.ok).map((x) => x.peakTreeProcs))} procs)` : '–')));
    cells.push(...ts.map((t) => (t?.maxRssMiB ? `${Math.round(t.maxRssMiB.max)}` : '–')));
    out += `| ${cells.join(' | ')} |\n`;
  }
  out += '\nOutputs of the last run (bytes; pages for PDFs):\n\n| tool | output | ' + sizes.join(' | ') + ' |\n|---|---|' + sizes.map(() => '---').join('|') + '|\n';
  for (const r of rows) {
    const cells = [r.label, r.output];
    for (const s of sizes) {
      const t = get(s, r.group, r.name);
      cells.push(t?.outputs?.length ? t.outputs.map((o) => `${o.file} ${o.bytes.toLocaleString('en')} B${o.pages ? `, ${o.pages} p` : ''}`).join('; ') : '–');
    }
    out += `| ${cells.join(' | ')} |\n`;
  }
  out += scaleReport(result, [...sizes, ...scaleSizes], get);
  out += targetsReport(result, get);
  const failed = result.groups.flatMap((g) => g.tools.filter((t) => t.failedRuns).map((t) => `${g.size} ${g.group} ${t.name}: ${t.failedRuns} failed run(s)`));
  if (failed.length) out += `\nFailures: ${failed.join('; ')} (logs in .bench/logs/).\n`;
  return out;
}

/** Pages of the PDFs a tool's last run made. */
const pdfPages = (tool) => (tool?.outputs ?? []).filter((o) => o.file.endsWith('.pdf') && !/-(handout|booklet)\.pdf$/.test(o.file)).reduce((n, o) => n + (o.pages ?? 0), 0);

/** How pamphlet's PDF build grows: time, pages per second, peak memory, per size. */
function scaleReport(result, sizes, get) {
  const rows = sizes.map((size) => ({ size, t: get(size, 'pdf', 'pamphlet') })).filter((r) => r.t?.wallS);
  if (!rows.length) return '';
  let out = '\nScale (pamphlet, `--format pdf`, median of the runs): pages are those of the PDFs made.\n\n';
  out += '| input | parts | Markdown bytes | PDF pages | median s | pages per s | CPU s | peak tree MiB (procs) |\n|---|---|---|---|---|---|---|---|\n';
  for (const { size, t } of rows) {
    const inp = result.inputs.pamphlet[size];
    const pages = pdfPages(t);
    const peak = Math.round(t.peakTreeMiB.max);
    const procs = Math.max(...t.runs.filter((x) => x.ok).map((x) => x.peakTreeProcs));
    out += `| ${size} | ${inp.parts} | ${inp.markdownBytes.toLocaleString('en')} | ${pages} | ${t.wallS.median.toFixed(2)} | ${(pages / t.wallS.median).toFixed(1)} | ${t.cpuS ? t.cpuS.median.toFixed(2) : '–'} | ${peak} (${procs}) |\n`;
  }
  return out;
}

// ---------------------------------------------------------------- where the time goes

/**
 * The lines of a PAMPHLET_TRACE=1 log (src/trace.ts: "[ 1456 ms] what (N ms)") in seconds, with
 * the sum of the durations of the lines a pattern matches and the time of the last one.
 */
function traceLines(text) {
  const lines = text.split('\n').map((line) => /^\[\s*(\d+) ms\] (.*?)(?: \((\d+) ms\))?$/.exec(line)).filter(Boolean)
    .map((m) => ({ at: Number(m[1]) / 1000, what: m[2], took: m[3] === undefined ? undefined : Number(m[3]) / 1000 }));
  const sum = (re) => lines.filter((l) => re.test(l.what) && l.took !== undefined).reduce((t, l) => t + l.took, 0);
  const at = (re) => lines.filter((l) => re.test(l.what)).at(-1)?.at ?? 0;
  return { lines, sum, at };
}

/**
 * The stages of one build traced with PAMPHLET_TRACE=1 (src/trace.ts: "[ 1456 ms] what (N ms)"),
 * in seconds, and the part of it no pamphlet build can skip (`floor`): Node's start with the
 * bundle, remark-parse, loading the page, Paged.js 0.4.3's pagination and Chromium's print, all
 * parts the design fixes (README, "How it is built"). The rest is pamphlet's own work.
 */
function traceStages(text, wallS) {
  const { sum, at } = traceLines(text);
  // The five steps no build can skip, then pamphlet's own around them, in the order a build runs.
  const start = at(/^start$/);
  const markdown = sum(/: Markdown parsed$/);
  // The page's first layout, with its fonts, is part of loading it: the floor's Chromium makes one too.
  const load = sum(/: (loading the HTML|loading the text's fonts and laying the book out)$/);
  const pagination = sum(/: Paged\.js pagination$/);
  const print = sum(/: printing the PDF$/);
  const stages = [
    ['Node starts and loads the bundle', start, true],
    ['Markdown parsed (remark-parse)', markdown, true],
    ['the rest of the pipeline: plugins, citations, typography', Math.max(0, sum(/^manuscript parsed and cited$/) - markdown), false],
    ['the print HTML, hyphenated', Math.max(0, at(/^print HTML written$/) - at(/^manuscript parsed and cited$/)), false],
    ['waiting for Chromium to finish starting', sum(/^browser ready$/), false],
    ['Chromium loads the page and lays it out', load, true],
    ['Paged.js, the page rules and counters set up', sum(/: (configuring Paged\.js|loading Paged\.js|loading the page-break rules|loading the page counter|numbering the blocks)$/), false],
    ['paragraphs broken into lines', sum(/: (breaking paragraphs into lines|soft hyphens out of headings and small capitals)$/), false],
    ['Paged.js pagination', pagination, true],
    ['after pagination: fonts, page-break checks, full pages', sum(/: (loading fonts|checking the page breaks|filling the pages|making the page boxes plain)$/), false],
    ['Chromium prints the PDF (tagged, with its outline)', print, true],
    // The checks of the printed pages (lost blocks, lines too wide) run in Chromium beside it.
    ['the PDF post-processed in Node, the printed pages checked beside it', Math.max(0, at(/^rendered .*\.pdf$/) - at(/: printing the PDF$/)), false],
  ];
  const counted = stages.reduce((t, [, seconds]) => t + seconds, 0);
  stages.push(['other (tab, writing, exit)', Math.max(0, wallS - counted), false]);
  return {
    wallS: round(wallS, 3),
    stages: stages.map(([name, seconds, fixed]) => ({ name, seconds: round(seconds, 3), fixed })),
    // What each kind of output cannot go below: an EPUB without a page-list needs no layout, with one no print.
    floor: { pdf: round(start + markdown + load + pagination + print, 3), epub: round(start + markdown, 3), epubPages: round(start + markdown + load + pagination, 3) },
  };
}

/**
 * The same for an EPUB build without the page-list (no browser): what no build can skip is
 * Node's start with the bundle and remark-parse. citeproc-js's share (its load, the engine, the
 * clusters and the bibliography, `citations formatted` in src/citations/engine.ts) is shown on
 * its own: the peers' text has no citations, and pandoc is given no bibliography.
 */
const CITATIONS_STEP = 'citations and bibliography formatted (citeproc-js: its load, the engine, the clusters)';

function traceEpubStages(text, wallS) {
  const { lines, sum, at } = traceLines(text);
  const start = at(/^start$/);
  const markdown = sum(/: Markdown parsed$/);
  const firstParse = lines.find((l) => /: Markdown parsed$/.test(l.what));
  const before = firstParse ? Math.max(0, firstParse.at - (firstParse.took ?? 0) - start) : 0;
  const cited = /^citations formatted \(citeproc-js\): /;
  const citations = sum(cited);
  // What citeproc-js formatted, as the build counts it: every part's citations, the works listed.
  const counts = lines.filter((l) => cited.test(l.what)).map((l) => /: (\d+) citations, (\d+) works listed$/.exec(l.what)).filter(Boolean);
  const pipelineEnd = at(/^manuscript parsed and cited$/);
  const written = at(/^rendered .*\.epub$/);
  const stages = [
    ['Node starts and loads the bundle', start, true],
    ['pamphlet.yaml, the bibliography and the CSL style read, the parts read', before, false],
    ['Markdown parsed (remark-parse)', markdown, true],
    [CITATIONS_STEP, citations, false],
    ['the rest of the pipeline: plugins, notes, typography', Math.max(0, pipelineEnd - start - before - markdown - citations), false],
    ['the EPUB made: XHTML, package, the cover (drawn on its thread), zip', Math.max(0, written - pipelineEnd), false],
  ];
  const counted = stages.reduce((t, [, seconds]) => t + seconds, 0);
  stages.push(['other (writing, exit)', Math.max(0, wallS - counted), false]);
  return {
    wallS: round(wallS, 3),
    stages: stages.map(([name, seconds, fixed]) => ({ name, seconds: round(seconds, 3), fixed })),
    floor: { epub: round(start + markdown, 3) },
    cited: { citations: counts.reduce((t, m) => t + Number(m[1]), 0), works: counts.reduce((t, m) => t + Number(m[2]), 0) },
  };
}

/** Step by step, the median over the runs' traces (and of their floors and totals). */
function medianTrace(traces, pages) {
  const med = (xs) => stats(xs).median;
  return {
    runs: traces.length,
    pages,
    wallS: med(traces.map((t) => t.wallS)),
    stages: traces[0].stages.map((stage, i) => ({ ...stage, seconds: med(traces.map((t) => t.stages[i].seconds)) })),
    floor: Object.fromEntries(Object.keys(traces[0].floor).map((k) => [k, med(traces.map((t) => t.floor[k]))])),
    ...(traces[0].cited ? { cited: traces[0].cited } : {}),
  };
}

function tracesReport(result) {
  const sizes = Object.keys(result.traces ?? {});
  if (!sizes.length) return epubTracesReport(result);
  let out = '\nWhere the time of a PDF build goes: the timed runs above, traced with `PAMPHLET_TRACE=1`; each step the median of the runs, so the steps need not add up to the total exactly. ';
  out += 'Steps marked ● are ones no pamphlet build can skip (Node, remark-parse, Chromium loading the page, Paged.js 0.4.3, Chromium\'s print); the others are pamphlet\'s own work.\n\n';
  return out + stepsTable(result.traces, 'pdf') + epubTracesReport(result);
}

function epubTracesReport(result) {
  const sizes = Object.keys(result.epubTraces ?? {});
  if (!sizes.length) return '';
  let out = '\nWhere the time of an EPUB build without the page-list (`--format epub --no-print-pages`, no browser) goes, traced the same way. ';
  const cited = sizes.map((s) => `${s} ${result.epubTraces[s].cited.citations} citations and ${result.epubTraces[s].cited.works} works listed`).join(', ');
  out += `Steps marked ● are ones no pamphlet build can skip (Node, remark-parse). The peers' text has no citations and pandoc is given no bibliography; pamphlet's citeproc-js formats ${cited}.\n\n`;
  return out + stepsTable(result.epubTraces, 'epub');
}

/** Median traces by size as a table, step by step, with the total and the sum of the steps no build can skip (`floor[floorKey]`). */
function stepsTable(traces, floorKey) {
  const sizes = Object.keys(traces);
  let out = `| step | ${sizes.map((s) => `${s} s`).join(' | ')} |\n|---|${sizes.map(() => '---').join('|')}|\n`;
  for (const [i, stage] of traces[sizes[0]].stages.entries()) out += `| ${stage.fixed ? '● ' : ''}${stage.name} | ${sizes.map((s) => traces[s].stages[i].seconds.toFixed(2)).join(' | ')} |\n`;
  out += `| **total** | ${sizes.map((s) => `**${traces[s].wallS.toFixed(2)}**`).join(' | ')} |\n`;
  out += `| ● of which no build can skip (median of the runs' sums) | ${sizes.map((s) => traces[s].floor[floorKey].toFixed(2)).join(' | ')} |\n`;
  return out;
}

/**
 * Why a missed target is missed, from the traced builds: out of reach when the steps no
 * build can skip already take more than the target allows; otherwise how much of what the
 * target allows is left for pamphlet's own steps, and how much they take. `cpu` (the
 * build's CPU seconds, median, and the machine's cores) adds whether the build is bound by
 * the CPU: when its processes' CPU time spread over every core is more than the target
 * allows, no reordering or parallelism can meet it; only less work can.
 */
function verdict(allowedS, floorS, totalS, what, cpu) {
  if (allowedS === undefined || floorS === undefined) return '';
  if (floorS > allowedS) return `out of reach: ${what} no build can skip take ${floorS.toFixed(2)} s (median of the traced runs), the target allows ${allowedS.toFixed(2)} s`;
  const steps = `the target allows ${allowedS.toFixed(2)} s, ${what} no build can skip take ${floorS.toFixed(2)} s (median of the traced runs), pamphlet's own steps ${(totalS - floorS).toFixed(2)} s, which would have to fit in ${(allowedS - floorS).toFixed(2)} s`;
  const cpuFloor = cpu?.s !== undefined ? cpu.s / cpu.cores : undefined;
  if (cpuFloor !== undefined && cpuFloor > allowedS) {
    return `bound by the CPU: the build's processes use ${cpu.s.toFixed(2)} CPU s (median), at least ${cpuFloor.toFixed(2)} s on ${cpu.cores} cores however they are scheduled, so its work must shrink by ${(cpu.s - cpu.cores * allowedS).toFixed(2)} CPU s (${Math.round((1 - (cpu.cores * allowedS) / cpu.s) * 100)} %); ${steps}`;
  }
  return `not out of reach: ${steps}${cpuFloor !== undefined ? ` (CPU: ${cpu.s.toFixed(2)} s, at least ${cpuFloor.toFixed(2)} s on ${cpu.cores} cores)` : ''}`;
}

/** Issue 13's targets, each as measured in this run: met, missed, or not measured. */
function targetsReport(result, get) {
  const median = (size, group, name) => get(size, group, name)?.wallS?.median;
  /** pamphlet / peer, run by run in one round (the inverse of the table's ratio). */
  const versus = (size, group, peer) => {
    const r = get(size, group, peer)?.ratioToPamphlet;
    return r ? 1 / r.median : undefined;
  };
  const over = (a, b) => (a !== undefined && b !== undefined ? a / b : undefined);
  const pdf1 = median('x1', 'pdf', 'pamphlet');
  const pdf10 = median('x10', 'pdf', 'pamphlet');
  const x50 = get('x50', 'pdf', 'pamphlet');
  const peak10 = get('x10', 'pdf', 'pamphlet')?.peakTreeMiB?.max;
  const GB_MIB = 1e9 / 2 ** 20;
  const traced = result.traces ?? {};
  const times = (factor, size, group, name) => {
    const m = median(size, group, name);
    return m === undefined ? undefined : factor * m;
  };
  const cpuOf = (size, group) => {
    const c = get(size, group, 'pamphlet')?.cpuS?.median;
    return c === undefined ? undefined : { s: c, cores: result.machine.cpus };
  };
  const PDF_STEPS = 'the steps (Node, remark-parse, loading the page, Paged.js, the print)';
  const EPUB_STEPS = 'the steps (Node, remark-parse)';
  /** The EPUB's own traced runs where there are some (else the PDF's start and parse), and citeproc-js's share of its own steps. */
  const epubVerdict = (size, factor) => {
    const own = result.epubTraces?.[size];
    const why = verdict(times(factor, size, 'epub-np', 'pandoc-epub'), (own ?? traced[size])?.floor.epub, median(size, 'epub-np', 'pamphlet'), EPUB_STEPS);
    const citations = own?.stages.find((stage) => stage.name === CITATIONS_STEP)?.seconds;
    return why && citations ? `${why}; of them, citeproc-js formatting ${own.cited.citations} citations and a bibliography of ${own.cited.works} works took ${citations.toFixed(2)} s (median), work pandoc's run does not do (its text has no citations, and it is given no bibliography)` : why;
  };
  const LAYOUT_STEPS = 'the steps (Node, remark-parse, loading the page, Paged.js)';
  const x50Pages = x50?.wallS ? pdfPages(x50) : undefined;
  const targets = [
    ['PDF x10 ≤ 1.5× the Chromium floor', versus('x10', 'pdf', 'chromium'), 1.5, '×', 'atMost', verdict(times(1.5, 'x10', 'pdf', 'chromium'), traced.x10?.floor.pdf, traced.x10?.wallS, PDF_STEPS, cpuOf('x10', 'pdf'))],
    ['PDF x10 ≤ 0.6× pagedjs-cli', versus('x10', 'pdf', 'pagedjs'), 0.6, '×', 'atMost', verdict(times(0.6, 'x10', 'pdf', 'pagedjs'), traced.x10?.floor.pdf, traced.x10?.wallS, PDF_STEPS, cpuOf('x10', 'pdf'))],
    ['PDF x1 ≤ 0.8× pagedjs-cli', versus('x1', 'pdf', 'pagedjs'), 0.8, '×', 'atMost', verdict(times(0.8, 'x1', 'pdf', 'pagedjs'), traced.x1?.floor.pdf, traced.x1?.wallS, PDF_STEPS, cpuOf('x1', 'pdf'))],
    // Two groups, not one round: medians over medians.
    ['all five outputs x1 ≤ 1.0× pagedjs-cli\'s PDF', over(median('x1', 'all', 'pamphlet'), median('x1', 'pdf', 'pagedjs')), 1.0, '×', 'atMost', verdict(times(1, 'x1', 'pdf', 'pagedjs'), traced.x1?.floor.pdf, median('x1', 'all', 'pamphlet'), `for the PDF alone ${PDF_STEPS}`, cpuOf('x1', 'all'))],
    ['PDF growth x10 / x1 ≤ 2.5', over(pdf10, pdf1), 2.5, '×', 'atMost', verdict(pdf1 === undefined ? undefined : 2.5 * pdf1, traced.x10?.floor.pdf, traced.x10?.wallS, `with x1 as it is, at x10 ${PDF_STEPS}`, cpuOf('x10', 'pdf'))],
    ['x50 book ≥ 60 pages per second', x50Pages ? x50Pages / x50.wallS.median : undefined, 60, ' p/s', 'atLeast', verdict(x50Pages ? x50Pages / 60 : undefined, traced.x50?.floor.pdf, traced.x50?.wallS, PDF_STEPS, cpuOf('x50', 'pdf'))],
    ['peak tree memory, PDF x10 ≤ 1.0 GB (954 MiB)', peak10, GB_MIB, ' MiB', 'atMost', ''],
    // The EPUB alone is the one that needs no layout; with the page-list it is a PDF's layout.
    ['EPUB (--no-print-pages) x1 ≤ 2× pandoc', versus('x1', 'epub-np', 'pandoc-epub'), 2, '×', 'atMost', epubVerdict('x1', 2)],
    ['EPUB (--no-print-pages) x10 ≤ 1.0× pandoc', versus('x10', 'epub-np', 'pandoc-epub'), 1, '×', 'atMost', epubVerdict('x10', 1)],
    ['EPUB with the page-list x1 ≤ 2× pandoc', versus('x1', 'epub', 'pandoc-epub'), 2, '×', 'atMost', verdict(times(2, 'x1', 'epub', 'pandoc-epub'), traced.x1?.floor.epubPages, median('x1', 'epub', 'pamphlet'), LAYOUT_STEPS)],
    ['EPUB with the page-list x10 ≤ 1.0× pandoc', versus('x10', 'epub', 'pandoc-epub'), 1, '×', 'atMost', verdict(times(1, 'x10', 'epub', 'pandoc-epub'), traced.x10?.floor.epubPages, median('x10', 'epub', 'pamphlet'), LAYOUT_STEPS)],
  ];
  let out = tracesReport(result);
  out += '\nTargets (issue 13); × = pamphlet / peer, run by run in one round, median. Why, for a missed one: the time the target allows (the peer\'s median times the ratio) against the steps no build can skip, and against the build\'s CPU seconds spread over every core, in the same runs:\n\n| target | measured | | why |\n|---|---|---|---|\n';
  for (const [name, value, limit, unit, kind, why] of targets) {
    const met = value === undefined ? 'not measured' : (kind === 'atLeast' ? value >= limit : value <= limit) ? 'met' : `missed by ${(kind === 'atLeast' ? limit / value : value / limit).toFixed(2)}×`;
    out += `| ${name} | ${value === undefined ? '–' : `${value.toFixed(unit === '×' ? 2 : 0)}${unit}`} | ${met} | ${met.startsWith('missed') ? why : ''} |\n`;
  }
  return out;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`bench: ${err.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
