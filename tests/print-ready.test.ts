// `print: { bleed: 3mm, marks: true }`: the pamphlet PDF as a print shop's preflight reads
// it (`pdfinfo -box`): the TrimBox is the A5 page, centred, and the BleedBox is 3 mm beyond
// it on every side. Built by the real CLI; without the option no box is written at all.
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { pageCount, pagesText, squash } from './helpers/poppler.js';

const SLUG = 'a-test-series-1';
const MM = 72 / 25.4;
const A5 = { width: 148 * MM, height: 210 * MM };
const BLEED = 3 * MM;

type Box = { x0: number; y0: number; x1: number; y1: number };

function build(yaml: string): string {
  const dir = copyFixture('basic');
  const config = path.join(dir, 'manuscript', 'pamphlet.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}\n${yaml}\n`);
  const result = pamphlet(['build', 'manuscript', '--format', 'pdf,booklet', '--out', 'dist', '--quiet'], dir);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return path.join(dir, 'dist');
}

/** Every page's boxes, keyed "MediaBox", "TrimBox", "BleedBox" … */
function boxes(file: string): Array<Record<string, Box>> {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pageCount(file)), file], { encoding: 'utf8' });
  const pages: Array<Record<string, Box>> = [];
  for (const m of out.matchAll(/^Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
    const page = (pages[Number(m[1]) - 1] ??= {});
    page[m[2]!] = { x0: Number(m[3]), y0: Number(m[4]), x1: Number(m[5]), y1: Number(m[6]) };
  }
  return pages;
}

describe('a print-ready pamphlet: 3 mm bleed and crop marks', () => {
  let dist: string;
  beforeAll(() => {
    dist = build('print: { bleed: 3mm, marks: true }');
  });

  test('every page has a TrimBox the size of A5 and a BleedBox 3 mm (8.5 pt) beyond it on each side', () => {
    const pages = boxes(path.join(dist, `${SLUG}.pdf`));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const { TrimBox: trim, BleedBox: bleed, MediaBox: media } = page;
      expect(trim && bleed && media, `page ${i + 1}`).toBeTruthy();
      expect(trim!.x1 - trim!.x0).toBeCloseTo(A5.width, 1);
      expect(trim!.y1 - trim!.y0).toBeCloseTo(A5.height, 1);
      for (const [outer, inner] of [[bleed!.x1, trim!.x1], [bleed!.y1, trim!.y1], [trim!.x0, bleed!.x0], [trim!.y0, bleed!.y0]]) {
        expect(outer! - inner!).toBeCloseTo(BLEED, 1);
      }
      // Centred on the sheet, which is the trim plus the bleed: the crop marks sit in that band.
      expect(trim!.x0 - media!.x0).toBeCloseTo(media!.x1 - trim!.x1, 1);
      expect(trim!.y0 - media!.y0).toBeCloseTo(media!.y1 - trim!.y1, 1);
    });
  });

  test('the booklet is imposed from the trimmed pages: A4 landscape sheets, text intact', () => {
    const booklet = path.join(dist, `${SLUG}-booklet.pdf`);
    const sides = pageCount(booklet);
    expect(sides).toBe(2 * Math.ceil(pageCount(path.join(dist, `${SLUG}.pdf`)) / 4));
    const info = execFileSync('pdfinfo', [booklet], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
    expect(squash(pagesText(booklet).join('\n'))).toContain(squash('The first paragraph cites Carr'));
  });
});

describe('a pamphlet without the print option', () => {
  test('has no TrimBox or BleedBox of its own', async () => {
    const dist = build('');
    const pdf = await PDFDocument.load(readFileSync(path.join(dist, `${SLUG}.pdf`)), { updateMetadata: false });
    for (const page of pdf.getPages()) {
      expect(page.node.get(PDFName.of('TrimBox'))).toBeUndefined();
      expect(page.node.get(PDFName.of('BleedBox'))).toBeUndefined();
    }
  });
});
