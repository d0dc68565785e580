/**
 * Print boxes on a PDF laid out as Paged.js lays out a bleed: the MediaBox is the trim plus the
 * bleed (or plus room for crop marks) on every side. Read back with `pdfinfo -box`, as a print
 * shop's preflight would, and with pdf-lib for whether a box is really written or only defaulted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PDFDocument, PDFName, PageSizes } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';

import { setPrintBoxes } from '../src/render/page-boxes.js';

const MM = 72 / 25.4;
const BLEED = 3 * MM;
const [TRIM_WIDTH, TRIM_HEIGHT] = PageSizes.A5;
const TRIM = { width: TRIM_WIDTH, height: TRIM_HEIGHT };

const work = mkdtempSync(join(tmpdir(), 'pamphlet-page-boxes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `pages` pages of trim + `margin` on every side, optionally with an ArtBox already set. */
async function renderedWithMargin(margin: number, pages = 3, artBox?: [number, number, number, number]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([TRIM.width + 2 * margin, TRIM.height + 2 * margin]);
    if (artBox) page.setArtBox(...artBox);
  }
  return doc.save();
}

type Box = [x0: number, y0: number, x1: number, y1: number];

/** Every page's boxes as pdfinfo reports them, keyed "MediaBox", "TrimBox" … */
function boxes(bytes: Uint8Array): Array<Record<string, Box>> {
  const path = join(work, 'boxes.pdf');
  writeFileSync(path, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pages), path], { encoding: 'utf8' });
  const result: Array<Record<string, Box>> = [];
  for (const match of info.matchAll(/^Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
    const index = Number(match[1]) - 1;
    result[index] ??= {};
    result[index][match[2]!] = [Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])];
  }
  return result;
}

/** Which boxes the pages' dictionaries really hold (pdfinfo prints defaults for absent ones). */
async function writtenBoxes(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) =>
    ['TrimBox', 'BleedBox', 'ArtBox'].filter((name) => page.node.get(PDFName.of(name)) !== undefined),
  );
}

function expectBoxClose(actual: Box | undefined, expected: Box): void {
  expect(actual).toBeDefined();
  actual!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 1));
}

describe('setPrintBoxes', () => {
  it('sets a TrimBox of the trim size and a BleedBox one bleed larger on each side, on every page', async () => {
    const out = await setPrintBoxes(await renderedWithMargin(BLEED), { bleed: BLEED, trim: TRIM });
    expect(await writtenBoxes(out)).toEqual([
      ['TrimBox', 'BleedBox'],
      ['TrimBox', 'BleedBox'],
      ['TrimBox', 'BleedBox'],
    ]);
    const pages = boxes(out);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      const trim = page['TrimBox']!;
      const bleed = page['BleedBox']!;
      expectBoxClose(trim, [BLEED, BLEED, BLEED + TRIM.width, BLEED + TRIM.height]);
      // BleedBox − TrimBox = the bleed on each side (3 mm ≈ 8.50 pt).
      expect(trim[0] - bleed[0]).toBeCloseTo(BLEED, 1);
      expect(trim[1] - bleed[1]).toBeCloseTo(BLEED, 1);
      expect(bleed[2] - trim[2]).toBeCloseTo(BLEED, 1);
      expect(bleed[3] - trim[3]).toBeCloseTo(BLEED, 1);
      // With a bleed-only layout the bleed is the whole area outside the trim.
      expectBoxClose(bleed, page['MediaBox']!);
    }
  });

  it('centres the trim when Paged.js left 6 mm for crop marks and the bleed is 3 mm', async () => {
    const margin = 6 * MM;
    const out = await setPrintBoxes(await renderedWithMargin(margin, 1), { bleed: BLEED, trim: TRIM });
    const [page] = boxes(out);
    expectBoxClose(page!['TrimBox'], [margin, margin, margin + TRIM.width, margin + TRIM.height]);
    expectBoxClose(page!['BleedBox'], [
      margin - BLEED,
      margin - BLEED,
      margin + TRIM.width + BLEED,
      margin + TRIM.height + BLEED,
    ]);
  });

  it('clips a BleedBox larger than the rendered page to the MediaBox', async () => {
    const out = await setPrintBoxes(await renderedWithMargin(BLEED, 1), { bleed: 5 * MM, trim: TRIM });
    const [page] = boxes(out);
    expectBoxClose(page!['BleedBox'], page!['MediaBox']!);
  });

  it('leaves an existing ArtBox alone and adds none', async () => {
    const art: [number, number, number, number] = [20, 30, 300, 400];
    const withArt = await setPrintBoxes(await renderedWithMargin(BLEED, 1, art), { bleed: BLEED, trim: TRIM });
    expect(await writtenBoxes(withArt)).toEqual([['TrimBox', 'BleedBox', 'ArtBox']]);
    expectBoxClose(boxes(withArt)[0]!['ArtBox'], [20, 30, 320, 430]);

    const withoutArt = await setPrintBoxes(await renderedWithMargin(BLEED, 1), { bleed: BLEED, trim: TRIM });
    expect(await writtenBoxes(withoutArt)).toEqual([['TrimBox', 'BleedBox']]);
  });

  it('accepts a page a fraction of a point smaller than the trim, as Chromium rounds it', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([420, 594.96]);
    const out = await setPrintBoxes(await doc.save(), { bleed: 0, trim: TRIM });
    const [page] = boxes(out);
    // Wider than A5, so the trim is centred across; shorter, so it takes the page's height.
    const x = (420 - TRIM.width) / 2;
    expectBoxClose(page!['TrimBox'], [x, 0, x + TRIM.width, 594.96]);
    expectBoxClose(page!['BleedBox'], [x, 0, x + TRIM.width, 594.96]);
  });

  it('refuses a page rendered without the bleed', async () => {
    const bigger = { width: TRIM.width + 20, height: TRIM.height + 20 };
    await expect(setPrintBoxes(await renderedWithMargin(0, 1), { bleed: BLEED, trim: bigger })).rejects.toThrow(
      /smaller than the trim size/,
    );
  });

  it('refuses a negative bleed', async () => {
    await expect(setPrintBoxes(await renderedWithMargin(BLEED, 1), { bleed: -1, trim: TRIM })).rejects.toThrow(RangeError);
  });
});
