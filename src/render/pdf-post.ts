/**
 * What Chromium cannot write into a PDF: the document information (title, authors,
 * subject, keywords, creator), the catalog's language, and fixed dates and names
 * (note destinations, tag-tree ids) so that the same manuscript gives the same file. Works on bytes with pdf-lib, no browser; the
 * outline (/Outlines) and the tag tree (/StructTreeRoot) Chromium wrote are kept as
 * they are, since pdf-lib copies every object it does not touch.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { applyPrintBoxes, type PrintBoxOptions } from './page-boxes.js';
import { removeSoftHyphens } from './pdf-soft-hyphens.js';
import { loadPdf, savePdf } from './pdf-io.js';
import { stabilizeDestinations } from './pdf-destinations.js';
import { stabilizeStructureIds } from './pdf-structure-ids.js';
import { stringText } from './pdf-text.js';
import type { PdfMetadata } from './pdf-metadata.js';

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
    const proper = title && byKey.get(outlineKey(stringText(title)));
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
