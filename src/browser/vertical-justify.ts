/**
 * Full pages: after Paged.js has made the pages, the room left under the last line of a
 * page that the text runs on from is shared out over that page's flexible gaps, as
 * LaTeX's flush bottom does, so facing pages end on the same line.
 *
 * The gaps are those between two blocks on the page: around a quotation, a list, a
 * rule, a figure, above a heading (a "block" gap, which may grow by `blockGapLines`
 * body lines), and between two paragraphs or list items (which may grow by
 * `paragraphGapLines`, a hair). Every gap grows by the same share of what it may take,
 * and never by more: a page that would need more keeps the rest at its foot. The
 * space between a heading and the text after it, and between a quotation and its
 * attribution, does not grow.
 *
 * A page is left as it is when the text does not run on from it (a section ending on
 * a forced break, the last page, a page before a blank one), and when the grown gaps
 * would push anything past the page's text area (checked after writing, undone then).
 * Only margins change: the pages, their breaks and their text stay what Paged.js made.
 *
 * `justifyPages` runs in the page (puppeteer serialises it): it must not refer to
 * anything outside its own body.
 */

export interface VerticalJustifySettings {
  /** How far a gap around a quotation, list, figure or heading may grow, in body lines. */
  blockGapLines: number;
  /** How far the gap between two paragraphs may grow, in body lines. */
  paragraphGapLines: number;
  /**
   * Room to write (the handout's ruled lines under each question): on a page that has
   * some, whole lines like them are added, from the page's last question back, until
   * the page is full, before any gap grows.
   */
  writingRoom: { space: string; line: string };
}

export interface VerticalJustifyReport {
  pages: number;
  justified: number;
  /** Pages whose grown gaps did not fit after all, left as Paged.js made them. */
  undone: number;
  /** Ruled lines added to the writing room. */
  writingLines: number;
  /** Pages read and filled as Paged.js made them (`registerPageFilling`), not after pagination. */
  asMade: number;
}

export const VERTICAL_JUSTIFY: VerticalJustifySettings = { blockGapLines: 2.5, paragraphGapLines: 0.15, writingRoom: { space: '.answer-space', line: '.answer-line' } };

/**
 * Where the pages filled as Paged.js made them (`registerPageFilling`) are kept in the page,
 * with what filling them came to: the filling after pagination leaves those out and adds
 * theirs to its report.
 */
export const FILLED_GLOBAL = '__pamphletFilledPages';

/** A page whose gaps grow: each gap's element, its inline margin before, and the grown one. */
interface Plan { flow: HTMLElement; area: DOMRect; line: number; gaps: Array<{ el: HTMLElement; before: string; grown: string }> }

export interface FilledPages {
  pages: WeakSet<Element>;
  /** How many. */
  count: number;
  /** The pages whose gaps grew as they were made, checked with the rest after pagination (their area read again then). */
  grown: Plan[];
  writingLines: number;
}

/**
 * Fills the pages: every page of the book, less those already filled as they were made
 * (`filledGlobal`), or, given `pair`, the first of two pages that follow each other.
 */
export function justifyPages(settings: VerticalJustifySettings, filledGlobal?: string, pair?: [HTMLElement, HTMLElement]): VerticalJustifyReport {
  const filled = filledGlobal ? (window as unknown as Record<string, FilledPages | undefined>)[filledGlobal] : undefined;
  const pages = pair ?? Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  const report: VerticalJustifyReport = { pages: pair ? 0 : pages.length, justified: 0, undone: 0, writingLines: pair || !filled ? 0 : filled.writingLines, asMade: pair || !filled ? 0 : filled.count };
  const FORCED = ['page', 'left', 'right', 'recto', 'verso'];
  const BLOCK_DISPLAYS = ['block', 'list-item', 'table', 'flex', 'grid', 'flow-root'];
  const PARAGRAPH = 'p, li';
  const px = (value: string): number => parseFloat(value) || 0;

  const flowOf = (page: Element): HTMLElement | null => page.querySelector<HTMLElement>('.pagedjs_page_content > div');
  /** The chain of first (or last) element children from the flow down. */
  const edge = (flow: Element, first: boolean): Element[] => {
    const chain: Element[] = [];
    for (let el = first ? flow.firstElementChild : flow.lastElementChild; el; el = first ? el.firstElementChild : el.lastElementChild) chain.push(el);
    return chain;
  };
  const forced = (el: Element, attribute: string): boolean => FORCED.includes(el.getAttribute(attribute) ?? '');
  const isBlock = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return BLOCK_DISPLAYS.includes(style.display) && style.position === 'static' && style.float === 'none';
  };
  /** Where the page's blocks end (their boxes: whole line boxes, margins left out), and their right edge. */
  const extent = (flow: Element): { bottom: number; right: number } => {
    let bottom = -Infinity;
    let right = -Infinity;
    for (const el of Array.from(flow.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      bottom = Math.max(bottom, rect.bottom);
      right = Math.max(right, rect.right);
    }
    return { bottom, right };
  };

  /** How many more ruled lines fit under the page's last room to write, and the line to copy. */
  function writingRoomFor(flow: Element, area: DOMRect): { spaces: HTMLElement[]; model: Element; count: number } | undefined {
    const spaces = Array.from(flow.querySelectorAll<HTMLElement>(settings.writingRoom.space));
    const model = spaces.at(-1)?.querySelector(settings.writingRoom.line);
    if (!model) return undefined;
    const height = model.getBoundingClientRect().height;
    if (!(height > 0)) return undefined;
    const count = Math.floor((area.bottom - extent(flow).bottom) / height);
    return count > 0 ? { spaces, model, count } : undefined;
  }

  // Each page's boxes are laid out apart from every other page's (a page has a fixed
  // size), so all pages are read first, then written, then read again: a few layouts of
  // the book instead of two a page, each costing more the longer the book (x50, 912
  // pages: 2.7-4.1 s -> 1.0-1.6 s; x10 about the same either way).
  interface Candidate { flow: HTMLElement; area: DOMRect }
  const candidates: Candidate[] = [];
  for (let i = 0; i + 1 < pages.length; i++) {
    const page = pages[i]!;
    const next = pages[i + 1]!;
    if (!pair && filled?.pages.has(page)) continue;
    if (page.classList.contains('pagedjs_blank_page') || next.classList.contains('pagedjs_blank_page')) continue;
    const flow = flowOf(page);
    const nextFlow = flowOf(next);
    if (!flow || !nextFlow) continue;
    // The text must run on: no forced break after this page's last block or before the next page's first.
    if (edge(flow, false).some((el) => forced(el, 'data-break-after'))) continue;
    if (edge(nextFlow, true).some((el) => forced(el, 'data-break-before'))) continue;
    candidates.push({ flow, area: flow.parentElement!.getBoundingClientRect() });
  }

  // Room to write first (from the page's last question back), before any gap grows.
  const rooms = candidates.map(({ flow, area }) => writingRoomFor(flow, area));
  for (const room of rooms) {
    if (!room) continue;
    const { spaces, model, count } = room;
    for (let k = spaces.length - 1, spare = count; spare > 0; k = k > 0 ? k - 1 : spaces.length - 1, spare--) spaces[k]!.appendChild(model.cloneNode());
    report.writingLines += count;
  }

  const plans: Plan[] = [];
  for (const { flow, area } of candidates) {
    const body = flow.querySelector('p');
    if (!body) continue;
    const line = px(getComputedStyle(body).lineHeight);
    // A pixel short of the foot: a page grown to fit to the hair (Chromium lays out in
    // 1/64 px) could break its last block into Paged.js's overflow column, and be undone.
    // Four of the handout's pages were, once quotations after a lead-in could grow.
    const room = area.bottom - extent(flow).bottom - 1;
    if (!(line > 0) || room < 0.5) continue;

    // The gaps: a block after another on this page, both laid out as blocks.
    const gaps: Array<{ el: HTMLElement; margin: number; most: number }> = [];
    for (const el of Array.from(flow.querySelectorAll<HTMLElement>('*'))) {
      const previous = el.previousElementSibling;
      if (!previous || !isBlock(el) || !isBlock(previous)) continue;
      // Kept with what precedes it (the text after a heading, an attribution): no gap to
      // grow. After a lead-in ending in a colon (lead-ins.ts) the gap is an ordinary one
      // around a quotation, code or a list: kept from breaking, free to grow.
      const kept = el.hasAttribute('data-keep-with-previous') && !el.classList.contains('after-lead-in');
      if (kept || el.tagName === 'FIGCAPTION' || el.closest('.pagedjs_footnote_area')) continue;
      const paragraphs = el.matches(PARAGRAPH) && previous.matches(PARAGRAPH);
      const most = (paragraphs ? settings.paragraphGapLines : settings.blockGapLines) * line;
      const top = px(getComputedStyle(el).marginTop);
      const above = px(getComputedStyle(previous).marginBottom);
      // Margins that collapse: the wider of the two is the gap; negative ones are left alone.
      if (top < 0 || above < 0) continue;
      gaps.push({ el, margin: Math.max(top, above), most });
    }
    const capacity = gaps.reduce((sum, gap) => sum + gap.most, 0);
    if (capacity <= 0) continue;
    const share = Math.min(1, room / capacity);
    plans.push({ flow, area, line, gaps: gaps.map(({ el, margin, most }) => ({ el, before: el.style.marginTop, grown: `${(margin + most * share).toFixed(2)}px` })) });
  }
  for (const plan of plans) for (const { el, grown } of plan.gaps) el.style.marginTop = grown;
  // A page filled as it was made is checked with the rest, once the book is laid out again
  // after pagination: checked there and then, it was laid out a second time in every page's
  // hook (registerPageFilling).
  if (pair) {
    filled?.grown.push(...plans);
    return report;
  }

  // Nothing past the text area's foot, nothing pushed into a column beyond its right
  // edge (Paged.js's overflow column starts far out; a hanging comma reaches a hair past it).
  // A page filled as it was made has moved since (the pages before it are back): its area is read again.
  const checked = [...(filled?.grown ?? []).map((plan) => ({ ...plan, area: plan.flow.parentElement!.getBoundingClientRect() })), ...plans];
  const overflowing = checked.filter(({ flow, area, line }) => {
    const after = extent(flow);
    return after.bottom > area.bottom + 0.5 || after.right > area.right + line / 2;
  });
  for (const plan of overflowing) for (const { el, before } of plan.gaps) el.style.marginTop = before;
  report.undone = overflowing.length;
  report.justified = checked.length - overflowing.length;
  return report;
}

/**
 * Fills each page as soon as Paged.js has made the page after it (which says whether the
 * text runs on), while the page is still in the document and laid out: its gaps are read
 * and grown there, and whether anything then runs past its foot is checked with the other
 * pages' after pagination, when the book is laid out again anyway. Filled after pagination
 * alone, every page was read once the book was back in the document, and the print laid out
 * again every page whose gaps had grown (x10: 'filling the pages' 0.12 s, the print 0.1 s
 * longer). By the hook's turn the page is as Paged.js leaves it: its notes carried over, its
 * split elements marked (Splits, then the page rules), and Paged.js's hyphen after a whole
 * word is dropped first, as after pagination. A page with a page reference Paged.js has not
 * yet resolved (`target-counter()` to a later page: the contents) changes when it is, so it
 * waits for the filling after pagination. The same PDFs to the byte (docs/speed.md).
 *
 * Runs in the page (puppeteer serialises it): it must not refer to anything outside its own
 * body; it finds `justifyPages` and `dropStrayHyphens` on `window` under the names `globals`
 * gives, put there first.
 */
export function registerPageFilling(settings: VerticalJustifySettings, globals: { justify: string; dropStrayHyphens: string; filled: string }): void {
  interface PagedGlobal {
    Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => object;
    registerHandlers(...handlers: unknown[]): void;
  }
  type Justify = (settings: VerticalJustifySettings, filledGlobal: string, pair: [HTMLElement, HTMLElement]) => VerticalJustifyReport;
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;
  const global = window as unknown as Record<string, unknown>;
  const filled: FilledPages = { pages: new WeakSet(), count: 0, grown: [], writingLines: 0 };
  global[globals.filled] = filled;
  /** The elements Paged.js gives a page number to (`target-counter()`), and the attribute it marks each with once it has. */
  const references: Array<{ selector: string; resolved: string }> = [];
  class FillPagesAsMade extends paged.Handler {
    // Paged.js has rewritten the stylesheets by now: `target-counter(…)` became
    // `counter(target-counter-<id>)`, which TargetCounters sets once the page is known,
    // marking the element `data-target-counter-<id>`.
    afterParsed(): void {
      for (const sheet of Array.from(document.styleSheets)) {
        let rules: CSSRuleList;
        try {
          rules = sheet.cssRules;
        } catch {
          continue;
        }
        // Grouping rules (@media, @supports, @layer) hold rules of their own.
        const read = (list: CSSRuleList): void => {
          for (const rule of Array.from(list)) {
            if ('cssRules' in rule && !(rule instanceof CSSStyleRule)) read((rule as CSSGroupingRule).cssRules);
            if (!(rule instanceof CSSStyleRule)) continue;
            const counter = /counter\((target-counter-[A-Za-z0-9-]+)/.exec(rule.style.content);
            if (!counter) continue;
            for (const selector of rule.selectorText.split(',')) references.push({ selector: selector.split(/::?(?:after|before|marker)\b/)[0]!.trim() || '*', resolved: `data-${counter[1]}` });
          }
        };
        read(rules);
      }
    }

    afterPageLayout(pageElement: Element): void {
      const previous = pageElement.previousElementSibling;
      if (!(previous instanceof HTMLElement) || !previous.classList.contains('pagedjs_page') || !(pageElement instanceof HTMLElement)) return;
      if (filled.pages.has(previous)) return;
      try {
        for (const { selector, resolved } of references) if (previous.querySelector(`${selector}:not([${resolved}])`)) return;
      } catch {
        // A selector this cannot read: the page waits for the filling after pagination.
        return;
      }
      // Paged.js's hyphen after a whole word first, as after pagination: on its own line, it
      // made the page a line longer than it prints (dropStrayHyphens).
      (global[globals.dropStrayHyphens] as (within: Element) => number)(previous);
      const report = (global[globals.justify] as Justify)(settings, globals.filled, [previous, pageElement]);
      filled.pages.add(previous);
      filled.count++;
      filled.writingLines += report.writingLines;
    }
  }
  paged.registerHandlers(FillPagesAsMade);
}
