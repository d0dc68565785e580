/**
 * What Chromium cannot write into a PDF: the document information (title, authors,
 * subject, keywords, creator), the catalog's language, and fixed dates and names
 * (note destinations, tag-tree ids) so that the same manuscript gives the same file. Works on bytes with pdf-lib, no browser; the
 * outline (/Outlines) and the tag tree (/StructTreeRoot) Chromium wrote are kept as
 * they are, since pdf-lib copies every object it does not touch.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PartDocument } from '../document.js';
import { applyPrintBoxes, type PrintBoxOptions } from './page-boxes.js';
import { removeSoftHyphens } from './pdf-soft-hyphens.js';
import { loadPdf, savePdf } from './pdf-io.js';
import { stabilizeDestinations } from './pdf-destinations.js';
import { stabilizeStructureIds } from './pdf-structure-ids.js';

export interface PdfMetadata {
  title: string;
  authors: string[];
  /** The series subtitle, or the part's. */
  subject?: string;
  /** The series and anything else worth finding the file by. */
  keywords?: string[];
  /** BCP 47 tag, written to the catalog's /Lang. */
  lang: string;
  /** "pamphlet 0.1.0". */
  creator: string;
  /** Leaves Chromium's ("Skia/PDF m156") when absent. */
  producer?: string;
  /** ISO 8601; both dates are set to it. Absent: the dates are left as Chromium set them. */
  modified?: string;
  /**
   * The headings as written. Chromium titles bookmarks with the rendered text, so a
   * heading set in spaced capitals becomes "CAPITAL DEVELOPMENT", and a title broken
   * over two lines loses the space at the break; a bookmark whose letters match one of
   * these is given this spelling.
   */
  outlineTitles?: string[];
}

export interface FinishOptions {
  /**
   * The exact page size in points. Chromium rounds page sizes to its own units (A5
   * comes out 420 × 594.96 pt instead of 419.53 × 595.28); a print shop checks the
   * trim size, so each MediaBox within 2 pt of this is set to it, keeping its top-left
   * corner where the layout started.
   */
  pageSize?: { width: number; height: number };
  /** TrimBox and BleedBox for a print-ready PDF, set once the MediaBox is exact. */
  printBoxes?: PrintBoxOptions;
}

const POINTS_PER_UNIT: Readonly<Record<string, number>> = {
  pt: 1,
  pc: 12,
  in: 72,
  px: 0.75,
  cm: 72 / 2.54,
  mm: 72 / 25.4,
  q: 72 / 101.6,
};

/** A CSS length ("148mm", "8.5in") in PDF points. */
export function cssLengthToPt(length: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(length);
  const unit = match?.[2]?.toLowerCase() || (match?.[1] && Number(match[1]) === 0 ? 'pt' : '');
  const factor = POINTS_PER_UNIT[unit];
  if (!match || factor === undefined) throw new Error(`"${length}" is not a CSS length in mm, cm, in, pt, pc, px or Q`);
  return Number(match[1]) * factor;
}

/** The metadata of a part's PDF: a pure function of the document. */
export function pdfMetadataFor(doc: PartDocument, creator: string): PdfMetadata {
  const { meta } = doc;
  const keywords = [meta.series, `${meta.partLabel}`].filter((k) => k.trim() !== '');
  return {
    title: `${meta.title}`,
    authors: meta.authors,
    ...(meta.subtitle ? { subject: meta.subtitle } : {}),
    keywords,
    lang: meta.lang,
    creator,
    modified: meta.modified,
    outlineTitles: [
      meta.title,
      ...doc.sections.map((section) => section.title),
      ...(doc.questions ? [doc.questions.title] : []),
      ...(doc.bibliography ? [doc.bibliography.title] : []),
    ],
  };
}

const outlineKey = (title: string): string => title.replace(/\s+/g, '').toLocaleLowerCase('en');

/** Gives each bookmark whose letters match a known heading that heading's spelling. */
function retitleOutline(pdf: PDFDocument, titles: readonly string[]): void {
  const byKey = new Map(titles.map((title) => [outlineKey(title), title]));
  const root = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const pending: PDFDict[] = [];
  const first = root?.lookupMaybe(PDFName.of('First'), PDFDict);
  if (first) pending.push(first);
  // Iterative, and bounded by the object count, so a malformed cyclic outline cannot hang us.
  let budget = pdf.context.largestObjectNumber + 1;
  while (pending.length > 0 && budget-- > 0) {
    const item = pending.pop()!;
    const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
    const proper = title && byKey.get(outlineKey(title.decodeText()));
    if (proper) item.set(PDFName.of('Title'), PDFHexString.fromText(proper));
    const next = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    const child = item.lookupMaybe(PDFName.of('First'), PDFDict);
    if (next) pending.push(next);
    if (child) pending.push(child);
  }
}

function parseDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`PDF metadata: "${iso}" is not an ISO 8601 date`);
  return date;
}

function fitMediaBoxes(pdf: PDFDocument, size: { width: number; height: number }): void {
  for (const page of pdf.getPages()) {
    const box = page.getMediaBox();
    if (Math.abs(box.width - size.width) > 2 || Math.abs(box.height - size.height) > 2) continue;
    page.setMediaBox(box.x, box.y + box.height - size.height, size.width, size.height);
  }
}

/** A finished PDF: its bytes, and the document they were saved from (for an imposition, which need not read them again). */
export interface FinishedPdf {
  bytes: Uint8Array;
  document: PDFDocument;
}

export async function finishPdf(
  bytes: Uint8Array,
  metadata: PdfMetadata,
  options: FinishOptions = {},
): Promise<FinishedPdf> {
  const pdf = await loadPdf(bytes);
  await removeSoftHyphens(pdf);
  stabilizeDestinations(pdf);
  stabilizeStructureIds(pdf);
  if (options.pageSize) fitMediaBoxes(pdf, options.pageSize);
  if (options.printBoxes) applyPrintBoxes(pdf, options.printBoxes);
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.authors.length > 0) pdf.setAuthor(metadata.authors.join(', '));
  if (metadata.subject) pdf.setSubject(metadata.subject);
  if (metadata.keywords && metadata.keywords.length > 0) pdf.setKeywords(metadata.keywords);
  pdf.setCreator(metadata.creator);
  if (metadata.producer) pdf.setProducer(metadata.producer);
  if (metadata.modified) {
    const date = parseDate(metadata.modified);
    pdf.setCreationDate(date);
    pdf.setModificationDate(date);
  }
  pdf.setLanguage(metadata.lang);
  if (metadata.outlineTitles) retitleOutline(pdf, metadata.outlineTitles);
  // Object streams would hide the catalog from tools that only read classic xref
  // tables, and gain little on a file that is mostly font and page streams.
  return { bytes: await savePdf(pdf, { useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }), document: pdf };
}
