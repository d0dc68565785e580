// Renders the README's picture of two facing pages from a real build:
//   node scripts/readme-pictures.mjs [dist/celebrating-red-october-1.pdf] [LEFT_PAGE]
// The spread is put on one sheet with pdf-lib (vector, as printed), then rasterised by
// poppler's pdftoppm, so the picture is exactly what the PDF shows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';

const source = process.argv[2] ?? 'dist/celebrating-red-october-1.pdf';
const left = Number(process.argv[3] ?? 4);
const src = await PDFDocument.load(readFileSync(source));
const spread = await PDFDocument.create();
const [a, b] = await spread.embedPages([src.getPage(left - 1), src.getPage(left)]);
const gap = 12;
const sheet = spread.addPage([a.width + b.width + gap * 3, a.height + gap * 2]);
sheet.drawRectangle({ x: 0, y: 0, width: sheet.getWidth(), height: sheet.getHeight(), color: rgb(0.85, 0.85, 0.83) });
// Paper under each page: Chromium's pages have no background of their own.
for (const [page, x] of [[a, gap], [b, gap * 2 + a.width]]) {
  sheet.drawRectangle({ x, y: gap, width: page.width, height: page.height, color: rgb(1, 1, 1) });
  sheet.drawPage(page, { x, y: gap });
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-pictures-'));
writeFileSync(path.join(dir, 'spread.pdf'), await spread.save());
execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', path.join(dir, 'spread.pdf'), 'docs/facing-pages']);
console.log(`docs/facing-pages.png: pages ${left}–${left + 1} of ${source}`);
