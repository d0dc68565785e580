/**
 * Page-break rules Paged.js 0.4.3 leaves out, added as a Paged.js handler.
 *
 * Paged.js ignores `widows` and `orphans`, and it honours `break-before: avoid` and
 * `break-after: avoid` only by moving the whole previous element: for a figure whose
 * caption does not fit, that moves the whole quotation, leaving half a page empty. It
 * can also leave a note call on one page and defer its note to the next. This handler
 * moves Paged.js's break, line by line, so that
 * - a paragraph leaves at least `orphans` lines at a page foot and carries at least
 *   `widows` to the next page;
 * - an element marked keep-with-previous (a caption, the text after a heading) takes
 *   the last `widows` lines of what precedes it along (a heading goes whole);
 * - a note call stays on the page that shows its note.
 *
 * Blocks that are not paragraphs (print.css and src/render/print-blocks.ts shape them):
 * - a code block of at most `codeKeepLines` lines is never split; a longer one breaks
 *   only between its source lines, with at least `codeMinLines` lines on each page;
 * - a table breaks only between rows, never inside its caption or header, with at least
 *   `tableMinRows` rows on each page; its column widths are fixed once for the whole
 *   table, and its header row is repeated at the top of every page it continues on
 *   (Paged.js does not repeat `thead`);
 * - a figure's image is scaled to fit the page with its caption; a figure that does
 *   not fit in the space left on a page floats to the top of the next page, and the
 *   text after it fills the page it left.
 *
 * `registerPageRules` runs inside the page (puppeteer serialises it), so it must not
 * refer to anything outside its own body.
 */

export interface PageRuleSettings {
  widows: number;
  orphans: number;
  /** A code block of at most this many printed lines is kept on one page. */
  codeKeepLines: number;
  /** A split code block leaves at least this many printed lines on each page. */
  codeMinLines: number;
  /** A split table leaves at least this many body rows on each page. */
  tableMinRows: number;
}

/** Widows and orphans (print.css says the same; Paged.js needs them from us), and the block rules. */
export const PAGE_RULES: PageRuleSettings = { widows: 2, orphans: 2, codeKeepLines: 12, codeMinLines: 4, tableMinRows: 2 };

/** What Paged.js passes around; only the members used here. */
interface PagedHandlerBase {
  chunker: unknown;
}
/** Paged.js's Chunker: the parsed source every page is laid out from. */
interface PagedChunker {
  source: DocumentFragment;
}
/** Where a page ends and the next begins, in the source; Paged.js reads it after our hooks. */
interface PagedBreakToken {
  node?: Node;
  offset?: number;
}
/** Paged.js's Layout of one page. */
interface PagedLayout {
  bounds: DOMRect;
  findOverflow(rendered: Element, bounds?: DOMRect): Range | undefined;
}
interface PagedGlobal {
  Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => PagedHandlerBase;
  registerHandlers(...handlers: unknown[]): void;
}

export function registerPageRules(settings: PageRuleSettings): void {
  const KEEP = 'data-keep-with-previous';
  /** A figure taken out of a page it did not fit, to open the next page (hidden until then). */
  const DEFERRED = 'data-deferred';
  /** A deferred figure placed at the top of its new page. */
  const FLOATED = 'data-floated';
  /** A table header we copied to the top of a page the table continues on. */
  const REPEATED = 'data-repeated-header';
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;

  interface Line {
    node: Text;
    offset: number;
    onPage: boolean;
  }

  const isElement = (node: Node | null | undefined): node is HTMLElement => node != null && node.nodeType === 1;
  const isSignificant = (node: Node): boolean =>
    (node.nodeType === 1 && !(node as Element).hasAttribute(DEFERRED)) ||
    (node.nodeType === 3 && /[^\t\n\r ]/.test(node.textContent ?? ''));
  const isInline = (el: Element): boolean => getComputedStyle(el).display.startsWith('inline');
  const isNote = (el: Element): boolean => el.getAttribute('data-note') === 'footnote';
  /**
   * The Ranges these rules measure and compare with, each made once. A Range stays registered
   * with the document until the garbage collector takes it, and every node inserted or removed
   * and every text changed updates each registered Range: new ones per call (1,350 for the x10
   * book) made every later DOM change of the pagination slower. One per use, since some are
   * held while another is set (lineStartAt reads lines found with linesOf's).
   */
  const probes = {
    lines: document.createRange(),
    point: document.createRange(),
    before: document.createRange(),
    breakAt: document.createRange(),
    tableAt: document.createRange(),
    offPage: document.createRange(),
    note: document.createRange(),
    position: document.createRange(),
    after: document.createRange(),
  };

  function previousSignificant(node: Node): Node | null {
    let sibling = node.previousSibling;
    while (sibling && !isSignificant(sibling)) sibling = sibling.previousSibling;
    return sibling;
  }
  function lastSignificantChild(node: Node): Node | null {
    let child = node.lastChild;
    while (child && !isSignificant(child)) child = child.previousSibling;
    return child;
  }

  /** The nearest ancestor laid out as a block: the unit widows and orphans count in. */
  function blockOf(node: Node, root: Element): HTMLElement | null {
    let el: Node | null = node.nodeType === 1 ? node : node.parentNode;
    while (isElement(el) && el !== root && isInline(el)) el = el.parentNode;
    return isElement(el) && el !== root ? el : null;
  }

  /**
   * The next text node of a walker over elements and text (under its root) that is not in a
   * note, skipping each note whole. In the loop rather than as the walker's filter: a filter
   * is a call from Chromium into the page's JavaScript for every node (some 19,000 in the x10
   * book's pagination).
   */
  function nextTextOutsideNotes(walker: TreeWalker): Text | null {
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) return node as Text;
      if (isNote(node as Element)) {
        let last: Node = node;
        while (last.lastChild) last = last.lastChild;
        walker.currentNode = last;
      }
    }
    return null;
  }

  /** The first character of each line of `block`, and whether that line is on this page. */
  function linesOf(block: Element, bounds: DOMRect): Line[] {
    const lines: Line[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    const range = probes.lines;
    let lineTop = -Infinity;
    let lineHeight = 0;
    let lineOnPage: boolean | null = null;
    // A paragraph the line breaker set (line-breaker.ts: class `lines-set`, no wrapping but in
    // its `line-break` spans, one per line it chose) starts a line only at its first character,
    // inside a break span (the letter after a hyphen) or just after one: only those are
    // measured, some ten a paragraph instead of one a word. A <br> breaks a line anywhere, so a
    // paragraph holding one is read word by word.
    const setLines = block.classList.contains('lines-set') && !block.querySelector('br');
    let mayStart = true;
    let afterBreak = false;
    for (let text = nextTextOutsideNotes(walker); text; text = nextTextOutsideNotes(walker)) {
      const value = text.data;
      const inBreak = setLines && text.parentElement?.classList.contains('line-break') === true;
      if (afterBreak && !inBreak) mayStart = true;
      afterBreak = inBreak;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        if (/\s|\u00AD/.test(ch)) continue;
        // A line can only start where a line may break: at the start of a text node, or
        // after a space, a soft hyphen, a dash or a slash (any character in scripts that
        // break between letters). Measuring only those keeps this linear in words, not letters.
        const prev = i > 0 ? value[i - 1]! : '';
        if (prev && !/[\s\u00AD\-\u2010-\u2015/]/.test(prev) && ch.charCodeAt(0) < 0x2e80) continue;
        if (setLines && !inBreak) {
          if (!mayStart) continue;
          mayStart = false;
        }
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const rect = Array.from(range.getClientRects()).find((r) => r.width > 0 || r.height > 0);
        if (!rect) continue;
        const onPage = rect.left < bounds.right - 1 && rect.top < bounds.bottom - 1;
        // Inline pieces of one line overlap vertically; the next line starts lower
        // (or in the next column, which is how Paged.js holds the overflow).
        if (onPage !== lineOnPage || rect.top > lineTop + lineHeight / 2 || rect.top < lineTop - 2 * lineHeight) {
          lines.push({ node: text, offset: i, onPage });
          lineTop = rect.top;
          lineHeight = rect.height;
          lineOnPage = onPage;
        }
      }
    }
    return lines;
  }

  /** How many of `lines` start before the point. */
  function linesBefore(lines: Line[], node: Text, offset: number): number {
    const point = probes.point;
    point.setStart(node, offset);
    point.collapse(true);
    // -1: the line starts before the point.
    return lines.filter((line) => point.comparePoint(line.node, line.offset) < 0).length;
  }

  /** The block and its ancestors that begin where it begins: a break before it is before them too. */
  function startingChain(block: Element, root: Element): Element[] {
    const chain: Element[] = [block];
    let el: Element = block;
    while (el.parentElement && el.parentElement !== root && previousSignificant(el) === null) {
      el = el.parentElement;
      chain.push(el);
    }
    return chain;
  }

  /** The innermost last block of `el`, where its last lines are. */
  function lastBlock(el: Element): Element {
    let block = el;
    for (;;) {
      const child = lastSignificantChild(block);
      if (!isElement(child) || isInline(child) || isNote(child)) return block;
      block = child;
    }
  }

  const isHeading = (el: Element): boolean => /^H[1-6]$/.test(el.tagName);

  type Break = { kind: 'before'; el: Element } | { kind: 'text'; node: Text; offset: number };

  /** Where to break so that the last `settings.widows` lines of `block` go to the next page. */
  function keepLastLines(block: Element, bounds: DOMRect): Break {
    if (isHeading(block) || block.hasAttribute(KEEP)) return { kind: 'before', el: block };
    const lines = linesOf(block, bounds).filter((line) => line.onPage);
    const cut = lines.length - settings.widows;
    const line = lines[cut];
    if (cut < settings.orphans || !line) return { kind: 'before', el: block };
    return { kind: 'text', node: line.node, offset: line.offset };
  }

  // ---------- Blocks that are not paragraphs ----------

  /** Whether the whole box lies in the page's text area (not below it, nor in Paged.js's overflow column). */
  function fits(el: Element, bounds: DOMRect): boolean {
    const r = el.getBoundingClientRect();
    return r.right <= bounds.right + 1 && r.bottom <= bounds.bottom + 1;
  }

  /** The element a break lies inside: a break before an element lies inside its parent. */
  function containerOf(point: Break): Element | null {
    return point.kind === 'text' ? point.node.parentElement : point.el.parentElement;
  }

  /** Breaking before `el` would leave something on the page. */
  function canBreakBefore(el: Element, root: Element): boolean {
    return leavesContent(toRange({ kind: 'before', el }, root, probes.breakAt), root);
  }

  function codeLinesOf(pre: Element): HTMLElement[] {
    return Array.from(pre.querySelectorAll<HTMLElement>(':scope > code > .code-line, :scope > .code-line'));
  }

  /**
   * A break inside a code block: before the whole block when it is short or when too
   * few of its lines would stay, else between two source lines, keeping at least
   * `codeMinLines` printed lines on each side. `current` stands when nothing better fits.
   */
  function codeBreak(pre: Element, current: Break, root: Element, bounds: DOMRect): Break {
    const lines = codeLinesOf(pre);
    const lineHeight = parseFloat(getComputedStyle(pre).lineHeight) || 1;
    const printed = lines.map((line) => Math.max(1, Math.round(line.getBoundingClientRect().height / lineHeight)));
    const total = printed.reduce((a, b) => a + b, 0);
    const whole: Break = { kind: 'before', el: pre };
    const movable = canBreakBefore(pre, root);
    // A continued block is the rest of a long one: it may split again.
    if (total <= settings.codeKeepLines && !pre.hasAttribute('data-split-from') && movable) return whole;
    let fitting = 0;
    while (fitting < lines.length && fits(lines[fitting]!, bounds)) fitting++;
    if (fitting >= lines.length) return current;
    const sum = (from: number, to: number): number => printed.slice(from, to).reduce((a, b) => a + b, 0);
    let cut = fitting;
    while (cut > 0 && sum(cut, lines.length) < settings.codeMinLines) cut--;
    if (cut > 0 && sum(0, cut) >= settings.codeMinLines) return { kind: 'before', el: lines[cut]! };
    if (movable) return whole;
    // The block opens the page and still cannot leave enough: any line boundary that fits.
    return fitting > 0 ? { kind: 'before', el: lines[fitting]! } : current;
  }

  function bodyRowsOf(table: Element): HTMLTableRowElement[] {
    return Array.from(table.querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr, :scope > tr'));
  }

  /**
   * A break inside a table: between two body rows, never inside the caption, the header
   * or a row, with at least `tableMinRows` rows on each side (counting the rows still in
   * the source); before the whole table when too few would stay.
   */
  function tableBreak(table: Element, point: Break, current: Break, root: Element, bounds: DOMRect, source: ParentNode | null): Break {
    const whole: Break = { kind: 'before', el: table };
    const movable = canBreakBefore(table, root);
    const rows = bodyRowsOf(table);
    // A break in the caption or the header, or before the first row (which Paged.js may
    // not have laid out yet), would leave them without a row.
    const at = toRange(point, root, probes.tableAt);
    at.collapse(true);
    if (!rows[0] || at.comparePoint(rows[0], 0) >= 0) return movable ? whole : current;
    let fitting = 0;
    while (fitting < rows.length && fits(rows[fitting]!, bounds)) fitting++;
    if (fitting >= rows.length) return current;
    // Rows after the break: the rest of this page's copy, or of the source table when
    // Paged.js has not laid them all out yet.
    const ref = table.getAttribute('data-ref');
    const original = ref && source ? source.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null;
    const lastRef = rows.at(-1)?.getAttribute('data-ref');
    const sourceRows = original ? bodyRowsOf(original) : [];
    const lastIndex = lastRef ? sourceRows.findIndex((row) => row.getAttribute('data-ref') === lastRef) : -1;
    const notLaidOut = lastIndex >= 0 ? sourceRows.length - 1 - lastIndex : 0;
    let cut = fitting;
    while (cut > 0 && rows.length - cut + notLaidOut < settings.tableMinRows) cut--;
    if (cut >= settings.tableMinRows) return { kind: 'before', el: rows[cut]! };
    if (movable) return whole;
    // The table opens the page: keep whatever rows fit, but never break inside one.
    return fitting > 0 ? { kind: 'before', el: rows[fitting]! } : current;
  }

  /** The rules of the block a break lies in, or null when it lies in none of them. */
  function blockRule(point: Break, root: Element, bounds: DOMRect, source: ParentNode | null): Break | null {
    const inside = containerOf(point);
    if (!inside || !root.contains(inside)) return null;
    const pre = inside.closest('pre');
    if (pre && root.contains(pre)) return codeBreak(pre, point, root, bounds);
    const table = inside.closest('table');
    if (table && root.contains(table)) return tableBreak(table, point, point, root, bounds, source);
    const figure = inside.closest('figure:not(.quote)');
    if (figure && root.contains(figure) && canBreakBefore(figure, root)) {
      return { kind: 'before', el: figure };
    }
    return null;
  }

  /** Applies the rules to a break until it stops moving. */
  function settle(start: Break, root: Element, bounds: DOMRect, source: ParentNode | null): Break {
    let current = start;
    for (let round = 0; round < 8; round++) {
      let next: Break | null = blockRule(current, root, bounds, source);
      if (next) {
        if (sameBreak(next, current)) return current;
        current = next;
        continue;
      }
      if (current.kind === 'text') {
        const block = blockOf(current.node, root);
        if (block) {
          if (isHeading(block) || block.tagName === 'FIGCAPTION') {
            // Never split: a heading or an attribution read across a page turn.
            next = { kind: 'before', el: block };
          } else {
            const lines = linesOf(block, bounds);
            const before = linesBefore(lines, current.node, current.offset);
            const keep = lines.length - settings.widows;
            const line = lines[keep];
            if (before < settings.orphans) next = { kind: 'before', el: block };
            else if (lines.length - before < settings.widows) {
              next = keep < settings.orphans || !line ? { kind: 'before', el: block } : { kind: 'text', node: line.node, offset: line.offset };
            }
          }
        }
      } else {
        const keeper = startingChain(current.el, root).find((el) => el.hasAttribute(KEEP));
        const previous = keeper && previousSignificant(keeper);
        if (isElement(previous)) next = keepLastLines(lastBlock(previous), bounds);
      }
      if (!next || sameBreak(next, current)) return current;
      current = next;
    }
    return current;
  }

  function sameBreak(a: Break, b: Break): boolean {
    if (a.kind === 'before' && b.kind === 'before') return a.el === b.el;
    if (a.kind === 'text' && b.kind === 'text') return a.node === b.node && a.offset === b.offset;
    return false;
  }

  /** The range from the break to the end of `root`: in `into` when given (read at once), else a new one (kept by Paged.js). */
  function toRange(point: Break, root: Element, into?: Range): Range {
    const range = into ?? document.createRange();
    if (point.kind === 'before') range.setStartBefore(point.el);
    else range.setStart(point.node, point.offset);
    range.setEndAfter(root.lastChild!);
    return range;
  }

  /**
   * A break with nothing before it would make an empty page (and Paged.js loop). A
   * header we repeated and a figure waiting for the next page are not content.
   */
  function leavesContent(range: Range, root: Element): boolean {
    const before = probes.before;
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const fragment = before.cloneContents();
    for (const el of Array.from(fragment.querySelectorAll(`[${REPEATED}], [${DEFERRED}]`))) el.remove();
    if ((fragment.textContent ?? '').trim() !== '') return true;
    return fragment.querySelector('img, svg, hr, tbody tr') !== null;
  }

  /** The break as this handler sees it: the start of the first line or element not on the page. */
  function breakOf(range: Range): Break | null {
    const { startContainer, startOffset } = range;
    if (startContainer.nodeType === 3) return { kind: 'text', node: startContainer as Text, offset: startOffset };
    const el = startContainer.childNodes[startOffset];
    if (isElement(el)) return { kind: 'before', el };
    if (el && el.nodeType === 3) return { kind: 'text', node: el as Text, offset: 0 };
    return null;
  }

  /**
   * The first text before `limit` (or anywhere, without one) that lies outside the page
   * area. Paged.js can miss such text: when a note placed late shrinks the text area,
   * the last lines slip into the hidden overflow column after its check, and would be
   * lost from the PDF.
   */
  function firstOffPage(root: Element, bounds: DOMRect, limit: Range | null): Break | null {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    // Past the right edge is Paged.js's overflow column; a hanging comma only starts a hair before it.
    const isOff = (r: DOMRect): boolean => (r.width > 0 || r.height > 0) && (r.left >= bounds.right + 1 || r.top >= bounds.bottom - 1);
    const range = probes.offPage;
    for (let text = nextTextOutsideNotes(walker); text; text = nextTextOutsideNotes(walker)) {
      if (limit && limit.comparePoint(text, 0) >= 0) break;
      if (!/[^\s\u00AD]/.test(text.data)) continue;
      range.selectNodeContents(text);
      if (!Array.from(range.getClientRects()).some(isOff)) continue;
      for (let i = 0; i < text.data.length; i++) {
        if (/\s|\u00AD/.test(text.data[i]!)) continue;
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        if (Array.from(range.getClientRects()).some(isOff)) return { kind: 'text', node: text, offset: i };
      }
    }
    return null;
  }

  /** Whether the first line of a placed note shows inside its page's note area. */
  function noteStartsHere(note: Element): boolean {
    const box = note.closest('.pagedjs_footnote_content')?.getBoundingClientRect();
    const range = probes.note;
    range.selectNodeContents(note);
    const first = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0);
    return box !== undefined && first !== undefined && first.bottom <= box.bottom + 1;
  }

  /**
   * A call before the break (so on this page) whose note will not start on this page:
   * Paged.js deferred it (no room for even the note area), or gave it an area too low
   * for its first line, after which it moves the whole note on.
   */
  function orphanedCall(root: Element, range: Range): Element | null {
    const notes = root.closest('.pagedjs_area')?.querySelector('.pagedjs_footnote_inner_content');
    for (const call of Array.from(root.querySelectorAll('[data-footnote-call]'))) {
      if (range.comparePoint(call, 0) >= 0) break;
      const ref = call.getAttribute('data-footnote-call');
      const note = notes?.querySelector(`[data-ref="${ref}"]:not([data-split-from])`);
      if (!note || !noteStartsHere(note)) return call;
    }
    return null;
  }

  /** The start of the line that holds `el`, as a break. */
  function lineStartAt(el: Element, root: Element, bounds: DOMRect): Break | null {
    const block = blockOf(el, root);
    if (!block) return null;
    const lines = linesOf(block, bounds);
    const position = probes.position;
    position.setStartBefore(el);
    position.collapse(true);
    let chosen: Line | undefined;
    // -1 or 0: the line starts before the element, or where it does.
    for (const line of lines) if (position.comparePoint(line.node, line.offset) <= 0) chosen = line;
    return chosen ? { kind: 'text', node: chosen.node, offset: chosen.offset } : { kind: 'before', el: block };
  }

  // ---------- Tables: one set of column widths, the header on every page ----------

  const px = (value: string): number => parseFloat(value) || 0;

  /**
   * Fixes the column widths of `original` (the source table) once, from the widths its
   * content asks for at the width of `host`, so that every page's part of the table has
   * the same columns (Paged.js lays out each part on its own). A column gets at least its
   * longest word (a long address may still break anywhere) and the room left is shared
   * as its longer content asks; a table narrower than the measure keeps its own width.
   * Soft hyphens still break words in narrow columns where the browser must.
   */
  function fixColumns(original: HTMLTableElement, rendered: HTMLTableElement, host: Element, bounds: DOMRect): void {
    // A table set as blocks (layout-integrity.ts, mendCutContent) has no columns.
    if (original.hasAttribute('data-fixed-columns') || original.classList.contains('table-stacked') || original.querySelector('[colspan], [rowspan]')) return;
    const hostStyle = getComputedStyle(host);
    // A container already running into Paged.js's overflow column is as wide as all its
    // pieces together; one piece is the measure.
    const piece = host.getClientRects()[0]?.width ?? bounds.width;
    const available = Math.min(piece, bounds.width) - px(hostStyle.paddingLeft) - px(hostStyle.paddingRight);
    const probe = original.cloneNode(true) as HTMLTableElement;
    for (const el of Array.from(probe.querySelectorAll('[data-ref]'))) el.removeAttribute('data-ref');
    probe.removeAttribute('data-ref');
    probe.style.cssText = 'position: absolute; visibility: hidden; max-width: none; table-layout: auto; width: max-content;';
    const cells = Array.from(probe.querySelectorAll<HTMLElement>('th, td'));
    for (const cell of cells) cell.style.whiteSpace = 'nowrap';
    host.appendChild(probe);
    try {
      const firstRow = probe.rows[0];
      if (!firstRow || available <= 0) return;
      const widthsOf = (): number[] => Array.from(firstRow.cells).map((cell) => cell.getBoundingClientRect().width);
      const most = widthsOf();
      // The longest whole word of each column: a column is never narrower than a word
      // needs, unless the word is too long for any column (an address, below).
      for (const cell of cells) {
        cell.style.whiteSpace = '';
        cell.style.overflowWrap = 'normal';
        cell.style.hyphens = 'none';
      }
      probe.style.width = 'min-content';
      const least = widthsOf();
      const n = most.length;
      // A column's longest word counts up to a share of the measure: past it, an address breaks anywhere.
      const cap = Math.max(available * 0.25, available / n);
      const floor = least.map((w) => Math.min(w, cap));
      const sum = (list: number[]): number => list.reduce((a, b) => a + b, 0);
      let widths: number[];
      if (sum(most) <= available) widths = most;
      else if (sum(floor) >= available) widths = floor.map((w) => (w * available) / sum(floor));
      else {
        const wish = most.map((w, i) => Math.max(0, w - floor[i]!));
        const extra = available - sum(floor);
        widths = floor.map((w, i) => w + (sum(wish) > 0 ? (extra * wish[i]!) / sum(wish) : extra / n));
      }
      const total = sum(widths);
      const tableWidth = `${Math.min(100, (total / available) * 100).toFixed(3)}%`;
      for (const table of [original, rendered]) {
        table.style.width = tableWidth;
        table.setAttribute('data-fixed-columns', '');
      }
      // table-layout: fixed takes the widths from the first row: the header, repeated on every page.
      const firstSourceRow = original.rows[0];
      Array.from(firstSourceRow?.cells ?? []).forEach((cell, i) => {
        cell.style.width = `${((widths[i]! / total) * 100).toFixed(3)}%`;
      });
    } finally {
      probe.remove();
    }
  }

  /** Puts a copy of the source table's header at the top of a part of it continued on a new page. */
  function repeatHeader(rendered: HTMLTableElement, original: HTMLTableElement): void {
    if (rendered.querySelector(':scope > thead')) return;
    const head = original.querySelector(':scope > thead');
    if (!head) return;
    const copy = head.cloneNode(true) as HTMLElement;
    // Without refs Paged.js never takes the copy for the source's header; notes are printed once.
    for (const el of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
      el.removeAttribute('data-ref');
      el.removeAttribute('id');
    }
    for (const note of Array.from(copy.querySelectorAll('[data-note="footnote"], .footnote'))) note.remove();
    copy.setAttribute(REPEATED, '');
    copy.setAttribute('aria-hidden', 'true');
    const body = Array.from(rendered.children).find((child) => child.tagName !== 'CAPTION' && child.tagName !== 'COLGROUP');
    rendered.insertBefore(copy, body ?? null);
  }

  // ---------- Figures: fit the page, float to the next page when they do not fit ----------

  /** The image of a figure never taller than the page area less the figure's caption and margins. */
  function fitImage(img: HTMLElement, figure: Element, caption: Element | null, bounds: DOMRect): void {
    const style = getComputedStyle(figure);
    let captionHeight = 0;
    if (caption) {
      const probe = caption.cloneNode(true) as HTMLElement;
      probe.removeAttribute('data-ref');
      figure.appendChild(probe);
      const probeStyle = getComputedStyle(probe);
      captionHeight = probe.getBoundingClientRect().height + px(probeStyle.marginTop) + px(probeStyle.marginBottom);
      probe.remove();
    }
    const room = bounds.height - captionHeight - px(style.marginTop) - px(style.marginBottom) - 2;
    img.style.maxHeight = `${Math.max(24, Math.floor(room))}px`;
  }

  /** Whether anything in the source comes after `node` (its following siblings and its ancestors'). */
  function followsInSource(node: Node | null, source: Node): boolean {
    for (let n: Node | null = node; n && n !== source; n = n.parentNode) {
      for (let s = n.nextSibling; s; s = s.nextSibling) if (isSignificant(s)) return true;
    }
    return false;
  }

  function hasContentAfter(el: Element, root: Element): boolean {
    const after = probes.after;
    after.setStartAfter(el);
    after.setEndAfter(root.lastChild!);
    const fragment = after.cloneContents();
    for (const hidden of Array.from(fragment.querySelectorAll(`[${DEFERRED}]`))) hidden.remove();
    return (fragment.textContent ?? '').trim() !== '' || fragment.querySelector('img, svg, hr, tr') !== null;
  }

  /** Elements laid out inline: a break token inside one is inside a paragraph. */
  const INLINE_TAGS = new Set([
    'A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'I', 'INS', 'KBD', 'MARK',
    'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'IMG',
  ]);
  let splitCount = 0;

  /**
   * Moves `floats` (source figures) to where the next page starts, in the source, and
   * points the break token at them when they can open that page: at once when the page
   * starts with a block; after splitting the paragraph in two when it starts inside one
   * (a break token cannot point inside a paragraph and before a figure at once). Inside
   * a list item, a cell or a quotation they go after that block instead.
   */
  function moveFloats(floats: Element[], token: PagedBreakToken, rendered: Element): void {
    const node = token.node!;
    let block: Node = node;
    while (block.parentElement && (block.nodeType !== 1 || INLINE_TAGS.has((block as Element).tagName))) block = block.parentElement;
    if (block === node && (token.offset ?? 0) === 0) {
      (block as Element).before(...floats);
      token.node = floats[0]!;
      token.offset = 0;
      return;
    }
    const paragraph = block as Element;
    if (paragraph.tagName !== 'P') {
      const home = floats[0]!.parentNode;
      let outer: Element = paragraph;
      while (outer.parentElement && outer.parentNode !== home) outer = outer.parentElement;
      if (outer.parentNode !== home) outer = paragraph;
      outer.after(...floats);
      return;
    }
    const range = document.createRange();
    if (node.nodeType === 3) range.setStart(node, token.offset ?? 0);
    else range.setStartBefore(node);
    range.setEnd(paragraph, paragraph.childNodes.length);
    const tail = paragraph.cloneNode(false) as Element;
    tail.append(range.extractContents());
    // extractContents copies the inline elements the split runs through: refs must stay one per element.
    const ref = paragraph.getAttribute('data-ref') ?? 'p';
    for (const el of [tail, ...Array.from(tail.querySelectorAll('[data-ref]'))]) {
      const own = el.getAttribute('data-ref');
      if (el === tail || (own && paragraph.querySelector(`[data-ref="${CSS.escape(own)}"]`))) {
        el.setAttribute('data-ref', `${own ?? ref}-float-split-${++splitCount}`);
      }
    }
    tail.removeAttribute('id');
    // The second part reads as the paragraph continued: no indent, no ¶ number (print.css).
    tail.setAttribute('data-split-from', ref);
    paragraph.after(...floats, tail);
    token.node = floats[0]!;
    token.offset = 0;
    // The first part's last line, on the page just made, is a full line.
    const head = rendered.querySelector(`[data-ref="${CSS.escape(ref)}"]`);
    if (head) {
      head.setAttribute('data-split-to', ref);
      if (getComputedStyle(head).textAlign === 'justify') head.setAttribute('data-align-last-split-element', 'justify');
    }
  }

  class PageRules extends paged.Handler {
    /** The last source node Paged.js took up: what follows it is still to lay out. */
    private lastLaidOut: Node | null = null;

    afterParsed(parsed: DocumentFragment): void {
      // Take "avoid" over from Paged.js (which would move whole elements) and keep it
      // as one mark; notes carry their own break-before: avoid, which Paged.js needs.
      for (const el of Array.from(parsed.querySelectorAll('[data-break-before="avoid"], [data-previous-break-after="avoid"]'))) {
        if (isNote(el)) continue;
        el.setAttribute(KEEP, '');
        if (el.getAttribute('data-break-before') === 'avoid') el.removeAttribute('data-break-before');
        if (el.getAttribute('data-previous-break-after') === 'avoid') el.removeAttribute('data-previous-break-after');
      }
    }

    layoutNode(node: Node): void {
      this.lastLaidOut = node;
    }

    renderNode(clone: Node, node: Node, layout: PagedLayout): void {
      if (!isElement(clone)) {
        // The first text of a page inside a continued table (a row taller than a page).
        const table = clone.parentElement?.closest('table[data-split-from]');
        const original = (node.parentElement as Element | null)?.closest('table');
        if (table && original) repeatHeader(table as HTMLTableElement, original);
        return;
      }
      if (clone.tagName === 'TABLE' && isElement(node) && clone.parentElement) {
        fixColumns(node as HTMLTableElement, clone as HTMLTableElement, clone.parentElement, layout.bounds);
      }
      const table = clone.closest('table[data-split-from]');
      if (table && clone.tagName !== 'TABLE') {
        const original = (node as Element).closest('table');
        if (original) repeatHeader(table as HTMLTableElement, original);
      }
      if (clone.tagName === 'IMG') {
        const figure = clone.parentElement?.closest('figure:not(.quote)');
        const caption = (node as Element).parentElement?.querySelector(':scope > figcaption') ?? null;
        if (figure) fitImage(clone, figure, caption, layout.bounds);
        // An image in a line of text: never taller than the page.
        else clone.style.maxHeight = `${Math.floor(layout.bounds.height - 2)}px`;
      }
    }

    /**
     * Before each overflow check: a figure that does not fit where it is, with text
     * before it on the page and more to come after it, waits (hidden) for the next page
     * while that text fills this one. Decided afresh at every check, so it is undone
     * when the text runs out before the page is full.
     */
    layout(rendered: Element, layout: PagedLayout): void {
      try {
        const bounds = layout.bounds;
        const chunker = this.chunker as PagedChunker | undefined;
        for (const waiting of Array.from(rendered.querySelectorAll<HTMLElement>(`[${DEFERRED}]`))) {
          waiting.removeAttribute(DEFERRED);
          waiting.style.removeProperty('display');
        }
        const moreInSource = chunker ? followsInSource(this.lastLaidOut, chunker.source) : false;
        const defer = (figure: HTMLElement): void => {
          figure.setAttribute(DEFERRED, '');
          figure.style.display = 'none';
        };
        const deferred: HTMLElement[] = [];
        // Floated figures too: one that opens a page stays (it cannot move), but those queued
        // behind it wait again while the text fills the page.
        for (const figure of Array.from(rendered.querySelectorAll<HTMLElement>('figure:not(.quote)'))) {
          // Figures keep their order: one after a deferred figure waits too.
          if (deferred.length > 0) {
            defer(figure);
            deferred.push(figure);
            continue;
          }
          if (fits(figure, bounds) || !canBreakBefore(figure, rendered)) continue;
          // A figure under its heading goes with it (the break rules move both).
          if (figure.hasAttribute(KEEP)) continue;
          if (!hasContentAfter(figure, rendered) && !moreInSource) continue;
          defer(figure);
          deferred.push(figure);
        }
        // At the end of the source with room to spare, Paged.js would make no next page for
        // the waiting figures: they move after the last text of their container, in the
        // source and on the page, and the first of them (which does not fit) ends the page.
        if (deferred.length > 0 && !moreInSource && !layout.findOverflow(rendered, bounds)) {
          for (const figure of deferred) {
            const ref = figure.getAttribute('data-ref');
            const original = ref && chunker ? chunker.source.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null;
            if (original?.parentElement && figure.parentElement) {
              original.parentElement.appendChild(original);
              figure.parentElement.appendChild(figure);
            }
          }
          deferred[0]!.removeAttribute(DEFERRED);
          deferred[0]!.style.removeProperty('display');
        }
      } catch (error) {
        console.warn('pamphlet page rules (figures):', error);
      }
    }

    /**
     * The page is done: figures still waiting move, in the source, to where the next
     * page starts, and the next page starts with them. When that page starts inside a
     * paragraph, the paragraph is split there in the source, so that the figures stand
     * between its two parts (a break token cannot point inside a paragraph and before a
     * figure at once).
     */
    beforeRenderResult(breakToken: PagedBreakToken | undefined, rendered: Element): void {
      const chunker = this.chunker as PagedChunker | undefined;
      const floats: Element[] = [];
      for (const waiting of Array.from(rendered.querySelectorAll<HTMLElement>(`[${DEFERRED}]`))) {
        const ref = waiting.getAttribute('data-ref');
        const original = ref && chunker ? chunker.source.querySelector(`[data-ref="${CSS.escape(ref)}"]`) : null;
        if (!breakToken?.node || !original) {
          // No next page after all: the figure stays where it was rather than be lost.
          waiting.removeAttribute(DEFERRED);
          waiting.style.removeProperty('display');
          continue;
        }
        floats.push(original);
        waiting.remove();
      }
      if (floats.length === 0 || !breakToken?.node) return;
      for (const figure of floats) figure.setAttribute(FLOATED, '');
      moveFloats(floats, breakToken, rendered);
    }

    /**
     * Paged.js (its Splits handler, just before this one) marks the deepest element the
     * new page continues, on the page before, to justify its last line: right for a
     * paragraph cut inside its text, whose last line there is a full one. But a list cut
     * between its items is marked too, and `text-align-last` is inherited: the last line
     * of every item above the cut was spread from edge to edge ("Symlinks    are
     * resolved    automatically."). Kept only where the element ends in text, and where
     * its text goes on on the new page: an item cut between its own line and the list
     * nested in it had that line spread ("Group          number          11", an outline's
     * or a contents list's every parent item at a page's foot).
     */
    afterPageLayout(pageElement: Element): void {
      const previous = pageElement.previousElementSibling;
      if (!previous) return;
      const edge = (node: ChildNode | null, step: (node: ChildNode) => ChildNode | null): ChildNode | null => {
        while (node && node.nodeType === 3 && !/\S/.test((node as Text).data)) node = step(node);
        return node;
      };
      const isBlock = (node: ChildNode | null): boolean => node !== null && node.nodeType === 1 && !INLINE_TAGS.has((node as Element).tagName);
      for (const el of Array.from(previous.querySelectorAll('[data-align-last-split-element="justify"]'))) {
        const ref = el.getAttribute('data-ref');
        const rest = ref ? pageElement.querySelector(`[data-split-from="${CSS.escape(ref)}"]`) : null;
        if (isBlock(edge(el.lastChild, (node) => node.previousSibling)) || isBlock(edge(rest?.firstChild ?? null, (node) => node.nextSibling))) {
          el.removeAttribute('data-align-last-split-element');
        }
      }
    }

    onOverflow(overflow: Range | undefined, rendered: Element, bounds: DOMRect): Range | undefined {
      if (!rendered.lastChild) return undefined;
      // Notes not yet placed still sit in the overflowing text; they are not lines.
      const pending = Array.from(rendered.querySelectorAll<HTMLElement>('[data-note="footnote"]'));
      for (const note of pending) note.style.display = 'none';
      try {
        const found = overflow ? breakOf(overflow) : null;
        const missed = firstOffPage(rendered, bounds, overflow ?? null);
        const start = missed ?? found;
        if (!start) return undefined;
        const source = (this.chunker as PagedChunker | undefined)?.source ?? null;
        let point = settle(start, rendered, bounds, source);
        for (let round = 0; round < 4; round++) {
          const call = orphanedCall(rendered, toRange(point, rendered, probes.breakAt));
          const moved = call && lineStartAt(call, rendered, bounds);
          if (!moved) break;
          point = settle(moved, rendered, bounds, source);
        }
        const range = toRange(point, rendered);
        if (!leavesContent(range, rendered)) return undefined;
        if (found && sameBreak(point, found)) return undefined;
        return range;
      } catch (error) {
        // A failure here must not lose the page: Paged.js's own break is still valid.
        console.warn('pamphlet page rules:', error);
        return undefined;
      } finally {
        for (const note of pending) note.style.removeProperty('display');
      }
    }
  }

  paged.registerHandlers(PageRules);
}
