// What `build` prints as it goes: on a terminal (a real pseudo-terminal, through
// util-linux `script`) one line per output that updates as pages are laid out; in a
// pipe, plain lines; nothing with --quiet; no colour with NO_COLOR.
import { afterAll, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, pamphlet } from './helpers/cli.js';

const BIN = path.resolve(import.meta.dirname, '../bin/pamphlet.js');
const root = copyFixture('basic');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The bytes a terminal would get from `pamphlet …` run in it. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  const run = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, TERM: 'xterm', ...env }, timeout: 300_000 });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return run.stdout;
}

const ESC = '\u001b';

test('on a terminal: one line per output, updated page by page, in colour unless NO_COLOR', () => {
  const shown = onTerminal(['build', 'manuscript', '--out', 'tty', '--format', 'pdf', '--no-cache']);
  // Each update erases the line before it and writes the count so far.
  const updates = shown.split(`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G`).map((s) => s.replace(/\r?\n.*$/s, ''));
  expect(updates).toEqual(expect.arrayContaining(['Part I · pdf · 1 page', 'Part I · pdf · 2 pages', 'Part I · pdf · 3 pages']));
  expect(shown).toMatch(/Part I · pdf · 4 pages · \u001b\[32mrendered\u001b\[0m in \d+\.\d\d s/);

  const plain = onTerminal(['build', 'manuscript', '--out', 'tty', '--format', 'pdf', '--no-cache'], { NO_COLOR: '1' });
  expect(plain).toContain('Part I · pdf · 2 pages');
  expect(plain).toMatch(/Part I · pdf · 4 pages · rendered in \d+\.\d\d s/);
  expect(plain).not.toMatch(/\u001b\[\d+m/);
});

test('in a pipe: one plain line per output, then the summary; --quiet prints nothing', () => {
  const piped = pamphlet(['build', 'manuscript', '--out', 'piped', '--format', 'pdf,epub'], root);
  expect(piped.status).toBe(0);
  const lines = piped.stderr.trim().split('\n');
  expect(lines).toHaveLength(3);
  // The EPUB follows the pamphlet's layout, whose pages are its page-list, and is made
  // while Chromium prints the PDF: either may be done first.
  const [epubLine, pdfLine] = [lines[0], lines[1]].sort();
  expect(epubLine).toMatch(/^Part I · epub · rendered in \d+\.\d\d s$/);
  expect(pdfLine).toMatch(/^Part I · pdf · 4 pages · rendered in \d+\.\d\d s$/);
  expect(lines[2]).toMatch(/^rendered 2, from the cache 0, in \d+\.\d\d s$/);
  expect(piped.stderr).not.toContain(ESC);
  expect(piped.stdout).toBe('piped/a-test-series-1.epub\npiped/a-test-series-1.pdf\n');

  const quiet = pamphlet(['build', 'manuscript', '--out', 'piped', '--format', 'pdf,epub', '--quiet'], root);
  expect(quiet.status).toBe(0);
  expect([quiet.stdout, quiet.stderr]).toEqual(['', '']);
  const tty = onTerminal(['build', 'manuscript', '--out', 'piped', '--format', 'pdf,epub', '--quiet']);
  expect(tty).toBe('');
});
