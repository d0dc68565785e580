/**
 * Booklet imposition, checked the way a printer would see it: poppler reads the imposed PDF
 * (sheet sizes, the text in each half of each sheet side, embedded fonts, text positions), so
 * the tests do not trust pdf-lib to read back what pdf-lib wrote.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFDocument, PageSizes, StandardFonts, beginText, endText, moveText, setFontAndSize, showText } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bookletSheetFor, bookletSheetSize, creepShift, imposeBooklet, saddleStitchOrder } from '../src/render/booklet.js';
import { setPrintBoxes } from '../src/render/page-boxes.js';
import { finishPdf } from '../src/render/pdf-post.js';

const work = mkdtempSync(join(tmpdir(), 'pamphlet-booklet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let fileCount = 0;
function writePdf(bytes: Uint8Array): string {
  const path = join(work, `${++fileCount}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

/** n pages of `size`, each saying "Page k" in large Helvetica, with a title and an author. */
async function numberedPdf(n: number, size: [number, number] = PageSizes.A5): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('The Booklet Test');
  doc.setAuthor('A. N. Author');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let k = 1; k <= n; k++) {
    const page = doc.addPage(size);
    const text = `Page ${k}`;
    const fontSize = 48;
    page.drawText(text, {
      x: (size[0] - font.widthOfTextAtSize(text, fontSize)) / 2,
      y: size[1] / 2,
      size: fontSize,
      font,
    });
  }
  return doc.save();
}

/** Every page's size as pdfinfo prints it, e.g. "841.89 x 595.28 pts (A4)". */
function pageSizes(path: string): string[] {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [path]))?.[1]);
  const info = run('pdfinfo', ['-f', '1', '-l', String(pages), path]);
  return [...info.matchAll(/^Page\s+\d+ size:\s+(.+)$/gm)].map((m) => m[1]!.trim());
}

/** The text in one half of one sheet side, "" for a blank half. */
function halfText(path: string, page: number, half: 'left' | 'right', sheet: { width: number; height: number }): string {
  const halfWidth = sheet.width / 2;
  const x = half === 'left' ? 0 : Math.ceil(halfWidth);
  const args = ['-r', '72', '-f', String(page), '-l', String(page), '-x', String(x), '-y', '0'];
  args.push('-W', String(Math.floor(halfWidth)), '-H', String(Math.ceil(sheet.height)), path, '-');
  return run('pdftotext', args).replace(/\s+/g, ' ').trim();
}

/** What each half should say: "Page k", or "" for a padding blank beyond the last page. */
function label(page: number, n: number): string {
  return page <= n ? `Page ${page}` : '';
}

/**
 * The saddle-stitch order written out independently of the implementation: for N pages after
 * padding, sheet i's front is N−2i | 1+2i and its back is 2+2i | N−1−2i.
 */
function expectedSides(n: number): string[][] {
  const padded = Math.ceil(n / 4) * 4;
  const sides: string[][] = [];
  for (let i = 0; i < padded / 4; i++) {
    sides.push([label(padded - 2 * i, n), label(1 + 2 * i, n)]);
    sides.push([label(2 + 2 * i, n), label(padded - 1 - 2 * i, n)]);
  }
  return sides;
}

function actualSides(path: string, sheet: { width: number; height: number }, count: number): string[][] {
  return Array.from({ length: count }, (_, index) => [
    halfText(path, index + 1, 'left', sheet),
    halfText(path, index + 1, 'right', sheet),
  ]);
}

/** xMin of the "Page" word followed by each page number, from `pdftotext -bbox`. */
function wordPositions(path: string, page: number): Map<string, number> {
  const html = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-']);
  const words = [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    text: m[2]!,
  }));
  const positions = new Map<string, number>();
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (word.text === 'Page' && next !== undefined) positions.set(`Page ${next.text}`, word.x);
  });
  return positions;
}

const A4 = bookletSheetSize('A4');
const LETTER = bookletSheetSize('letter');

describe('saddleStitchOrder', () => {
  it('puts the last page beside page 1 and page 2 beside the second-to-last, outside in', () => {
    expect(saddleStitchOrder(8)).toEqual([
      { front: [8, 1], back: [2, 7] },
      { front: [6, 3], back: [4, 5] },
    ]);
  });

  it('pads with blanks at the end to a multiple of four', () => {
    expect(saddleStitchOrder(5)).toEqual([
      { front: [null, 1], back: [2, null] },
      { front: [null, 3], back: [4, 5] },
    ]);
    expect(saddleStitchOrder(1)).toEqual([{ front: [null, 1], back: [null, null] }]);
  });

  it('refuses an empty document', () => {
    expect(() => saddleStitchOrder(0)).toThrow(RangeError);
  });
});

describe('bookletSheetSize and bookletSheetFor', () => {
  it('gives landscape A4 and letter in points', () => {
    expect(A4).toEqual({ width: 841.89, height: 595.28 });
    expect(LETTER).toEqual({ width: 792, height: 612 });
  });

  it('prints A5 on A4 and half-letter on letter', () => {
    expect(bookletSheetFor('A5')).toBe('A4');
    expect(bookletSheetFor('half-letter')).toBe('letter');
  });
});

describe('imposeBooklet on A4', () => {
  for (const n of [1, 5, 8, 13]) {
    describe(`${n} A5 page${n === 1 ? '' : 's'}`, () => {
      let path = '';
      const sheets = Math.ceil(n / 4);

      beforeAll(async () => {
        path = writePdf(await imposeBooklet(await numberedPdf(n), { sheet: 'A4' }));
      });

      it(`makes ${sheets} sheet${sheets === 1 ? '' : 's'}: ${2 * sheets} A4 landscape pages`, () => {
        expect(pageSizes(path)).toEqual(Array(2 * sheets).fill('841.89 x 595.28 pts (A4)'));
      });

      it('puts the pages of every sheet side in saddle-stitch order', () => {
        const sides = actualSides(path, A4, 2 * sheets);
        expect(sides).toEqual(expectedSides(n));
        // The issue's own words: the first side holds the last page and page 1, the second
        // side pages 2 and N−1 (blank when they are padding).
        expect(sides[0]).toEqual([label(4 * sheets, n), 'Page 1']);
        expect(sides[1]).toEqual([label(2, n), label(4 * sheets - 1, n)]);
      });
    });
  }

  it('lays out 13 pages as the printed sheets read', async () => {
    const path = writePdf(await imposeBooklet(await numberedPdf(13), { sheet: 'A4' }));
    expect(actualSides(path, A4, 8)).toEqual([
      ['', 'Page 1'],
      ['Page 2', ''],
      ['', 'Page 3'],
      ['Page 4', 'Page 13'],
      ['Page 12', 'Page 5'],
      ['Page 6', 'Page 11'],
      ['Page 10', 'Page 7'],
      ['Page 8', 'Page 9'],
    ]);
  });

  it('keeps the Title and Author and does not rasterise', async () => {
    const path = writePdf(await imposeBooklet(await numberedPdf(4), { sheet: 'A4' }));
    const info = run('pdfinfo', [path]);
    expect(info).toMatch(/^Title:\s+The Booklet Test$/m);
    expect(info).toMatch(/^Author:\s+A\. N\. Author$/m);
    // pdfimages -list prints a two-line header and one line per image.
    expect(run('pdfimages', ['-list', path]).trim().split('\n')).toHaveLength(2);
  });

  it('gives the same bytes for the same input', async () => {
    const source = await numberedPdf(6);
    const first = await imposeBooklet(source, { sheet: 'A4', creep: 2 });
    const second = await imposeBooklet(source, { sheet: 'A4', creep: 2 });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('gives the same bytes from a finished document as from the bytes it was saved to', async () => {
    // The build imposes from the document the post-processing saved, without reading it back.
    const finished = await finishPdf(await numberedPdf(7), { title: 'The Booklet Test', authors: ['A. N. Author'], lang: 'en', creator: 'pamphlet test', modified: '2017-11-07T12:00:00Z' }, { pageSize: { width: 419.53, height: 595.28 } });
    const fromBytes = await imposeBooklet(finished.bytes, { sheet: 'A4', creep: 3 });
    const fromDocument = await imposeBooklet(finished.document, { sheet: 'A4', creep: 3 });
    expect(Buffer.from(fromDocument).equals(Buffer.from(fromBytes))).toBe(true);
    expect(run('pdftotext', ['-layout', writePdf(fromDocument), '-'])).toContain('Page 7');
  });

  it('imposes a page drawn in two content streams, and a book of single-stream pages without a second copy of their content', async () => {
    // Chromium writes one content stream a page, which the booklet keeps as it is (compressed);
    // PDF also allows an array of them, which a form XObject cannot hold, and pdf-lib joins.
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const k of [1, 2]) doc.addPage(PageSizes.A5).drawText(`Page ${k}`, { x: 100, y: 300, size: 48, font });
    const first = doc.getPage(0);
    const fontName = first.node.normalizedEntries().Font.keys()[0]!;
    const second = doc.context.contentStream([beginText(), setFontAndSize(fontName, 24), moveText(100, 200), showText(font.encodeText('Second stream')), endText()]);
    first.node.addContentStream(doc.context.register(second));
    const twoStreams = writePdf(await imposeBooklet(await doc.save(), { sheet: 'A4' }));
    expect(run('pdftotext', ['-layout', twoStreams, '-'])).toMatch(/Page 1[^]*Second stream/);
    expect(actualSides(twoStreams, A4, 2)[0]).toEqual(['', 'Page 1 Second stream']);

    // Pages full of text, whose drawing is most of the file: pdf-lib's embedPages kept each
    // page's content stream beside the one it made (inflated and deflated again), nearly
    // twice the source; the booklet's content is the source's, once.
    const full = await PDFDocument.create({ updateMetadata: false });
    const helvetica = await full.embedFont(StandardFonts.Helvetica);
    for (let k = 1; k <= 16; k++) {
      const page = full.addPage(PageSizes.A5);
      for (let line = 0; line < 40; line++) page.drawText(`Page ${k}, line ${line}: ${'the quick brown fox jumps over the lazy dog '.repeat(2)}`, { x: 20, y: 560 - 13 * line, size: 6, font: helvetica });
    }
    const source = await full.save();
    const booklet = await imposeBooklet(source, { sheet: 'A4' });
    expect(booklet.length).toBeLessThan(source.length * 1.3);
  });

  it('refuses a negative creep', async () => {
    await expect(imposeBooklet(await numberedPdf(4), { sheet: 'A4', creep: -1 })).rejects.toThrow(RangeError);
  });
});

describe('imposeBooklet on a print-ready PDF', () => {
  it('imposes the TrimBox, leaving the bleed out, at full size', async () => {
    const bleed = 3 * (72 / 25.4);
    const [width, height] = PageSizes.A5;
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (const k of [1, 2]) {
      const page = doc.addPage([width + 2 * bleed, height + 2 * bleed]);
      page.drawText(`Page ${k}`, { x: bleed + 100, y: height / 2, size: 48, font });
    }
    const printReady = await setPrintBoxes(await doc.save(), { bleed, trim: { width, height } });
    const path = writePdf(await imposeBooklet(printReady, { sheet: 'A4' }));

    // Page 2 is the left half of the second side. Embedded by its TrimBox it is not scaled
    // (A5 is half of A4), so its text sits 100 pt from the page's left edge; embedding the
    // whole MediaBox would have shrunk it to fit and moved the text.
    const halfMargin = (A4.width / 2 - width) / 2;
    expect(wordPositions(path, 2).get('Page 2')).toBeCloseTo(halfMargin + 100, 0);
    expect(actualSides(path, A4, 2)).toEqual(expectedSides(2));
  });
});

describe('imposeBooklet on letter', () => {
  it('imposes half-letter pages on landscape letter sheets', async () => {
    const path = writePdf(await imposeBooklet(await numberedPdf(6, [396, 612]), { sheet: 'letter' }));
    expect(pageSizes(path)).toEqual(Array(4).fill('792 x 612 pts (letter)'));
    expect(actualSides(path, LETTER, 4)).toEqual(expectedSides(6));
  });

  it('scales A5 pages to fit half a letter sheet, order intact', async () => {
    const path = writePdf(await imposeBooklet(await numberedPdf(8), { sheet: 'letter' }));
    expect(pageSizes(path)).toEqual(Array(4).fill('792 x 612 pts (letter)'));
    expect(actualSides(path, LETTER, 4)).toEqual(expectedSides(8));
  });
});

describe('creep', () => {
  it('moves each sheet toward the spine in proportion to its depth, the outer sheet not at all', async () => {
    const source = await numberedPdf(12); // three sheets
    const plain = writePdf(await imposeBooklet(source, { sheet: 'A4' }));
    const crept = writePdf(await imposeBooklet(source, { sheet: 'A4', creep: 10 }));
    const order = saddleStitchOrder(12);

    order.forEach((sides, sheet) => {
      const shift = creepShift(sheet, order.length, 10);
      expect(shift).toBe([0, 5, 10][sheet]);
      [sides.front, sides.back].forEach(([left, right], side) => {
        const page = 2 * sheet + side + 1;
        const before = wordPositions(plain, page);
        const after = wordPositions(crept, page);
        // Left-hand pages move right, right-hand pages move left: both toward the fold.
        expect(after.get(`Page ${left}`)! - before.get(`Page ${left}`)!).toBeCloseTo(shift, 1);
        expect(after.get(`Page ${right}`)! - before.get(`Page ${right}`)!).toBeCloseTo(-shift, 1);
      });
    });
  });
});

describe('a Chromium PDF with embedded fonts', () => {
  const chromium = process.env['PUPPETEER_EXECUTABLE_PATH'] ?? 'chromium';
  let source = '';
  let booklet = '';

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const font = require.resolve('@fontsource/eb-garamond/files/eb-garamond-latin-400-normal.woff2');
    const pages = [1, 2, 3, 4, 5].map((k) => `<section>Page ${k}</section>`).join('');
    const html = join(work, 'garamond.html');
    writeFileSync(
      html,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Garamond Booklet</title><style>
        @font-face { font-family: "EB Garamond"; src: url("file://${font}") format("woff2"); }
        @page { size: A5; margin: 0 }
        body { margin: 0; font: 40pt "EB Garamond"; }
        section { height: 210mm; display: flex; align-items: center; justify-content: center; break-after: page; }
        section:last-child { break-after: auto; }
      </style></head><body>${pages}</body></html>`,
    );
    source = join(work, 'garamond.pdf');
    execFileSync(
      chromium,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${source}`, html],
      { stdio: 'ignore', timeout: 60_000 },
    );
    booklet = writePdf(await imposeBooklet(readFileSync(source), { sheet: 'A4' }));
  }, 90_000);

  /** pdffonts rows as "name type emb": the subset tag differs between files, so it is dropped. */
  function fonts(path: string): string[] {
    return run('pdffonts', [path])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        return `${cols[0]!.replace(/^[A-Z]{6}\+/, '')} emb=${cols.at(-5)}`;
      });
  }

  it('starts from a PDF with EB Garamond embedded', () => {
    expect(fonts(source)).toEqual(['EBGaramond-Regular emb=yes']);
  });

  it('keeps the font embedded after imposition', () => {
    expect(fonts(booklet)).toEqual(['EBGaramond-Regular emb=yes']);
  });

  it('imposes it in order', () => {
    expect(pageSizes(booklet)).toEqual(Array(4).fill('841.89 x 595.28 pts (A4)'));
    expect(actualSides(booklet, A4, 4)).toEqual(expectedSides(5));
  });
});
