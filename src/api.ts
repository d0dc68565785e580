/**
 * build() and check(): the workflow the CLI calls, usable as a library too.
 * Reads top-down: load the manuscript, render every requested format of every part
 * in memory (one browser for all of them), then write everything at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { commitTimesOf, datedByCommits, loadManuscript, partFileNames, type Manuscript, type TitlePage } from './manuscript.js';
import { writeOutputs, type OutputFile } from './output.js';
import { registerCleanup } from './cleanup.js';
import { loadConfig } from './config/load.js';
import { realInside } from './files/inside.js';
import { packagePath } from './package-root.js';
import { trace } from './trace.js';
import { ManuscriptError } from './diagnostics.js';
import type { PartDocument, PartMeta } from './document.js';
import type { ResolvedConfig } from './config/types.js';
import type { BrowserSession } from './browser/session.js';
import type { CoverThread } from './render/epub/cover-thread.js';
import { findChromium } from './browser/find-chromium.js';
import { BuildCache, defaultCacheDir } from './cache/store.js';
import { browserIdentity, toolIdentity } from './cache/identity.js';
import { derivedKey, outputKey } from './cache/key.js';
import { runOnPool, tabPoolSize, type PoolTask } from './browser/tab-pool.js';
import { closingAfter } from './browser/closing-session.js';
import type { LaidOutPage } from './browser/print-pages.js';

import { FORMATS, type Format } from './formats.js';

export { FORMATS, type Format };

/** One output, as progress reports name it: `Part I · pdf`. */
export interface OutputRef {
  /** File name in the output folder. */
  name: string;
  /** "Part I". */
  part: string;
  format: Format;
}

/** What a build tells as it goes (the CLI's progress lines); renderers never print. */
export type BuildEvent =
  | (OutputRef & { kind: 'cached' })
  | (OutputRef & { kind: 'start' })
  | (OutputRef & { kind: 'pages'; pages: number })
  | (OutputRef & { kind: 'rendered'; ms: number; pages?: number });

export interface BuildOptions {
  dir: string;
  out: string;
  formats?: readonly Format[];
  /** Overrides pamphlet.yaml's `timeout` (ms per browser step). */
  timeout?: number;
  env?: NodeJS.ProcessEnv;
  /** `false` (`--no-cache`): render everything, and neither read nor write the cache. */
  cache?: boolean;
  /**
   * `false` (`--no-print-pages`): the EPUB without the print edition's page breaks and
   * page-list, so building it needs no layout of the pamphlet (and no browser).
   */
  printPages?: boolean;
  /** Told as each output starts, lays out pages, is rendered or comes from the cache. */
  onEvent?: (event: BuildEvent) => void;
  /** A browser the caller keeps across builds (watch mode); else one is opened, only if needed, and closed. */
  browser?: () => Promise<BrowserSession>;
}

export interface BuildResult {
  outputs: string[];
  messages: VFileMessage[];
  timings: Record<string, number>;
  /** Output file names rendered by this build, and those taken from the cache, sorted. */
  rendered: string[];
  cached: string[];
}

export function outputName(doc: PartDocument, format: Format): string {
  switch (format) {
    case 'pdf': return `${doc.meta.slug}.pdf`;
    case 'epub': return `${doc.meta.slug}.epub`;
    case 'handout': return `${doc.meta.slug}-handout.pdf`;
    case 'booklet': return `${doc.meta.slug}-booklet.pdf`;
    case 'html': return `${doc.meta.slug}.html`;
  }
}

/** Where the cache is: pamphlet.yaml's `cache-dir`, else `.pamphlet-cache` in the output folder. */
export function cacheDirFor(config: ResolvedConfig, out: string): string {
  return config.cacheDir ?? defaultCacheDir(out);
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const formats = options.formats?.length ? options.formats : FORMATS;
  const timings: Record<string, number> = {};
  trace('start');
  const loaded = loadConfig(options.dir);
  const config = options.timeout ? { ...loaded, timeout: options.timeout } : loaded;
  const cache = options.cache === false ? undefined : new BuildCache(cacheDirFor(config, options.out));
  const printPages = options.printPages !== false;
  const laysOut = formats.some((format) => needsLayout(format, printPages));
  // The part files, read once for git and the tab count (only a build
  // that lays out pages starts a browser); undefined when the folder cannot be read (the build
  // reports that itself, where the manuscript is read).
  const partNames = partNamesOf(config.dir);
  // Each part's last commit, from git processes running while this thread gets on.
  const commitTimes = partNames ? commitTimesOf(config, partNames, options.env ?? process.env) : undefined;

  let launching: Promise<BrowserSession> | undefined;
  const launch = async (): Promise<void> => {
    const { openBrowser } = await import('./browser/session.js');
    launching = openBrowser({ executablePath: config.browser, timeout: config.timeout, tabs: Math.min(tabPoolSize(), layoutJobs(partNames, formats, printPages)) });
    // Whatever fails from here on, the browser is closed (and a launch failure is reported once, where it is awaited).
    launching.catch(() => undefined);
  };
  const session = async (): Promise<BrowserSession> => {
    if (options.browser) return options.browser();
    if (!launching) await launch();
    return (launching as Promise<BrowserSession>).catch((cause: unknown) => {
      // Only the EPUB's page-list wanted a browser: say how to do without.
      if (formats.some(isPrinted) || !(cause instanceof Error)) throw cause;
      throw new Error(`${cause.message}${PAGE_LIST_HINT}`, { cause });
    });
  };
  // Chromium starts while the manuscript is parsed (the two take about as long, and neither
  // needs the other), unless a cache is there that may well hold every PDF: then it starts
  // only if something must be printed.
  const started = performance.now();
  if (!options.browser && laysOut && (!cache || cache.empty)) {
    await launch();
    // The pipeline below is synchronous: let the launch get as far as spawning Chromium first.
    await new Promise((resolve) => setImmediate(resolve));
  }
  let covers: CoverThread | undefined;
  try {
    // And the EPUB's generated cover, drawn on a thread of its own (begun in renderAll), unless
    // a cache is there that may well hold the EPUB.
    if (formats.includes('epub') && (!cache || cache.empty)) covers = new (await import('./render/epub/cover-thread.js')).CoverThread();
    return await renderAll(options, formats, config, timings, { session, cache, printPages, laysOut, ownsBrowser: !options.browser, commitTimes, covers }, started);
  } finally {
    covers?.close();
    await launching?.then((browser) => browser.close(), () => undefined);
  }
}

const PAGE_LIST_HINT = " (the EPUB's page-list lays out the print edition in it; `--no-print-pages` builds the EPUB without one)";

/** A failure of the layout only the EPUB's page-list wanted, with the hint (added to its messages, which go nowhere else): the author asked for no print. */
function forThePageList(cause: unknown): unknown {
  if (cause instanceof ManuscriptError) {
    for (const message of cause.messages) if (message.fatal === true) message.reason += PAGE_LIST_HINT;
    return new ManuscriptError(cause.messages);
  }
  return cause instanceof Error ? new Error(`${cause.message}${PAGE_LIST_HINT}`, { cause }) : cause;
}

function partNamesOf(dir: string): string[] | undefined {
  try {
    return partFileNames(dir);
  } catch {
    return undefined;
  }
}

function isPrinted(format: Format): boolean {
  return format !== 'epub' && format !== 'html';
}

/**
 * How many print jobs a build can give the tabs at most, from the part files and the
 * formats (a cache may leave fewer): one per part for its pamphlet (the PDF, the booklet
 * or the EPUB's page-list), one per part for its handout.
 */
function layoutJobs(partNames: readonly string[] | undefined, formats: readonly Format[], printPages: boolean): number {
  // An unreadable folder fails the build with its own error, where the manuscript is read.
  if (!partNames) return tabPoolSize();
  const parts = partNames.length;
  const pamphlet = formats.some((format) => format !== 'handout' && needsLayout(format, printPages));
  return parts * ((pamphlet ? 1 : 0) + (formats.includes('handout') ? 1 : 0));
}

/** Whether making `format` lays out pages in Chromium: the PDFs, and the EPUB for its page-list. */
function needsLayout(format: Format, printPages: boolean): boolean {
  return isPrinted(format) || (format === 'epub' && printPages);
}

interface Resources {
  session: () => Promise<BrowserSession>;
  /** The session is this build's own (not a caller's): it may close it once the last layout is done. */
  ownsBrowser: boolean;
  /** Each part's last commit time, asked of git as the build started (`commitTimesOf`). */
  commitTimes: Promise<Map<string, Date | undefined>> | undefined;
  /** The EPUB covers' thread (render/epub/cover-thread.ts), when an EPUB is built. */
  covers: CoverThread | undefined;
  cache: BuildCache | undefined;
  /** The EPUB carries the print edition's page breaks (laid out, or from the cache). */
  printPages: boolean;
  /** Some output needs pages laid out (a PDF, or the EPUB's page-list). */
  laysOut: boolean;
}

/** The cache entry that keeps where each page of a part's pamphlet begins, beside its PDF. */
function printPagesEntry(doc: PartDocument): string {
  return `${doc.meta.slug}.print-pages.json`;
}

/** Print pages read back from the cache, or undefined if the entry is not what we wrote. */
function parsePrintPages(bytes: Uint8Array): LaidOutPage[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (!Array.isArray(value)) return undefined;
    const valid = value.every((page: unknown) => {
      if (typeof page !== 'object' || page === null) return false;
      const { number, start } = page as { number?: unknown; start?: unknown };
      if (number !== null && typeof number !== 'string') return false;
      if (start === null) return true;
      if (typeof start !== 'object' || start === undefined) return false;
      const { anchor, letters, text } = start as { anchor?: unknown; letters?: unknown; text?: unknown };
      return typeof anchor === 'string' && typeof letters === 'number' && Number.isInteger(letters) && typeof text === 'string';
    });
    return valid ? (value as LaidOutPage[]) : undefined;
  } catch {
    return undefined;
  }
}

async function renderAll(
  options: BuildOptions,
  formats: readonly Format[],
  config: ResolvedConfig,
  timings: Record<string, number>,
  { session, cache, printPages, laysOut, ownsBrowser, commitTimes, covers }: Resources,
  since: number,
): Promise<BuildResult> {
  let started = since;
  // git answers while the parts are parsed: waiting for it first left this thread idle some 40 ms.
  let manuscript: Manuscript;
  try {
    manuscript = loadManuscript(options.dir, options.env ?? process.env, config, {
      ...(commitTimes ? { commitsLater: true } : {}),
      // Without pages to lay out the EPUB is made next, so its cover is begun as soon as each
      // part's front matter is read (and again as its pipeline starts, should the full parse
      // say otherwise); with them it waits for the layout, and is begun once the parts are
      // made, so that Chromium has the second core to itself first.
      ...(covers && !laysOut ? { onTitle: (title: TitlePage) => covers.draw(title), onPart: (meta: PartMeta) => covers.draw(meta) } : {}),
    });
  } catch (error) {
    // A manuscript refused leaves no git running either.
    await commitTimes;
    throw error;
  }
  const times = await commitTimes;
  if (times) datedByCommits(manuscript, times);
  if (covers && laysOut) for (const doc of manuscript.parts) covers.draw(doc.meta);
  timings.pipeline = performance.now() - started;
  trace('manuscript parsed and cited', started);

  const tell = options.onEvent ?? (() => undefined);
  const files: OutputFile[] = [];
  const rendered: string[] = [];
  const cached: string[] = [];
  const ref = (doc: PartDocument, format: Format): OutputRef => ({ name: outputName(doc, format), part: doc.meta.partLabel, format });
  const record = (output: OutputRef, bytes: Uint8Array, since: number, key: string | undefined, pages?: number) => {
    const ms = performance.now() - since;
    timings[output.name] = ms;
    files.push({ name: output.name, bytes });
    rendered.push(output.name);
    if (key) cache?.put(output.name, key, bytes);
    tell({ kind: 'rendered', ...output, ms, ...(pages ? { pages } : {}) });
    trace(`rendered ${output.name}`, since);
  };
  const reuse = (output: OutputRef, bytes: Uint8Array) => {
    files.push({ name: output.name, bytes });
    cached.push(output.name);
    tell({ kind: 'cached', ...output });
  };

  // Keys need the tool's identity (a hash of our code and styles) and, for what is laid
  // out, the browser's: the EPUB's page-list is the pamphlet's pagination, so its key has
  // everything the PDF's has (and says whether the page-list is there).
  const tool = cache ? toolIdentity() : '';
  const browser = cache && laysOut ? browserFor(config) : '';
  const keyOf = (doc: PartDocument, format: Format): string | undefined => {
    if (!cache) return undefined;
    if (format === 'epub') return printPages ? outputKey({ doc, config, format: 'epub with print pages', tool, browser }) : outputKey({ doc, config, format, tool });
    return outputKey({ doc, config, format, tool, ...(isPrinted(format) ? { browser } : {}) });
  };
  const lookUp = (output: OutputRef, key: string | undefined): Uint8Array | undefined => (key ? cache?.get(output.name, key) : undefined);
  /** Where each page of the pamphlet begins, as a layout of the same inputs recorded it in the cache. */
  const cachedPrintPages = (doc: PartDocument): LaidOutPage[] | undefined => {
    const pdfKey = keyOf(doc, 'pdf');
    const bytes = pdfKey ? cache?.get(printPagesEntry(doc), derivedKey(pdfKey, 'print pages')) : undefined;
    return bytes ? parsePrintPages(bytes) : undefined;
  };

  const readAsset = assetReader(config);

  // EPUBs that wait for their part's pamphlet to be laid out (their page-list).
  const afterLayout = new Map<PartDocument, { output: OutputRef; key: string | undefined }>();
  const renderEpubOf = async (doc: PartDocument, output: OutputRef, key: string | undefined, since: number, pages: LaidOutPage[] | undefined, pageCount?: number): Promise<void> => {
    const { renderEpubAsync } = await import('./render/epub/index.js');
    record(output, await renderEpubAsync(doc, config, { readAsset, ...(pages ? { printPages: pages } : {}) }), since, key, pageCount);
  };

  // Reader formats that need no layout: made in Node while the tabs paginate (below).
  const readerJobs: Array<{ doc: PartDocument; format: 'epub' | 'html'; output: OutputRef; key: string | undefined; pages?: LaidOutPage[] }> = [];
  for (const format of ['epub', 'html'] as const) {
    if (!formats.includes(format)) continue;
    for (const doc of manuscript.parts) {
      const output = ref(doc, format);
      const key = keyOf(doc, format);
      const hit = lookUp(output, key);
      if (hit) {
        reuse(output, hit);
        continue;
      }
      if (format === 'epub') {
        const pages = printPages ? cachedPrintPages(doc) : undefined;
        if (printPages && !pages) {
          afterLayout.set(doc, { output, key });
          continue;
        }
        readerJobs.push({ doc, format, output, key, ...(pages ? { pages } : {}) });
      } else {
        readerJobs.push({ doc, format, output, key });
      }
    }
  }
  const renderReaderFormats = async (): Promise<void> => {
    for (const { doc, format, output, key, pages } of readerJobs) {
      const since = performance.now();
      tell({ kind: 'start', ...output });
      if (format === 'epub') {
        await renderEpubOf(doc, output, key, since, pages);
      } else {
        const { renderHtml } = await import('./render/html.js');
        record(output, new TextEncoder().encode(renderHtml(doc, config, { readAsset })), since, key);
      }
    }
  };

  // What must be printed: the pamphlet (for the PDF, or for a booklet no cache holds) and the handout.
  interface PrintPlan {
    doc: PartDocument;
    /** The pamphlet laid out for its PDF, its booklet, or only for the EPUB's page-list (`epub`). */
    pamphlet?: { key: string | undefined; pdf?: OutputRef; booklet?: { output: OutputRef; key: string | undefined }; epub?: { output: OutputRef; key: string | undefined } };
    handout?: { output: OutputRef; key: string | undefined };
  }
  const plans: PrintPlan[] = [];
  const imposeLater: Array<{ pdf: Uint8Array; output: OutputRef; key: string | undefined }> = [];
  for (const doc of manuscript.parts) {
    const plan: PrintPlan = { doc };
    if (formats.includes('pdf') || formats.includes('booklet')) {
      const pdfRef = ref(doc, 'pdf');
      const pdfKey = keyOf(doc, 'pdf');
      const pdfHit = lookUp(pdfRef, pdfKey);
      if (pdfHit && formats.includes('pdf')) reuse(pdfRef, pdfHit);
      let booklet: { output: OutputRef; key: string | undefined } | undefined;
      if (formats.includes('booklet')) {
        const output = ref(doc, 'booklet');
        // Imposed from the pamphlet PDF, whose key covers the config (creep, sheet size) too.
        const key = pdfKey ? derivedKey(pdfKey, 'booklet') : undefined;
        const hit = lookUp(output, key);
        if (hit) reuse(output, hit);
        else if (pdfHit) imposeLater.push({ pdf: pdfHit, output, key });
        else booklet = { output, key };
      }
      const pdf = formats.includes('pdf') && !pdfHit ? pdfRef : undefined;
      if (pdf || booklet) plan.pamphlet = { key: pdfKey, ...(pdf ? { pdf } : {}), ...(booklet ? { booklet } : {}) };
    }
    const epub = afterLayout.get(doc);
    if (epub) plan.pamphlet = { key: keyOf(doc, 'pdf'), ...plan.pamphlet, epub };
    if (formats.includes('handout')) {
      const output = ref(doc, 'handout');
      const key = keyOf(doc, 'handout');
      const hit = lookUp(output, key);
      if (hit) reuse(output, hit);
      else plan.handout = { output, key };
    }
    if (plan.pamphlet || plan.handout) plans.push(plan);
  }

  if (imposeLater.length) {
    const { imposeBooklet, bookletSheetFor } = await import('./render/booklet.js');
    for (const { pdf, output, key } of imposeLater) {
      const imposing = performance.now();
      tell({ kind: 'start', ...output });
      record(output, await imposeBooklet(pdf, { sheet: bookletSheetFor(config.page.name), creep: config.booklet.creep }), imposing, key);
    }
  }

  if (plans.length) {
    const { layOutPrepared, preparePrint, printPrepared, printPreparedDocument } = await import('./render/pdf.js');
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-'));
    const removeWorkDir = (): void => rmSync(workDir, { recursive: true, force: true });
    // An interrupt at any moment removes it too (cleanup.ts, run by the CLI's signal handlers).
    const unregister = registerCleanup(removeWorkDir);
    try {
      // The HTML of every job is written before waiting for Chromium, which may still be starting.
      const jobs = await Promise.all(plans.map(async (plan) => ({
        plan,
        pamphlet: plan.pamphlet ? await preparePrint(plan.doc, config, { variant: 'pamphlet', workDir }) : undefined,
        handout: plan.handout ? await preparePrint(plan.doc, config, { variant: 'handout', workDir }) : undefined,
      })));
      trace('print HTML written');
      started = performance.now();
      const opened = await session();
      trace('browser ready', started);
      timings.browser = performance.now() - started;
      // One tab per core (tab-pool.ts): pagination is single-threaded JavaScript in each
      // renderer, so the parts and their handouts paginate side by side, the longest first.
      const tasks: PoolTask[] = [];
      for (const { plan, pamphlet, handout } of jobs) {
        const wanted = plan.pamphlet;
        if (pamphlet && wanted) {
          const layOut = async (): Promise<void> => {
            const since = performance.now();
            // The pages laid out are the PDF's, or the booklet's or the EPUB's when only it is wanted.
            const shown = wanted.pdf ?? wanted.booklet?.output ?? (wanted.epub?.output as OutputRef);
            tell({ kind: 'start', ...shown });
            let pages = 0;
            const onPage = (count: number): void => {
              pages = count;
              tell({ kind: 'pages', ...shown, pages });
            };
            const epub = wanted.epub;
            // A PDF is printed when it is wanted, imposed, or kept in the cache for a later build;
            // for the EPUB's page-list alone the layout is enough.
            if (epub && !wanted.pdf && !wanted.booklet && !wanted.key) {
              const pageStarts = await layOutPrepared(browser, pamphlet, onPage);
              await renderEpubOf(plan.doc, epub.output, epub.key, since, pageStarts, pages);
              return;
            }
            let laidOut: LaidOutPage[] | undefined;
            let epubMade: Promise<void> | undefined;
            // Where the pages begin is read from the laid-out book (x10: 93 ms in Chromium before
            // the print) only for an EPUB made now or one the cache may make later.
            const wantsPageStarts = Boolean(epub || wanted.key);
            const printed = printPreparedDocument(browser, pamphlet, onPage, !wantsPageStarts ? undefined : (found) => {
              laidOut = found;
              if (!epub) return;
              // The EPUB needs only where the pages begin: it is made in Node while Chromium
              // prints (all five outputs x1: its 0.13 s came after the PDF). setImmediate lets
              // the print request go out first.
              epubMade = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
                const rendering = performance.now();
                if (shown !== epub.output) tell({ kind: 'start', ...epub.output });
                return renderEpubOf(plan.doc, epub.output, epub.key, shown === epub.output ? since : rendering, found, shown === epub.output ? pages : undefined);
              });
              // Awaited below, after the PDF, or settled before a print failure is thrown.
              epubMade.catch(() => undefined);
            });
            const finished = await printed.catch(async (error: unknown) => {
              await epubMade?.catch(() => undefined);
              throw error;
            });
            const pdf = finished.bytes;
            if (wanted.pdf) record(wanted.pdf, pdf, since, wanted.key, pages);
            // Kept for a later booklet or EPUB, even when the PDF itself is not asked for.
            else if (wanted.key) cache?.put(ref(plan.doc, 'pdf').name, wanted.key, pdf);
            // Where each page begins, for an EPUB built later from the cached PDF's layout.
            if (wanted.key && laidOut) cache?.put(printPagesEntry(plan.doc), derivedKey(wanted.key, 'print pages'), Buffer.from(JSON.stringify(laidOut)));
            if (epubMade) await epubMade;
            if (wanted.booklet) {
              // A print-ready PDF carries its TrimBox, and the imposition places pages by it: no second render.
              const imposing = performance.now();
              if (wanted.pdf) tell({ kind: 'start', ...wanted.booklet.output });
              const { imposeBooklet, bookletSheetFor } = await import('./render/booklet.js');
              const booklet = await imposeBooklet(finished.document, { sheet: bookletSheetFor(config.page.name), creep: config.booklet.creep });
              record(wanted.booklet.output, booklet, wanted.pdf ? imposing : since, wanted.booklet.key);
            }
          };
          // Laid out for the EPUB's page-list alone: a failure says so, and how to do without.
          const forPageListOnly = !wanted.pdf && !wanted.booklet;
          tasks.push({ cost: pamphlet.cost, run: () => (forPageListOnly ? layOut().catch((cause: unknown) => { throw forThePageList(cause); }) : layOut()) });
        }
        const handoutPlan = plan.handout;
        if (handout && handoutPlan) {
          tasks.push({ cost: handout.cost, run: async () => {
            const since = performance.now();
            tell({ kind: 'start', ...handoutPlan.output });
            let pages = 0;
            const pdf = await printPrepared(browser, handout, (count) => {
              pages = count;
              tell({ kind: 'pages', ...handoutPlan.output, pages });
            });
            record(handoutPlan.output, pdf, since, handoutPlan.key, pages);
          } });
        }
      }
      // Each task lays out once: the build's own browser closes as the last layout ends.
      const browser = ownsBrowser ? closingAfter(opened, tasks.length) : opened;
      const printing = runOnPool(tasks, tabPoolSize());
      // Settled before the reader formats' own failure (if any) is thrown: no tab is left running.
      const reading = renderReaderFormats().then(() => undefined, (error: unknown) => ({ error }));
      await printing.finally(() => reading);
      const readerFailure = await reading;
      if (readerFailure) throw readerFailure.error;
    } finally {
      removeWorkDir();
      unregister();
    }
  } else {
    await renderReaderFormats();
  }

  // Tasks finish in any order; outputs are listed in a stable one.
  files.sort((a, b) => a.name.localeCompare(b.name));
  const outputs = await writeOutputs(path.resolve(options.out), files);
  trace('outputs written');
  // Only a build whose outputs are written fills the cache: a failed one leaves it as it was.
  cache?.commit();
  return { outputs, messages: manuscript.messages, timings, rendered: rendered.sort(), cached: cached.sort() };
}

/** The browser a PDF would be printed with, for the cache key; none found is an error only when printing. */
function browserFor(config: ResolvedConfig): string {
  try {
    return browserIdentity(findChromium({ explicit: config.browser }));
  } catch {
    return 'no browser';
  }
}

export interface CheckResult {
  manuscript: Manuscript;
  messages: VFileMessage[];
}

/** Validates everything a build would, without rendering. */
export function check(dir: string, env: NodeJS.ProcessEnv = process.env): CheckResult {
  const manuscript = loadManuscript(dir, env);
  return { manuscript, messages: manuscript.messages };
}

function assetReader(config: ResolvedConfig) {
  return (relPath: string): Uint8Array => {
    // By its real location: the pipeline has refused images that are not inside, this refuses again.
    const inside = realInside(config.dir, relPath);
    if (!inside.ok) throw new Error(`image ${relPath}: ${inside.reason}`);
    return readFileSync(inside.path);
  };
}
