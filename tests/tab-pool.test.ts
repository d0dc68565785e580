// The print jobs of a build share one Chromium through a pool of tabs, one per core, the
// dearest job first; and that Chromium runs with the fewest processes that keep the tabs
// paginating side by side (counted from /proc while a real build's pages are laid out).
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { runOnPool, tabPoolSize } from '../src/browser/tab-pool.js';
import { build } from '../src/api.js';
import { openBrowser } from '../src/browser/session.js';
import { loadManuscript } from '../src/manuscript.js';
import { preparePrint, printPrepared } from '../src/render/pdf.js';
import { descendantsOf } from './helpers/processes.js';

const REPO = path.resolve(import.meta.dirname, '..');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('runOnPool', () => {
  test('never more tasks in flight than the pool, the dearest started first', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = [3, 9, 1, 7, 5].map((cost) => ({
      cost,
      run: async () => {
        started.push(cost);
        most = Math.max(most, ++running);
        await tick();
        running--;
      },
    }));
    await runOnPool(tasks, 2);
    expect(most).toBe(2);
    expect(started).toEqual([9, 7, 5, 3, 1]);
  });

  test('a failure is thrown once the tasks in flight have settled, and nothing starts after it', async () => {
    const events: string[] = [];
    const tasks = [
      { cost: 3, run: async () => { events.push('a start'); await tick(); throw new Error('a failed'); } },
      { cost: 2, run: async () => { events.push('b start'); await tick(); await tick(); events.push('b end'); } },
      { cost: 1, run: async () => { events.push('c start'); } },
    ];
    await expect(runOnPool(tasks, 2)).rejects.toThrow('a failed');
    expect(events).toEqual(['a start', 'b start', 'b end']);
  });

  test('the pool is the cores: at least one, at most eight', () => {
    expect(tabPoolSize()).toBe(Math.min(8, availableParallelism()));
    expect(tabPoolSize(0)).toBe(1);
    expect(tabPoolSize(2)).toBe(2);
    expect(tabPoolSize(64)).toBe(8);
  });
});

/**
 * This process's Chromium descendants, by kind: `browser`, `renderer`, `zygote`,
 * `gpu-process`, `utility:<service>` (from each command line's --type and
 * --utility-sub-type, read from /proc).
 */
function chromiumProcesses(): string[] {
  return [...chromiumDescendants().values()].sort();
}

/** The process ids of this process's Chromium renderers (never another test file's). */
function rendererPids(): number[] {
  return [...chromiumDescendants()].filter(([, kind]) => kind === 'renderer').map(([pid]) => pid).sort((a, b) => a - b);
}

/** This process's Chromium descendants: pid → kind. */
function chromiumDescendants(): Map<number, string> {
  const kinds = new Map<number, string>();
  for (const { pid, cmdline } of descendantsOf(process.pid)) {
    // Chromium rewrites a child's argv into one string, so the switches are searched, not split.
    if (!/\/chrom(e|ium)(-headless-shell)?\s/.test(cmdline)) continue;
    const type = /--type=(\S+)/.exec(cmdline)?.[1];
    const service = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
    kinds.set(pid, type === undefined ? 'browser' : service ? `${type}:${service}` : type);
  }
  return kinds;
}

describe('one lean Chromium', () => {
  test('the first page is laid out in the tab Chromium opened at start, in the renderer that was already up', async () => {
    const { config, parts } = loadManuscript(path.join(REPO, 'manuscript'), { SOURCE_DATE_EPOCH: '0' });
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-tab-pool-'));
    // A renderer per tab, so the start tab's renderer can be told from a new tab's.
    const session = await openBrowser({ timeout: 300_000, tabs: 2 });
    try {
      const atStart = rendererPids();
      expect(atStart.length).toBeGreaterThan(0);
      const job = await preparePrint(parts[0]!, config, { variant: 'pamphlet', workDir });
      const seen = new Set<number>();
      await printPrepared(session, job, () => rendererPids().forEach((pid) => seen.add(pid)));
      expect(seen.size).toBeGreaterThan(0);
      // A new tab would have started a renderer of its own (and the start tab's would have gone).
      expect([...seen].filter((pid) => !atStart.includes(pid))).toEqual([]);
    } finally {
      await session.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test("Chromium runs no page of its own: once started, one renderer, the start tab's", async () => {
    // Headless Chromium builds its address bar's drop-down (two chrome:// WebUI pages in a
    // renderer of their own, 0.5-0.85 CPU s) unless session.ts switches it off.
    const session = await openBrowser({ timeout: 300_000, tabs: 2 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(chromiumProcesses().filter((kind) => kind === 'renderer')).toEqual(['renderer']);
    } finally {
      await session.close();
    }
  });

  test('two tabs paginating at once: one browser, a renderer per tab and none more, no zygote, GPU or network process', async () => {
    const { config, parts } = loadManuscript(path.join(REPO, 'manuscript'), { SOURCE_DATE_EPOCH: '0' });
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-tab-pool-'));
    const session = await openBrowser({ timeout: 300_000 });
    try {
      const jobs = await Promise.all((['pamphlet', 'handout'] as const).map((variant) => preparePrint(parts[0]!, config, { variant, workDir })));
      // Every set of processes seen while pages were laid out; Chromium's defaults start about eleven.
      const seen = new Set<string>();
      const count = () => void seen.add(chromiumProcesses().join(' '));
      await Promise.all(jobs.map((job) => printPrepared(session, job, count)));
      expect(seen.size).toBeGreaterThan(0);
      for (const line of seen) {
        const kinds = line.split(' ');
        const renderers = kinds.filter((kind) => kind === 'renderer').length;
        expect(kinds.filter((kind) => kind === 'browser'), line).toHaveLength(1);
        // One renderer for each tab paginating; none for Chromium's own headless UI (its
        // address bar's drop-down, two WebUI pages, switched off in session.ts).
        expect(renderers, line).toBeLessThanOrEqual(2);
        expect(kinds.filter((kind) => /^(zygote|gpu-process)$|network/i.test(kind)), line).toEqual([]);
      }
      // Both tabs had a renderer of their own at some moment: the pool did paginate side by side.
      expect([...seen].some((line) => line.split(' ').filter((kind) => kind === 'renderer').length >= 2), [...seen].join('\n')).toBe(true);
    } finally {
      await session.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test('a build with one print job runs Chromium as one process; its PDF is the one a renderer per tab prints', async () => {
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-tab-pool-'));
    const env = { SOURCE_DATE_EPOCH: '0' };
    try {
      const seen = new Set<string>();
      const one = await build({ dir: path.join(REPO, 'manuscript'), out: path.join(workDir, 'one'), formats: ['pdf'], cache: false, env, onEvent: (event) => {
        if (event.kind === 'pages') seen.add(chromiumProcesses().join(' '));
      } });
      expect(seen.size).toBeGreaterThan(0);
      // Only the browser process: no renderer, zygote, GPU or utility process beside it.
      expect([...seen]).toEqual(['browser']);
      // The same part printed by a session with a renderer per tab gives the same bytes.
      const { config, parts } = loadManuscript(path.join(REPO, 'manuscript'), env);
      const session = await openBrowser({ timeout: 300_000 });
      try {
        const job = await preparePrint(parts[0]!, config, { variant: 'pamphlet', workDir });
        const kinds = new Set<string>();
        const pdf = await printPrepared(session, job, () => void kinds.add(chromiumProcesses().join(' ')));
        expect([...kinds].every((line) => line.split(' ').includes('renderer')), [...kinds].join('\n')).toBe(true);
        expect(Buffer.compare(Buffer.from(pdf), readFileSync(one.outputs[0]!))).toBe(0);
      } finally {
        await session.close();
      }
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
