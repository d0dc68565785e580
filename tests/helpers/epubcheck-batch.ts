/**
 * Many EPUBs through the real epubcheck in one JVM (tests/helpers/EpubcheckBatch.java), for
 * corpora where a JVM per book (~1.5 s each) would take longer than the builds. The JVM
 * reads paths as they come, so a caller can check each EPUB while it builds the next one.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { EPUBCHECK_JAR } from './epubcheck.js';

const SOURCE = path.resolve(import.meta.dirname, 'EpubcheckBatch.java');

export interface BatchMessage {
  /** epubcheck's message id, e.g. RSC-007. */
  id: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING';
  message: string;
  /** "OEBPS/text.xhtml:14:39" (-1 where epubcheck gives no line or column). */
  location: string;
}

export interface BatchResult {
  path: string;
  fatal: number;
  errors: number;
  warnings: number;
  messages: BatchMessage[];
  /** Set when epubcheck itself threw on this EPUB (counted as one fatal error). */
  crash?: string;
}

export interface BatchOptions {
  /** Threads checking EPUBs side by side in the JVM; default 1. */
  threads?: number;
}

/** One running JVM; check() as many EPUBs as needed, then close(). */
export class EpubcheckBatch {
  private readonly java: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Paths sent and not yet answered; the same path may be sent twice. */
  private readonly waiting = new Map<string, Array<{ resolve: (result: BatchResult) => void; reject: (cause: Error) => void }>>();
  private stderr = '';
  private exited: Error | undefined;

  constructor(options: BatchOptions = {}) {
    // C1-only JIT and the serial GC: for 588 small books, 29 s of CPU against 59 s with the
    // default tiered JIT, whose C2 compilations never pay back in so short a run. The deep
    // stack is for deeply nested documents in the validators.
    const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss16m'];
    this.java = spawn('java', [...jvm, '-cp', EPUBCHECK_JAR, SOURCE, '--threads', String(options.threads ?? 1), '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.java.stderr.setEncoding('utf8');
    this.java.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    createInterface({ input: this.java.stdout }).on('line', (line) => this.receive(line));
    this.java.on('error', (cause) => this.fail(cause));
    // A JVM that died closes the pipe; the exit handler reports why.
    this.java.stdin.on('error', () => undefined);
    this.java.on('exit', (code, signal) => this.fail(new Error(`epubcheck batch exited (${signal ?? code}) with EPUBs unchecked:\n${this.stderr}`)));
  }

  /** Checks one EPUB; resolves with what epubcheck reported about it. */
  check(epub: string): Promise<BatchResult> {
    const absolute = path.resolve(epub);
    if (absolute.includes('\n')) return Promise.reject(new Error(`a path with a line break cannot be sent: ${JSON.stringify(absolute)}`));
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(absolute) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(absolute, list);
      this.java.stdin.write(`${absolute}\n`);
    });
  }

  /** Ends the JVM once every EPUB sent is checked. */
  async close(): Promise<void> {
    if (this.java.exitCode !== null || this.java.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.java.once('exit', () => resolve()));
    this.java.stdin.end();
    await exited;
  }

  private receive(line: string): void {
    let result: BatchResult;
    try {
      result = JSON.parse(line) as BatchResult;
    } catch {
      this.stderr += `\n(unreadable line) ${line}`;
      return;
    }
    const list = this.waiting.get(result.path);
    const waiter = list?.shift();
    if (list && !list.length) this.waiting.delete(result.path);
    waiter?.resolve(result);
  }

  private fail(cause: Error): void {
    this.exited ??= cause;
    for (const list of this.waiting.values()) for (const waiter of list) waiter.reject(cause);
    this.waiting.clear();
  }
}

/** Checks every EPUB in one JVM (the run's, under `make test`); results in the order of `epubs`. */
export async function epubcheckAll(epubs: readonly string[], options?: BatchOptions): Promise<BatchResult[]> {
  const socket = process.env.PAMPHLET_EPUBCHECK_SOCKET;
  if (socket && options?.threads === undefined) return Promise.all(epubs.map((epub) => checkShared(socket, epub)));
  const batch = new EpubcheckBatch(options);
  try {
    return await Promise.all(epubs.map((epub) => batch.check(epub)));
  } finally {
    await batch.close();
  }
}

/** One EPUB through the run's JVM (tests/setup/epubcheck-server.ts). */
function checkShared(socket: string, epub: string): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = net.createConnection(socket, () => connection.write(`${path.resolve(epub)}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.on('error', reject);
    connection.on('end', () => {
      try {
        const parsed = JSON.parse(answer) as BatchResult | { failure: string };
        if ('failure' in parsed) reject(new Error(`epubcheck server: ${parsed.failure}`));
        else resolve(parsed);
      } catch {
        reject(new Error(`epubcheck server gave no report for ${epub}: ${answer}`));
      }
    });
  });
}

/** "ERROR(RSC-007) OEBPS/text.xhtml:14:39 Referenced resource …", one a line, for assertion messages. */
export function describeResult(result: BatchResult): string {
  const lines = result.messages.map((m) => `${m.severity}(${m.id}) ${m.location} ${m.message}`);
  if (result.crash) lines.unshift(`epubcheck threw: ${result.crash}`);
  return lines.join('\n');
}
