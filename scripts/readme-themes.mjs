// The README's picture of the three themes: page 4 of the real manuscript's pamphlet as
// each theme builds it, side by side (pdf-lib lays the pages on one sheet, poppler's
// pdftoppm renders it). Usage: node scripts/readme-themes.mjs CLASSIC.pdf MODERN.pdf PLAIN.pdf [page]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';

const [classic, modern, plain, pageArg = '4'] = process.argv.slice(2);
const index = Number(pageArg) - 1;
const sheet = await PDFDocument.create();
const gap = 18;
const pages = [];
for (const file of [classic, modern, plain]) {
  const source = await PDFDocument.load(readFileSync(file));
  const [embedded] = await sheet.embedPdf(source, [index]);
  pages.push(embedded);
}
const width = pages.reduce((sum, p) => sum + p.width, 0) + gap * 4;
const height = Math.max(...pages.map((p) => p.height)) + gap * 2;
const page = sheet.addPage([width, height]);
page.drawRectangle({ x: 0, y: 0, width, height, color: rgb(0.84, 0.84, 0.82) });
let x = gap;
for (const embedded of pages) {
  page.drawRectangle({ x, y: gap, width: embedded.width, height: embedded.height, color: rgb(1, 1, 1) });
  page.drawPage(embedded, { x, y: gap });
  x += embedded.width + gap;
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-readme-'));
writeFileSync(path.join(dir, 'themes.pdf'), await sheet.save());
execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', path.join(dir, 'themes.pdf'), path.join('docs', 'themes')]);
console.log('docs/themes.png');
