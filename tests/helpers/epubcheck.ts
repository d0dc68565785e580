/**
 * Runs the real epubcheck (Debian's package; its /usr/bin link is not
 * executable, so through java) and counts what it reports. Under `make test` the run's one
 * JVM checks the EPUB (tests/setup/epubcheck-server.ts); elsewhere, or with
 * epubcheckCommandLine(), epubcheck's own command line in a JVM of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeResult, type BatchResult } from './epubcheck-batch.js';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export interface EpubcheckResult {
  /** Fatal errors and errors. */
  errors: number;
  warnings: number;
  /** The messages, one a line ("ERROR(RSC-007) OEBPS/text.xhtml:3:40 …"), then epubcheck's own output. */
  output: string;
}

interface JsonReport {
  messages: {
    ID: string;
    severity: string;
    message: string;
    locations: { path: string; line: number; column: number }[];
  }[];
  checker: { nFatal: number; nError: number; nWarning: number };
}

const CLIENT = join(import.meta.dirname, 'epubcheck-client.mjs');

export function epubcheck(path: string): EpubcheckResult {
  const socket = process.env.PAMPHLET_EPUBCHECK_SOCKET;
  return socket ? shared(socket, path) : epubcheckCommandLine(path);
}

/** Through the run's JVM: the same counts and messages as the command line's report. */
function shared(socket: string, path: string): EpubcheckResult {
  const run = spawnSync(process.execPath, [CLIENT, socket, resolve(path)], { encoding: 'utf8', timeout: 300_000 });
  if (run.error) throw run.error;
  let answer: BatchResult | { failure: string };
  try {
    answer = JSON.parse(run.stdout) as BatchResult | { failure: string };
  } catch {
    throw new Error(`epubcheck server gave no report for ${path}:\n${run.stdout}${run.stderr}`);
  }
  if ('failure' in answer) throw new Error(`epubcheck server: ${answer.failure}`);
  return { errors: answer.fatal + answer.errors, warnings: answer.warnings, output: describeResult(answer) };
}

/** epubcheck's own command line, in a JVM of its own, with its closing report in `output`. */
export function epubcheckCommandLine(path: string): EpubcheckResult {
  const dir = mkdtempSync(join(tmpdir(), 'epubcheck-'));
  const jsonPath = join(dir, 'report.json');
  try {
    // C1-only JIT and the serial GC halve the run time of a short-lived JVM; the check is the same.
    const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    const run = spawnSync('java', [...jvm, '-jar', EPUBCHECK_JAR, path, '--json', jsonPath], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.error) throw run.error;
    const text = `${run.stdout}${run.stderr}`;
    let report: JsonReport;
    try {
      report = JSON.parse(readFileSync(jsonPath, 'utf8')) as JsonReport;
    } catch {
      return fromSummary(text);
    }
    const lines = report.messages.map((m) => {
      const at = m.locations[0];
      const where = at ? ` ${at.path}:${at.line}:${at.column}` : '';
      return `${m.severity}(${m.ID})${where} ${m.message}`;
    });
    return {
      errors: report.checker.nFatal + report.checker.nError,
      warnings: report.checker.nWarning,
      output: [...lines, text].join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** epubcheck's closing line: "Messages: 0 fatals / 1 error / 0 warnings / 0 infos". */
function fromSummary(text: string): EpubcheckResult {
  const match = /Messages:\s*(\d+) fatals?\s*\/\s*(\d+) errors?\s*\/\s*(\d+) warnings?/.exec(text);
  if (!match) throw new Error(`epubcheck gave no report:\n${text}`);
  return { errors: Number(match[1]) + Number(match[2]), warnings: Number(match[3]), output: text };
}
