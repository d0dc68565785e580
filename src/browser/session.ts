/**
 * The one place that talks to Puppeteer. A BrowserSession owns one Chromium for the
 * whole run (starting it costs more than paginating a part) and hands out PDF bytes;
 * no Page or Browser object leaves this module, so renderers stay testable and the
 * browser is certain to be closed in one place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { findChromium } from './find-chromium.js';
import { PAGE_RULES, registerPageRules } from './paged-rules.js';
import { PAGE_BINDING, countPages } from './page-progress.js';
import { withTimeLimit, type StepLimit } from './time-limit.js';
import { isAllowedUrl } from './url-policy.js';
import { trace } from '../trace.js';

export interface OpenBrowserOptions {
  /** `browser:` from pamphlet.yaml; else PUPPETEER_EXECUTABLE_PATH, else the usual paths. */
  executablePath?: string;
  /** Time limit of each browser step, ms (config `timeout`). */
  timeout: number;
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
}

export interface BrowserSession {
  /** Paginates the HTML with Paged.js and prints it; the bytes are Chromium's PDF as is. */
  paginate(request: PaginateRequest): Promise<Uint8Array>;
  /** Closes the browser and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

const CHROMIUM_FLAGS = [
  // Chromium's sandbox needs user namespaces, which containers and root lack.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  // Hinting moves glyphs to the screen's pixel grid, which is wrong for print.
  '--font-render-hinting=none',
  // Paged.js reads our stylesheet with XMLHttpRequest; file: pages may not by default.
  // Request interception below still limits every read to the allowed folders.
  '--allow-file-access-from-files',
];

/**
 * Starting Chromium does not depend on the document, so it has its own limit rather
 * than the per-document `timeout` (a small --timeout must still let the browser start).
 */
const LAUNCH_TIMEOUT_MS = 60_000;


const require = createRequire(import.meta.url);

/** pagedjs's `exports` map hides its dist folder, so find it from the CommonJS entry. */
function pagedPolyfillPath(): string {
  const entry = require.resolve('pagedjs'); // <root>/lib/index.cjs
  return join(dirname(dirname(entry)), 'dist', 'paged.polyfill.min.js');
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
  const userDataDir = mkdtempSync(join(tmpdir(), 'pamphlet-chromium-'));
  let browser: Browser;
  try {
    browser = await withTimeLimit(
      puppeteer.launch({
        executablePath,
        userDataDir,
        args: CHROMIUM_FLAGS,
        headless: true,
        // Our own handlers below also remove the profile folder.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: LAUNCH_TIMEOUT_MS,
        protocolTimeout: Math.max(options.timeout * 2, 180_000),
      }),
      { label: 'browser', step: `starting ${executablePath}`, ms: LAUNCH_TIMEOUT_MS },
    );
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`Could not start Chromium (${executablePath}): ${describe(error)}`, { cause: error });
  }
  return new Session(browser, userDataDir, options.timeout);
}

class Session implements BrowserSession {
  private closing: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    void this.close().finally(() => {
      // Re-raise so the process ends as it would have without us, unless someone
      // else (the CLI) has its own plan for the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  private readonly onExit = (): void => {
    // Last resort when the process ends without close(): no async work is possible.
    this.browser.process()?.kill('SIGKILL');
    rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  constructor(
    private readonly browser: Browser,
    private readonly userDataDir: string,
    private readonly timeout: number,
  ) {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
    process.once('exit', this.onExit);
  }

  async paginate(request: PaginateRequest): Promise<Uint8Array> {
    if (this.closing) throw new Error(`${request.label}: the browser session is already closed`);
    const ms = request.timeout ?? this.timeout;
    const limit = (step: string, hint?: string): StepLimit => ({ label: request.label, step, ms, hint });

    let page: Page | undefined;
    const opening = this.browser.newPage();
    try {
      page = await withTimeLimit(opening, limit('opening a browser tab'));
      const pageFailed = watchPageErrors(page, request.label);
      const step = <T>(work: Promise<T>, stepLimit: StepLimit): Promise<T> => {
        const since = performance.now();
        return withTimeLimit(Promise.race([work, pageFailed]), stepLimit).finally(() => trace(`${request.label}: ${stepLimit.step}`, since));
      };

      await page.setRequestInterception(true);
      page.on('request', (req: HTTPRequest) => {
        if (req.isInterceptResolutionHandled()) return;
        if (isAllowedUrl(req.url(), request.allowedRoots)) void req.continue();
        else void req.abort('blockedbyclient');
      });

      const url = pathToFileURL(request.htmlPath).href;
      await step(page.goto(url, { waitUntil: 'load', timeout: 0 }), limit('loading the HTML'));
      // Set before Paged.js runs: with auto on, it would paginate as soon as it loads and
      // we could neither wait for it nor see its errors. A page broken inside a word
      // gets a plain hyphen, which the text font has (Paged.js's default U+2011 may not).
      await step(
        page.evaluate(() => {
          (window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false, settings: { hyphenGlyph: '-' } };
        }),
        limit('configuring Paged.js'),
      );
      await step(page.addScriptTag({ path: pagedPolyfillPath() }), limit('loading Paged.js'));
      await step(page.evaluate(registerPageRules, PAGE_RULES), limit('loading the page-break rules'));
      if (request.onPage) {
        await step(page.exposeFunction(PAGE_BINDING, request.onPage), limit('loading the page counter'));
        await step(page.evaluate(countPages, PAGE_BINDING), limit('loading the page counter'));
      }
      await step(
        page.evaluate(async () => {
          const paged = (window as unknown as { PagedPolyfill: { preview(): Promise<unknown> } }).PagedPolyfill;
          await paged.preview();
        }),
        limit('Paged.js pagination', 'the document is too big for the time limit; raise --timeout'),
      ).catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith(`${request.label}:`)) throw error;
        throw new Error(`${request.label}: Paged.js failed: ${describe(error)}`, { cause: error });
      });
      await step(
        page.evaluate(async () => {
          await document.fonts.ready;
        }),
        limit('loading fonts'),
      );
      const pdf = await step(
        page.pdf({
          preferCSSPageSize: true,
          outline: true,
          tagged: true,
          printBackground: true,
          timeout: 0,
        }),
        limit('printing the PDF'),
      );
      return pdf;
    } finally {
      // Closing the page also cancels whatever step timed out; a tab that opened too
      // late is closed when it arrives.
      if (page) await page.close().catch(() => undefined);
      else void opening.then((late) => late.close()).catch(() => undefined);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('exit', this.onExit);
    try {
      await withTimeLimit(this.browser.close(), { label: 'browser', step: 'closing Chromium', ms: 10_000 });
    } catch {
      this.browser.process()?.kill('SIGKILL');
    } finally {
      rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    }
  }
}

/** A promise that rejects on the first uncaught exception in the page; never resolves. */
function watchPageErrors(page: Page, label: string): Promise<never> {
  const failed = new Promise<never>((_, reject) => {
    page.on('pageerror', (error: unknown) => {
      reject(new Error(`${label}: the page raised an error during pagination: ${describe(error)}`));
    });
  });
  failed.catch(() => undefined);
  return failed;
}
