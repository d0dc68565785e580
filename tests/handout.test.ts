// The reading-group handout, built from a small fixture and from the real manuscript by the
// real CLI and read back with poppler as a reader would: its page size, title block, running
// heads, the ¶ numbers in its margin against the EPUB's anchors, the notes, and the questions
// with room to write; and the real manuscript's booklet, sheet side by sheet side.
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { toString } from 'hast-util-to-string';
import type { PartDocument } from '../src/document.js';
import { loadManuscript } from '../src/manuscript.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { marginNumbers, pdfWords, type Word } from './helpers/pdf-words.js';
import { pageCount, pagesText, pagesWith, pdffonts, squash } from './helpers/poppler.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SLUG = 'a-test-series-1';
const A4 = [595.28, 841.89];
const LETTER = [612, 792];
const MM = 72 / 25.4;

/** Builds the basic fixture, its pamphlet.yaml extended by `yaml`, into dist/; returns dist. */
function build(formats: string, yaml = ''): string {
  const dir = copyFixture('basic');
  const config = path.join(dir, 'manuscript', 'pamphlet.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}\n${yaml}\n`);
  const result = pamphlet(['build', 'manuscript', '--format', formats, '--out', 'dist', '--quiet'], dir);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return path.join(dir, 'dist');
}

/** Each page's size in points, as pdfinfo reports it. */
function pageSizes(file: string): number[][] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', String(pageCount(file)), file], { encoding: 'utf8' });
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

function expectSize(file: string, [width, height]: number[]): void {
  const sizes = pageSizes(file);
  expect(sizes.length).toBe(pageCount(file));
  for (const [w, h] of sizes) {
    expect(Math.abs((w ?? 0) - (width ?? 0))).toBeLessThan(0.5);
    expect(Math.abs((h ?? 0) - (height ?? 0))).toBeLessThan(0.5);
  }
}

/**
 * The EPUB's ¶-numbered paragraphs: number and text, in order. Without the note calls:
 * in print they are superscripts, which a text line read by its baseline leaves out.
 */
function epubParagraphs(file: string): Array<{ number: number; text: string }> {
  const xhtml = strFromU8(unzipSync(readFileSync(file))['OEBPS/text.xhtml'] ?? new Uint8Array());
  return [...xhtml.matchAll(/<p id="p(\d+)"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => ({
    number: Number(m[1]),
    text: (m[2] ?? '')
      .replace(/<a [^>]*epub:type="noteref"[^>]*>[^<]*<\/a>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&amp;/g, '&'),
  }));
}

const lineText = (line: Word[]): string => line.map((w) => w.text).join(' ');

describe('the handout of a small manuscript', () => {
  let dist: string;
  let handout: string;
  let pages: string[];
  beforeAll(() => {
    dist = build('handout,epub,pdf');
    handout = path.join(dist, `${SLUG}-handout.pdf`);
    pages = pagesText(handout);
  });

  test('is A4, every page', () => {
    expectSize(handout, A4);
  });

  test('opens with a compact title block above the text: no title page, no contents', () => {
    const first = squash(pages[0] ?? '');
    for (const text of ['A Test Series', 'Small Manuscripts for Tests', 'Part I', 'A First Part', 'Ada Example', 'The first paragraph cites Carr']) {
      expect(first, text).toContain(squash(text));
    }
    expect(pagesWith(pages, 'Contents')).toEqual([]);
  });

  test('numbers every paragraph in the margin, beside its first line, as the EPUB anchors it', () => {
    const paragraphs = epubParagraphs(path.join(dist, `${SLUG}.epub`));
    expect(paragraphs.length).toBeGreaterThan(4);
    const numbers = marginNumbers(pdfWords(handout));
    expect(numbers.map((n) => n.number)).toEqual(paragraphs.map((p) => p.number));
    numbers.forEach((n, i) => {
      const beside = squash(lineText(n.line));
      expect(beside.length, `¶ ${n.number}`).toBeGreaterThan(5);
      expect(squash(paragraphs[i]?.text ?? ''), `¶ ${n.number} beside “${lineText(n.line)}”`).toMatch(new RegExp(`^${beside}`));
    });
  });

  test('heads every page with “page x of y”, and the pages after the first with series, part and title', () => {
    const count = pages.length;
    expect(count).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`page ${i + 1} of ${count}`);
      if (i > 0) expect(text, `page ${i + 1}`).toContain('A Test Series · Part I · A First Part');
    });
  });

  test('sets each note at the foot of the page that holds its call', () => {
    const words = pdfWords(handout);
    const notePage = pagesWith(pages, 'An aside that itself cites Reed')[0] ?? 0;
    const callPage = pagesWith(pages, 'and has a footnote')[0];
    expect(notePage).toBe(callPage);
    const onPage = words[notePage - 1] ?? [];
    const callY = onPage.find((w) => w.text.startsWith('footnote'))?.yMax ?? Infinity;
    const noteY = onPage.find((w) => w.text === 'aside')?.yMin ?? -Infinity;
    const lastText = onPage.filter((w) => w.text.startsWith('citation')).map((w) => w.yMax);
    expect(noteY).toBeGreaterThan(callY);
    // Below all of the text, not after its paragraph.
    expect(noteY).toBeGreaterThan(Math.max(...lastText));
  });

  test('sets a note called on a later page at the foot of that page, not the first', () => {
    // Two pages of the real manuscript's prose before the paragraph with the call.
    const dir = copyFixture('basic');
    const part = path.join(dir, 'manuscript', 'part-1.md');
    const prose = readFileSync(path.join(REPO, 'manuscript', 'part-1.md'), 'utf8')
      .split(/\n\n+/)
      .filter((block) => /^[A-Z]/.test(block) && !/[[\]:^{}<]/.test(block) && block.length > 300)
      .slice(0, 12)
      .join('\n\n');
    writeFileSync(part, readFileSync(part, 'utf8').replace('## Opening\n', `## Opening\n\n${prose}\n`));
    const result = pamphlet(['build', 'manuscript', '--format', 'handout', '--out', 'dist', '--quiet'], dir);
    expect(result.stderr).toBe('');
    const file = path.join(dir, 'dist', `${SLUG}-handout.pdf`);
    const later = pagesText(file);
    const callPage = pagesWith(later, 'and has a footnote')[0] ?? 0;
    expect(callPage).toBeGreaterThanOrEqual(2);
    expect(pagesWith(later, 'An aside that itself cites Reed')).toEqual([callPage]);
    const onPage = pdfWords(file)[callPage - 1] ?? [];
    const callY = onPage.find((w) => w.text.startsWith('footnote'))?.yMax ?? Infinity;
    expect(onPage.find((w) => w.text === 'aside')?.yMin ?? -Infinity).toBeGreaterThan(callY);
  });

  test('ends with the questions, ruled space under each, and then the “Next:” line', () => {
    const words = pdfWords(handout).flatMap((page, i) => page.map((w) => ({ ...w, page: i + 1 })));
    // Case aside: headings are set in capitals.
    const find = (phrase: string) => {
      const length = phrase.split(' ').length;
      const at = words.findIndex((_, i) => words.slice(i, i + length).map((x) => x.text).join(' ').toLowerCase() === phrase.toLowerCase());
      expect(at, phrase).toBeGreaterThanOrEqual(0);
      return { start: words[at]!, end: words[at + length - 1]! };
    };
    // Its last word carries the note call after its full stop ("citation.¹"): the words before it suffice.
    const lastParagraph = find('Several keys in one');
    const heading = find('Questions for discussion');
    const q1 = find('Why did the revolution begin from below?');
    const q2 = find('What is dual power?');
    const next = find('Next: Part II: The Second Part');
    expect(heading.start.page).toBeGreaterThanOrEqual(lastParagraph.start.page);
    // Room for a few lines of handwriting (four ruled lines of 8.5 mm) under each question.
    const below = (a: Word & { page: number }, b: Word & { page: number }) => (a.page === b.page ? b.yMin - a.yMax : Infinity);
    expect(below(q1.end, q2.start)).toBeGreaterThan(30 * MM);
    expect(below(q2.end, next.start)).toBeGreaterThan(30 * MM);
    const lastLines = (pages.at(-1) ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lastLines.at(-1)).toBe('Next: Part II: The Second Part');
  });
});

describe('the handout on US letter, with questions only in the handout', () => {
  let dist: string;
  beforeAll(() => {
    dist = build('handout,pdf', 'handout: { size: letter }\nquestions: handout-only');
  });

  test('is letter, every page', () => {
    expectSize(path.join(dist, `${SLUG}-handout.pdf`), LETTER);
  });

  test('has the questions, which the PDF leaves out', () => {
    const inHandout = squash(pagesText(path.join(dist, `${SLUG}-handout.pdf`)).join('\n'));
    const inPdf = squash(pagesText(path.join(dist, `${SLUG}.pdf`)).join('\n'));
    for (const text of ['Questions for discussion', 'Why did the revolution begin from below?', 'What is dual power?']) {
      expect(inHandout, text).toContain(squash(text));
      expect(inPdf, text).not.toContain(squash(text));
    }
  });
});

describe('the handout and the booklet of the real manuscript', () => {
  const REAL = 'celebrating-red-october-1';
  let out: string;
  let handout: string;
  let pages: string[];
  let paragraphs: Array<{ number: number; text: string }>;
  let doc: PartDocument;
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-handout-real-'));
    const result = pamphlet(['build', 'manuscript', '--format', 'handout,epub,pdf,booklet', '--out', out, '--quiet'], REPO);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    handout = path.join(out, `${REAL}-handout.pdf`);
    pages = pagesText(handout);
    paragraphs = epubParagraphs(path.join(out, `${REAL}.epub`));
    doc = loadManuscript(path.join(REPO, 'manuscript')).parts[0] as PartDocument;
  });

  test('the handout is A4, every page', () => {
    expectSize(handout, A4);
  });

  test('its ¶ numbers run 1…n in order, the EPUB’s anchors, one for each paragraph', () => {
    expect(paragraphs.map((p) => p.number)).toEqual(Array.from({ length: doc.paragraphCount }, (_, i) => i + 1));
    expect(marginNumbers(pdfWords(handout)).map((n) => n.number)).toEqual(paragraphs.map((p) => p.number));
  });

  test.each([['¶ 1', 1], ['¶ 10', 10], ['the last ¶', -1]])('%s: the EPUB’s paragraph is where the handout prints its number', (_name, which) => {
    const paragraph = which > 0 ? paragraphs[which - 1] : paragraphs.at(-1);
    expect(paragraph).toBeDefined();
    const { number, text } = paragraph!;
    const opening = text.split(/\s+/).slice(0, 8).join(' ');
    const printed = marginNumbers(pdfWords(handout)).filter((n) => n.number === number);
    expect(printed, `¶ ${number} in the margin`).toHaveLength(1);
    const { page, line } = printed[0]!;
    expect(pagesWith(pages, opening), opening).toContain(page);
    // Its first line stands beside the number: the line's words begin the paragraph.
    const beside = squash(lineText(line));
    expect(beside.length).toBeGreaterThan(10);
    expect(squash(text).startsWith(beside), `“${lineText(line)}” begins ¶ ${number}`).toBe(true);
  });

  test('every page says “page x of y”; from page 2 on, the series, part and title', () => {
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`page ${i + 1} of ${pages.length}`);
      if (i > 0) expect(text, `page ${i + 1}`).toContain('Celebrating Red October · Part I · How the Working Class came to Power');
    });
  });

  test('the questions come after the text, all of them, and the “Next:” line last', () => {
    const last = paragraphs.at(-1)!.text.split(/\s+/).slice(0, 8).join(' ');
    const lastTextPage = Math.max(...pagesWith(pages, last));
    const questionsPage = pagesWith(pages, 'Questions for discussion')[0] ?? 0;
    expect(questionsPage).toBeGreaterThanOrEqual(lastTextPage);
    const after = squash(pages.slice(questionsPage - 1).join('\n'));
    expect(doc.questions?.items.length).toBe(8);
    for (const item of doc.questions?.items ?? []) {
      expect(after, toString(item).slice(0, 60)).toContain(squash(toString(item)));
    }
    const lines = (pages.at(-1) ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.at(-1)).toBe('Next: Part II: The Evolution of Revolution');
  });

  describe('the booklet', () => {
    let a5: string;
    let booklet: string;
    let n: number;
    beforeAll(() => {
      a5 = path.join(out, `${REAL}.pdf`);
      booklet = path.join(out, `${REAL}-booklet.pdf`);
      n = pageCount(a5);
    });

    test('has ceil(n/4) sheets: 2 × that many A4 landscape pages', () => {
      expect(n).toBeGreaterThan(8);
      expect(pageCount(booklet)).toBe(2 * Math.ceil(n / 4));
      expectSize(booklet, [A4[1]!, A4[0]!]);
    });

    test('holds on each side of each sheet the two pages that fold into order', () => {
      const a5Pages = pagesText(a5).map(squash);
      const padded = Math.ceil(n / 4) * 4;
      const half = A4[1]! / 2;
      const text = (side: number, x: number) =>
        squash(execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(side), '-l', String(side), '-x', String(Math.round(x)), '-y', '0', '-W', String(Math.floor(half)), '-H', '596', booklet, '-'], { encoding: 'utf8' }));
      const expected = (page: number) => (page <= n ? a5Pages[page - 1] : '');
      for (let sheet = 0; sheet < padded / 4; sheet++) {
        const front = 2 * sheet + 1;
        const back = front + 1;
        // Outermost sheet first: the last page beside page 1, then page 2 beside page n − 1.
        const order = [[front, padded - 2 * sheet, 1 + 2 * sheet], [back, 2 + 2 * sheet, padded - 1 - 2 * sheet]] as const;
        for (const [side, left, right] of order) {
          expect(text(side, 0), `side ${side}, left: page ${left}`).toBe(expected(left));
          expect(text(side, half + 1), `side ${side}, right: page ${right}`).toBe(expected(right));
        }
      }
    });

    test('keeps every font embedded, none Type 3', () => {
      const fonts = pdffonts(booklet);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, font.name).toBe(true);
        expect(font.type, font.name).not.toBe('Type 3');
      }
    });
  });
});
