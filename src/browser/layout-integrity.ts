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
  /** On its pages, but cut off at a page's foot: a table row taller than the page even as blocks (cutContent). */
  cut?: boolean;
  /** On its pages, but with other letters and figures there than in the book: `[on the pages, written]`. */
  short?: [number, number];
  /** On its pages, but running past the foot of a page's text area, where the page cuts it off. */
  past?: boolean;
  /** On its pages, but running past the page's edge at a side, where the page cuts it off. */
  edge?: boolean;
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
  // The front matter, which has no numbered blocks, by its classes (print.css, house.css, handout.css).
  const FRONT_MATTER_CHECKED = ['title-page', 'imprint-page', 'handout-title'];
  // Each block's own letters and figures (those of the blocks inside it are theirs): a block
  // can be on its page with lines of it gone. Paged.js found where a page began inside a
  // paragraph by searching the paragraph for the rest of its text, so a paragraph repeating
  // itself lost all but two pages of it, silently (patch 14 mends that; this sees any other).
  // Letters and figures (\p{L}, \p{N}), in UTF-16 units as the length of the text with all else
  // replaced away would count them: ASCII by its codes, the rest a character (or a surrogate
  // pair) at a time. The replace over the book's text took most of this function (x10: some
  // 30 ms of its 50), and this pass runs while the build waits.
  const LETTER = /[\p{L}\p{N}]/u;
  const lettersIn = (text: string): number => {
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) count++;
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        if (LETTER.test(text.slice(i, i + 2))) count += 2;
        i++;
      } else if (LETTER.test(text[i]!)) count++;
    }
    return count;
  };
  // A block's text nodes share a few parents (a paragraph, its line breaks): each parent's block found once.
  const blockOf = new Map<Element, Element | null>();
  const letters = new Map<Element, number>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const parent = text.parentElement;
    if (!parent) continue;
    let block = blockOf.get(parent);
    if (block === undefined) blockOf.set(parent, (block = parent.closest('[data-seq]')));
    if (block) letters.set(block, (letters.get(block) ?? 0) + lettersIn(text.nodeValue ?? ''));
  }
  const blocks = [...document.querySelectorAll('[data-seq]')].map((el) => ({
    seq: Number(el.getAttribute('data-seq')),
    src: el.getAttribute('data-src') ?? '',
    tag: el.tagName.toLowerCase(),
    letters: letters.get(el) ?? 0,
    head: el.closest('thead') !== null,
  }));
  (window as unknown as { __pamphletBlocks: typeof blocks }).__pamphletBlocks = blocks;
  // For lostBlocks, which counts the letters on the pages the same way.
  (window as unknown as { __pamphletLettersIn: typeof lettersIn }).__pamphletLettersIn = lettersIn;
  // The front matter's letters and figures, to compare with those of its parts on the pages
  // (cutContent): it has no numbered blocks, and Paged.js cut a title of 1,800 "Long Title"s
  // short after 177, silently.
  const front: Record<string, string> = {};
  for (const name of FRONT_MATTER_CHECKED) {
    const el = document.querySelector(`.${name}`);
    if (el) front[name] = (el.textContent ?? '').replace(/[^\p{L}\p{N}]+/gu, '');
  }
  (window as unknown as { __pamphletFrontMatter: typeof front }).__pamphletFrontMatter = front;
}

/**
 * In the page, after Paged.js: the recorded blocks found on no page. A block Paged.js
 * splits across pages is there twice, a moved note or a floated figure elsewhere on its
 * page: presence is what counts for those; the text's own blocks must also keep their order.
 */
export function lostBlocks(): LostBlock[] {
  const expected = (window as unknown as { __pamphletBlocks?: Array<{ seq: number; src: string; tag: string; letters: number; head: boolean }> }).__pamphletBlocks ?? [];
  const onPages = [...document.querySelectorAll('.pagedjs_pages [data-seq]')];
  const found = new Set(onPages.map((el) => Number(el.getAttribute('data-seq'))));
  const lost: LostBlock[] = expected.filter((block) => !found.has(block.seq)).map(({ seq, src, tag }) => ({ seq, src, tag }));
  // Letters on the pages, by block: a block split over pages counts on each, and its parts
  // hold its letters exactly once. More is as wrong as fewer: when Paged.js cannot lay a
  // paragraph out ("Unable to layout item") it leaves the whole of it on a page, drawn to
  // the page's height, and moves on. A table's head, repeated on each page, is not counted.
  const printed = new Map<number, number>();
  const pages = document.querySelector('.pagedjs_pages');
  if (pages) {
    // Counted as recordBlocks counted them, with its counter (its comment says why so); without
    // it, recordBlocks did not run in this page and no block is expected.
    const lettersIn = (window as unknown as { __pamphletLettersIn?: (text: string) => number }).__pamphletLettersIn ?? (() => 0);
    // Each parent's block (its number; 0 for none, or a table's head) found once.
    const seqOf = new Map<Element, number>();
    const walker = document.createTreeWalker(pages, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = text.parentElement;
      if (!parent) continue;
      let seq = seqOf.get(parent);
      if (seq === undefined) {
        const block = parent.closest('[data-seq]');
        seqOf.set(parent, (seq = !block || block.closest('thead') ? 0 : Number(block.getAttribute('data-seq'))));
      }
      if (seq) printed.set(seq, (printed.get(seq) ?? 0) + lettersIn(text.nodeValue ?? ''));
    }
  }
  for (const block of expected) {
    const count = printed.get(block.seq) ?? 0;
    if (found.has(block.seq) && count !== block.letters && !block.head) lost.push({ seq: block.seq, src: block.src, tag: block.tag, short: [count, block.letters] });
  }
  // And on the pages but past the foot of the page's text area, where the page cuts it off:
  // what Paged.js left of a paragraph it could not break ("Unable to layout item"), drawn on
  // below the page, its letters all in the DOM; or past the page's edge at either side, which
  // no print shows (a quotation set as a table, `blockquote { display: table }`, printed its
  // paragraphs one line each, cut at the page's edge). Notes have their own area, and rows
  // theirs (cutContent).
  const areas = new Map<Element, { foot: number; left: number; right: number }>();
  for (const el of onPages) {
    if (el.closest('.pagedjs_footnote_area, thead') || el.tagName === 'TR') continue;
    const area = el.closest('.pagedjs_area');
    if (!area) continue;
    let bounds = areas.get(area);
    if (bounds === undefined) {
      const sheet = area.closest('.pagedjs_page') ?? area;
      const edges = sheet.getBoundingClientRect();
      areas.set(area, (bounds = { foot: area.getBoundingClientRect().bottom, left: edges.left, right: edges.right }));
    }
    const seq = Number(el.getAttribute('data-seq'));
    const rect = el.getBoundingClientRect();
    let past = rect.bottom > bounds.foot + 1;
    let edge = rect.width > 0 && (rect.right > bounds.right + 1 || rect.left < bounds.left - 1);
    // The box is out there; what counts is whether anything of it that prints is. A code
    // block's empty last line (a line's height, nothing drawn) that reaches a hair past the
    // page's foot is carried into Paged.js's overflow column, far to the right, and Paged.js,
    // which looks for text or a box that starts out there, leaves it: the block's box spans
    // the two, and a README's code block was refused as running past the edge.
    if (past || edge) [past, edge] = drawnOut(el, bounds);
    if ((past || edge) && !lost.some((one) => one.seq === seq)) {
      lost.push({ seq, src: el.getAttribute('data-src') ?? '', tag: el.tagName.toLowerCase(), ...(past ? { past: true } : { edge: true }) });
    }
  }
  /**
   * Whether something `el` draws lies past the area's foot, and whether something lies past a
   * side of the page: its letters, or a picture (a paragraph of one image has none).
   */
  function drawnOut(el: Element, bounds: { foot: number; left: number; right: number }): [boolean, boolean] {
    let past = false;
    let edge = false;
    const out = (box: DOMRect): void => {
      if (box.width === 0 && box.height === 0) return;
      past ||= box.bottom > bounds.foot + 1;
      edge ||= box.right > bounds.right + 1 || box.left < bounds.left - 1;
    };
    // Inside this function: it is serialised into the page with nothing around it.
    for (const picture of el.querySelectorAll('img, svg, picture, canvas, video, object, embed, math')) for (const box of picture.getClientRects()) out(box);
    const range = document.createRange();
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text && !(past && edge); text = texts.nextNode()) {
      if (!/[^\s\u00ad]/.test(text.nodeValue ?? '')) continue;
      range.selectNodeContents(text);
      for (const box of range.getClientRects()) if (box.width > 0) out(box);
    }
    return [past, edge];
  }
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
      if (block && !lost.some((one) => one.seq === seq)) lost.push({ seq: block.seq, src: block.src, tag: block.tag });
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

/** What a layout cut off where the block check cannot see it, each mended by laying the book out again. */
export interface CutContent {
  /** Front-matter pages (their classes) with a line outside their one page. */
  frontMatter: string[];
  /** Table rows taller than the page (`data-seq`, `data-src`). */
  rows: Array<{ seq: number; src: string }>;
}

/**
 * In the page, after Paged.js: the front-matter pages of `classes` with a line outside their
 * box, and the table rows taller than the page. The page-break rules break a table only
 * between rows (paged-rules.ts), so a row on more than one page is taller than the page, and
 * Paged.js 0.4.3 breaks each of its cells at a line of its own: the lines of a long cell beside
 * a short one were missing from the print at every page turn, silently (a cell of 1,500 words
 * lost some fifteen lines at each), though every word was still in the page's DOM. A row it
 * could not break (a picture in it) runs past the page's foot instead; in a table set as
 * blocks too, when a house style lets a picture be taller than the page. A table's head, which
 * Paged.js repeats on each page, does not count. Runs in the page (puppeteer serialises it): it
 * must not refer to anything outside its own body.
 */
export function cutContent(classes: readonly string[]): CutContent {
  const frontMatter: string[] = [];
  // Any front matter whose parts on the pages hold other letters than it had: cut short.
  const recorded = (window as unknown as { __pamphletFrontMatter?: Record<string, string> }).__pamphletFrontMatter ?? {};
  for (const [name, letters] of Object.entries(recorded)) {
    const onPages = Array.from(document.querySelectorAll(`.pagedjs_pages .${name}`)).map((el) => (el.textContent ?? '').replace(/[^\p{L}\p{N}]+/gu, '')).join('');
    if (onPages !== letters) frontMatter.push(name);
  }
  for (const name of classes) {
    for (const page of Array.from(document.querySelectorAll<HTMLElement>(`.pagedjs_pages .${name}:not(.${name}-long)`))) {
      const box = page.getBoundingClientRect();
      const out = page.scrollHeight > page.clientHeight + 1 || Array.from(page.children).some((child) => {
        const r = child.getBoundingClientRect();
        return r.height > 0 && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
      });
      if (out && !frontMatter.includes(name)) frontMatter.push(name);
    }
  }
  const parts = new Map<number, number>();
  const cut = new Map<number, string>();
  for (const row of Array.from(document.querySelectorAll('.pagedjs_pages tr[data-seq]'))) {
    if (row.closest('thead')) continue;
    const seq = Number(row.getAttribute('data-seq'));
    const src = row.getAttribute('data-src') ?? '';
    const area = row.closest('.pagedjs_area');
    if (area && row.getBoundingClientRect().bottom > area.getBoundingClientRect().bottom + 1) cut.set(seq, src);
    if (row.closest('table.table-stacked')) continue;
    const count = (parts.get(seq) ?? 0) + 1;
    parts.set(seq, count);
    if (count > 1) cut.set(seq, src);
  }
  return { frontMatter, rows: [...cut].map(([seq, src]) => ({ seq, src })) };
}

/**
 * In the page, before Paged.js: what an earlier layout cut, set so that it is not cut again:
 * the front-matter pages of `long` in their `-long` form, the tables holding the rows of
 * `stacked` as blocks (`table-stacked`, print.css: each cell a paragraph Paged.js breaks like
 * any other).
 */
export function mendCutContent(mend: { long: readonly string[]; stacked: readonly number[] }): void {
  for (const name of mend.long) for (const el of Array.from(document.querySelectorAll(`.${name}`))) el.classList.add(`${name}-long`);
  for (const seq of mend.stacked) document.querySelector(`tr[data-seq="${seq}"]`)?.closest('table')?.classList.add('table-stacked');
}
