// Definition lists as a reader sees them: Pandoc's test suite (tests/fixtures/definition-lists),
// printed by the real Chromium and read back with poppler, its EPUB through the real epubcheck.
// Until 2026-12-07 each definition printed as a paragraph beginning ":   ", and a second block
// of one (indented four spaces) as a code block.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pdfWords } from './helpers/pdf-words.js';
import { epubFiles } from './mutation/helpers.js';

const root = copyFixture('definition-lists');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('definition lists', () => {
  const built = pamphlet(['build', 'manuscript', '--quiet', '--out', 'dist', '--format', 'pdf,epub'], root);

  test('printed: each term at the margin, its definition under it, indented; no marker printed', () => {
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const pages = pdfWords(path.join(root, 'dist', 'pandoc-test-suite-1.pdf'));
    const page = pages.find((p) => p.some((w) => w.text === 'Tight'))!;
    const margin = page.find((w) => w.text === 'Tight')!.xMin;
    const words = page.map((w) => w.text);
    const at = (text: string, from = 0) => page[words.indexOf(text, from)]!;
    const apple = at('apple');
    const red = at('red', words.indexOf('apple'));
    expect(apple.xMin).toBeCloseTo(margin, 0);
    // 1.5 em of the 10.5 pt text.
    expect(red.xMin - margin).toBeCloseTo(15.75, 0);
    expect(red.yMin).toBeGreaterThan(apple.yMax - 1);
    expect(pages.flat().filter((w) => w.text === ':')).toEqual([]);
    // The definition's code block and quotation are inside it, indented with it.
    const code = pages.flat().find((w) => w.text === '{')!;
    expect(code.xMin - margin).toBeGreaterThan(15);
  });

  test('the EPUB: `<dl>`, `<dt>`, `<dd>`; epubcheck clean', () => {
    const file = path.join(root, 'dist', 'pandoc-test-suite-1.epub');
    const text = epubFiles(readFileSync(file))['OEBPS/text.xhtml'] ?? '';
    expect(text.match(/<dl>/g)?.length).toBe(6);
    expect(text.match(/<dt>/g)?.length).toBe(15);
    const result = epubcheck(file);
    expect(result.errors, result.output).toBe(0);
    expect(result.warnings, result.output).toBe(0);
  });
});
