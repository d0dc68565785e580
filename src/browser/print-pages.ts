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

  const lettersOf = (text: string): string[] => Array.from(text).filter((ch) => !NOT_LETTER.test(ch));

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
  /** The letters of a text node as the source has them: without the hyphen Paged.js adds to a word it breaks. */
  const sourceLetters = (node: Text): string[] => {
    // The hyphen the line breaker wrote where a line ends at a soft hyphen (line-breaker.ts).
    if (node.parentElement?.classList.contains(LINE_HYPHEN_CLASS)) return [];
    const hyphenated = node.parentElement?.closest(`.${HYPHEN_CLASS}`);
    const text = hyphenated && node.data.endsWith('-') && lastTextIn(hyphenated) === node ? node.data.slice(0, -1) : node.data;
    return lettersOf(text);
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
      if (!parent || parent.closest(SKIPPED)) continue;
      const letters = sourceLetters(node);
      if (letters.length === 0) continue;
      const anchors: string[] = [];
      for (let el: Element | null = parent.closest('[data-anchor]'); el; el = el.parentElement?.closest('[data-anchor]') ?? null) {
        anchors.push(el.getAttribute('data-anchor') as string);
      }
      const innermost = anchors[0];
      if (!start && innermost !== undefined && !parent.closest(FLOATED)) {
        // The block's next letters, from this text on (within the block), for the EPUB side to check.
        let sample = letters.join('');
        const blockWalker = document.createTreeWalker(parent.closest('[data-anchor]') as Element, NodeFilter.SHOW_TEXT);
        blockWalker.currentNode = node;
        for (let next = blockWalker.nextNode() as Text | null; next && sample.length < 32; next = blockWalker.nextNode() as Text | null) {
          if (!next.parentElement?.closest(SKIPPED)) sample += sourceLetters(next).join('');
        }
        start = { anchor: innermost, letters: consumed.get(innermost) ?? 0, text: Array.from(sample).slice(0, 32).join('') };
      }
      for (const anchor of anchors) consumed.set(anchor, (consumed.get(anchor) ?? 0) + letters.length);
    }
    pages.push({ number, start });
  }
  return pages;
}
