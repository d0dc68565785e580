/**
 * Print-only shapes of the blocks that are not paragraphs, so that print.css and the
 * page-break rules (src/browser/paged-rules.ts) can hold them:
 * - a code block's lines become one `span.code-line` each: a long line wraps inside its
 *   own box, which carries the continuation marks, and a page can break only between
 *   two of them;
 * - a table says how many columns it has, and a wide one is set smaller;
 * - a web address in the text may break after `//` and before `/ . _ - ? # & = %` (a
 *   `<wbr>` there), so a long one breaks where a reader expects rather than anywhere;
 * - code in the text (`myapp.config.js`, `FootnoteBackContentTemplate`) may break before a
 *   `.` or `/`, after a `_` or `,`, and between a small letter and a capital, three letters
 *   from either end of the word at least: a `<wbr>` the line breaker takes only where no
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

/** The pieces of one address with `<wbr>` where it may break (never before its first characters). */
function addressPieces(address: string): ElementContent[] {
  const pieces: ElementContent[] = [];
  let last = 0;
  for (const match of address.matchAll(ADDRESS_BREAK)) {
    const at = match.index + (match[1]?.length ?? 0);
    if (at <= 8 || at >= address.length || at === last) continue;
    pieces.push({ type: 'text', value: address.slice(last, at) }, { type: 'element', tagName: 'wbr', properties: {}, children: [] });
    last = at;
  }
  pieces.push({ type: 'text', value: address.slice(last) });
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
  if (after === '.' || after === '/') return before !== '.' && before !== '/';
  if (before === '_' || before === ',') return after !== '_' && after !== ',';
  return SMALL.test(before) && CAPITAL.test(after);
}

/** The text of an inline `code` with `<wbr>` where a word of it may break, or null when it has none. */
function withCodeBreaks(text: string): ElementContent[] | null {
  const out: ElementContent[] = [];
  let piece = '';
  let breaks = 0;
  for (const [index, run] of text.split(/(\s+)/).entries()) {
    // Odd pieces are the spaces between words.
    const chars = index % 2 === 1 ? [] : [...run];
    if (chars.length === 0) {
      piece += run;
      continue;
    }
    for (let k = 0; k < chars.length; k++) {
      if (k >= CODE_PIECE && chars.length - k >= CODE_PIECE && codeBreakAt(chars, k)) {
        out.push({ type: 'text', value: piece }, { type: 'element', tagName: 'wbr', properties: {}, children: [] });
        piece = '';
        breaks++;
      }
      piece += chars[k];
    }
  }
  if (breaks === 0) return null;
  if (piece !== '') out.push({ type: 'text', value: piece });
  return out;
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
