/**
 * Print-only shapes of the blocks that are not paragraphs, so that print.css and the
 * page-break rules (src/browser/paged-rules.ts) can hold them:
 * - a code block's lines become one `span.code-line` each: a long line wraps inside its
 *   own box, which carries the continuation marks, and a page can break only between
 *   two of them;
 * - a table says how many columns it has, and a wide one is set smaller;
 * - a web address in the text may break after `//` and before `/ . _ - ? # & = %` (a
 *   `<wbr>` there), so a long one breaks where a reader expects rather than anywhere; a
 *   piece between two of those places longer than `LONG_RUN` characters may also break
 *   between any two of its letters (an empty `span.cut`, dearer than a hyphen): a 100-letter
 *   piece is wider than the measure, and the line before it was left with its spaces
 *   stretched across the page;
 * - code in the text (`myapp.config.js`, `FootnoteBackContentTemplate`) may break before a
 *   `.` or `/` (an address after its `//`, never inside `://`), after a `_` or `,`, between a small letter and a
 *   capital, and anywhere in a run of more than `LONG_RUN` characters with none of those,
 *   three letters from either end of the word at least: a `<wbr>` the line breaker takes only where no
 *   breaking without one keeps the spaces within its tolerance, as it takes a hyphen
 *   (src/browser/line-breaker.ts, `codeBreakPenalty`). Unbroken, a run of long names left
 *   its lines' spaces an em and more wide (typo.py's 99th percentile of the word gaps in
 *   four READMEs of our dependencies: 1.4 to 2.8 em; now under 1 em).
 * Pure and print-only: the EPUB and the web page keep the document's `pre` as it is.
 */
import type { Element, ElementContent, Root } from 'hast';

/** From this many columns a table is set in the smaller table type (print.css `table.wide`). */
export const WIDE_TABLE_COLUMNS = 5;

const CODE_LINE = 'code-line';

function classes(el: Element): string[] {
  const value = el.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}

function line(children: ElementContent[]): Element {
  return { type: 'element', tagName: 'span', properties: { className: [CODE_LINE] }, children };
}

/**
 * The children of a `code` (or a bare `pre`) cut at each newline into line spans. An
 * element is kept whole on the line where it starts (highlighting markup would not
 * cross a line; nothing we make does).
 */
export function splitCodeLines(children: readonly ElementContent[]): Element[] {
  const lines: Element[] = [];
  let current: ElementContent[] = [];
  for (const child of children) {
    if (child.type !== 'text') {
      current.push(child);
      continue;
    }
    const pieces = child.value.split(/\r?\n/);
    pieces.forEach((piece, i) => {
      if (i > 0) {
        lines.push(line(current));
        current = [];
      }
      if (piece !== '') current.push({ type: 'text', value: piece });
    });
  }
  // The text of a fenced block ends with a newline; it makes no line of its own.
  if (current.length > 0) lines.push(line(current));
  return lines;
}

function columnsOf(table: Element): number {
  for (const section of table.children) {
    if (section.type !== 'element') continue;
    const rows = section.tagName === 'tr' ? [section] : section.children;
    for (const row of rows) {
      if (row.type !== 'element' || row.tagName !== 'tr') continue;
      return row.children.reduce((n, cell) => {
        if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) return n;
        const span = Number(cell.properties['colSpan'] ?? 1);
        return n + (Number.isFinite(span) && span > 0 ? span : 1);
      }, 0);
    }
  }
  return 0;
}

/** Tags whose text is verbatim: no break hints inside. */
const VERBATIM = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style']);
const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>"]+/g;
/** After `//`, or before one of these (the Chicago Manual's places to break an address). */
const ADDRESS_BREAK = /(\/\/)|(?=[/._\-?#&=%])/g;

/** A piece of an address or a word of code longer than this may break between any two of its characters. */
export const LONG_RUN = 16;
/**
 * The class of the empty span that marks a place between two letters of a long run: the line
 * breaker prices it at its `cutPenalty`, and makes it a `<wbr>` where it ends a line. Not a
 * `<wbr>` itself: Chromium breaks a set paragraph's line at a `<wbr>` that fits before the
 * break the line breaker chose, and a run with one between every two letters has many.
 */
export const CUT_CLASS = 'cut';
/** Letters kept together at either end of a long run. */
const CUT_KEEP = 3;
const MARK = /\p{M}/u;

const wbr = (): Element => ({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
const cut = (): Element => ({ type: 'element', tagName: 'span', properties: { className: [CUT_CLASS] }, children: [] });

/** The class of the span around a long run with cuts: set without ligatures (print.css). */
export const LONG_RUN_CLASS = 'long-run';

/**
 * A run of text with a cut marker between any two characters (not before a combining mark,
 * and `CUT_KEEP` from either end) when it is longer than `LONG_RUN`, in a span set without
 * ligatures (Chromium joins "ff" across the empty markers, and the PDF's text layer then
 * reads "f": "bufer"); else the text alone.
 */
function cutLongRun(run: string): ElementContent[] {
  const chars = [...run];
  if (chars.length <= LONG_RUN) return [{ type: 'text', value: run }];
  const children: ElementContent[] = [];
  let piece = '';
  chars.forEach((char, k) => {
    if (k >= CUT_KEEP && chars.length - k >= CUT_KEEP && !MARK.test(char)) {
      children.push({ type: 'text', value: piece }, cut());
      piece = '';
    }
    piece += char;
  });
  children.push({ type: 'text', value: piece });
  return [{ type: 'element', tagName: 'span', properties: { className: [LONG_RUN_CLASS] }, children }];
}

/** The pieces of one address with `<wbr>` where it may break (never before its first characters). */
function addressPieces(address: string): ElementContent[] {
  const pieces: ElementContent[] = [];
  let last = 0;
  for (const match of address.matchAll(ADDRESS_BREAK)) {
    const at = match.index + (match[1]?.length ?? 0);
    if (at <= 8 || at >= address.length || at === last) continue;
    pieces.push(...cutLongRun(address.slice(last, at)), wbr());
    last = at;
  }
  pieces.push(...cutLongRun(address.slice(last)));
  return pieces;
}

/** Break hints in the web addresses of a run of text, or null when it has none. */
export function withAddressBreaks(text: string): ElementContent[] | null {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    out.push(...addressPieces(match[0]));
    last = match.index + match[0].length;
  }
  if (out.length === 0) return null;
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

/** Letters of a word of code kept together at either end of it. */
const CODE_PIECE = 3;
const SMALL = /\p{Ll}/u;
const CAPITAL = /\p{Lu}/u;

/** Whether a word of code (its characters) may break before `chars[k]`: before `.` `/`, after `_` `,`, between a small letter and a capital. */
function codeBreakAt(chars: readonly string[], k: number): boolean {
  const before = chars[k - 1] ?? '';
  const after = chars[k] ?? '';
  // An address in code breaks after its `//` (never inside `://`), as in the text.
  if (before === '/' && chars[k - 2] === '/') return after !== '/';
  if (after === '.' || after === '/') return before !== '.' && before !== '/' && before !== ':';
  if (before === '_' || before === ',') return after !== '_' && after !== ',';
  return SMALL.test(before) && CAPITAL.test(after);
}

/** The text of an inline `code` with `<wbr>` where a word of it may break, or null when it has none. */
function withCodeBreaks(text: string): ElementContent[] | null {
  const out: ElementContent[] = [];
  let breaks = 0;
  const add = (node: ElementContent): void => {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else out.push(node);
  };
  for (const [index, run] of text.split(/(\s+)/).entries()) {
    // Odd pieces are the spaces between words.
    const chars = index % 2 === 1 ? [] : [...run];
    if (chars.length === 0) {
      if (run !== '') add({ type: 'text', value: run });
      continue;
    }
    const at: number[] = [];
    for (let k = CODE_PIECE; chars.length - k >= CODE_PIECE; k++) if (codeBreakAt(chars, k)) at.push(k);
    // Between two of those places (or the word's ends), a stretch longer than a long run may
    // also break between its letters, as a long piece of an address does.
    [0, ...at].forEach((from, i) => {
      if (i > 0) {
        out.push(wbr());
        breaks++;
      }
      const pieces = cutLongRun(chars.slice(from, at[i] ?? chars.length).join(''));
      if (pieces.some((piece) => piece.type === 'element')) breaks++;
      pieces.forEach(add);
    });
  }
  return breaks === 0 ? null : out;
}

function shapeCode(pre: Element): void {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const holder = code ?? pre;
  if (!holder.children.some((c) => c.type === 'element' && classes(c).includes(CODE_LINE))) {
    holder.children = splitCodeLines(holder.children);
  }
  pre.properties['dataLines'] = String(holder.children.length);
}

function visit(node: Root | Element): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    if (child.type === 'text') {
      const pieces = withAddressBreaks(child.value);
      if (pieces) {
        (node.children as ElementContent[]).splice(i, 1, ...pieces);
        i += pieces.length - 1;
      }
      continue;
    }
    if (child.type !== 'element' || VERBATIM.has(child.tagName)) {
      if (child.type === 'element' && child.tagName === 'pre') shapeCode(child);
      // Code in the text; a code block's (inside its `pre`) is never reached here.
      else if (child.type === 'element' && child.tagName === 'code') breakCode(child);
      continue;
    }
    if (child.tagName === 'table') {
      const columns = columnsOf(child);
      child.properties['dataColumns'] = String(columns);
      if (columns >= WIDE_TABLE_COLUMNS) child.properties['className'] = [...classes(child), 'wide'];
    }
    visit(child);
  }
}

function breakCode(code: Element): void {
  code.children = code.children.flatMap((child) => (child.type === 'text' ? (withCodeBreaks(child.value) ?? [child]) : [child]));
}

/** Mutates `tree`: code lines as spans, tables marked with their width in columns, break hints in addresses and in code in the text. */
export function shapePrintBlocks(tree: Root | Element): void {
  visit(tree);
}
