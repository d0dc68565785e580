/**
 * build() and check(): the workflow the CLI calls, usable as a library too.
 * Reads top-down: load the manuscript, render every requested format of every part
 * in memory (one browser for all of them), then write everything at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { loadManuscript, type Manuscript } from './manuscript.js';
import { writeOutputs, type OutputFile } from './output.js';
import { registerCleanup } from './cleanup.js';
import { loadConfig } from './config/load.js';
import { realInside } from './files/inside.js';
import { packagePath } from './package-root.js';
import { trace } from './trace.js';
import type { PartDocument } from './document.js';
import type { ResolvedConfig } from './config/types.js';
import type { BrowserSession } from './browser/session.js';

export const FORMATS = ['pdf', 'epub', 'handout', 'booklet', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  dir: string;
  out: string;
  formats?: readonly Format[];
  /** Overrides pamphlet.yaml's `timeout` (ms per browser step). */
  timeout?: number;
  env?: NodeJS.ProcessEnv;
  /** Called as each output is rendered, for progress lines. */
  onRendered?: (name: string, ms: number) => void;
}

export interface BuildResult {
  outputs: string[];
  messages: VFileMessage[];
  timings: Record<string, number>;
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

export async function build(options: BuildOptions): Promise<BuildResult> {
  const formats = options.formats?.length ? options.formats : FORMATS;
  const timings: Record<string, number> = {};
  trace('start');
  const loaded = loadConfig(options.dir);
  const config = options.timeout ? { ...loaded, timeout: options.timeout } : loaded;

  // Chromium starts while the manuscript is parsed: the two take about as long, and
  // neither needs the other. A manuscript error still closes the browser.
  const printFormats = formats.filter((f) => f !== 'epub' && f !== 'html');
  let started = performance.now();
  const sessionPromise = printFormats.length ? (await startBrowser(config)).launching : undefined;
  // Whatever fails from here on, the browser is closed (and a launch failure is reported once, below).
  sessionPromise?.catch(() => undefined);
  // The pipeline below is synchronous: let the launch get as far as spawning Chromium first.
  if (sessionPromise) await new Promise((resolve) => setImmediate(resolve));
  try {
    return await renderAll(options, formats, config, timings, sessionPromise, started);
  } finally {
    await sessionPromise?.then((session) => session.close(), () => undefined);
  }
}

async function renderAll(
  options: BuildOptions,
  formats: readonly Format[],
  config: ResolvedConfig,
  timings: Record<string, number>,
  sessionPromise: Promise<BrowserSession> | undefined,
  since: number,
): Promise<BuildResult> {
  let started = since;
  const manuscript = loadManuscript(options.dir, options.env ?? process.env, config);
  timings.pipeline = performance.now() - started;
  trace('manuscript parsed and cited', started);

  const files: OutputFile[] = [];
  const record = (name: string, bytes: Uint8Array, since: number) => {
    const ms = performance.now() - since;
    timings[name] = ms;
    files.push({ name, bytes });
    options.onRendered?.(name, ms);
    trace(`rendered ${name}`, since);
  };

  // The reader stylesheet serves both the EPUB and the web page: read once.
  const readerCss = formats.includes('epub') || formats.includes('html') ? readFileSync(packagePath('styles', 'epub.css'), 'utf8') : '';
  const readAsset = assetReader(config);

  if (formats.includes('epub')) {
    const { renderEpub } = await import('./render/epub/index.js');
    for (const doc of manuscript.parts) {
      started = performance.now();
      record(outputName(doc, 'epub'), renderEpub(doc, config, { css: readerCss, readAsset }), started);
    }
  }

  if (formats.includes('html')) {
    const { renderHtml } = await import('./render/html.js');
    for (const doc of manuscript.parts) {
      started = performance.now();
      record(outputName(doc, 'html'), new TextEncoder().encode(renderHtml(doc, config, { css: readerCss, readAsset })), started);
    }
  }

  if (sessionPromise) {
    const { preparePrint, printPrepared } = await import('./render/pdf.js');
    const { imposeBooklet, bookletSheetFor } = await import('./render/booklet.js');
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-'));
    const removeWorkDir = (): void => rmSync(workDir, { recursive: true, force: true });
    // An interrupt at any moment removes it too (cleanup.ts, run by the CLI's signal handlers).
    const unregister = registerCleanup(removeWorkDir);
    try {
      // The HTML of every job is written before waiting for Chromium, which is still starting.
      const wantPamphlet = formats.includes('pdf') || formats.includes('booklet');
      const jobs = await Promise.all(manuscript.parts.map(async (doc) => ({
        doc,
        pamphlet: wantPamphlet ? await preparePrint(doc, config, { variant: 'pamphlet', workDir }) : undefined,
        handout: formats.includes('handout') ? await preparePrint(doc, config, { variant: 'handout', workDir }) : undefined,
      })));
      trace('print HTML written');
      started = performance.now();
      const session = await sessionPromise;
      trace('browser ready', started);
      timings.browser = performance.now() - started;
      // Two tabs at a time: pagination is single-threaded JavaScript in each renderer, so
      // the pamphlet and the handout of a part paginate side by side on two cores.
      const tasks: Array<() => Promise<void>> = [];
      for (const job of jobs) {
        const { pamphlet, handout } = job;
        if (pamphlet) {
          tasks.push(async () => {
            const since = performance.now();
            const pdf = await printPrepared(session, pamphlet);
            if (formats.includes('pdf')) record(outputName(job.doc, 'pdf'), pdf, since);
            if (formats.includes('booklet')) {
              // A print-ready PDF carries its TrimBox, and the imposition places pages by it: no second render.
              const imposing = performance.now();
              record(outputName(job.doc, 'booklet'), await imposeBooklet(pdf, { sheet: bookletSheetFor(config.page.name), creep: config.booklet.creep }), imposing);
            }
          });
        }
        if (handout) {
          tasks.push(async () => {
            const since = performance.now();
            record(outputName(job.doc, 'handout'), await printPrepared(session, handout), since);
          });
        }
      }
      await runTwoAtATime(tasks);
    } finally {
      removeWorkDir();
      unregister();
    }
  }

  // Tasks finish in any order; outputs are listed in a stable one.
  files.sort((a, b) => a.name.localeCompare(b.name));
  const outputs = await writeOutputs(path.resolve(options.out), files);
  trace('outputs written');
  return { outputs, messages: manuscript.messages, timings };
}

/** Runs `tasks` with at most two in flight; the first failure rejects (the others still settle). */
async function runTwoAtATime(tasks: ReadonlyArray<() => Promise<void>>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      await task();
    }
  };
  const lanes = await Promise.allSettled([lane(), lane()]);
  const failed = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Loads the browser module, then starts Chromium without waiting for it. */
async function startBrowser(config: ResolvedConfig): Promise<{ launching: Promise<BrowserSession> }> {
  const { openBrowser } = await import('./browser/session.js');
  // Wrapped, so that awaiting this function does not also wait for the launch.
  return { launching: openBrowser({ executablePath: config.browser, timeout: config.timeout }) };
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
