/**
 * argv → options → the same build()/check() the API offers. The one place that prints
 * and sets the exit status: 0 success, 1 manuscript error, 2 usage error.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { ManuscriptError, formatMessage, messageJson } from './diagnostics.js';
import type { BuildOptions, BuildResult } from './api.js';
import { FORMATS, type Format } from './formats.js';
import { runCleanups } from './cleanup.js';
import { createProgress, type Progress } from './progress.js';
import { exitCleanlyOnSignals, stopGracefully } from './signals.js';

export { exitCleanlyOnSignals };

const USAGE = `Usage:
  pamphlet build [DIR] [--format pdf,epub,handout,booklet,html] [--out DIR] [--timeout MS] [--watch] [--no-cache] [--no-print-pages]
  pamphlet check [DIR] [--strict] [--format human|json]
  pamphlet preview [DIR] [--port N]
  pamphlet init [DIR] [--series "Title"]

DIR defaults to "manuscript", --out to "dist", --format to all formats.
Options:
  -f, --format LIST   build: comma-separated formats: ${FORMATS.join(', ')}
                      check: human (default) or json
  -o, --out DIR       output folder (default: dist)
      --timeout MS    time limit for each browser step, 1000 to 3600000
                      (default: pamphlet.yaml's timeout, 120000)
  -w, --watch         build: rebuild on every save, until Ctrl-C
      --no-cache      build: render everything; neither read nor write the cache
      --no-print-pages  build: an EPUB without the print edition's page numbers
                      (then the EPUB alone needs no layout of the pamphlet)
      --strict        check: treat warnings as errors
  -p, --port N        preview: port on 127.0.0.1 (default: 4000; 0 picks a free one)
      --series TITLE  init: the series title
  -q, --quiet         print diagnostics only
  -h, --help          this help
  -v, --version       the version`;

class UsageError extends Error {}

/** The bounds of `--timeout`, ms: one second to one hour, as for `timeout:` in pamphlet.yaml. */
export const TIMEOUT_RANGE = { min: 1000, max: 3_600_000 } as const;

/**
 * The whole command as bin/pamphlet.js runs it: signal handlers first, then the work,
 * then exit as soon as it is done. Exiting explicitly matters: a browser tab still
 * opening when a time limit expired leaves puppeteer waiting for it (its 30 s default
 * in waitForTarget), which would otherwise keep the process alive that long.
 */
export async function run(argv: string[]): Promise<never> {
  exitCleanlyOnSignals();
  const status = await main(argv);
  runCleanups();
  await flush(process.stdout);
  await flush(process.stderr);
  process.exit(status);
}

/** Resolves once what was written to `stream` so far has been handed to the system. */
function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        timeout: { type: 'string' },
        watch: { type: 'boolean', short: 'w' },
        'no-cache': { type: 'boolean' },
        'no-print-pages': { type: 'boolean' },
        strict: { type: 'boolean' },
        port: { type: 'string', short: 'p' },
        series: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (cause) {
    return usage(cause instanceof Error ? cause.message : String(cause));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    const { PACKAGE_VERSION } = await import('./package-root.js');
    process.stdout.write(`pamphlet ${PACKAGE_VERSION}\n`);
    return 0;
  }
  const [command, dirArg, ...extra] = positionals;
  const dir = dirArg ?? 'manuscript';
  try {
    if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
    switch (command) {
      case 'build':
        return await runBuild(dir, values);
      case 'check':
        return await runCheck(dir, Boolean(values.strict), values.format);
      case 'preview':
        return await runPreview(dir, values.port);
      case 'init':
        return await runInit(dir, values.series);
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (cause) {
    if (cause instanceof UsageError) return usage(cause.message);
    if (cause instanceof ManuscriptError) {
      report(cause.messages);
      return 1;
    }
    failure(cause);
    return 1;
  }
}

function usage(message: string): number {
  process.stderr.write(`pamphlet: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Browser failures, time limits, missing Chromium: said plainly, with no stack for users. */
function failure(cause: unknown): void {
  process.stderr.write(`pamphlet: error: ${cause instanceof Error ? cause.message : String(cause)}\n`);
  if (process.env.PAMPHLET_DEBUG && cause instanceof Error) process.stderr.write(`${cause.stack}\n`);
}

function report(messages: readonly VFileMessage[]): void {
  for (const message of messages) process.stderr.write(`${formatMessage(message)}\n`);
}

function parseFormats(value: string | undefined): Format[] | undefined {
  if (!value) return undefined;
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format: ${format} (formats: ${FORMATS.join(', ')})`);
  }
  return formats as Format[];
}

interface BuildFlags {
  format?: string;
  out?: string;
  timeout?: string;
  quiet?: boolean;
  watch?: boolean;
  'no-cache'?: boolean;
  'no-print-pages'?: boolean;
}

async function runBuild(dir: string, values: BuildFlags): Promise<number> {
  const formats = parseFormats(values.format);
  let timeout: number | undefined;
  if (values.timeout !== undefined) {
    timeout = Number(values.timeout);
    // Beyond Node's timer range (2^31 - 1 ms) a limit would fire at once, and below a
    // second no real document loads: both are mistakes to say, not to run.
    if (!Number.isInteger(timeout) || timeout < TIMEOUT_RANGE.min || timeout > TIMEOUT_RANGE.max) {
      throw new UsageError(`--timeout must be a whole number of milliseconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}, not ${values.timeout}`);
    }
  }
  const quiet = Boolean(values.quiet);
  const progress = await createProgress(process.stderr, process.env, quiet);
  const options: BuildOptions = {
    dir,
    out: values.out ?? 'dist',
    ...(formats ? { formats } : {}),
    ...(timeout ? { timeout } : {}),
    cache: !values['no-cache'],
    printPages: !values['no-print-pages'],
    onEvent: (event) => progress.event(event),
  };
  if (values.watch) return watchMode(options, progress, quiet);
  const started = performance.now();
  try {
    // An EPUB's cover thread starts while the pipeline's modules load (bundled-worker.ts),
    // unless the output folder's cache may hold the EPUB: a rebuild would seldom use it.
    if ((formats ?? FORMATS).includes('epub')) {
      const [{ BuildCache, defaultCacheDir }, { COVER_WORKER, startEarly }] = await Promise.all([import('./cache/store.js'), import('./bundled-worker.js')]);
      if (!options.cache || new BuildCache(defaultCacheDir(options.out)).empty) startEarly(COVER_WORKER);
    }
    // The pipeline is loaded only by the commands that run it (not by --help or a usage error).
    const { build } = await import('./api.js');
    summarise(await build(options), progress, quiet, started);
  } finally {
    progress.finish();
  }
  return 0;
}

function summarise(result: BuildResult, progress: Progress, quiet: boolean, started: number): void {
  progress.finish();
  report(result.messages);
  if (quiet) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(`rendered ${result.rendered.length}, from the cache ${result.cached.length}, in ${seconds} s\n`);
  for (const output of result.outputs) process.stdout.write(`${path.relative(process.cwd(), output)}\n`);
}

async function watchMode(options: BuildOptions, progress: Progress, quiet: boolean): Promise<number> {
  const { watchBuild } = await import('./watch.js');
  // Ctrl-C is how a watch ends: the first one stops it cleanly (exit 0), a second one at once.
  let onSignal = (): void => undefined;
  const stop = new Promise<void>((resolve) => (onSignal = () => resolve()));
  stopGracefully(onSignal);
  let started = performance.now();
  await watchBuild(
    options,
    {
      changed: (files) => {
        started = performance.now();
        if (!quiet) progress.line(`changed: ${files.join(', ')}`);
      },
      built: (result) => summarise(result, progress, quiet, started),
      failed: (cause) => {
        progress.finish();
        if (cause instanceof ManuscriptError) report(cause.messages);
        else failure(cause);
      },
      watching: (folder) => {
        if (!quiet) process.stderr.write(`watching ${path.relative(process.cwd(), folder) || '.'} for changes (Ctrl-C to stop)\n`);
      },
    },
    stop,
  );
  stopGracefully(undefined);
  return 0;
}

/** `check` validates everything a build would, without starting a browser. */
async function runCheck(dir: string, strict: boolean, format: string | undefined): Promise<number> {
  if (format !== undefined && format !== 'human' && format !== 'json') throw new UsageError(`check --format is human or json, not ${format}`);
  const { check } = await import('./api.js');
  let messages: VFileMessage[];
  let parts: number | undefined;
  try {
    const result = check(dir);
    messages = result.messages;
    parts = result.manuscript.parts.length;
  } catch (cause) {
    if (!(cause instanceof ManuscriptError)) throw cause;
    messages = cause.messages;
  }
  // In reading order, file by file, as editors list them.
  messages = [...messages].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const errors = messages.filter((m) => m.fatal === true).length;
  const warnings = messages.filter((m) => m.fatal === false).length;
  if (format === 'json') process.stdout.write(`${JSON.stringify(messages.map((m) => messageJson(m)), null, 2)}\n`);
  else {
    report(messages);
    if (parts !== undefined) process.stdout.write(`${parts} part(s), ${warnings} warning(s)\n`);
  }
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}

async function runPreview(dir: string, portValue: string | undefined): Promise<number> {
  const port = portValue === undefined ? 4000 : Number(portValue);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || portValue === '') throw new UsageError(`--port must be a port number (0 for any free one), not ${portValue}`);
  const { preview } = await import('./preview/server.js');
  const stop = new Promise<void>((resolve) => stopGracefully(() => resolve()));
  await preview({ dir, port, log: (line) => process.stderr.write(`${line}\n`) }, stop);
  return 0;
}

async function runInit(dir: string, series: string | undefined): Promise<number> {
  const { init, InitError } = await import('./init.js');
  try {
    const made = init(dir, series);
    const shown = path.relative(process.cwd(), made.dir) || '.';
    process.stdout.write(`made ${shown}/ with ${made.files.join(', ')}\n\nNext:\n  npx pamphlet preview ${shown}     # see the pages as you write\n  npx pamphlet build ${shown}       # PDF, EPUB, handout, booklet and web page into dist/\n`);
    return 0;
  } catch (cause) {
    if (cause instanceof InitError) {
      process.stderr.write(`pamphlet: ${cause.message}\n`);
      return 1;
    }
    throw cause;
  }
}
