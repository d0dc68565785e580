/**
 * The print PDF of one part: print HTML on disk, paginated and printed by the browser
 * session, then finished (metadata) on the bytes. No Puppeteer here: the session is
 * the only thing that knows there is a browser.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserSession, PaginateRequest } from '../browser/session.js';
import type { LaidOutPage } from '../browser/print-pages.js';
import { LayoutLossError } from '../browser/layout-integrity.js';
import { VFile } from 'vfile';
import { ManuscriptError, error } from '../diagnostics.js';
import type { ResolvedConfig } from '../config/types.js';
import type { PartDocument } from '../document.js';
import { printAssets } from './assets.js';
import { PACKAGE_VERSION } from '../package-root.js';
import type { PrintBoxOptions } from './page-boxes.js';
import { handoutPage } from './page-css.js';
import { cssLengthToPt, pdfMetadataFor } from './pdf-metadata.js';
import type { FinishedPdf } from './pdf-post.js';
import { printHtml, type PrintVariant } from './print-html.js';

export interface RenderPdfOptions {
  variant?: PrintVariant;
  /** A folder the caller made for this render and deletes afterwards. */
  workDir: string;
}

/** Paged.js makes room for crop marks alone with a 6 mm band on each side. */
const MARKS_ONLY_BLEED_PT = cssLengthToPt('6mm');

/** The size of each PDF page: the trim plus the bleed on both sides; the handout has no bleed. */
export function sheetSize(config: ResolvedConfig, variant: PrintVariant = 'pamphlet'): { width: number; height: number } {
  if (variant === 'handout') {
    const page = handoutPage(config.handout.size);
    return { width: cssLengthToPt(page.width), height: cssLengthToPt(page.height) };
  }
  const bleed = cssLengthToPt(config.print.bleed);
  const band = bleed > 0 ? bleed : config.print.marks ? MARKS_ONLY_BLEED_PT : 0;
  return {
    width: cssLengthToPt(config.page.width) + 2 * band,
    height: cssLengthToPt(config.page.height) + 2 * band,
  };
}

/** Where a print shop cuts a print-ready pamphlet (TrimBox) and how far it bleeds (BleedBox). */
export function printBoxesFor(config: ResolvedConfig, variant: PrintVariant = 'pamphlet'): PrintBoxOptions | undefined {
  const bleed = cssLengthToPt(config.print.bleed);
  if (variant !== 'pamphlet' || (bleed === 0 && !config.print.marks)) return undefined;
  return { bleed, trim: { width: cssLengthToPt(config.page.width), height: cssLengthToPt(config.page.height) } };
}

/** A print job whose HTML is written and ready for the browser. */
export interface PreparedPrint {
  htmlPath: string;
  label: string;
  allowedRoots: string[];
  timeout: number;
  metadata: ReturnType<typeof pdfMetadataFor>;
  pageSize: { width: number; height: number };
  printBoxes?: PrintBoxOptions;
  /** The part's Markdown file, where a block the layout lost is reported. */
  sourcePath?: string;
  /** What laying it out will cost, roughly: the length of its HTML (the print pool starts the dearest first). */
  cost: number;
}

/**
 * Everything a PDF needs before the browser: the print HTML (hyphenation included)
 * on disk. Split from printing so a build can do it while Chromium is still starting.
 */
export async function preparePrint(doc: PartDocument, config: ResolvedConfig, options: RenderPdfOptions): Promise<PreparedPrint> {
  const variant = options.variant ?? 'pamphlet';
  const label = variant === 'pamphlet' ? doc.meta.slug : `${doc.meta.slug}-${variant}`;
  const assets = printAssets();
  const htmlPath = join(options.workDir, `${label}.print.html`);
  const html = printHtml(doc, config, variant, assets);
  await writeFile(htmlPath, html, 'utf8');
  return {
    htmlPath,
    label,
    // Our own files, and the manuscript folder for its images; nothing else.
    allowedRoots: [options.workDir, assets.stylesDir, ...Object.values(assets.fontDirs), assets.pagedjsDir, config.dir],
    timeout: config.timeout,
    metadata: pdfMetadataFor(doc, `pamphlet ${PACKAGE_VERSION}`),
    pageSize: sheetSize(config, variant),
    printBoxes: printBoxesFor(config, variant),
    cost: html.length,
    ...(doc.meta.sourcePath ? { sourcePath: doc.meta.sourcePath } : {}),
  };
}

/**
 * Paginates and prints a prepared job, then finishes the bytes (metadata, page boxes).
 * `onLaidOut` is told where each page begins, for the EPUB's page-list.
 */
export async function printPrepared(session: BrowserSession, job: PreparedPrint, onPage?: (pages: number) => void, onLaidOut?: (pages: LaidOutPage[]) => void): Promise<Uint8Array> {
  return (await printPreparedDocument(session, job, onPage, onLaidOut)).bytes;
}

/** printPrepared, with the finished document as well as its bytes: a booklet imposed from it need not parse the PDF again. */
export async function printPreparedDocument(session: BrowserSession, job: PreparedPrint, onPage?: (pages: number) => void, onLaidOut?: (pages: LaidOutPage[]) => void): Promise<FinishedPdf> {
  // pdf-lib (800 KB of code, some 40 ms to load) is loaded once Chromium is laying the pages
  // out and this thread has nothing else to do, not before the print HTML is written.
  const told = onPage
    ? (pages: number): void => {
        void loadPdfPost();
        onPage(pages);
      }
    : undefined;
  const finish = async (bytes: Uint8Array): Promise<FinishedPdf> => {
    const { finishPdf } = await loadPdfPost();
    return finishPdf(bytes, job.metadata, { pageSize: job.pageSize, printBoxes: job.printBoxes });
  };
  // Finished while Chromium checks the printed pages; kept only if they are the bytes the
  // checks let through (a layout they refuse is printed again, or fails the build).
  let early: { bytes: Uint8Array; finished: Promise<FinishedPdf> } | undefined;
  const onPrinted = (bytes: Uint8Array): void => {
    const finished = finish(bytes);
    finished.catch(() => undefined);
    early = { bytes, finished };
  };
  const printed = await paginateJob(session, job, { onPrinted, ...(told ? { onPage: told } : {}), ...(onLaidOut ? { onLaidOut } : {}) });
  return early?.bytes === printed ? early.finished : finish(printed);
}

/** The post-processing module; Node's loader keeps it once loaded. */
function loadPdfPost(): Promise<typeof import('./pdf-post.js')> {
  return import('./pdf-post.js');
}

/**
 * Lays a prepared job out and prints nothing: where each page begins, for an EPUB's
 * page-list when no PDF is wanted and no cache would keep one.
 */
export async function layOutPrepared(session: BrowserSession, job: PreparedPrint, onPage?: (pages: number) => void): Promise<LaidOutPage[]> {
  let laidOut: LaidOutPage[] = [];
  await paginateJob(session, job, { ...(onPage ? { onPage } : {}), onLaidOut: (pages) => (laidOut = pages), print: false });
  return laidOut;
}

async function paginateJob(session: BrowserSession, job: PreparedPrint, options: Pick<PaginateRequest, 'onPage' | 'onLaidOut' | 'print' | 'onPrinted'>): Promise<Uint8Array> {
  try {
    return await session.paginate({ htmlPath: job.htmlPath, allowedRoots: job.allowedRoots, label: job.label, timeout: job.timeout, ...options });
  } catch (cause) {
    if (cause instanceof LayoutLossError) throw layoutLoss(cause, job);
    throw cause;
  }
}

/** The lost blocks as errors at their places in the part: the build fails rather than print without them. */
function layoutLoss(cause: LayoutLossError, job: PreparedPrint): ManuscriptError {
  const file = new VFile({ path: job.sourcePath ?? job.label });
  const messages = cause.lost.map((block) => {
    const front = FRONT_MATTER_NAMES[block.tag];
    if (front) return error(file, `the page layout (Paged.js) cut ${front} of ${job.label} short, even set as running text: the PDF would not have all of it; shorter front matter (title, subtitle, rights) helps`, { place: { line: 1, column: 1 }, ruleId: 'layout-lost-content', source: 'pamphlet' });
    // A block pamphlet adds (the closing "Next:" line) has no place in the part: its first line.
    const [line = 1, column = 1] = block.src ? block.src.split(':').map(Number) : [];
    if (block.short) {
      const [printed, written] = block.short;
      return error(file, `the page layout (Paged.js) set this ${BLOCK_NAMES[block.tag] ?? 'block'} of ${job.label} wrongly: its pages hold ${printed} letters and figures of its ${written}, so lines of it would be lost or repeated in the PDF; a \`::pagebreak\` before it usually helps (please report the part)`, { place: { line, column }, ruleId: 'layout-lost-content', source: 'pamphlet' });
    }
    if (block.edge) return error(file, `this ${BLOCK_NAMES[block.tag] ?? 'block'} of ${job.label} runs past the edge of its page, where the PDF would cut it off: a style that makes it (or what holds it) wider than the page, or sets it as a table, does this (in styles/print.css?)`, { place: { line, column }, ruleId: 'layout-lost-content', source: 'pamphlet' });
    if (block.past) return error(file, `the page layout (Paged.js) could not break this ${BLOCK_NAMES[block.tag] ?? 'block'} of ${job.label} across pages: lines of it run past a page's foot, where the PDF would cut them off; a \`::pagebreak\` before it usually helps (please report the part)`, { place: { line, column }, ruleId: 'layout-lost-content', source: 'pamphlet' });
    if (block.cut) return error(file, `this table row is taller than the page, even with its table set as blocks: the PDF would cut it off at the page's foot; a smaller picture or shorter cells help`, { place: { line, column }, ruleId: 'layout-lost-content', source: 'pamphlet' });
    return error(file, `the page layout (Paged.js) lost this ${BLOCK_NAMES[block.tag] ?? 'block'} from ${job.label}: the PDF would not have it; a \`::pagebreak\` before it usually helps (please report the part)`, { place: { line, column }, ruleId: 'layout-lost-content', source: 'pamphlet' });
  });
  return new ManuscriptError(messages);
}

const FRONT_MATTER_NAMES: Readonly<Record<string, string>> = { 'title-page': 'the title page', 'imprint-page': 'the imprint (edition, rights, ISBN, publisher)', 'handout-title': "the handout's title block" };
const BLOCK_NAMES: Readonly<Record<string, string>> = { p: 'paragraph', li: 'list item', tr: 'table row', pre: 'code block', figcaption: 'caption', span: 'note', h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading' };

export async function renderPdf(
  session: BrowserSession,
  doc: PartDocument,
  config: ResolvedConfig,
  options: RenderPdfOptions,
): Promise<Uint8Array> {
  return printPrepared(session, await preparePrint(doc, config, options));
}
