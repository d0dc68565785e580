/**
 * What a print job knows of its PDF before the browser: the document information it will
 * carry and page sizes in points. Apart from pdf-post.ts so that preparing a print loads no
 * pdf-lib (800 KB of code), which is loaded while Chromium lays the pages out (pdf.ts).
 */
import type { PartDocument } from '../document.js';

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
