/**
 * The one place that talks to Puppeteer (chromium-process.ts only starts the browser and
 * connects it). A BrowserSession owns one Chromium for the
 * whole run (starting it costs more than paginating a part) and hands out PDF bytes;
 * no Page or Browser object leaves this module, so renderers stay testable and the
 * browser is certain to be closed in one place.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { readlink, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { registerCleanup } from '../cleanup.js';
import { printPageCsp } from '../csp.js';
import { ChromiumStartError, startChromium, type ChromiumExit } from './chromium-process.js';
import { findChromium, isHeadlessShell } from './find-chromium.js';
import { closePopups, LOCKDOWN_FLAGS, lockDownPage } from './lockdown.js';
import { LayoutLossError, mendCutContent, ONE_PAGE_FRONT_MATTER, recordBlocks } from './layout-integrity.js';
import { PAGE_RULES, registerPageRules } from './paged-rules.js';
import { knuthPlass } from './knuth-plass.js';
import { breakParagraphLines, KNUTH_PLASS_GLOBAL, LINE_BREAKER_GLOBAL, LINE_BREAKING, MEASURING_STYLE, type LineBreakReport, type LineBreakSettings } from './line-breaker.js';
import { printedChecksScript, type PrintedChecks } from './printed-checks.js';
import { FACES_SHEET_MARK, HOLD_RENDERING, holdWhenSettled, loadTextFonts, REST_OF_FACES } from './render-hold.js';
import { PAGE_BINDING, countPages } from './page-progress.js';
import { FILLED_GLOBAL, justifyPages, registerPageFilling, VERTICAL_JUSTIFY } from './vertical-justify.js';
import { dropMisprintedSoftHyphens, dropStrayHyphens, dropUnbrokenSoftHyphens, registerFirstLetterRuleRemoval } from './page-break-text.js';
import { pagedPolyfill, pagedPolyfillPath, type PagedBuild } from './pagedjs-source.js';
import type { LaidOutPage } from './print-pages.js';
import { EMPTIED_GLOBAL, type EmptiedBoxes, flattenPageLayers, registerEmptyBoxRemoval } from './print-layers.js';
import { MAX_TIMER_MS, withTimeLimit, type StepLimit } from './time-limit.js';
import { RendererCrash, watchRendererCrashes, type CrashWatch } from './renderer-crashes.js';
import { processFlags, tabPoolSize } from './tab-pool.js';
import { trace } from '../trace.js';
import { startPageProfile } from './page-profile.js';

export interface OpenBrowserOptions {
  /** `browser:` from pamphlet.yaml; else PUPPETEER_EXECUTABLE_PATH, else the usual paths. */
  executablePath?: string;
  /** Time limit of each browser step, ms (config `timeout`). */
  timeout: number;
  /** The Paged.js the pages run: our patched 0.4.3 unless a test asks for the published one. */
  pagedjs?: PagedBuild;
  /**
   * How many tabs will lay out pages at once (default: the pool, tab-pool.ts). With one,
   * Chromium runs as one process (`processFlags`).
   */
  tabs?: number;
  /**
   * false: leave in the pages every soft hyphen no line breaks at (the line breaker's and
   * dropUnbrokenSoftHyphens'), for a test to compare with the pages as Chromium printed them so.
   */
  dropUnbrokenSoftHyphens?: boolean;
  /**
   * false: print Paged.js's page boxes as it made them (print-layers.ts), for a test to
   * compare with the pages printed with them made plain.
   */
  flattenPageLayers?: boolean;
  /**
   * false: leave the paragraphs a house style sets ragged-right to Chromium's own breaking,
   * as before 2026-12-06 (line-breaker.ts, `raggedRight`), for a test of what Paged.js makes
   * of Chromium's lines.
   */
  raggedRight?: boolean;
}

export interface PaginateRequest {
  /** The print HTML, already written to disk: web fonts only load from a real URL. */
  htmlPath: string;
  /** Folders the page may read from (file: URLs); everything else is aborted. */
  allowedRoots: string[];
  /** Names the part in errors, e.g. "celebrating-red-october-1". */
  label: string;
  /** Overrides the session's time limit per step, ms. */
  timeout?: number;
  /** Told the number of pages laid out so far, as Paged.js goes (progress lines). */
  onPage?: (pages: number) => void;
  /** Told, once the layout is done, each page's printed number and where its text begins (the EPUB's page-list). */
  onLaidOut?: (pages: LaidOutPage[]) => void;
  /** false: lay the pages out (for onLaidOut) and print nothing; paginate then returns no bytes. */
  print?: boolean;
  /**
   * Told the bytes as Chromium printed them, before the checks that may still refuse them
   * or lay the book out again (printed-checks.ts): work on them may begin beside the
   * checks, but only the bytes paginate returns are the book's.
   */
  onPrinted?: (pdf: Uint8Array) => void;
  /**
   * Tests only: elements matching this selector are removed from the laid-out pages, as a
   * Paged.js bug would lose them, to show that the integrity check catches the loss.
   */
  simulateLostContent?: string;
}

export interface BrowserSession {
  /** Paginates the HTML with Paged.js and prints it; the bytes are Chromium's PDF as is (none with `print: false`). */
  paginate(request: PaginateRequest): Promise<Uint8Array>;
  /** Closes the browser and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

const CHROMIUM_FLAGS = [
  // Chromium's sandbox needs user namespaces, which containers and root lack.
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  // Hinting moves glyphs to the screen's pixel grid, which is wrong for print.
  '--font-render-hinting=none',
  // Headless Chromium still builds the address bar's drop-down (two chrome:// WebUI pages,
  // a renderer of their own) for a window nobody sees: 0.5-0.85 CPU s of every start,
  // against the Node pipeline on a small machine, and a process's memory.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  // No network, whatever the page does (lockdown.ts). Our stylesheets are inline, so
  // file: pages keep Chromium's default of no XMLHttpRequest to file: URLs.
  ...LOCKDOWN_FLAGS,
];

/**
 * The headless shell draws no frame unless asked to (HeadlessExperimental.beginFrame, which
 * nothing here sends). A frame is drawn for a screen, and nobody sees these pages: each
 * one the shell drew by itself hit-tested the book for a mouse that never moved, with a
 * pre-paint of every page laid out, and frames came while the book was paginated and
 * checked. The print lays out and paints the pages itself; nothing the print pages run waits for a
 * frame (Paged.js's render queue ticks with queueMicrotask, patch 04), and a ResizeObserver,
 * which only reports at a frame, has nothing to report on a page whose fonts and images are
 * in before it is laid out. The x10 PDF: 4.84 -> 4.56 s (8 interleaved runs, faster in 8), the
 * same bytes. Chromium's new headless mode ignores the switch and draws its frames, and the
 * published Paged.js (tests only), whose queue waits for idle time and frames, gets them.
 */
const NO_FRAMES_FLAGS = ['--enable-begin-frame-control'];

/** Where the print page keeps what the filling of pages as they are made uses (vertical-justify.ts, `registerPageFilling`). */
const PAGE_FILLING = { justify: '__pamphletJustifyPages', dropStrayHyphens: '__pamphletDropStrayHyphens', filled: FILLED_GLOBAL };

/**
 * Starting Chromium does not depend on the document, so it has its own limit rather
 * than the per-document `timeout` (a small --timeout must still let the browser start).
 */
const LAUNCH_TIMEOUT_MS = 60_000;


/**
 * Paged.js's settings, set before it runs. `auto: false`: we start the pagination, so we
 * can wait for it and see its errors. A page broken inside a word gets a plain hyphen,
 * which the text font has (Paged.js's default U+2011 may not).
 */
const PAGED_CONFIG = { auto: false, settings: { hyphenGlyph: '-' } };

/** Whether Paged.js, served with the document, has run. Runs in the page. */
function pagedJsLoaded(): boolean {
  return typeof (window as unknown as { PagedPolyfill?: unknown }).PagedPolyfill === 'object';
}

/**
 * Inserts Paged.js (`source`) as a <script> carrying the page's nonce, the one script its CSP
 * allows. (puppeteer's addScriptTag cannot set a nonce.) Runs in the page.
 */
function insertPagedJs(source: string, nonce: string, config: typeof PAGED_CONFIG): boolean {
  (window as unknown as { PagedConfig: unknown }).PagedConfig = config;
  const script = document.createElement('script');
  script.nonce = nonce;
  script.text = source;
  document.head.append(script);
  script.remove();
  return typeof (window as unknown as { PagedPolyfill?: unknown }).PagedPolyfill === 'object';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  // Paged.js rejects with a bare XMLHttpRequest ProgressEvent when a stylesheet fails.
  if (typeof error === 'object' && error !== null && 'type' in error) {
    return `a stylesheet or other resource could not be read (${String((error as { type: unknown }).type)} event)`;
  }
  return String(error);
}

export async function openBrowser(options: OpenBrowserOptions): Promise<BrowserSession> {
  const executablePath = findChromium({ explicit: options.executablePath });
  trace(`starting ${executablePath}`);
  try {
    return await launchSession(options, executablePath);
  } catch (error) {
    // A Chromium killed by a signal while it started ("Code: null"; seen once in a CI run of a
    // loaded 2-core machine) is started once more, in a fresh profile. One that cannot start at
    // all, or does not answer in time, or is being interrupted, fails at once.
    if (!(error instanceof LaunchError) || !error.diedStarting) throw error;
    return await launchSession(options, executablePath);
  }
}

class LaunchError extends Error {
  constructor(
    message: string,
    readonly diedStarting: boolean,
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

async function launchSession(options: OpenBrowserOptions, executablePath: string): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pamphlet-chromium-'));
  // Chromium leads a process group of its own, known from the moment it is spawned:
  // registered before, an interrupt at any moment from here on leaves neither a browser
  // process nor its profile folder.
  let browserPid: number | undefined;
  let killed = false;
  const killGroup = (): void => {
    killed = true;
    killProcessGroup(browserPid);
  };
  const unregister = registerCleanup(() => {
    killGroup();
    removeProfile(userDataDir);
  });
  let browser: Browser;
  let exited: Promise<ChromiumExit>;
  let crashes: CrashWatch;
  try {
    const started = startChromium({
      executablePath,
      userDataDir,
      // Published Paged.js (tests only) ticks its render queue at idle time and animation frames.
      args: [...CHROMIUM_FLAGS, ...(isHeadlessShell(executablePath) && (options.pagedjs ?? 'patched') === 'patched' ? NO_FRAMES_FLAGS : []), ...processFlags(options.tabs ?? tabPoolSize())],
      // Above Node's timer range puppeteer's timers would fire at once.
      protocolTimeout: Math.min(Math.max(options.timeout * 2, 180_000), MAX_TIMER_MS),
      firstTabTimeout: LAUNCH_TIMEOUT_MS,
    });
    browserPid = started.pid;
    exited = started.exited;
    browser = await withTimeLimit(started.browser, { label: 'browser', step: `starting ${executablePath}`, ms: LAUNCH_TIMEOUT_MS });
    crashes = await withTimeLimit(watchRendererCrashes(browser), { label: 'browser', step: 'watching its renderers', ms: LAUNCH_TIMEOUT_MS });
  } catch (error) {
    const interrupted = killed;
    killGroup();
    removeProfile(userDataDir);
    unregister();
    const diedStarting = !interrupted && error instanceof ChromiumStartError && error.killed;
    throw new LaunchError(`Could not start Chromium (${executablePath}): ${describe(error)}`, diedStarting, { cause: error });
  }
  closePopups(browser);
  // The about:blank tab Chromium opens at start already has its renderer: the first page
  // laid out takes it. Closing it and opening a new tab cost the real manuscript's PDF
  // 0.7 s of 5.6 s (medians of 8 interleaved runs), and an unused one would hold a renderer.
  const startTab = await keepOneStartTab(browser, crashes);
  return new Session(browser, exited, crashes, startTab, options.timeout, options.pagedjs ?? 'patched', options.dropUnbrokenSoftHyphens ?? true, options.flattenPageLayers ?? true, lineBreakingOf(options), async () => {
    killGroup();
    // Off this thread: the build may still be post-processing a PDF (a synchronous removal of
    // the profile's 70-odd files held it up 10-20 ms). An interrupt meanwhile removes it itself.
    await removeProfileAsync(userDataDir);
    unregister();
  });
}

function lineBreakingOf(options: OpenBrowserOptions): LineBreakSettings {
  return { ...LINE_BREAKING, settleSoftHyphens: options.dropUnbrokenSoftHyphens ?? true, raggedRight: options.raggedRight === false ? 0 : LINE_BREAKING.raggedRight };
}

/** The tab Chromium opened at start, any others closed; undefined if there is none to take. */
async function keepOneStartTab(browser: Browser, crashes: CrashWatch): Promise<Page | undefined> {
  const crash = crashes.from();
  try {
    const keeping = browser.pages().then(async (pages) => {
      await Promise.all(pages.slice(1).map((page) => page.close()));
      return pages[0];
    });
    return await withTimeLimit(Promise.race([keeping, crash.crashed]), { label: 'browser', step: 'finding its start tab', ms: 5_000 });
  } catch {
    // A tab that is gone already, its renderer ended (Puppeteer's wait for the tab would not
    // end), or a browser that is closing: the first page opens its own.
    return undefined;
  } finally {
    crash.stop();
  }
}

/** SIGKILL to Chromium's whole process group (renderers, GPU and utility processes). */
function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

/**
 * Removes the profile, and the folder Chromium keeps its singleton socket in: that one
 * is in TMPDIR (a socket path must be short), named org.chromium.Chromium.*, linked
 * from the profile, and left behind when Chromium is killed rather than closed.
 */
async function removeProfileAsync(userDataDir: string): Promise<void> {
  try {
    const socketDir = chromiumSocketDir(await readlink(join(userDataDir, 'SingletonSocket')));
    if (socketDir) await rm(socketDir, { recursive: true, force: true });
  } catch {
    // No link (the headless shell makes none), or Chromium removed it as it closed.
  }
  await rm(userDataDir, PROFILE_REMOVAL).catch(() => removeProfile(userDataDir));
}

/** The same, at once: for an interrupt's cleanup, which cannot wait, and a failed removal. */
function removeProfile(userDataDir: string): void {
  try {
    const socketDir = chromiumSocketDir(readlinkSync(join(userDataDir, 'SingletonSocket')));
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  } catch {
    // No link: Chromium never got that far, or closed and removed it.
  }
  rmSync(userDataDir, PROFILE_REMOVAL);
}

const PROFILE_REMOVAL = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 } as const;

/** The folder of the socket the profile's link points to, when it is Chromium's own (never another folder of TMPDIR). */
function chromiumSocketDir(linkTarget: string): string | undefined {
  const socketDir = dirname(linkTarget);
  return basename(socketDir).startsWith('org.chromium.Chromium.') ? socketDir : undefined;
}

/** How long a failed step waits for Chromium's exit status once its connection has gone. */
const CHROMIUM_REAPED_MS = 250;

/** A paragraph given back is laid out again; a third layout finding more keeps them (a house style no breaking satisfies). */
const MAX_LAYOUTS = 3;

/** A tab whose book is laid out in pages: its steps' runner and the line breaking's report. */
interface LaidOutTab {
  step: <T>(work: Promise<T>, stepLimit: StepLimit) => Promise<T>;
  lines: LineBreakReport;
}

class Session implements BrowserSession {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly browser: Browser,
    /** Settles when the Chromium process has ended, with how it ended. */
    private readonly exited: Promise<ChromiumExit>,
    /** Renderer crashes, for the tabs that cannot report their own (a tab still opening). */
    private readonly crashes: CrashWatch,
    /** The start tab, until the first page laid out takes it. */
    private startTab: Page | undefined,
    private readonly timeout: number,
    private readonly pagedjs: PagedBuild,
    private readonly dropSoftHyphens: boolean,
    private readonly flattenLayers: boolean,
    /** What the line breaker is given (line-breaker.ts), the session's options in it. */
    private readonly lineBreaking: LineBreakSettings,
    /** Kills whatever is left of the process group, then removes the profile (settles once it is gone). */
    private readonly tearDown: () => Promise<void>,
  ) {}

  async paginate(request: PaginateRequest): Promise<Uint8Array> {
    if (this.closing) throw new Error(`${request.label}: the browser session is already closed`);
    const ms = request.timeout ?? this.timeout;
    const limit = (step: string, hint?: string): StepLimit => ({ label: request.label, step, ms, hint });

    let page: Page | undefined;
    let start = this.startTab;
    this.startTab = undefined;
    // A renderer ended since the start (the system's out-of-memory killer): the start tab
    // may be the one without, and a fresh tab costs less than finding out.
    if (start && (this.crashes.seen || start.isClosed())) {
      void start.close().catch(() => undefined);
      start = undefined;
    }
    let opening = start ? Promise.resolve(start) : this.newTab(request.label);
    // Every step also ends when any of the browser's renderers does: a tab that is still
    // opening cannot report its own, and the build fails at once, not when the other
    // tabs' layouts are done.
    const crash = this.crashes.from();
    try {
      // The paragraphs a layout found a line of wider than the measure: the book is laid out
      // again with those left to the browser's breaking, at most MAX_LAYOUTS times in all.
      // And what the layout cut off where the block check cannot see it (layout-integrity.ts):
      // a front-matter page then set as running text, a table with a row taller than the page
      // set as blocks. The checks read the pages as printed: a layout they refuse prints
      // once for nothing, the price of checking beside Node's work on the bytes.
      let leave: number[] = [];
      let long: string[] = [];
      let stacked: number[] = [];
      for (let layout = 1; ; layout++) {
        page = await this.reported(withTimeLimit(Promise.race([opening, crash.crashed]), limit('opening a browser tab')), request.label, 'opening a browser tab', crash.crashed);
        const profile = await startPageProfile(page, `${request.label}-${layout}`);
        const { step, lines } = await this.layOut(page, request, limit, { leave, long, stacked }, crash.crashed);
        await step(page.evaluate(dropStrayHyphens), limit('checking the page breaks'));
        if (this.dropSoftHyphens) {
          const dropped = await step(page.evaluate(dropUnbrokenSoftHyphens), limit('checking the page breaks'));
          trace(`${request.label}: ${dropped} soft hyphens no line broke at taken out`);
        }
        // Full pages: the room under a page's last line shared out over its gaps.
        // Most were as Paged.js made them (registerPageFilling); the rest now, with the book back together.
        const full = await step(page.evaluate(justifyPages, VERTICAL_JUSTIFY, FILLED_GLOBAL), limit('filling the pages'));
        trace(`${request.label}: ${full.justified} of ${full.pages} pages filled to the foot (${full.undone} left as they were, ${full.writingLines} ruled lines added to write on; ${full.asMade} pages read as Paged.js made them)`);
        if (request.simulateLostContent) {
          await page.evaluate((selector: string) => {
            for (const el of document.querySelectorAll(`.pagedjs_pages ${selector}`)) el.remove();
          }, request.simulateLostContent);
        }
        let pdf: Uint8Array = new Uint8Array();
        if (request.print !== false) {
          if (this.flattenLayers) {
            const flat = await step(page.evaluate(flattenPageLayers), limit('making the page boxes plain'));
            trace(`${request.label}: page boxes made plain for the print: ${flat.bleeds ? 'bleeds unclipped, ' : ''}empty note areas plain, ${flat.known ? `page boxes unpositioned on ${flat.pages - flat.kept} of ${flat.pages} pages` : 'page boxes kept (positions not known)'}`);
            const emptied = await step(page.evaluate((name: string) => (window as unknown as Record<string, EmptiedBoxes | undefined>)[name], EMPTIED_GLOBAL), limit('making the page boxes plain'));
            if (emptied) trace(`${request.label}: empty boxes out of the pages: ${emptied.margins === false ? 'margin boxes kept (a style sheet may show them)' : `${emptied.margins} empty margin boxes' content boxes`}, ${emptied.marks === false ? 'marks kept (a style sheet may show them)' : `the marks of ${emptied.marks} pages`}`);
          }
          pdf = await step(page.pdf({ preferCSSPageSize: true, outline: true, tagged: true, printBackground: true, timeout: 0 }), limit('printing the PDF'));
        }
        await profile?.stop();
        // The checks go to the page first; Node's work on the bytes begins once they are on their way.
        const checking = step(page.evaluate(printedChecksScript({ lines: lines.set > 0, frontMatter: ONE_PAGE_FRONT_MATTER, pages: request.onLaidOut !== undefined })) as Promise<PrintedChecks>, limit(request.onLaidOut ? 'checking the printed pages and reading where each page begins' : 'checking the printed pages'));
        if (request.print !== false && request.onPrinted) setImmediate(request.onPrinted, pdf);
        const checked = await checking;
        // Those of `leave` were not set, so every one found is new; so are the pages and rows cut.
        const { wide } = checked;
        // A page already in its long form, or one with none (the handout's title block): no layout mends it.
        const cut = checked.cut.frontMatter.filter((name) => !long.includes(name) && (ONE_PAGE_FRONT_MATTER as readonly string[]).includes(name));
        // A row still cut in a table already set as blocks: no layout mends it (an error below).
        const rows = checked.cut.rows.map((row) => row.seq).filter((seq) => !stacked.includes(seq));
        if ((wide.length > 0 || cut.length > 0 || rows.length > 0) && layout < MAX_LAYOUTS) {
          if (wide.length > 0) trace(`${request.label}: ${wide.length} paragraph(s) with a line wider than the measure, laid out again without their breaking`);
          if (cut.length > 0) trace(`${request.label}: ${cut.join(', ')} too long for one page, laid out again as running text`);
          if (rows.length > 0) trace(`${request.label}: ${rows.length} table row(s) taller than a page, their tables laid out again as blocks`);
          leave = [...leave, ...wide];
          long = [...long, ...cut];
          stacked = [...stacked, ...rows];
          void page.close().catch(() => undefined);
          page = undefined;
          opening = this.newTab(request.label);
          continue;
        }
        trace(`${request.label}: ${lines.set} of ${lines.blocks} blocks set in ${lines.lines} lines (${lines.hyphenated} hyphenated, ${lines.emergency} at the widest tolerance, ${lines.left} left to the browser, ${lines.overflowed} of them as too wide), in ${lines.ms.toFixed(0)} ms`);
        const { lost } = checked;
        // A page or row still cut after the last layout: lines missing from the print.
        for (const name of checked.cut.frontMatter) lost.push({ seq: 0, src: '', tag: name });
        for (const { seq, src } of checked.cut.rows) lost.push({ seq, src, tag: 'tr', cut: true });
        if (lost.length) throw new LayoutLossError(request.label, lost);
        if (request.onLaidOut && checked.pages) request.onLaidOut(checked.pages);
        return pdf;
      }
    } finally {
      crash.stop();
      // Closing the page also cancels whatever step timed out; a tab that opened too
      // late is closed when it arrives. The bytes do not wait for the tab to close (some
      // 35 ms at x1); closing the browser ends a close still under way.
      if (page) void page.close().catch(() => undefined);
      else void opening.then((late) => late.close()).catch(() => undefined);
    }
  }

  /**
   * One layout of the book in the tab: the page loaded, Paged.js and our rules in, the
   * paragraphs broken into lines (but those of `leave`), the pages made, the fonts loaded;
   * and which set paragraphs have a line wider than the measure, and what was cut off.
   */
  private async layOut(page: Page, request: PaginateRequest, limit: (step: string, hint?: string) => StepLimit, redo: { leave: readonly number[]; long: readonly string[]; stacked: readonly number[] }, crashed: Promise<never>): Promise<LaidOutTab> {
    const { leave, long, stacked } = redo;
    const pageFailed = watchPageErrors(page, request.label);
    const ended = Promise.race([pageFailed, crashed]);
    ended.catch(() => undefined);
    const step = <T>(work: Promise<T>, stepLimit: StepLimit): Promise<T> => {
      const since = performance.now();
      return this.reported(withTimeLimit(Promise.race([work, ended]), stepLimit), request.label, stepLimit.step, ended).finally(() => trace(`${request.label}: ${stepLimit.step}`, since));
    };

    // A fresh nonce per page: the only scripts this page may run are the ones we give it.
    const nonce = randomBytes(18).toString('base64');
    // Paged.js goes into the document as it is served, deferred: Chromium fetches and
    // compiles it while it loads the page, rather than after. The config
    // runs first: with auto on, Paged.js would paginate as soon as it loads and we could
    // neither wait for it nor see its errors.
    const pagedFile = pagedPolyfillPath(this.pagedjs);
    // And the line breaker's measuring style: the page's first layout is then the one the
    // line breaker measures (line-breaker.ts, MEASURING_STYLE). Before all, the rendering
    // held (render-hold.ts): nothing is laid out as the page loads.
    const prelude = `<script nonce="${nonce}">${HOLD_RENDERING}window.PagedConfig = ${JSON.stringify(PAGED_CONFIG)};</script><script nonce="${nonce}" src="${pathToFileURL(pagedFile).href}" defer></script><style id="${MEASURING_STYLE.id}">${MEASURING_STYLE.css}</style>`;
    // A step like the rest: its request interception is a call to the renderer, which may have ended.
    const url = await step(lockDownPage(page, { documentPath: request.htmlPath, allowedRoots: [...request.allowedRoots, dirname(pagedFile)], csp: printPageCsp(nonce), prelude }), limit('loading the HTML'));
    // Laid out in the medium it is printed in: the pages are measured under the rules
    // that print them, and printing finds the layout it needs instead of restyling and
    // relaying the whole book for print (x10: 'printing the PDF' 2.2-3.2 -> 1.6-2.2 s).
    await step(page.emulateMediaType('print'), limit('loading the HTML'));
    await step(page.goto(url, { waitUntil: 'load', timeout: 0 }), limit('loading the HTML'));
    // A document with no <head> tag to serve it after: Paged.js inserted now instead.
    const loaded = await step(page.evaluate(pagedJsLoaded), limit('loading Paged.js'))
      || await step(page.evaluate(insertPagedJs, pagedPolyfill(this.pagedjs), nonce, PAGED_CONFIG), limit('loading Paged.js'));
    if (!loaded) throw new Error(`${request.label}: Paged.js did not load in the page`);
    await step(page.evaluate(registerPageRules, PAGE_RULES), limit('loading the page-break rules'));
    await step(page.evaluate(registerFirstLetterRuleRemoval), limit('loading the page-break rules'));
    // After the page rules: a page is filled once their hook has run on the page after it.
    const filling = [
      `window[${JSON.stringify(PAGE_FILLING.justify)}] = ${justifyPages.toString()};`,
      `window[${JSON.stringify(PAGE_FILLING.dropStrayHyphens)}] = ${dropStrayHyphens.toString()};`,
      `(${registerPageFilling.toString()})(${JSON.stringify(VERTICAL_JUSTIFY)}, ${JSON.stringify(PAGE_FILLING)});`,
    ];
    await step(page.evaluate(filling.join('\n')), limit('loading the page-break rules'));
    // What nothing shows out of each page as it is made, with the boxes made plain for the print (print-layers.ts).
    if (this.flattenLayers) await step(page.evaluate(registerEmptyBoxRemoval, EMPTIED_GLOBAL), limit('loading the page-break rules'));
    if (request.onPage) {
      // A bare CDP binding, not page.exposeFunction: each of its calls is one event to Node,
      // where exposeFunction settles the call's promise with an evaluation in the page for
      // every page laid out, run between Paged.js's pages on the renderer's one thread.
      const onPage = request.onPage;
      const client = await step(page.createCDPSession(), limit('loading the page counter'));
      client.on('Runtime.bindingCalled', ({ name, payload }) => {
        const pages = Number(payload);
        if (name === PAGE_BINDING && Number.isSafeInteger(pages)) onPage(pages);
      });
      await step(client.send('Runtime.addBinding', { name: PAGE_BINDING }), limit('loading the page counter'));
      await step(page.evaluate(countPages, PAGE_BINDING), limit('loading the page counter'));
    }
    if (long.length > 0 || stacked.length > 0) await step(page.evaluate(mendCutContent, { long, stacked }), limit('numbering the blocks'));
    await step(page.evaluate(recordBlocks), limit('numbering the blocks'));
    // Not an option like the rest of the soft hyphens' removal: where these stay, the page
    // shows them. Before the line breaker's changes to the page: after them, the pause
    // between two calls let Chromium lay the whole book out again (x10: 80 ms).
    const misprinted = await step(page.evaluate(dropMisprintedSoftHyphens), limit('soft hyphens out of headings and small capitals'));
    if (misprinted > 0) trace(`${request.label}: ${misprinted} soft hyphens out of headings and small capitals`);
    // The book's first layout, with the faces its text needs already in.
    const faces = await step(page.evaluate(loadTextFonts, REST_OF_FACES, FACES_SHEET_MARK), limit("loading the text's fonts and laying the book out"));
    trace(`${request.label}: font faces: ${faces.early} asked for as the page loaded, ${faces.loaded} loaded before its first layout, ${faces.missed} more asked for by that layout, ${faces.rest} more of the book's begun`);
    // Whole paragraphs broken into lines before Paged.js measures them for pages. The
    // breaking functions go in as source: they are ours, and page.evaluate is not bound by
    // the page's CSP. The rendering is held again as the breaker ends (render-hold.ts).
    await step(page.evaluate(`window[${JSON.stringify(KNUTH_PLASS_GLOBAL)}] = ${knuthPlass.toString()}; window[${JSON.stringify(LINE_BREAKER_GLOBAL)}] = ${breakParagraphLines.toString()};`), limit('breaking paragraphs into lines'));
    const breaking = page.evaluate(holdWhenSettled, LINE_BREAKER_GLOBAL, [this.lineBreaking, KNUTH_PLASS_GLOBAL, MEASURING_STYLE, leave]) as Promise<LineBreakReport>;
    const lines = await step(breaking, limit('breaking paragraphs into lines'));
    const lateFaces = await step(
      page.evaluate(async (restName: string) => {
        const paged = (window as unknown as { PagedPolyfill: { preview(): Promise<unknown> } }).PagedPolyfill;
        await (window as unknown as Record<string, Promise<unknown> | undefined>)[restName];
        const ready = new Set<FontFace>();
        document.fonts.forEach((face) => {
          if (face.status === 'loaded') ready.add(face);
        });
        // The hold off and Paged.js's first step (moving the book into its template) in one task.
        document.documentElement.style.removeProperty('display');
        await paged.preview();
        // Faces the pages asked for that were not in as Paged.js began measuring them.
        let late = 0;
        document.fonts.forEach((face) => {
          if (face.status !== 'unloaded' && !ready.has(face)) late++;
        });
        return late;
      }, REST_OF_FACES),
      limit('Paged.js pagination', 'the document is too big for the time limit; raise --timeout'),
    ).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith(`${request.label}:`)) throw error;
      throw new Error(`${request.label}: Paged.js failed: ${describe(error)}`, { cause: error });
    });
    trace(`${request.label}: font faces loaded as the pages were made: ${lateFaces}`);
    await step(
      page.evaluate(async () => {
        await document.fonts.ready;
      }),
      limit('loading fonts'),
    );
    return { step, lines };
  }

  /** A tab opened for `label`'s layout (the start tab taken, or one laid out before closed). */
  private newTab(label: string): Promise<Page> {
    trace(`${label}: a new tab asked for`);
    return this.browser.newPage();
  }

  /** `work`, failing with what `failureOf` says happened in the step; `ended` rejects if the step's renderer (or any) ends. */
  private reported<T>(work: Promise<T>, label: string, step: string, ended: Promise<never>): Promise<T> {
    return work.catch(async (error: unknown) => {
      throw await this.failureOf(error, label, step, ended);
    });
  }

  /**
   * What to report for a step that failed. When Chromium itself has ended meanwhile (the
   * kernel's out-of-memory killer, a crash), Puppeteer says only "Target closed" or "Session
   * closed"; the process's exit says what happened. Its pipe closes a moment before the
   * process is reaped: that moment is waited for. When only a renderer ended (a build with a
   * renderer per tab), the step says so, rather than that it timed out, or what the call
   * under way made of it: a print whose renderer is killed fails as "Printing failed" a
   * moment before the crash is reported, and that moment is the same wait.
   */
  private async failureOf(error: unknown, label: string, step: string, ended: Promise<never>): Promise<unknown> {
    if (this.closing) return error;
    let crash = error instanceof RendererCrash ? error : undefined;
    ended.catch((reason: unknown) => {
      if (reason instanceof RendererCrash) crash ??= reason;
    });
    const exit = await Promise.race([this.exited, delay(CHROMIUM_REAPED_MS, undefined, { ref: false })]);
    if (this.closing) return error;
    if (!exit) {
      if (!crash) return error;
      return new Error(`${label}: Chromium's page crashed in the middle of ${step} (${crash.message}; a renderer the system kills when memory runs out ends this way)`, { cause: error });
    }
    const how = exit.signal ? `killed by ${exit.signal}${exit.signal === 'SIGKILL' ? ', as the system ends a process when memory runs out' : ''}` : `exit code ${exit.code}`;
    return new Error(`${label}: Chromium quit in the middle of ${step} (${how})`, { cause: error });
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    // Killed, not closed: nothing of Chromium's is kept (the PDFs are in Node, its profile is a
    // temporary folder removed here), and a close made it take the book apart first, its pages'
    // DOM and layout freed one by one (x10: 0.2 s from the last print to its exit, the build's
    // last 80 ms spent waiting for it). Puppeteer lets go of the pipe first, so that a call
    // still on its way (a tab closing) ends as a closed connection, which nothing waits for.
    await this.browser.disconnect().catch(() => undefined);
    // The whole process group (renderers, one still busy with a loop, helpers), then the profile.
    await this.tearDown();
    // Until the process has ended: a build leaves nothing running.
    await withTimeLimit(this.exited, { label: 'browser', step: 'closing Chromium', ms: 5_000 }).catch(() => undefined);
  }
}

/** A promise that rejects on the first uncaught exception in the page, or when its renderer ends; never resolves. */
function watchPageErrors(page: Page, label: string): Promise<never> {
  const failed = new Promise<never>((_, reject) => {
    page.on('pageerror', (error: unknown) => {
      reject(new Error(`${label}: the page raised an error during pagination: ${describe(error)}`));
    });
    // The page's renderer process ended under it (a crash, or killed when memory ran out):
    // the call in progress never answers, and the step would wait out its time limit.
    page.on('error', (error: unknown) => reject(new RendererCrash(describe(error))));
  });
  failed.catch(() => undefined);
  return failed;
}
