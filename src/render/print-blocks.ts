/**
 * Print-only shapes of the blocks that are not paragraphs, so that print.css and the
 * page-break rules (src/browser/paged-rules.ts) can hold them:
 * - a code block's lines become one `span.code-line` each: a long line wraps inside its
 *   own box, which carries the continuation marks, and a page can break only between
 *   two of them;
 * - a table says how many columns it has, and a wide one is set smaller.
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

function visit(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'pre') {
      const code = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const holder = code ?? child;
      if (!holder.children.some((c) => c.type === 'element' && classes(c).includes(CODE_LINE))) {
        holder.children = splitCodeLines(holder.children);
      }
      child.properties['dataLines'] = String(holder.children.length);
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

/** Mutates `tree`: code lines as spans, tables marked with their width in columns. */
export function shapePrintBlocks(tree: Root | Element): void {
  visit(tree);
}
