/**
 * Where each printed page begins in the text, read off the laid-out pages: the EPUB's
 * page-list (src/render/epub/page-list.ts) puts a marker there. Runs in the page after
 * Paged.js (puppeteer serialises the function, so it refers to nothing outside its body).
 *
 * The print HTML marks the blocks that the EPUB has too with `data-anchor`
 * (src/render/anchors.ts). A place is "this block, after so many letters of it", where a
 * letter is any character but white space and invisible format characters (soft hyphens,
 * zero-width spaces): the print HTML has soft hyphens and break hints the EPUB lacks, and
 * splits code into lines, but both have the same letters in the same order.
 */

/** One page of the laid-out pamphlet. */
export interface LaidOutPage {
  /** The number printed on the page (the `page` counter), or null where it prints none: title, contents, blank pages. */
  number: string | null;
  /**
   * Where the page's own text begins: the innermost marked block, how many of its letters
   * came before (on earlier pages) and the next letters of the block (at most 32), which
   * the EPUB side checks. Null for a page with no text of a marked block.
   */
  start: PageStart | null;
}

export interface PageStart {
  anchor: string;
  letters: number;
  text: string;
}

/** The attribute print-html.ts puts on every block the EPUB has too. */
export const ANCHOR_ATTRIBUTE = 'data-anchor';

export function readPrintPages(): LaidOutPage[] {
  /** A letter: neither white space nor an invisible format character (U+00AD, U+200B, …). */
  const NOT_LETTER = /[\s\p{Cf}]/u;
  // Not text of the page's flow: notes (at the page foot, counted where the EPUB has
  // them, in their asides), the numbers of note calls (the EPUB skips them too), table
  // headers repeated on a later page, figures hidden until the next page.
  const SKIPPED = 'span.footnote, .pagedjs_footnote_area, [data-footnote-call], a.noteref, [data-repeated-header], [data-deferred]';
  // A picture that floated to the top of a page belongs to the text before it: the page
  // starts with the first line of text, not with the picture's caption.
  const FLOATED = 'figure.figure, [data-floated]';
  // Paged.js adds the hyphen of a word broken across pages to the text (layout.js hyphenateAtBreak).
  const HYPHEN_CLASS = 'pagedjs_hyphen';
  const LINE_HYPHEN_CLASS = 'line-hyphen';

  /**
   * The letters of `text` before `end`, counted as characters (a surrogate pair is one), as
   * `lettersOf(text.slice(0, end))` would give them, without a string or array made for
   * each text of the book: ASCII by its codes (no format character is ASCII), the rest a
   * character at a time.
   */
  const countLetters = (text: string, end: number = text.length): number => {
    let count = 0;
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if (code !== 32 && (code < 9 || code > 13)) count++;
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        if (!NOT_LETTER.test(text.slice(i, i + 2))) count++;
        i++;
      } else if (!NOT_LETTER.test(text[i] as string)) count++;
    }
    return count;
  };
  const lettersOf = (text: string): string => Array.from(text).filter((ch) => !NOT_LETTER.test(ch)).join('');

  /** The number a page prints: our stylesheet sets `counter(page)` in a margin box, or nothing (`content: none`). */
  const printedNumber = (page: HTMLElement): string | null => {
    for (const box of Array.from(page.querySelectorAll('.pagedjs_margin-content'))) {
      const content = getComputedStyle(box, '::after').content;
      // print.css never resets the page counter, so its value is Paged.js's page number.
      if (/counter\(\s*page\s*\)/.test(content)) return page.dataset.pageNumber ?? null;
    }
    return null;
  };

  const lastTextIn = (el: Element): Text | null => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
    return last;
  };

  /** What a text's parent says of the text: skipped, or the marked blocks it is in (innermost first), floated, in a broken word. */
  interface ParentFacts {
    skipped: boolean;
    anchors: string[];
    block: Element | null;
    floated: boolean;
    /** The line breaker's hyphen: no letters of the source. */
    lineHyphen: boolean;
    /** The word Paged.js broke across pages, with the hyphen it added. */
    hyphenated: Element | null;
  }
  // Each element asked once, what it inherits from its parent's answer, and the selectors
  // above matched in one pass over the document: `closest()` asked of each text's parent
  // matched all its ancestors again, and `matches()` asked of every element cost nearly as
  // much (a CPU profile of the x10 book: 100 and 87 ms; the function took 230-280 ms, now 60-70).
  const skippedEls = new Set(document.querySelectorAll(SKIPPED));
  const floatedEls = new Set(document.querySelectorAll(FLOATED));
  const factsOf = new Map<Element, ParentFacts>();
  const OUTSIDE: ParentFacts = { skipped: false, anchors: [], block: null, floated: false, lineHyphen: false, hyphenated: null };
  const parentFacts = (el: Element): ParentFacts => {
    let facts = factsOf.get(el);
    if (facts) return facts;
    const up = el.parentElement ? parentFacts(el.parentElement) : OUTSIDE;
    const anchor = el.getAttribute('data-anchor');
    facts = {
      skipped: up.skipped || skippedEls.has(el),
      anchors: anchor === null ? up.anchors : [anchor, ...up.anchors],
      block: anchor === null ? up.block : el,
      floated: up.floated || floatedEls.has(el),
      lineHyphen: el.classList.contains(LINE_HYPHEN_CLASS),
      hyphenated: el.classList.contains(HYPHEN_CLASS) ? el : up.hyphenated,
    };
    factsOf.set(el, facts);
    return facts;
  };
  /** How much of a text node is the source's: not the hyphen Paged.js adds to a word it breaks. */
  const sourceEnd = (node: Text, data: string, facts: ParentFacts): number => {
    // The hyphen the line breaker wrote where a line ends at a soft hyphen (line-breaker.ts).
    if (facts.lineHyphen) return 0;
    return facts.hyphenated && data.endsWith('-') && lastTextIn(facts.hyphenated) === node ? data.length - 1 : data.length;
  };

  /** Letters of every marked block on the pages so far, its nested blocks included. */
  const consumed = new Map<string, number>();
  const pages: LaidOutPage[] = [];
  for (const page of Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'))) {
    const number = printedNumber(page);
    let start: PageStart | null = null;
    const content = page.querySelector('.pagedjs_page_content');
    const walker = content ? document.createTreeWalker(content, NodeFilter.SHOW_TEXT) : null;
    for (let node = walker?.nextNode() as Text | null; node; node = walker?.nextNode() as Text | null) {
      const parent = node.parentElement;
      if (!parent) continue;
      const facts = parentFacts(parent);
      if (facts.skipped) continue;
      const { data } = node;
      const end = sourceEnd(node, data, facts);
      const letters = countLetters(data, end);
      if (letters === 0) continue;
      const { anchors } = facts;
      const innermost = anchors[0];
      if (!start && innermost !== undefined && !facts.floated) {
        // The block's next letters, from this text on (within the block), for the EPUB side to check.
        let sample = lettersOf(data.slice(0, end));
        const blockWalker = document.createTreeWalker(facts.block as Element, NodeFilter.SHOW_TEXT);
        blockWalker.currentNode = node;
        for (let next = blockWalker.nextNode() as Text | null; next && sample.length < 32; next = blockWalker.nextNode() as Text | null) {
          const nextFacts = next.parentElement ? parentFacts(next.parentElement) : undefined;
          if (nextFacts && !nextFacts.skipped) sample += lettersOf(next.data.slice(0, sourceEnd(next, next.data, nextFacts)));
        }
        start = { anchor: innermost, letters: consumed.get(innermost) ?? 0, text: Array.from(sample).slice(0, 32).join('') };
      }
      for (const anchor of anchors) consumed.set(anchor, (consumed.get(anchor) ?? 0) + letters);
    }
    pages.push({ number, start });
  }
  return pages;
}
