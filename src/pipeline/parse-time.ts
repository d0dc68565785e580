/**
 * How long a part's Markdown may take to parse, and where to look when it took longer.
 *
 * micromark's work grows with the square of some runs of marks inside one paragraph (each
 * unclosed `<!--` reads on to the paragraph's end; each `*`, `_` or `~` that closes
 * nothing, each `]` that opens no link, looks back over everything before it). Measured
 * 2026-12-02 on this 2-core machine: `a <!-- ` 16,000 times (112 KB) 16 s; `a* ` 16,000
 * times 2.8 s; `*a _a ` 2,000 deep and closed again (20 KB) 16 s. No bound on counts keeps
 * every one of those paths short and every real paragraph allowed, so the parse is given a
 * time limit: Node's `vm` runs it with a watchdog that stops the thread at the limit
 * (V8's TerminateExecution, which ends even a loop that never returns). A thread of its own
 * would do the same at the cost of a Node start and a copy of the tree back (x1 EPUB: 0.1 s
 * more); this costs nothing measurable. Ordinary text parses at about 1 MB a second, cold;
 * the limit is twenty times that, and never under 10 s.
 */
import { Script } from 'node:vm';

/** 10 s, and 20 s for each million characters of the part. */
export function parseTimeLimit(text: string): number {
  return 10_000 + Math.ceil((text.length / 1_000_000) * 20_000);
}

/** What `parseWithin` calls, for the one script it runs; there while it runs only. */
const JOB = '__pamphletTimedParse';
const RUN_JOB = new Script(`globalThis.${JOB}()`, { filename: 'pamphlet-parse-time-limit' });

/**
 * `parse()` on this thread, stopped at `limitMs`: its value, or `timedOut`. Only for work
 * that leaves nothing behind when cut short (a parse makes a new tree and changes nothing else).
 */
export function parseWithin<T>(parse: () => T, limitMs: number): { value: T } | { timedOut: true } {
  const global = globalThis as unknown as Record<string, unknown>;
  global[JOB] = parse;
  try {
    return { value: RUN_JOB.runInThisContext({ timeout: limitMs }) as T };
  } catch (cause) {
    if ((cause as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: true };
    throw cause;
  } finally {
    delete global[JOB];
  }
}

/** Characters micromark pairs or looks for the end of, inside a paragraph. */
// A grid table's `|` and `+` too: one of tens of thousands of columns takes as long (50,000: 16 s).
const MARKS = new Set(['*', '_', '~', '[', ']', '<', '`', '!', '(', ')', '|', '+'].map((char) => char.charCodeAt(0)));

export interface ParseTimeProblem {
  line: number;
  column: number;
  reason: string;
}

/**
 * The parse ran out of time: the paragraph (lines between blank lines) with the most marks,
 * where the slow runs are; the message says it is the likeliest place, not a certain one.
 */
export function parseTimeProblem(text: string, limitMs: number): ParseTimeProblem {
  let best = { line: 1, marks: -1 };
  /** The paragraph being read: its first line, its marks; none between paragraphs. */
  let block: { line: number; marks: number } | undefined;
  let line = 1;
  let lineHasText = false;
  const close = (): void => {
    if (block && block.marks > best.marks) best = block;
    block = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (!lineHasText) close();
      line++;
      lineHasText = false;
      continue;
    }
    if (code !== 32 && code !== 9 && code !== 13) {
      lineHasText = true;
      block ??= { line, marks: 0 };
    }
    if (block && MARKS.has(code)) block.marks++;
  }
  close();
  const seconds = Math.round(limitMs / 1000);
  return {
    line: best.line,
    column: 1,
    reason: `the Markdown parser was still reading this part after ${seconds} s (the limit: 10 s, and 20 s for each million characters): its time grows with the square of some runs of marks in one paragraph (thousands of unclosed \`<!--\`, or of \`*\`, \`_\`, \`~\` or \`]\` that close nothing, or a grid table tens of thousands of cells wide); this paragraph has the most such marks (${Math.max(best.marks, 0).toLocaleString('en')}): split it, or take them out`,
  };
}
