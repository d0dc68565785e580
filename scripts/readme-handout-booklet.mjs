// Renders the README's pictures of the handout and the booklet from a real build:
//   node scripts/readme-handout-booklet.mjs [BUILD_DIR] [HANDOUT_PAGE] [BOOKLET_SIDE]
// As scripts/readme-pictures.mjs does for the pamphlet: each page is laid on white paper on a
// grey ground with pdf-lib (vector, as printed), then rasterised by poppler's pdftoppm, so the
// picture is exactly what the PDF shows and its edges show on a white page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';

const build = process.argv[2] ?? 'dist';
const handoutPage = Number(process.argv[3] ?? 2);
const bookletSide = Number(process.argv[4] ?? 3);
const slug = 'celebrating-red-october-1';
const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-pictures-'));

/** One page of `file`, on paper on a grey ground; `fold` marks the middle of a booklet sheet. */
async function picture(file, pageNumber, out, dpi, fold = false) {
  const src = await PDFDocument.load(readFileSync(file));
  const doc = await PDFDocument.create();
  const [page] = await doc.embedPages([src.getPage(pageNumber - 1)]);
  const gap = 12;
  const sheet = doc.addPage([page.width + gap * 2, page.height + gap * 2]);
  sheet.drawRectangle({ x: 0, y: 0, width: sheet.getWidth(), height: sheet.getHeight(), color: rgb(0.85, 0.85, 0.83) });
  sheet.drawRectangle({ x: gap, y: gap, width: page.width, height: page.height, color: rgb(1, 1, 1) });
  sheet.drawPage(page, { x: gap, y: gap });
  if (fold) {
    // Where the sheet is folded, marked on the ground only, not on the paper.
    const x = gap + page.width / 2;
    for (const y of [0, gap + page.height]) sheet.drawLine({ start: { x, y }, end: { x, y: y + gap }, thickness: 1, color: rgb(0.45, 0.45, 0.45) });
  }
  const pdf = path.join(dir, `${out}.pdf`);
  writeFileSync(pdf, await doc.save());
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', pdf, `docs/${out}`]);
  console.log(`docs/${out}.png: page ${pageNumber} of ${file}`);
}

await picture(path.join(build, `${slug}-handout.pdf`), handoutPage, 'handout-page', 80);
await picture(path.join(build, `${slug}-booklet.pdf`), bookletSide, 'booklet-sheet', 50, true);
