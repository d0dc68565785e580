/**
 * Paged.js's page boxes made plain for the print, where that changes nothing the print shows.
 * Each page of its template holds some ten boxes that Chromium paints as layers of their own:
 * four bleed boxes and three note boxes that clip (`overflow: hidden`), the page box, the text
 * area and the note area (`position: relative`), and the sheet. Chromium prints page by page,
 * and each page's paint goes through the layers of the whole book, so that the print took time
 * in the square of the page count (docs/speed.md).
 *
 * Made plain, and only then:
 * - the bleed boxes no longer clip when no page shows crop marks: all they hold is the marks,
 *   which Paged.js then does not display;
 * - a note area whose only box is Paged.js's empty note box (not displayed) neither clips nor
 *   is positioned: it holds nothing to clip or to place;
 * - the page box and the text area are not positioned, but on a page where something absolutely
 *   positioned takes either as its containing block (an author's `position: absolute` with no
 *   positioned box of its own around it), which keeps them as they were. Nothing on a page
 *   overlaps what that changes the painting order of: the text area's text is painted in turn
 *   with the margin boxes rather than after them, and the checks refuse text past the area.
 * The sheet keeps its clip: it keeps anything drawn past a page's edge off the page after it.
 *
 * Before that, as Paged.js makes the pages, what they hold that nothing shows goes
 * (`registerEmptyBoxRemoval`): the content box of every margin box with no content, and the
 * crop and cross marks of a page that shows neither.
 *
 * `flattenPageLayers` and `registerEmptyBoxRemoval` run in the page (puppeteer serialises them):
 * they must not refer to anything outside their own bodies. `flattenPageLayers` adds one style
 * sheet, once the pages are laid out, filled and checked.
 */

/** Where the print page keeps what `registerEmptyBoxRemoval` took out, for the trace. */
export const EMPTIED_GLOBAL = '__pamphletEmptiedBoxes';

/** What `registerEmptyBoxRemoval` took out of the pages; false where a style sheet might show it (nothing of that kind taken out). */
export interface EmptiedBoxes {
  /** Content boxes of margin boxes with no content. */
  margins: number | false;
  /** Pages whose crop and cross marks went. */
  marks: number | false;
}
export interface FlattenReport {
  pages: number;
  /** Whether the bleed boxes no longer clip (no crop marks on any page). */
  bleeds: boolean;
  /** Pages whose page box and text area stay positioned for what is placed in them. */
  kept: number;
  /** Whether positions are known at all (false: a style sheet or selector could not be read; nothing unpositioned). */
  known: boolean;
}

export function flattenPageLayers(): FlattenReport {
  const PAGE_BOXES = ['pagedjs_pagebox', 'pagedjs_page_content'];
  const book = document.querySelector('.pagedjs_pages');
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  const report: FlattenReport = { pages: pages.length, bleeds: false, kept: 0, known: true };
  if (!book || pages.length === 0) return report;

  // The boxes something absolutely positioned is placed in, found from the rules that position
  // anything that way (and inline styles), not from every element's style: asking each of the
  // x10 book's 76,000 elements would cost more than the print saves.
  const placedIn = new Set<Element>();
  const positionedAbove = new Map<Element, Element | null>();
  const positioned = (el: Element): boolean => getComputedStyle(el).position !== 'static';
  /** The nearest positioned box around `el` (its containing block, were it absolutely positioned). */
  const nearestPositioned = (el: Element): Element | null => {
    const parent = el.parentElement;
    if (!parent) return null;
    let found = positionedAbove.get(parent);
    if (found === undefined) {
      found = positioned(parent) ? parent : nearestPositioned(parent);
      positionedAbove.set(parent, found);
    }
    return found;
  };
  const notePlacement = (el: Element, pseudo: string | null): void => {
    // A pseudo-element is placed in its own element when that is positioned.
    const box = pseudo && positioned(el) ? el : nearestPositioned(el);
    if (!box || !PAGE_BOXES.some((name) => box.classList.contains(name))) return;
    if (getComputedStyle(el, pseudo).position === 'absolute') placedIn.add(box);
  };
  /** Positions that never take the page box or text area as a containing block; anything else may come to `absolute`. */
  const NOT_PLACED = ['static', 'relative', 'sticky', 'fixed'];
  const PSEUDO = /::?(before|after|marker|first-line|first-letter|placeholder|selection|backdrop|file-selector-button)\b(\([^)]*\))?/gi;
  const positioning: string[] = [];
  const collect = (rules: CSSRuleList): void => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSStyleRule) {
        const position = rule.style.getPropertyValue('position').trim();
        // inherit, var(), revert, absolute itself: anything else is followed up.
        if (position && !NOT_PLACED.includes(position)) positioning.push(rule.selectorText);
      }
      // Grouping rules (@media, @supports, @layer, nested style rules) hold rules of their own.
      const inner = (rule as CSSGroupingRule).cssRules;
      if (inner) collect(inner);
    }
  };
  try {
    for (const sheet of Array.from(document.styleSheets)) collect(sheet.cssRules);
    for (const selectorText of positioning) {
      const pseudos = (selectorText.match(PSEUDO) ?? []).map((p) => `::${p.replace(/^::?/, '').replace(/\(.*$/, '')}`);
      for (const el of Array.from(book.querySelectorAll(selectorText.replace(PSEUDO, '') || '*'))) {
        for (const pseudo of pseudos.length ? pseudos : [null]) notePlacement(el, pseudo);
      }
    }
    // Inline styles as the page parsed them (escapes and case resolved), not their text.
    for (const el of Array.from(book.querySelectorAll<HTMLElement>('[style]'))) {
      const position = el.style?.getPropertyValue('position') ?? '';
      if (position && !NOT_PLACED.includes(position)) notePlacement(el, null);
    }
  } catch {
    // A sheet whose rules cannot be read, a selector this cannot take apart: what is placed where is not known.
    report.known = false;
  }

  // Crop marks are shown by Paged.js's variables, which a page's own rules may set.
  report.bleeds = pages.every((page) => {
    const style = getComputedStyle(page.querySelector('.pagedjs_sheet') ?? page);
    return style.getPropertyValue('--pagedjs-mark-crop-display').trim() === 'none' && style.getPropertyValue('--pagedjs-mark-cross-display').trim() === 'none';
  });
  const empty = '.pagedjs_footnote_area:not(:has(> :not(.pagedjs_footnote_empty)))';
  const rules = [
    `${empty} { position: static !important; overflow: visible !important; }`,
    `${empty} > .pagedjs_footnote_content, ${empty} > .pagedjs_footnote_content > .pagedjs_footnote_inner_content { overflow: visible !important; }`,
  ];
  if (report.bleeds) rules.push('.pagedjs_bleed { overflow: visible !important; }');
  if (report.known) {
    rules.push('.pagedjs_pagebox, .pagedjs_page_content { position: static !important; }');
    for (const box of placedIn) {
      (box as HTMLElement).style.setProperty('position', 'relative', 'important');
      const pagebox = box.classList.contains('pagedjs_pagebox') ? box : box.closest('.pagedjs_pagebox');
      if (pagebox && pagebox !== box) (pagebox as HTMLElement).style.setProperty('position', 'relative', 'important');
    }
    report.kept = new Set(Array.from(placedIn, (box) => box.closest('.pagedjs_page'))).size;
  }
  const sheet = document.createElement('style');
  sheet.textContent = rules.join('\n');
  document.head.append(sheet);
  return report;
}

/**
 * Takes out of each page, as Paged.js makes it, the boxes of its template that nothing shows.
 * Every page of the template holds sixteen margin boxes, each with a box for its content, and
 * four bleed boxes holding eight crop marks and four cross marks: some 75 elements, where a
 * page of the x10 book holds some 50 of its own. Each was styled and laid out again in every
 * later pass over the book (the layout after pagination, the print).
 *
 * - The marks of a page that shows neither crop nor cross marks (their display variables
 *   `none`, as Paged.js sets them from `@page { marks }`), as the page is made, before its
 *   layout. Both or neither: the crop marks are placed by their place among the bleed box's
 *   children (`:nth-child`).
 * - The content box of a margin box with no content, once Paged.js has finished the page and
 *   said which have some (`hasContent`; the others are `visibility: hidden`). Empty, with no
 *   generated content (Paged.js writes a margin box's `content` only for one that has some),
 *   in a box whose size is its grid's.
 *
 * Neither goes where a style sheet might show it: a rule for a margin's content box other than
 * Paged.js's own (its generated content, `::after`, and the running heads, `> *`), or one
 * that asks whether a margin or bleed box is empty or what it holds (`:empty`, `:has()`,
 * `:nth-child()` and their kin). A sheet that cannot be read keeps both.
 */
export function registerEmptyBoxRemoval(emptiedGlobal: string): void {
  interface PagedGlobal {
    Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => object;
    registerHandlers(...handlers: unknown[]): void;
  }
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;
  const emptied: EmptiedBoxes = { margins: 0, marks: 0 };
  (window as unknown as Record<string, EmptiedBoxes>)[emptiedGlobal] = emptied;
  /**
   * Paged.js's own rules for a margin's content box: its generated content, the running heads
   * and the box's width. Only these may style it, and none may make it visible.
   */
  const OWN_CONTENT_RULE = /^(?:\.pagedjs_pages \.pagedjs_margin \.pagedjs_margin-content|.*\.pagedjs_margin-content(?:::?(?:after|before)|\s*>\s*\*))$/;
  const STRUCTURAL = /:(?:empty|has|nth-|first-|last-|only-)/;
  const readRules = (rules: CSSRuleList): void => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSStyleRule) {
        const text = rule.selectorText;
        if (text.includes('pagedjs_margin-content') && (rule.style.getPropertyValue('visibility') !== '' || !text.split(',').every((selector) => OWN_CONTENT_RULE.test(selector.trim())))) emptied.margins = false;
        if (STRUCTURAL.test(text)) {
          if (text.includes('pagedjs_margin')) emptied.margins = false;
          if (/pagedjs_(?:bleed|sheet)\b[^,]*:(?:empty|has)/.test(text)) emptied.marks = false;
        }
      }
      // Grouping rules (@media, @supports, @layer, nested style rules) hold rules of their own.
      const inner = (rule as CSSGroupingRule).cssRules;
      if (inner) readRules(inner);
    }
  };
  class RemoveEmptyBoxes extends paged.Handler {
    // By now Paged.js has turned the @page rules into the rules the pages are styled by.
    afterParsed(): void {
      try {
        for (const sheet of Array.from(document.styleSheets)) readRules(sheet.cssRules);
      } catch {
        emptied.margins = false;
        emptied.marks = false;
      }
    }

    beforePageLayout(page: { element?: Element }): void {
      if (emptied.marks === false) return;
      const sheet = page.element?.querySelector('.pagedjs_sheet');
      if (!sheet) return;
      const style = getComputedStyle(sheet);
      if (style.getPropertyValue('--pagedjs-mark-crop-display').trim() !== 'none' || style.getPropertyValue('--pagedjs-mark-cross-display').trim() !== 'none') return;
      for (const bleed of Array.from(sheet.querySelectorAll(':scope > .pagedjs_bleed'))) bleed.replaceChildren();
      emptied.marks++;
    }

    finalizePage(pageElement: Element): void {
      if (emptied.margins === false) return;
      for (const content of Array.from(pageElement.querySelectorAll('.pagedjs_margin:not(.hasContent) > .pagedjs_margin-content'))) {
        if (content.firstChild) continue;
        content.remove();
        emptied.margins++;
      }
    }
  }
  paged.registerHandlers(RemoveEmptyBoxes);
}
