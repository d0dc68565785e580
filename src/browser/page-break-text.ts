/**
 * The PDF's text layer where Paged.js breaks a page inside a paragraph.
 *
 * Paged.js adds a hyphen to the text where it breaks a page inside a word
 * (layout.js `hyphenateAtBreak`). A paragraph set by the line breaker
 * (line-breaker.ts) breaks pages only at its break spans, between two text nodes:
 * Paged.js then tests the empty text left before the break, which its test takes for
 * a letter ("undefined"), and prints a hyphen after a whole word ("but was -"). This
 * removes such a hyphen when the text before it ends in white space or a whole word at
 * a break span, and keeps the one a word broken at its soft hyphen needs.
 *
 * `dropStrayHyphens`, `dropMisprintedSoftHyphens` and `registerFirstLetterRuleRemoval` run in the page (puppeteer serialises it): it must not refer to
 * anything outside its own body. `dropStrayHyphens` runs on each page as it is filled
 * (vertical-justify.ts, `registerPageFilling`), then on the book: a hyphen dropped is gone.
 */
export function dropStrayHyphens(within?: Element): number {
  const HYPHENATED = 'pagedjs_hyphen';
  let dropped = 0;
  for (const content of Array.from((within ?? document).querySelectorAll(within ? '.pagedjs_page_content' : '.pagedjs_pages .pagedjs_page_content'))) {
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    let previous: Text | null = null;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.data === '-' && node.parentElement?.closest(`.${HYPHENATED}`)) {
        // Only a soft hyphen before it asks for a hyphen; the break span's space, or a
        // word ended by a break span, does not.
        const before = previous?.data ?? '';
        const brokenAtSoftHyphen = before.endsWith('\u00AD');
        const atBreakSpan = previous?.parentElement?.classList.contains('line-break') === true || /\s$/.test(before) || before === '';
        if (!brokenAtSoftHyphen && atBreakSpan) {
          node.data = '';
          dropped++;
        }
      }
      previous = node;
    }
  }
  return dropped;
}

/**
 * Takes out of the laid-out pages every soft hyphen the browser did not break a line at.
 * Chromium prints each U+00AD as an invisible glyph in an ActualText span, which the PDF
 * pass (src/render/pdf-soft-hyphens.ts) then has to take out of every page it is on,
 * re-compressing the page: most of a PDF's finishing time. The line breaker's paragraphs
 * have theirs out already (line-breaker.ts); these are the rest: captions, headings,
 * notes and paragraphs the browser broke. A soft hyphen a line breaks at draws the hyphen
 * and stays. Any other is a break not taken; removing it leaves the lines as they were
 * where the block's width does not depend on its content, so only text in blocks of the
 * normal flow is touched (no table, float, flex or grid item, inline block), and a block
 * whose box changes all the same (a balanced caption that finds another balance) gets its
 * soft hyphens back.
 *
 * Runs in the page after dropStrayHyphens (which reads the soft hyphens before Paged.js's
 * hyphens); returns how many soft hyphens it removed.
 */
export function dropUnbrokenSoftHyphens(): number {
  const SHY = '\u00AD';
  const pages = document.querySelector('.pagedjs_pages');
  if (!pages) return 0;
  const FLOW_DISPLAYS = ['block', 'list-item', 'flow-root'];
  const range = document.createRange();
  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (el: Element): CSSStyleDeclaration => {
    let style = styles.get(el);
    if (!style) styles.set(el, (style = getComputedStyle(el)));
    return style;
  };
  /** The block a text is laid out in: its nearest ancestor that is not inline. */
  const isInline = (el: Element): boolean => {
    const { display } = styleOf(el);
    return display.startsWith('inline') && display !== 'inline-block';
  };
  const blockOf = (el: Element): Element => {
    let at = el;
    while (at.parentElement && isInline(at)) at = at.parentElement;
    return at;
  };
  /** Whether the block's width is its container's, from here up to the page's content box. */
  const fixedWidth = new Map<Element, boolean>();
  const inFlow = (el: Element): boolean => {
    const known = fixedWidth.get(el);
    if (known !== undefined) return known;
    const style = styleOf(el);
    const here = el.classList.contains('pagedjs_page_content')
      || (FLOW_DISPLAYS.includes(style.display) && style.float === 'none' && (style.position === 'static' || style.position === 'relative') && el.parentElement !== null && inFlow(el.parentElement));
    fixedWidth.set(el, here);
    return here;
  };

  // Read everything first, then write: no layout between one soft hyphen and the next.
  interface Change { text: Text; before: string; after: string }
  const changes = new Map<Element, Change[]>();
  const walker = document.createTreeWalker(pages, NodeFilter.SHOW_TEXT);
  let dropped = 0;
  for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
    if (!text.data.includes(SHY) || !text.parentElement) continue;
    const block = blockOf(text.parentElement);
    if (!inFlow(block)) continue;
    let after = '';
    let from = 0;
    let removed = 0;
    for (let i = text.data.indexOf(SHY); i >= 0; i = text.data.indexOf(SHY, i + 1)) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      // At a line end the soft hyphen's box holds the hyphen drawn there; elsewhere it has no width.
      if (Array.from(range.getClientRects()).some((rect) => rect.width > 0)) continue;
      after += text.data.slice(from, i);
      from = i + 1;
      removed++;
    }
    if (removed === 0) continue;
    const list = changes.get(block) ?? [];
    list.push({ text, before: text.data, after: after + text.data.slice(from) });
    changes.set(block, list);
    dropped += removed;
  }
  const boxes = new Map<Element, DOMRect>();
  for (const block of changes.keys()) boxes.set(block, block.getBoundingClientRect());
  for (const list of changes.values()) for (const change of list) change.text.data = change.after;
  for (const [block, list] of changes) {
    const was = boxes.get(block)!;
    const now = block.getBoundingClientRect();
    if (Math.abs(now.width - was.width) < 0.01 && Math.abs(now.height - was.height) < 0.01) continue;
    for (const change of list) {
      change.text.data = change.before;
      dropped -= change.before.length - change.after.length;
    }
  }
  return dropped;
}

/**
 * Takes out, before the lines and pages are made, the soft hyphens of text where they can only do
 * harm (an author's; or pamphlet's hyphenation's, in a paragraph a house style sets in small
 * capitals):
 * - with `hyphens: none` (headings) no line may break at one, so none is a break point, yet
 *   Paged.js copies a heading's text with them into the running heads (`string-set: section
 *   content(text)`), which nothing after pagination can reach;
 * - in small capitals (`font-variant-caps`: small-caps, all-small-caps, unicase) from a face
 *   with real ones (the classic theme's `EB Garamond SC`), Chromium draws every soft hyphen as
 *   a hyphen, line end or not: a heading read "ENT-WICK-LUNGS-STU-FEN". A paragraph in
 *   small capitals loses them as break points, which they could not serve.
 * Only reads, then only writes.
 *
 * Runs in the page before the line breaking (line-breaker.ts) and pagination; returns how
 * many soft hyphens it removed.
 */
export function dropMisprintedSoftHyphens(): number {
  const SHY = '\u00AD';
  const SMALL_CAPS = ['small-caps', 'all-small-caps', 'unicase'];
  const harmful = new Map<Element, boolean>();
  const changes: Array<{ text: Text; after: string }> = [];
  let dropped = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
    const parent = text.parentElement;
    if (!parent || !text.data.includes(SHY)) continue;
    let drop = harmful.get(parent);
    if (drop === undefined) {
      const style = getComputedStyle(parent);
      harmful.set(parent, (drop = style.hyphens === 'none' || SMALL_CAPS.includes(style.fontVariantCaps)));
    }
    if (!drop) continue;
    const after = text.data.replaceAll(SHY, '');
    dropped += text.data.length - after.length;
    changes.push({ text, after });
  }
  for (const { text, after } of changes) text.data = after;
  return dropped;
}

/**
 * Paged.js styles the `::first-letter` of a paragraph continued from the page before
 * (to undo a drop cap). That pseudo-element splits the first letter from its word: a
 * page opening with "filled" still shows the "fi" ligature, but the text layer reads
 * "flled". Its values are all `unset`, so the rule changes nothing on the page but the
 * shaping of that first word: it is taken out of Paged.js's stylesheet before the first
 * page is laid out, so the pages are measured as they are printed, and no relayout of the
 * whole book follows (removed after pagination, it restyled and relaid every page: 0.4 s
 * of the ten-fold manuscript's build).
 *
 * Registers a Paged.js handler; runs in the page, after Paged.js has loaded.
 */
export function registerFirstLetterRuleRemoval(): void {
  interface PagedGlobal {
    Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => object;
    registerHandlers(...handlers: unknown[]): void;
  }
  const paged = (window as unknown as { Paged: PagedGlobal }).Paged;
  class DropSplitFirstLetter extends paged.Handler {
    // Paged.js's base stylesheet and the print stylesheets are in the document by now.
    beforeParsed(): void {
      for (const sheet of Array.from(document.styleSheets)) {
        let rules: CSSRuleList;
        try {
          rules = sheet.cssRules;
        } catch {
          continue;
        }
        for (let i = rules.length - 1; i >= 0; i--) {
          const rule = rules[i];
          if (rule instanceof CSSStyleRule && rule.selectorText.includes('data-split-from') && rule.selectorText.includes('first-letter')) sheet.deleteRule(i);
        }
      }
    }
  }
  paged.registerHandlers(DropSplitFirstLetter);
}
