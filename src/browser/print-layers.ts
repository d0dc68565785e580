/**
 * Paged.js's page boxes made plain for the print, where that changes nothing the print shows.
 * Each page of its template holds some ten boxes that Chromium paints as layers of their own:
 * four bleed boxes and three note boxes that clip (`overflow: hidden`), the page box, the text
 * area and the note area (`position: relative`), and the sheet. Chromium prints page by page,
 * and each page's paint goes through the layers of the whole book, so that the print took time
 * in the square of the page count (README, "Speed and memory").
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
 * `flattenPageLayers` runs in the page (puppeteer serialises it): it must not refer to anything
 * outside its own body. It adds one style sheet, once the pages are laid out, filled and checked.
 */
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
