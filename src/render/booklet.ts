/**
 * Saddle-stitch imposition on PDF bytes: the A5 (or half-letter) print PDF placed two-up on
 * landscape A4 (or letter) sheets, in the order that folds into a booklet after duplex printing
 * with short-edge flip. No browser: pdf-lib copies each source page into a form XObject, so text
 * stays text, vectors stay vectors and the subset fonts travel with their pages.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFEmbeddedPage,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  type PDFPage,
  PDFRawStream,
  type PDFRef,
  PDFString,
  clip,
  degrees,
  drawPage,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
} from 'pdf-lib';

import type { PageSizeName } from '../config/types.js';
import { loadPdf, savePdf } from './pdf-io.js';
import { stringText } from './pdf-text.js';

export type BookletSheet = 'A4' | 'letter';

export interface BookletOptions {
  sheet: BookletSheet;
  /**
   * Shingling, in points: how far the innermost sheet's pages move toward the spine relative to
   * the outermost sheet's. Default 0.
   */
  creep?: number;
}

export interface Size {
  width: number;
  height: number;
}

/** One printed sheet: 1-based source page numbers, `null` for a padding blank. */
export interface SheetSides {
  front: readonly [left: number | null, right: number | null];
  back: readonly [left: number | null, right: number | null];
}

// Landscape, in points, as pdfinfo reports them (A4 is 297 × 210 mm).
const SHEET_SIZES: Readonly<Record<BookletSheet, Size>> = {
  A4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
};

/** The landscape sheet a booklet of `sheet` is printed on, in points. */
export function bookletSheetSize(sheet: BookletSheet): Size {
  return { ...SHEET_SIZES[sheet] };
}

/**
 * The sheet whose half is the given page size: half-letter (and letter, scaled down) goes on
 * letter, everything else on A4, the sheet most printers outside North America hold.
 */
export function bookletSheetFor(page: PageSizeName | 'custom'): BookletSheet {
  return page === 'half-letter' || page === 'letter' ? 'letter' : 'A4';
}

/**
 * Page order for `pageCount` pages padded to N, a multiple of four. Sheet i (0-based, outermost
 * first) carries N−2i | 1+2i on its front and 2+2i | N−1−2i on its back: the outer sheet's front
 * is the back cover beside the front cover, and its back is page 2 beside page N−1, so that when
 * the sheets are nested and folded the pages read 1…N. The padding blanks are the last pages, the
 * usual place for them in a pamphlet (blank leaves before the back cover).
 */
export function saddleStitchOrder(pageCount: number): SheetSides[] {
  if (!Number.isInteger(pageCount) || pageCount < 1) {
    throw new RangeError(`A booklet needs at least one page, got ${pageCount}.`);
  }
  const padded = Math.ceil(pageCount / 4) * 4;
  const real = (page: number): number | null => (page <= pageCount ? page : null);
  const sheets: SheetSides[] = [];
  for (let i = 0; i < padded / 4; i++) {
    sheets.push({
      front: [real(padded - 2 * i), real(1 + 2 * i)],
      back: [real(2 + 2 * i), real(padded - 1 - 2 * i)],
    });
  }
  return sheets;
}

/**
 * How far sheet `index` of `sheetCount` moves its pages toward the spine. Creep compensation
 * (shingling) shifts the content of the inner sheets inward: nested sheets stick out further at
 * the fore-edge the deeper they sit, and the trim then cuts into their outer margin, so moving
 * them toward the fold keeps the outer margin even through the booklet. The outermost sheet
 * stays put and the shift grows linearly to the full amount on the innermost one, the "inwards"
 * direction of prepress tools (callas pdfToolbox, Quite Imposing).
 */
export function creepShift(index: number, sheetCount: number, creep: number): number {
  return sheetCount > 1 ? (creep * index) / (sheetCount - 1) : 0;
}

/**
 * Impose an A5 or half-letter PDF as a saddle-stitched booklet; see the module comment. The
 * PDF is its bytes, or the document they were just saved from (reading a 22-page PDF back
 * takes pdf-lib some 0.1 s); it is not changed.
 */
export async function imposeBooklet(pdf: Uint8Array | PDFDocument, options: BookletOptions): Promise<Uint8Array> {
  const creep = options.creep ?? 0;
  if (!Number.isFinite(creep) || creep < 0) {
    throw new RangeError(`Booklet creep must be a non-negative number of points, got ${creep}.`);
  }
  const sheet = SHEET_SIZES[options.sheet];

  // updateMetadata: false so neither document gets a fresh ModDate or "pdf-lib" Producer: the
  // same input gives the same bytes.
  const source = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf);
  const booklet = await PDFDocument.create({ updateMetadata: false });
  copyMetadata(source, booklet);

  const sourcePages = source.getPages();
  const pages = wrapPages(source, booklet, sourcePages) ?? (await booklet.embedPages(sourcePages, sourcePages.map(trimBoundingBox)));
  const order = saddleStitchOrder(pages.length);

  order.forEach((sides, index) => {
    const shift = creepShift(index, order.length, creep);
    for (const [left, right] of [sides.front, sides.back]) {
      const side = booklet.addPage([sheet.width, sheet.height]);
      if (left !== null) placeInHalf(side, pageAt(pages, left), 'left', shift);
      if (right !== null) placeInHalf(side, pageAt(pages, right), 'right', shift);
    }
  });

  return savePdf(booklet);
}

/** A source page as a form XObject of the booklet, ready to draw: what pdf-lib's PDFEmbeddedPage holds. */
interface PlacedPage {
  ref: PDFRef;
  width: number;
  height: number;
}

/**
 * Each source page as a form XObject whose stream is the page's own content stream, its
 * bytes copied as they are, still compressed. pdf-lib's `embedPages` inflates every page's
 * content in JavaScript and deflates it again with pako: 0.15 s of the real manuscript's
 * booklet, the last step of a build of all five outputs, to write the same drawing
 * operators. A page whose content is not one stream (PDF allows an array, which a form
 * XObject cannot hold) is left to `embedPages`: undefined, and every page goes that way.
 */
function wrapPages(source: PDFDocument, booklet: PDFDocument, pages: readonly PDFPage[]): PlacedPage[] | undefined {
  // Read without pdf-lib's normalizing, which would write into the source document.
  const streams = pages.map((page) => {
    const contents = page.node.Contents();
    const only = contents instanceof PDFArray ? (contents.size() === 1 ? contents.lookup(0) : undefined) : contents;
    return only instanceof PDFRawStream ? only : undefined;
  });
  if (streams.some((stream) => stream === undefined)) return undefined;
  // One copier for every page, so that the fonts and images the pages share are copied once.
  const copier = PDFObjectCopier.for(source.context, booklet.context);
  return pages.map((page, index) => {
    const box = trimBoundingBox(page);
    const stream = streams[index] as PDFRawStream;
    // The page's resources (its fonts, images, graphics states), not the page: a copied page
    // would bring its content stream along a second time.
    const resources = page.node.Resources();
    const dict = booklet.context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [box.left, box.bottom, box.right, box.top],
      // As embedPages sets it: the box's lower left corner at the origin.
      Matrix: [1, 0, 0, 1, -box.left, -box.bottom],
      // By reference: a stream's dictionary cannot go into a compressed object stream, its own object can.
      Resources: booklet.context.register(resources ? copier.copy(resources) : booklet.context.obj({})),
    });
    // The content's own filters, so that its bytes are read as they were written.
    for (const key of ['Filter', 'DecodeParms']) {
      const value = stream.dict.get(PDFName.of(key));
      if (value !== undefined) dict.set(PDFName.of(key), copier.copy(value));
    }
    const ref = booklet.context.register(PDFRawStream.of(dict, stream.contents));
    return { ref, width: box.right - box.left, height: box.top - box.bottom };
  });
}

function pageAt<Page>(pages: readonly Page[], pageNumber: number): Page {
  const page = pages[pageNumber - 1];
  if (page === undefined) throw new Error(`Booklet order refers to missing page ${pageNumber}.`);
  return page;
}

/**
 * Embed the trimmed page: if the print PDF was made with bleed, the booklet still folds to the
 * trim size, and the bleed would only spill into the neighbouring page. TrimBox falls back to
 * CropBox and then MediaBox, so an ordinary PDF is embedded whole.
 */
function trimBoundingBox(page: PDFPage): { left: number; bottom: number; right: number; top: number } {
  // A rotated page would need a rotated placement; Chromium never writes /Rotate, so refuse it
  // rather than impose it sideways.
  if (page.getRotation().angle % 360 !== 0) {
    throw new Error('Booklet imposition does not handle rotated pages (/Rotate).');
  }
  const { x, y, width, height } = page.getTrimBox();
  return { left: x, bottom: y, right: x + width, top: y + height };
}

/**
 * Draw one page centred in the left or right half of the sheet, moved `shift` points toward the
 * spine (the sheet's vertical centre line). A page that is not exactly half the sheet (A5 on
 * letter, half-letter on A4, Chromium's 420 × 594.96 pt "A5") is scaled uniformly to fit the
 * half, so nothing is cut off and nothing is distorted. The half is a clip path, so a creep
 * shift never draws one page over its neighbour across the fold.
 */
function placeInHalf(side: PDFPage, page: PDFEmbeddedPage | PlacedPage, half: 'left' | 'right', shift: number): void {
  const sheetWidth = side.getWidth();
  const sheetHeight = side.getHeight();
  const halfWidth = sheetWidth / 2;
  const scale = Math.min(halfWidth / page.width, sheetHeight / page.height);
  const width = page.width * scale;
  const height = page.height * scale;

  const halfX = half === 'left' ? 0 : halfWidth;
  const towardSpine = half === 'left' ? shift : -shift;
  const x = halfX + (halfWidth - width) / 2 + towardSpine;
  const y = (sheetHeight - height) / 2;

  side.pushOperators(pushGraphicsState(), rectangle(halfX, 0, halfWidth, sheetHeight), clip(), endPath());
  // What PDFPage.drawPage writes, for either kind of page.
  const name = side.node.newXObject('EmbeddedPdfPage', page.ref);
  side.pushOperators(...drawPage(name, { x, y, xScale: scale, yScale: scale, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
  side.pushOperators(popGraphicsState());
}

/** The booklet is the same document rearranged, so it keeps the source's Info entries and /Lang. */
/** An entry of the document information, of any length (pdf-lib's getTitle and the rest decode it in one call: pdf-text.ts). */
function infoText(pdf: PDFDocument, key: string): string | undefined {
  const info = pdf.context.lookupMaybe(pdf.context.trailerInfo.Info, PDFDict);
  const value = info?.lookupMaybe(PDFName.of(key), PDFString, PDFHexString);
  return value === undefined ? undefined : stringText(value);
}

function copyMetadata(from: PDFDocument, to: PDFDocument): void {
  const title = infoText(from, 'Title');
  const author = infoText(from, 'Author');
  const subject = infoText(from, 'Subject');
  const keywords = infoText(from, 'Keywords');
  const creator = infoText(from, 'Creator');
  const producer = infoText(from, 'Producer');
  const created = from.getCreationDate();
  const modified = from.getModificationDate();
  if (title !== undefined) to.setTitle(title);
  if (author !== undefined) to.setAuthor(author);
  if (subject !== undefined) to.setSubject(subject);
  // Already one space-separated string; setKeywords joins its array with spaces.
  if (keywords !== undefined) to.setKeywords([keywords]);
  if (creator !== undefined) to.setCreator(creator);
  if (producer !== undefined) to.setProducer(producer);
  if (created !== undefined) to.setCreationDate(created);
  if (modified !== undefined) to.setModificationDate(modified);
  const lang = from.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString);
  if (lang !== undefined) to.setLanguage(stringText(lang));
}
