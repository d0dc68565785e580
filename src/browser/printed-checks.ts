/**
 * The checks of a laid-out book that only read it: lines wider than the measure, front
 * matter and table rows cut off, blocks lost, and where each page begins. They run once
 * the PDF is printed, as one script, while Node finishes the PDF beside them
 * (session.ts, `onPrinted`): they change nothing the print shows, so what they read
 * after the print is what they would have read before it, and a book they find fault
 * with is laid out again (or refused) before any byte of its PDF is written.
 */
import { cutContent, lostBlocks, type CutContent, type LostBlock } from './layout-integrity.js';
import { linesTooWide } from './line-breaker.js';
import { readPrintPages, type LaidOutPage } from './print-pages.js';

export interface PrintedChecks {
  /** The set paragraphs (`data-seq`) with a line wider than the measure. */
  wide: number[];
  cut: CutContent;
  lost: LostBlock[];
  /** Where each page begins, when asked for. */
  pages: LaidOutPage[] | undefined;
}

export interface PrintedChecksOptions {
  /** Whether the line breaker set any paragraph (else no line can be too wide). */
  lines: boolean;
  /** The front-matter pages that must fit on one page (cutContent). */
  frontMatter: readonly string[];
  /** Whether to read where each page begins. */
  pages: boolean;
}

/**
 * The checks as one expression for `page.evaluate`: one call, so that Node, busy with the
 * PDF, need not answer between them. Each function is serialised as puppeteer would
 * serialise it (they refer to nothing outside their bodies).
 */
export function printedChecksScript(options: PrintedChecksOptions): string {
  return `(() => {
  const linesTooWide = ${linesTooWide.toString()};
  const cutContent = ${cutContent.toString()};
  const lostBlocks = ${lostBlocks.toString()};
  const readPrintPages = ${readPrintPages.toString()};
  return {
    wide: ${JSON.stringify(options.lines)} ? linesTooWide() : [],
    cut: cutContent(${JSON.stringify(options.frontMatter)}),
    lost: lostBlocks(),
    pages: ${JSON.stringify(options.pages)} ? readPrintPages() : undefined,
  };
})()`;
}
