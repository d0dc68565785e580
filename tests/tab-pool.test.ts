// The print jobs of a build share one Chromium through a pool of tabs, one per core, the
// dearest job first; and that Chromium runs with the fewest processes that keep the tabs
// paginating side by side (counted from /proc while a real build's pages are laid out).
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { runOnPool, tabPoolSize } from '../src/browser/tab-pool.js';
import { openBrowser } from '../src/browser/session.js';
import { loadManuscript } from '../src/manuscript.js';
import { preparePrint, printPrepared } from '../src/render/pdf.js';

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

/** This process's descendants named chromium, from /proc. */
function chromiumProcesses(): number {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...name].filter(([pid, comm]) => /chrom/i.test(comm) && mine(pid)).length;
}

describe('one lean Chromium', () => {
  test('two tabs paginating at once run in at most five Chromium processes (Chromium alone starts about eleven)', async () => {
    const { config, parts } = loadManuscript(path.join(REPO, 'manuscript'), { SOURCE_DATE_EPOCH: '0' });
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-tab-pool-'));
    const session = await openBrowser({ timeout: 300_000 });
    try {
      const jobs = await Promise.all((['pamphlet', 'handout'] as const).map((variant) => preparePrint(parts[0]!, config, { variant, workDir })));
      let most = 0;
      const count = () => (most = Math.max(most, chromiumProcesses()));
      await Promise.all(jobs.map((job) => printPrepared(session, job, count)));
      // Seen while pages were laid out: the browser, one renderer per tab, at most one more.
      expect(most).toBeGreaterThanOrEqual(3);
      expect(most).toBeLessThanOrEqual(5);
    } finally {
      await session.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
