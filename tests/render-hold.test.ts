// The print page is laid out only when a layout is used (src/browser/render-hold.ts): not as
// it loads (Chromium laid the whole book out twice then, with fallback fonts and again with
// its own), and with the faces its text needs loaded before its first layout. Seen from the
// fonts: Chromium asks for a face only when a layout needs it, so a face asked for as the
// page loaded is a layout made then. Built by the real CLI in real Chromium, on the real
// manuscript, on every script we bundle a face for, on text nobody here wrote (the
// CommonMark spec's prose), and under a house style that tries to show the page anyway.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { commonMarkProse } from './helpers/commonmark-prose.js';

const REPO = path.resolve(import.meta.dirname, '..');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-render-hold-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Traced {
  /** Font faces the page asked for as it loaded: a face is asked for only when a layout needs it. */
  loading: number;
  /** Faces loaded before the first layout, and those the first layout still asked for. */
  preloaded: number;
  missed: number;
  /** Faces loaded while Paged.js made the pages: not in as it measured them. */
  lateFaces: number;
  pages: number;
  fonts: string[];
}

/** Builds a copy of `source` as a PDF, traced; `css` as its styles/print.css when given. */
function build(name: string, source: string, css?: string): Traced {
  const dir = path.join(workDir, name);
  cpSync(source, path.join(dir, 'manuscript'), { recursive: true });
  if (css !== undefined) {
    mkdirSync(path.join(dir, 'manuscript', 'styles'), { recursive: true });
    writeFileSync(path.join(dir, 'manuscript', 'styles', 'print.css'), css);
  }
  const result = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', 'out', '--no-cache'], dir, { PAMPHLET_TRACE: '1' });
  expect(result.stderr).not.toMatch(/error|warning/);
  expect(result.status).toBe(0);
  const faces = /: font faces: (\d+) asked for as the page loaded, (\d+) loaded before its first layout, (\d+) more asked for by that layout/.exec(result.stderr);
  expect(faces, result.stderr).not.toBeNull();
  const late = /: font faces loaded as the pages were made: (\d+)/.exec(result.stderr);
  expect(late, result.stderr).not.toBeNull();
  const pdf = path.join(dir, 'out', readdirSync(path.join(dir, 'out')).find((file) => file.endsWith('.pdf'))!);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  // pdffonts: a header of two lines, then one font a line, its name first.
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return { loading: Number(faces![1]), preloaded: Number(faces![2]), missed: Number(faces![3]), lateFaces: Number(late![1]), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), fonts };
}

describe('the print page is laid out only when a layout is used', () => {
  test.each([
    ['the real manuscript', () => path.join(REPO, 'manuscript')],
    ['every script', () => path.join(REPO, 'tests', 'fixtures', 'scripts')],
    ['the CommonMark spec’s prose', () => commonMarkProse(path.join(workDir, 'prose-source'))],
  ])('%s: nothing laid out as it loads, and its first layout finds every face its text needs already in', (name, source) => {
    const built = build(name.replace(/\W+/g, '-'), source());
    expect(built.loading).toBe(0);
    expect(built.preloaded).toBeGreaterThan(0);
    expect(built.missed).toBe(0);
    // Nor do the pages: the faces only they ask for (running heads, what the page rules style)
    // are in before Paged.js measures them, not loading as it ends and the book laid out again for them.
    expect(built.lateFaces).toBe(0);
    // What a reader sees: the book in its own faces, every one embedded as a TrueType subset.
    expect(built.pages).toBeGreaterThan(1);
    expect(built.fonts.length).toBeGreaterThan(0);
    for (const font of built.fonts) expect(font).toMatch(/^[A-Z]{6}\+\S+\s+(CID )?TrueType/);
  });

  test('a house style that shows the root anyway (`html, :root { display: block !important }`) does not undo the hold, and prints the same pages', () => {
    const manuscript = path.join(REPO, 'manuscript');
    const plain = build('house-plain', manuscript, '');
    const shown = build('house-shown', manuscript, 'html, :root { display: block !important; }\n');
    expect(shown.loading).toBe(0);
    expect(shown.missed).toBe(0);
    expect(shown.pages).toBe(plain.pages);
    expect(shown.fonts).toEqual(plain.fonts);
  });
});
