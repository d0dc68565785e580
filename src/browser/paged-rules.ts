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
 * `registerPageRules` runs inside the page (puppeteer serialises it), so it must not
 * refer to anything outside its own body.
 */

export interface PageRuleSettings {
  widows: number;
  orphans: number;
}

/** Widows and orphans (print.css says the same; Paged.js needs them from us). */
export const PAGE_RULES: PageRuleSettings = { widows: 2, orphans: 2 };

/** What Paged.js passes around; only the members used here. */
interface PagedHandlerBase {
  chunker: unknown;
}
interface PagedGlobal {
  Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => PagedHandlerBase;
  registerHandlers(...handlers: unknown[]): void;
}

export function registerPageRules(settings: PageRuleSettings): void {
  const KEEP = 'data-keep-with-previous';
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;

  interface Line {
    node: Text;
    offset: number;
    onPage: boolean;
  }

  const isElement = (node: Node | null | undefined): node is HTMLElement => node != null && node.nodeType === 1;
  const isSignificant = (node: Node): boolean =>
    node.nodeType === 1 || (node.nodeType === 3 && /[^\t\n\r ]/.test(node.textContent ?? ''));
  const isInline = (el: Element): boolean => getComputedStyle(el).display.startsWith('inline');
  const isNote = (el: Element): boolean => el.getAttribute('data-note') === 'footnote';

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

  /** The first character of each line of `block`, and whether that line is on this page. */
  function linesOf(block: Element, bounds: DOMRect): Line[] {
    const lines: Line[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (text) => {
        for (let p = text.parentElement; p && p !== block; p = p.parentElement) {
          if (isNote(p)) return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const range = document.createRange();
    let lineTop = -Infinity;
    let lineHeight = 0;
    let lineOnPage: boolean | null = null;
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
      const value = text.data;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        if (/\s|\u00AD/.test(ch)) continue;
        // A line can only start where a line may break: at the start of a text node, or
        // after a space, a soft hyphen, a dash or a slash (any character in scripts that
        // break between letters). Measuring only those keeps this linear in words, not letters.
        const prev = i > 0 ? value[i - 1]! : '';
        if (prev && !/[\s\u00AD\-\u2010-\u2015/]/.test(prev) && ch.charCodeAt(0) < 0x2e80) continue;
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
    const point = document.createRange();
    point.setStart(node, offset);
    const lineStart = document.createRange();
    return lines.filter((line) => {
      lineStart.setStart(line.node, line.offset);
      return lineStart.compareBoundaryPoints(Range.START_TO_START, point) < 0;
    }).length;
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

  /** Applies the rules to a break until it stops moving. */
  function settle(start: Break, root: Element, bounds: DOMRect): Break {
    let current = start;
    for (let round = 0; round < 8; round++) {
      let next: Break | null = null;
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

  function toRange(point: Break, root: Element): Range {
    const range = document.createRange();
    if (point.kind === 'before') range.setStartBefore(point.el);
    else range.setStart(point.node, point.offset);
    range.setEndAfter(root.lastChild!);
    return range;
  }

  /** A break with nothing before it would make an empty page (and Paged.js loop). */
  function leavesContent(range: Range, root: Element): boolean {
    const before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    if (before.toString().trim() !== '') return true;
    return before.cloneContents().querySelector('img, svg, hr, table') !== null;
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
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (text) => {
        for (let p = text.parentElement; p && p !== root; p = p.parentElement) {
          if (isNote(p)) return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const isOff = (r: DOMRect): boolean => (r.width > 0 || r.height > 0) && (r.left >= bounds.right - 1 || r.top >= bounds.bottom - 1);
    const range = document.createRange();
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
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
    const range = document.createRange();
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
    const position = document.createRange();
    position.setStartBefore(el);
    let chosen: Line | undefined;
    for (const line of lines) {
      const start = document.createRange();
      start.setStart(line.node, line.offset);
      if (start.compareBoundaryPoints(Range.START_TO_START, position) <= 0) chosen = line;
    }
    return chosen ? { kind: 'text', node: chosen.node, offset: chosen.offset } : { kind: 'before', el: block };
  }

  class PageRules extends paged.Handler {
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
        let point = settle(start, rendered, bounds);
        for (let round = 0; round < 4; round++) {
          const call = orphanedCall(rendered, toRange(point, rendered));
          const moved = call && lineStartAt(call, rendered, bounds);
          if (!moved) break;
          point = settle(moved, rendered, bounds);
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
