/**
 * After pagination, every block of the source must be on some page, in order. Paged.js
 * is known to drop content silently (pagedjs#130, #154, #251); a lost paragraph in a
 * printed pamphlet is worse than a failed build. The print HTML numbers its blocks
 * (`data-seq`, with `data-src` = line:column in the part, print-html.ts); these two
 * functions run in the page, before and after Paged.js, and the difference is the loss.
 */

/** A block the layout lost: its number, its place in the part and what it was. */
export interface LostBlock {
  seq: number;
  src: string;
  tag: string;
}

/** Thrown by the session when blocks were lost; the print renderer names their places. */
export class LayoutLossError extends Error {
  constructor(
    readonly label: string,
    readonly lost: readonly LostBlock[],
  ) {
    super(`${label}: the page layout lost ${lost.length} block(s) of the text`);
    this.name = 'LayoutLossError';
  }
}

/** In the page, before Paged.js: the numbered blocks of the source, in order. */
export function recordBlocks(): void {
  const blocks = [...document.querySelectorAll('[data-seq]')].map((el) => ({
    seq: Number(el.getAttribute('data-seq')),
    src: el.getAttribute('data-src') ?? '',
    tag: el.tagName.toLowerCase(),
  }));
  (window as unknown as { __pamphletBlocks: typeof blocks }).__pamphletBlocks = blocks;
}

/**
 * In the page, after Paged.js: the recorded blocks found on no page. A block Paged.js
 * splits across pages is there twice, a moved note or a floated figure elsewhere on its
 * page: presence is what counts for those; the text's own blocks must also keep their order.
 */
export function lostBlocks(): Array<{ seq: number; src: string; tag: string }> {
  const expected = (window as unknown as { __pamphletBlocks?: Array<{ seq: number; src: string; tag: string }> }).__pamphletBlocks ?? [];
  const onPages = [...document.querySelectorAll('.pagedjs_pages [data-seq]')];
  const found = new Set(onPages.map((el) => Number(el.getAttribute('data-seq'))));
  const lost = expected.filter((block) => !found.has(block.seq));
  // Order: the first appearance of each text block (not notes or figures, which move).
  const seen = new Set<number>();
  let last = 0;
  for (const el of onPages) {
    if (el.closest('.pagedjs_footnote_area, figure.figure, span.footnote')) continue;
    const seq = Number(el.getAttribute('data-seq'));
    if (seen.has(seq)) continue;
    seen.add(seq);
    if (seq < last) {
      const block = expected.find((b) => b.seq === seq);
      if (block && !lost.includes(block)) lost.push(block);
    }
    last = Math.max(last, seq);
  }
  return lost;
}

/**
 * Front-matter pages set one page high (the title page's centred column, the imprint at the
 * foot of the title page's back): Paged.js 0.4.3 carries none of their lines over to the next
 * page, so what does not fit is cut off, silently, and the block check above cannot see it
 * (the blocks are there, drawn off the page). Their classes, in `print.css` and `house.css`;
 * each has a `-long` form set as plain blocks, which runs on over the pages.
 */
export const ONE_PAGE_FRONT_MATTER = ['title-page', 'imprint-page'] as const;

/**
 * In the page, after Paged.js: which of these pages have a line outside their box. Runs in
 * the page (puppeteer serialises it): it must not refer to anything outside its own body.
 */
export function overflowingFrontMatter(classes: readonly string[]): string[] {
  const over: string[] = [];
  for (const name of classes) {
    for (const page of Array.from(document.querySelectorAll<HTMLElement>(`.pagedjs_pages .${name}:not(.${name}-long)`))) {
      const box = page.getBoundingClientRect();
      const out = page.scrollHeight > page.clientHeight + 1 || Array.from(page.children).some((child) => {
        const r = child.getBoundingClientRect();
        return r.height > 0 && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
      });
      if (out && !over.includes(name)) over.push(name);
    }
  }
  return over;
}

/** In the page, before Paged.js: these front-matter pages set in their `-long` form. */
export function setFrontMatterLong(classes: readonly string[]): void {
  for (const name of classes) for (const el of Array.from(document.querySelectorAll(`.${name}`))) el.classList.add(`${name}-long`);
}
