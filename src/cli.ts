/**
 * argv → options → the same build()/check() the API offers. The one place that prints
 * and sets the exit status: 0 success, 1 manuscript error, 2 usage error.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { ManuscriptError, formatMessage } from './diagnostics.js';
import { FORMATS, build, check, type Format } from './api.js';
import { runCleanups } from './cleanup.js';
import { exitCleanlyOnSignals } from './signals.js';

export { exitCleanlyOnSignals };

const USAGE = `Usage:
  pamphlet build [DIR] [--format pdf,epub,handout,booklet,html] [--out DIR] [--timeout MS]
  pamphlet check [DIR] [--strict]
  pamphlet preview [DIR] [--port N]

DIR defaults to "manuscript", --out to "dist", --format to all formats.
Options:
  -f, --format LIST   comma-separated formats: ${FORMATS.join(', ')}
  -o, --out DIR       output folder (default: dist)
      --timeout MS    time limit for each browser step, 1000 to 3600000
                      (default: pamphlet.yaml's timeout, 120000)
      --strict        check: treat warnings as errors
  -p, --port N        preview: port on 127.0.0.1 (default: 4000)
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
        strict: { type: 'boolean' },
        port: { type: 'string', short: 'p' },
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
        return runCheck(dir, Boolean(values.strict));
      case 'preview':
        return await runPreview(dir, values.port);
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
    // Browser failures, time limits, missing Chromium: said plainly, with no stack for users.
    process.stderr.write(`pamphlet: error: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    if (process.env.PAMPHLET_DEBUG && cause instanceof Error) process.stderr.write(`${cause.stack}\n`);
    return 1;
  }
}

function usage(message: string): number {
  process.stderr.write(`pamphlet: ${message}\n\n${USAGE}\n`);
  return 2;
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

async function runBuild(dir: string, values: { format?: string; out?: string; timeout?: string; quiet?: boolean }): Promise<number> {
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
  const result = await build({
    dir,
    out: values.out ?? 'dist',
    ...(formats ? { formats } : {}),
    ...(timeout ? { timeout } : {}),
    onRendered: values.quiet ? undefined : (name, ms) => process.stderr.write(`  rendered ${name} in ${(ms / 1000).toFixed(2)} s\n`),
  });
  report(result.messages);
  if (!values.quiet) for (const output of result.outputs) process.stdout.write(`${path.relative(process.cwd(), output)}\n`);
  return 0;
}

/** `check` validates everything a build would, without starting a browser. */
function runCheck(dir: string, strict: boolean): number {
  const { messages, manuscript } = check(dir);
  report(messages);
  const warnings = messages.filter((m) => m.fatal !== true).length;
  process.stdout.write(`${manuscript.parts.length} part(s), ${warnings} warning(s)\n`);
  return strict && warnings > 0 ? 1 : 0;
}

async function runPreview(dir: string, portValue: string | undefined): Promise<number> {
  const port = portValue ? Number(portValue) : 4000;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${portValue}`);
  const { preview } = await import('./preview.js');
  await preview(dir, port);
  return 0;
}
