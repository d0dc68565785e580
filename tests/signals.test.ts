// Ctrl-C and SIGTERM at any moment of a real build, and a browser that hangs: the real
// CLI on a copy of the real manuscript, with a private TMPDIR so that every temporary
// folder and every process of the run can be found (processes by their environment).
// Whenever the signal lands, the run must exit 130 or 143 at once, and leave no Chromium
// process, no temporary folder, and --out exactly as it was.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { descendantsOf, processesMarkedBy, processGroupOf, waitForNoProcesses } from './helpers/processes.js';

const BIN = path.resolve(import.meta.dirname, '../bin/pamphlet.js');
const MANUSCRIPT = path.resolve(import.meta.dirname, '../manuscript');
const EARLIER = 'celebrating-red-october-1.pdf';
// Short paths: Chromium's singleton socket lives in TMPDIR, and a socket path may not
// be longer than 107 bytes.
const scratch = mkdtempSync(path.join(tmpdir(), 'pam-sig-'));
let runs = 0;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  root: string;
  /** The run's TMPDIR: empty before, and must be empty after. */
  tmp: string;
  out: string;
}

/** A copy of the manuscript, an --out with an earlier output in it, and an empty TMPDIR. */
function prepare(): Run {
  const root = path.join(scratch, String(++runs));
  cpSync(MANUSCRIPT, path.join(root, 'manuscript'), { recursive: true });
  const tmp = path.join(root, 'tmp');
  const out = path.join(root, 'dist');
  mkdirSync(tmp);
  mkdirSync(out);
  writeFileSync(path.join(out, EARLIER), 'the earlier pamphlet');
  return { root, tmp, out };
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** ms from the signal (or from the first error line) to the exit. */
  exitAfter: number;
}

/**
 * Starts a build and sends `signal` when `when` says so: after a delay in ms, or once
 * a stderr line matches (PAMPHLET_TRACE=1 prints the start of each browser step).
 */
function buildAndSignal(run: Run, signal: NodeJS.Signals | undefined, when: number | RegExp, args: string[] = [], env: NodeJS.ProcessEnv = {}, target: 'build' | 'browser' | 'renderers' | 'renderers as they start' = 'build'): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'build', 'manuscript', '--out', 'dist', ...args], {
      cwd: run.root,
      env: { ...process.env, TMPDIR: run.tmp, PAMPHLET_TRACE: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sentAt: number | undefined;
    const send = (): void => {
      if (sentAt !== undefined || !signal) return;
      sentAt = performance.now();
      if (target === 'build') child.kill(signal);
      else if (target === 'renderers as they start') {
        // Every renderer the build has, and every one Chromium starts in the next half
        // second: a tab being opened loses its renderer before Puppeteer has made its Page.
        const until = performance.now() + 500;
        const sweep = (): void => {
          for (const { pid, cmdline } of descendantsOf(child.pid ?? -1)) {
            if (!cmdline.includes('--type=renderer')) continue;
            try {
              process.kill(pid, signal);
            } catch {
              // Gone meanwhile.
            }
          }
          if (performance.now() < until) setTimeout(sweep, 5);
        };
        sweep();
      } else if (target === 'renderers') {
        // The pages' renderer processes alone, as the out-of-memory killer takes the largest
        // (Chromium starts them with an environment of its own: found as the build's descendants).
        const renderers = descendantsOf(child.pid ?? -1).filter(({ cmdline }) => cmdline.includes('--type=renderer'));
        for (const { pid } of renderers) process.kill(pid, signal);
        if (renderers.length === 0) child.kill('SIGKILL');
      } else {
        // Chromium leads a process group of its own: the whole group, as the kernel's
        // out-of-memory killer or a crash would end it, while the build goes on.
        const leaders = processesMarkedBy(run.tmp)
          .filter((line) => /chrom/i.test(line))
          .map((line) => Number(line.split(' ')[0]))
          .filter((pid) => processGroupOf(pid) === pid);
        for (const pid of leaders) process.kill(-pid, signal);
        if (leaders.length === 0) child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      if (when instanceof RegExp && when.test(stderr)) send();
      if (sentAt === undefined && /error:/.test(stderr)) sentAt = performance.now();
    });
    if (typeof when === 'number') setTimeout(send, when);
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the build did not exit; stderr:\n${stderr}`));
    }, 120_000);
    child.on('exit', (code, exitSignal) => {
      clearTimeout(guard);
      resolve({ code, signal: exitSignal, stderr, exitAfter: performance.now() - (sentAt ?? performance.now()) });
    });
  });
}

async function expectNothingLeft(run: Run): Promise<void> {
  expect(await waitForNoProcesses(run.tmp)).toEqual([]);
  expect(readdirSync(run.tmp)).toEqual([]);
  // Only the earlier output, byte for byte: no staging folder, lock or .partial file.
  expect(readdirSync(run.out)).toEqual([EARLIER]);
  expect(readFileSync(path.join(run.out, EARLIER), 'utf8')).toBe('the earlier pamphlet');
}

const MOMENTS: Array<[string, number | RegExp]> = [
  ['at 0.2 s', 200],
  // Around the time Node has loaded the bundle and hands over from the first line's handlers.
  ['at 0.5 s', 500],
  ['at 1 s', 1000],
  // The step just before Paged.js paginates; the signal lands while it lays out pages.
  ['during pagination', /loading the page-break rules/],
];

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s', (signal, status) => {
  test.each(MOMENTS)(`${signal} %s exits ${status} and leaves no process, no temporary file and --out as it was`, async (moment, when) => {
    const run = prepare();
    const outcome = await buildAndSignal(run, signal, when);
    // The status a shell sees ($?). A signal that lands before Node has run the first
    // line of bin/pamphlet.js (Node takes 0.1–0.5 s to start on a busy machine) ends the
    // process by the signal itself, which a shell also reports as 128 + its number;
    // from the first line on, our handlers exit with that status themselves.
    const shellStatus = outcome.code ?? 128 + constants.signals[outcome.signal ?? 'SIGKILL'];
    expect(shellStatus, outcome.stderr).toBe(status);
    // Once the build has traced its start, our handlers were on: they must have exited.
    if (/\] start\n/.test(outcome.stderr)) expect(outcome.signal, 'the handlers were installed by then').toBeNull();
    // A handler runs when the event loop is free: a signal that lands during the
    // synchronous Markdown pipeline waits for it (about a second; more on a busy machine).
    expect(outcome.exitAfter).toBeLessThan(10_000);
    if (when instanceof RegExp) expect(outcome.stderr).toMatch(when);
    await expectNothingLeft(run);
  });
});

describe('SIGKILL, which no handler sees', () => {
  test.each([
    ['one print job (Chromium as one process)', ['--format', 'pdf']],
    ['all five outputs (a renderer per tab)', []],
  ])('%s: no Chromium process outlives the build, since it quits when its pipe closes', async (_, args) => {
    const run = prepare();
    const outcome = await buildAndSignal(run, 'SIGKILL', /loading the page-break rules/, args);
    expect(outcome.signal).toBe('SIGKILL');
    // Nothing could remove the temporary folders; but the browser went with its pipe.
    expect(await waitForNoProcesses(run.tmp, 10_000)).toEqual([]);
  });
});

describe('a browser that ends mid-build', () => {
  test('killed (as the out-of-memory killer would) is an error that says so, and leaves nothing behind', async () => {
    const run = prepare();
    // Once Paged.js is in the page: the kill lands as the page is laid out or printed.
    const outcome = await buildAndSignal(run, 'SIGKILL', /loading the page-break rules/, ['--format', 'pdf'], {}, 'browser');
    expect(outcome.code, outcome.stderr).toBe(1);
    // Not Puppeteer's "Target closed": what ended, in which step, and how.
    expect(outcome.stderr).toMatch(/^pamphlet: error: celebrating-red-october-1: Chromium quit in the middle of [^\n]+ \(killed by SIGKILL, as the system ends a process when memory runs out\)$/m);
    expect(outcome.stderr).not.toMatch(/Target closed|Protocol error/);
    expect(outcome.exitAfter).toBeLessThan(3000);
    await expectNothingLeft(run);
  });
});

describe("a page's renderer that ends mid-build", () => {
  test('killed, in a build with a renderer per tab, is an error that says so at once, not a time limit run out', async () => {
    const run = prepare();
    const outcome = await buildAndSignal(run, 'SIGKILL', /loading the page-break rules/, [], {}, 'renderers');
    expect(outcome.code, outcome.stderr).toBe(1);
    // The renderers go at once; a tab still opening (the handout's, beside the pamphlet's) hears
    // of it as its renderer's exit code, a tab laying out as Puppeteer's "Page crashed!": either
    // says what ended and how (the clean clone of 2026-12-07 09:09 drew the first).
    expect(outcome.stderr).toMatch(/^pamphlet: error: [a-z0-9-]+: Chromium's page crashed in the middle of [^\n]+ \((?:Page crashed!|a renderer (?:was killed|crashed|ended abnormally), code \d+); a renderer the system kills when memory runs out ends this way\)$/m);
    expect(outcome.stderr).not.toMatch(/did not finish within/);
    expect(outcome.exitAfter).toBeLessThan(3000);
    await expectNothingLeft(run);
  });
});

describe('renderers killed as a tab opens', () => {
  // Seen in a CI run: the handout's tab lost its renderer while Puppeteer was still making
  // it, newPage() never answered, and the build waited out its two-minute time limit.
  test('is an error that says so at once, whichever tab was opening', async () => {
    const run = prepare();
    const outcome = await buildAndSignal(run, 'SIGKILL', /celebrating-red-october-1-handout: a new tab asked for/, [], {}, 'renderers as they start');
    expect(outcome.code, outcome.stderr).toBe(1);
    // Chromium names the end as it saw it: "was killed, code 9" mostly, "crashed, code 0" when
    // it read no exit status from the renderer (the clean clone of 2026-12-07 10:01).
    expect(outcome.stderr).toMatch(/^pamphlet: error: [a-z0-9-]+: Chromium's page crashed in the middle of [^\n]+ \((Page crashed!|a renderer (?:was killed|crashed|ended abnormally), code \d+); a renderer the system kills when memory runs out ends this way\)$/m);
    expect(outcome.stderr).not.toMatch(/did not finish within/);
    expect(outcome.exitAfter).toBeLessThan(3000);
    await expectNothingLeft(run);
  });
});

describe('a browser that hangs', () => {
  test('is a time-limit error, and the process exits within seconds of it, leaving nothing behind', async () => {
    const run = prepare();
    // Chromium whose every renderer waits for a debugger: opening a tab never finishes. A
    // build with one print job runs Chromium as one process (tab-pool.ts), which has no
    // renderer to wait: the wrapper drops that switch.
    const wrapper = path.join(run.root, 'hung-chromium');
    writeFileSync(wrapper, '#!/bin/sh\nfor a; do shift; [ "$a" = --single-process ] || set -- "$@" "$a"; done\nexec /usr/bin/chromium --renderer-startup-dialog "$@"\n');
    chmodSync(wrapper, 0o755);
    const outcome = await buildAndSignal(run, undefined, 0, ['--format', 'pdf', '--timeout', '1000'], { PUPPETEER_EXECUTABLE_PATH: wrapper });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^pamphlet: error: celebrating-red-october-1: opening a browser tab did not finish within 1 s/m);
    expect(outcome.exitAfter).toBeLessThan(3000);
    expect(processesMarkedBy('--renderer-startup-dialog')).toEqual([]);
    await expectNothingLeft(run);
  });
});
