// Code blocks, tables and figures in print (issue 8, items 4 and 6): the fixture
// tests/fixtures/print-blocks is built by the real CLI into the pamphlet and the handout, and
// both are read back with poppler as a reader would see them: every word of the code and the
// tables on the page and inside the text block, code in an embedded monospace face, a long
// block split between lines with enough of it on each page, table headers on every page a
// table spans, rows whole, and a tall figure scaled to the page with its caption, floated to
// the next page while the text after it fills the page it left.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Code, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { pagesRawText, pdffonts, pdfImages, squash } from './helpers/poppler.js';

const MM = 72 / 25.4;
const SLUG = 'notes-on-printing-1';

/** The text block of a page, in points from the top-left corner, from the fixture's pamphlet.yaml. */
interface Geometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  /** Left and right margins of page `n` (1-based). */
  sides(n: number): [number, number];
}
// A5; Paged.js's first page is a right-hand page, whose inside margin is on the left.
const PAMPHLET: Geometry = {
  width: 148 * MM,
  height: 210 * MM,
  top: 16 * MM,
  bottom: 18 * MM,
  sides: (n) => (n % 2 === 1 ? [18 * MM, 14 * MM] : [14 * MM, 18 * MM]),
};
// A4 with the notes margin on the right of every page (src/render/page-css.ts).
const HANDOUT: Geometry = {
  width: 210 * MM,
  height: 297 * MM,
  top: 24 * MM,
  bottom: 20 * MM,
  sides: () => [25 * MM, 55 * MM],
};

function block(g: Geometry, page: number): { left: number; right: number; top: number; bottom: number } {
  const [left, right] = g.sides(page);
  return { left, right: g.width - right, top: g.top, bottom: g.height - g.bottom };
}

// ---------- What the manuscript says, read as a Markdown tree ----------

const source = readFileSync(path.resolve(import.meta.dirname, 'fixtures/print-blocks/part-1.md'), 'utf8');
const tree = unified().use(remarkParse).use(remarkGfm).parse(source) as Root;
const codes = tree.children.filter((n): n is Code => n.type === 'code').map((n) => n.value);
const tables = tree.children
  .filter((n): n is Table => n.type === 'table')
  .map((t) => t.children.map((row) => row.children.map((cell) => toString(cell))));
const LONG_LINE = codes[0]!;
const CYRILLIC_GREEK = codes[1]!;
const LONG_BLOCK = codes[2]!;
const [BOOKS, ELEMENTS] = tables as [string[][], string[][]];
const FIGURE_CAPTION = 'A tall picture in bands of grey, from light at the top to dark at the bottom';

// ---------- Reading the PDF ----------

const compact = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

/**
 * The page (0-based) of each line of `lines`, found in order in the pages' text: a line is
 * searched from where the previous one was found, on that page and then on the following
 * ones; -1 for a line that is not there (or is blank).
 */
function locateLines(lines: readonly string[], pages: readonly string[]): number[] {
  const texts = pages.map(compact);
  let page = 0;
  let cursor = 0;
  return lines.map((line) => {
    const needle = compact(line);
    if (needle === '') return -1;
    for (let p = page; p < texts.length; p++) {
      const at = texts[p]!.indexOf(needle, p === page ? cursor : 0);
      if (at >= 0) {
        page = p;
        cursor = at + needle.length;
        return p;
      }
    }
    return -1;
  });
}

/** Pages (0-based) whose raw text holds the cell, by its letters and digits. */
function pagesOfCell(cell: string, pages: readonly string[]): number[] {
  const needle = squash(cell);
  return pages.flatMap((text, i) => (squash(text).includes(needle) ? [i] : []));
}

/** The page each row of a table is on (every cell of it on that one page), or -1. */
function rowPages(rows: readonly string[][], pages: readonly string[]): number[] {
  const squashed = pages.map(squash);
  let from = 0;
  return rows.map((row) => {
    for (let p = from; p < pages.length; p++) {
      if (row.every((cell) => squashed[p]!.includes(squash(cell)))) {
        from = p;
        return p;
      }
    }
    return -1;
  });
}

interface Built {
  pdf: string;
  pages: string[];
  words: Word[][];
}

function read(pdf: string): Built {
  return { pdf, pages: pagesRawText(pdf), words: pdfWords(pdf) };
}

let pamphletPdf: Built;
let handoutPdf: Built;

beforeAll(() => {
  const dir = copyFixture('print-blocks');
  const result = pamphlet(['build', 'manuscript', '--format', 'pdf,handout', '--out', 'dist', '--quiet'], dir);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  pamphletPdf = read(path.join(dir, 'dist', `${SLUG}.pdf`));
  handoutPdf = read(path.join(dir, 'dist', `${SLUG}-handout.pdf`));
});

describe.each([
  ['pamphlet', () => pamphletPdf, PAMPHLET],
  ['handout', () => handoutPdf, HANDOUT],
] as const)('blocks in the %s PDF', (name, built, geometry) => {
  test('every line of every code block is in the text, in order, and nothing is cut', () => {
    const { pages } = built();
    for (const code of codes) {
      const lines = code.split('\n');
      const where = locateLines(lines, pages);
      const missing = lines.filter((line, i) => compact(line) !== '' && where[i] === -1);
      expect(missing, `code lines missing from the ${name} PDF`).toEqual([]);
    }
    // The 140-character line, whole, on one page (wrapped, not cut).
    expect(LONG_LINE.length).toBe(140);
    expect(pages.some((text) => compact(text).includes(compact(LONG_LINE)))).toBe(true);
    // Cyrillic and Greek in code come out as written.
    expect(pages.some((text) => text.normalize('NFC').includes('Печатный двор'))).toBe(true);
    expect(pages.some((text) => text.normalize('NFC').includes('Ἐρωτήματα'))).toBe(true);
  });

  test('every word lies inside the text block (running heads, folios and ¶ numbers in their margins)', () => {
    const { words } = built();
    const outside: string[] = [];
    words.forEach((pageWords, i) => {
      const box = block(geometry, i + 1);
      for (const w of pageWords) {
        const marginNumber = /^\d+$/.test(w.text) && w.xMax < box.left;
        const inWidth = w.xMin >= box.left - 1 && w.xMax <= box.right + 1;
        // pdftotext's box starts at the font's ascent, a little above the first line's letters.
        const inHeight = w.yMin >= box.top - 3 && w.yMax <= box.bottom + 1;
        // Below the text block only the folio; above it, the running head.
        const folio = /^\d+$/.test(w.text) && w.yMin > box.bottom;
        const head = w.yMax < box.top;
        if (marginNumber && name === 'handout') continue;
        if (!inWidth || !(inHeight || folio || head)) outside.push(`p.${i + 1} "${w.text}" x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)} y ${w.yMin.toFixed(1)}–${w.yMax.toFixed(1)}`);
      }
    });
    expect(outside).toEqual([]);
  });

  test('code is set in Noto Sans Mono, embedded as TrueType, and no font is Type 3', () => {
    const fonts = pdffonts(built().pdf);
    const mono = fonts.filter((f) => f.name.includes('NotoSansMono'));
    expect(mono.length).toBeGreaterThan(0);
    for (const font of mono) {
      expect(font.embedded).toBe(true);
      expect(font.type).toMatch(/TrueType/);
    }
    expect(fonts.filter((f) => f.type === 'Type 3' || !f.embedded)).toEqual([]);
    // No system face stands in for a missing glyph (DejaVu is Debian's fallback).
    expect(fonts.filter((f) => !/EBGaramond|NotoSansMono/.test(f.name)).map((f) => f.name)).toEqual([]);
  });

  test('a short code block is kept on one page', () => {
    const where = locateLines(CYRILLIC_GREEK.split('\n'), built().pages).filter((p) => p >= 0);
    expect(new Set(where).size).toBe(1);
  });

  test('the 46-line block takes at most two pages, with at least four of its lines on each', () => {
    const lines = LONG_BLOCK.split('\n');
    expect(lines.length).toBe(46);
    const where = locateLines(lines, built().pages).filter((p) => p >= 0);
    const perPage = new Map<number, number>();
    for (const p of where) perPage.set(p, (perPage.get(p) ?? 0) + 1);
    expect(perPage.size).toBeLessThanOrEqual(2);
    expect(Math.min(...perPage.values())).toBeGreaterThanOrEqual(4);
    // Consecutive pages: the block is not interrupted.
    const spanned = [...perPage.keys()].sort((a, b) => a - b);
    expect(spanned.at(-1)! - spanned[0]!).toBe(spanned.length - 1);
  });

  test.each([
    ['six-column table of first printed books', () => BOOKS],
    ['three-column table of the elements', () => ELEMENTS],
  ])('the %s: every cell on the page, rows whole, the header on every page it spans', (_label, rowsOf) => {
    const { pages } = built();
    const [header, ...body] = rowsOf();
    const where = rowPages(body, pages);
    // Each row's cells all on one page, and the rows in order.
    expect(where.filter((p) => p < 0)).toEqual([]);
    expect([...where].sort((a, b) => a - b)).toEqual(where);
    const spanned = [...new Set(where)];
    if (rowsOf() === ELEMENTS) expect(spanned.length).toBeGreaterThanOrEqual(3);
    for (const p of spanned) {
      const text = squash(pages[p]!);
      expect(text.includes(squash(header!.join(' '))), `header of the table on page ${p + 1}`).toBe(true);
    }
  });

  test('a table keeps its columns from page to page', () => {
    const { pages, words } = built();
    let checked = 0;
    for (const [header, ...body] of [BOOKS, ELEMENTS]) {
      const spanned = [...new Set(rowPages(body, pages))];
      if (spanned.length < 2) continue;
      checked++;
      // Where each header word starts, measured from the text block's left edge.
      const columns = spanned.map((p) => {
        const left = block(geometry, p + 1).left;
        return header!.map((title) => {
          const word = words[p]!.find((w) => w.text === title);
          return word ? Math.round((word.xMin - left) * 2) / 2 : null;
        });
      });
      expect(columns[0]!.every((x) => x !== null)).toBe(true);
      for (const row of columns) expect(row).toEqual(columns[0]);
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('a table caption is on the page of the table’s first rows', () => {
    const { pages } = built();
    for (const [caption, rows] of [
      ['First printed books, with their printers and references', BOOKS],
      ['The chemical elements by atomic number', ELEMENTS],
    ] as const) {
      const first = rowPages(rows.slice(1, 2), pages)[0]!;
      expect(pagesOfCell(caption, pages)).toEqual([first]);
    }
  });

  test('GFM alignment: numbers right-aligned, symbols centred', () => {
    const { words } = built();
    // Rows 99 Es and 100 Fm, 92 U and 93 Np, by the words on their lines.
    const wordLeftOf = (page: Word[], symbol: string): Word => {
      const s = page.find((w) => w.text === symbol)!;
      return page.filter((w) => Math.abs(w.yMax - s.yMax) < 2 && w.xMax < s.xMin).sort((a, b) => b.xMax - a.xMax)[0]!;
    };
    const pageWith = (...symbols: string[]): Word[] => words.find((page) => symbols.every((s) => page.some((w) => w.text === s)))!;
    const numbers = pageWith('Es', 'Fm');
    const n99 = wordLeftOf(numbers, 'Es');
    const n100 = wordLeftOf(numbers, 'Fm');
    expect([n99.text, n100.text]).toEqual(['99', '100']);
    expect(Math.abs(n99.xMax - n100.xMax)).toBeLessThan(0.6);
    expect(Math.abs(n99.xMin - n100.xMin)).toBeGreaterThan(2);
    const symbols = pageWith('U', 'Np');
    const u = symbols.find((w) => w.text === 'U')!;
    const np = symbols.find((w) => w.text === 'Np')!;
    expect(Math.abs((u.xMin + u.xMax) / 2 - (np.xMin + np.xMax) / 2)).toBeLessThan(0.8);
    expect(Math.abs(u.xMin - np.xMin)).toBeGreaterThan(1);
  });

  test('the tall figure fits the text block, with its caption on its page; the text after it fills the page before', () => {
    const { pdf, pages, words } = built();
    const images = pdfImages(pdf);
    expect(images.length).toBe(1);
    const image = images[0]!;
    const page = image.page - 1;
    const box = block(geometry, image.page);
    // Its printed size, from its pixels and the resolution it is printed at.
    expect((image.width / image.xPpi) * 72).toBeLessThanOrEqual(box.right - box.left + 1);
    expect((image.height / image.yPpi) * 72).toBeLessThanOrEqual(box.bottom - box.top + 1);
    expect(pagesOfCell(FIGURE_CAPTION, pages)).toEqual([page]);
    // The figure floated: the paragraph after it in the manuscript is on the page before.
    const after = 'This paragraph is written after the picture in the manuscript';
    expect(pagesOfCell(after, pages)).toEqual([page - 1]);
    // And that page is full to within a third of its text block.
    const before = block(geometry, page);
    const text = words[page - 1]!.filter((w) => w.yMax <= before.bottom + 1 && w.yMin >= before.top - 1);
    const lowest = Math.max(...text.map((w) => w.yMax));
    expect(lowest).toBeGreaterThanOrEqual(before.top + ((before.bottom - before.top) * 2) / 3);
  });
});
