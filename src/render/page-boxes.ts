/**
 * TrimBox and BleedBox for the print-ready PDF. Chromium writes only a MediaBox, so a print shop's
 * preflight cannot tell where the page is cut; this sets both boxes on every page from the trim
 * size the manuscript asked for.
 *
 * How Paged.js (0.4.3) lays out the area outside the trim, which is what the MediaBox holds:
 * - `@page { bleed: B }` makes each sheet trim + B on every side (`--pagedjs-width` is
 *   `calc(width + bleed-left + bleed-right)`), with the page centred in a 3 × 3 grid whose outer
 *   tracks are the bleed.
 * - `marks: crop` adds no space of its own: the crop marks are drawn inside those bleed tracks,
 *   from the sheet edge to `--pagedjs-crop-offset` (2 mm) short of the trim. Only when marks are
 *   asked for without a bleed does Paged.js make room for them, with a 6 mm "bleed" on each side.
 * So the MediaBox is trim + 2 × B, or trim + 2 × 6 mm for marks alone. Taking the trim size rather
 * than assuming MediaBox − 2 × bleed covers both cases: the TrimBox is centred in the MediaBox and
 * the BleedBox is the TrimBox grown by the bleed actually wanted, which may be less than the
 * space Paged.js left around the page.
 *
 * Assumes a symmetric bleed, which is what the pamphlet stylesheet writes; Paged.js also allows
 * different bleeds on :left and :right pages, which this would not centre correctly.
 */
import type { PDFDocument } from 'pdf-lib';
import { loadPdf, savePdf } from './pdf-io.js';

export interface PrintBoxOptions {
  /** Bleed on each side of the trim, in points (3 mm ≈ 8.504 pt). */
  bleed: number;
  /** The trimmed page size, in points (A5 ≈ 419.53 × 595.28). */
  trim: { width: number; height: number };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Set TrimBox and BleedBox on every page; the ArtBox and all content are left as they were. */
export async function setPrintBoxes(pdf: Uint8Array, options: PrintBoxOptions): Promise<Uint8Array> {
  // updateMetadata: false keeps the Producer and dates as rendered, and the output reproducible.
  const doc = await loadPdf(pdf);
  applyPrintBoxes(doc, options);
  return savePdf(doc);
}

/** setPrintBoxes on a document already loaded, for a caller that saves it itself (finishPdf). */
export function applyPrintBoxes(doc: PDFDocument, options: PrintBoxOptions): void {
  const { bleed, trim } = options;
  if (!Number.isFinite(bleed) || bleed < 0) {
    throw new RangeError(`Bleed must be a non-negative number of points, got ${bleed}.`);
  }
  if (!(trim.width > 0 && trim.height > 0)) {
    throw new RangeError(`Trim size must be positive, got ${trim.width} × ${trim.height}.`);
  }
  doc.getPages().forEach((page, index) => {
    const media = page.getMediaBox();
    const trimBox = centred(trim, media, index + 1);
    const bleedBox = intersect(grow(trimBox, bleed), media);
    page.setTrimBox(trimBox.x, trimBox.y, trimBox.width, trimBox.height);
    page.setBleedBox(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height);
  });
}

// Chromium rounds page sizes to its own units (A5 comes back 420 × 594.96 pt, not
// 419.53 × 595.28), so a trim a fraction of a point larger than the page is the same page.
const TOLERANCE = 1;

function centred(trim: { width: number; height: number }, media: Box, pageNumber: number): Box {
  if (trim.width > media.width + TOLERANCE || trim.height > media.height + TOLERANCE) {
    throw new RangeError(
      `Page ${pageNumber} is ${media.width} × ${media.height} pt, smaller than the trim size ` +
        `${trim.width} × ${trim.height} pt: was it rendered without the bleed?`,
    );
  }
  const width = Math.min(trim.width, media.width);
  const height = Math.min(trim.height, media.height);
  return {
    x: media.x + (media.width - width) / 2,
    y: media.y + (media.height - height) / 2,
    width,
    height,
  };
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

// The PDF spec has the BleedBox inside the page; a bleed asked for beyond what was rendered
// cannot print anyway.
function intersect(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const top = Math.min(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: top - y };
}
