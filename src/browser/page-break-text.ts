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
 * `dropStrayHyphens` and `registerFirstLetterRuleRemoval` run in the page (puppeteer serialises it): it must not refer to
 * anything outside its own body.
 */
export function dropStrayHyphens(): number {
  const HYPHENATED = 'pagedjs_hyphen';
  let dropped = 0;
  for (const content of Array.from(document.querySelectorAll('.pagedjs_pages .pagedjs_page_content'))) {
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
