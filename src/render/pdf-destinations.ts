/**
 * Stable names for the PDF's named destinations. Paged.js gives every footnote a
 * random UUID ("note-1f28940a-…"), and Chromium turns those into destination names,
 * so two builds of the same manuscript differed in a few dozen bytes. Renaming them in
 * page order ("note-1", "note-2", …) makes the PDF reproducible, as the EPUB is.
 * A name longer than the 127 bytes PDF readers must accept (a heading's id in
 * Cyrillic, two bytes a letter) is renamed the same way ("dest-1"): poppler reports a
 * syntax error at each, and some readers cannot follow a link to it.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument } from 'pdf-lib';
import { nameText } from './pdf-text.js';

/** PDF 1.7, Annex C: the longest name a reader is required to handle. */
const MAX_NAME_BYTES = 127;
const RANDOM_NAME = /^(.*?)-?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function stabilizeDestinations(pdf: PDFDocument): void {
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return;
  renameRandomDestinations(pdf, dests);
  sortDestinations(dests);
}

/**
 * The names in byte order. Chromium writes them in an order that is not always the same
 * for the same pages (seen once in a few hundred builds of a fixture: a heading's and the
 * bibliography's swapped), and the order means nothing to a reader.
 */
function sortDestinations(dests: PDFDict): void {
  const entries = dests.entries().sort(([a], [b]) => (a.asString() < b.asString() ? -1 : a.asString() > b.asString() ? 1 : 0));
  for (const [key] of entries) dests.delete(key);
  for (const [key, value] of entries) dests.set(key, value);
}

function renameRandomDestinations(pdf: PDFDocument, dests: PDFDict): void {
  const pageIndex = new Map<string, number>(pdf.getPages().map((page, i) => [page.ref.toString(), i]));
  const random: Array<{ key: PDFName; prefix: string; page: number; y: number }> = [];
  for (const [key, value] of dests.entries()) {
    const text = nameText(key);
    const match = RANDOM_NAME.exec(text) ?? (Buffer.byteLength(text, 'utf8') > MAX_NAME_BYTES ? ['', ''] : null);
    if (!match) continue;
    const target = pdf.context.lookup(value);
    const array = target instanceof PDFArray ? target : target instanceof PDFDict ? target.lookupMaybe(PDFName.of('D'), PDFArray) : undefined;
    const page = array?.get(0);
    const y = array?.get(3);
    random.push({
      key,
      prefix: match[1] || 'dest',
      page: page instanceof PDFRef ? pageIndex.get(page.toString()) ?? -1 : -1,
      y: y instanceof PDFNumber ? y.asNumber() : 0,
    });
  }
  if (!random.length) return;
  // Reading order: by page, then from the top (PDF y grows upwards).
  random.sort((a, b) => a.page - b.page || b.y - a.y);
  const renamed = new Map<string, PDFName>();
  const counts = new Map<string, number>();
  for (const { key, prefix } of random) {
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    const name = PDFName.of(`${prefix}-${n}`);
    renamed.set(nameText(key), name);
    const value = dests.get(key);
    dests.delete(key);
    if (value) dests.set(name, value);
  }
  for (const page of pdf.getPages()) {
    const annots = page.node.Annots();
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots?.lookupMaybe(i, PDFDict);
      const dest = annot?.get(PDFName.of('Dest'));
      if (dest instanceof PDFName) {
        const name = renamed.get(nameText(dest));
        if (name) annot?.set(PDFName.of('Dest'), name);
      }
    }
  }
}
