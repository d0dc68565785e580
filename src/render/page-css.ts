/**
 * The @page rules that come from pamphlet.yaml rather than from print.css: size,
 * margins mirrored for facing pages, and the printer's bleed and crop marks.
 */
import type { PageGeometry, ResolvedConfig } from '../config/types.js';
import { wordsFor } from '../words.js';
import { cssString } from '../style/css-text.js';

/** A CSS length as the config gives it; anything else would inject CSS. */
function cssLength(value: string, what: string): string {
  const trimmed = value.trim();
  if (!/^(0|\d+(\.\d+)?(mm|cm|in|pt|pc|px|q))$/i.test(trimmed)) {
    throw new Error(`page ${what}: "${value}" is not a CSS length such as 15mm or 0.75in`);
  }
  return trimmed;
}

function isZero(length: string): boolean {
  return /^0(\.0+)?[a-z]*$/i.test(length.trim());
}

/** `cover`: the URL of the cover image, when the part has one. */
export function pageCss(page: PageGeometry, print: ResolvedConfig['print'], cover?: string): string {
  const width = cssLength(page.width, 'width');
  const height = cssLength(page.height, 'height');
  const { top, bottom, inside, outside } = page.margins;
  const m = {
    top: cssLength(top, 'top margin'),
    bottom: cssLength(bottom, 'bottom margin'),
    inside: cssLength(inside, 'inside margin'),
    outside: cssLength(outside, 'outside margin'),
  };
  const rules = [
    `@page { size: ${width} ${height}; margin: ${m.top} ${m.outside} ${m.bottom} ${m.inside}; }`,
    // The inside (gutter) margin is on the right of a left-hand page.
    `@page :left { margin-left: ${m.outside}; margin-right: ${m.inside}; }`,
    `@page :right { margin-left: ${m.inside}; margin-right: ${m.outside}; }`,
  ];
  // A picture in a table cell, or in a line of text, is no figure the page rules scale to the
  // page: a tall one made its row taller than the page, and the row was cut at the page's foot,
  // the cells beside it too; in a line (a screenshot with its caption after a soft line break,
  // as the Obsidian Tasks docs write one), the line could go on no page, and the build stopped.
  rules.push(`${PICTURE_IN_LINE} { max-height: calc((${height} - ${m.top} - ${m.bottom}) * ${LINE_PICTURE_SHARE}); }`);
  const bleed = cssLength(print.bleed, 'bleed');
  if (!isZero(bleed) || print.marks) {
    const parts = [isZero(bleed) ? '' : `bleed: ${bleed};`, print.marks ? 'marks: crop;' : ''];
    rules.push(`@page { ${parts.filter(Boolean).join(' ')} }`);
  }
  if (cover) {
    // The cover image as the cover page's background, which Paged.js paints over the
    // whole sheet, bleed included (an image in the page's content is clipped at the
    // trim); no margins, no running head or folio; then a blank page.
    rules.push(
      `@page cover { margin: 0; background: url("${cover.replace(/["\\]/g, '\\$&')}") center / cover no-repeat; @top-center { content: none; } @bottom-center { content: none; } }`,
      '.cover-page { page: cover; break-after: right; height: 100%; margin: 0; }',
      '.cover-page img { visibility: hidden; }',
    );
  }
  return rules.join('\n');
}

/** The share of the text block's height a picture in a table cell or a line of text may take. */
const LINE_PICTURE_SHARE = 0.6;
/** Pictures that are no figure: in a cell, a paragraph, a list item, a definition, a heading. */
const PICTURE_IN_LINE = ':is(td, th, p, li, dt, dd, h1, h2, h3, h4, h5, h6) img';

/**
 * The width of the text block, as a CSS length: what the line breaker
 * (src/browser/line-breaker.ts) sets its lines to, before Paged.js makes the pages.
 */
export function textBlockWidth(page: PageGeometry): string {
  const { inside, outside } = page.margins;
  return `calc(${cssLength(page.width, 'width')} - ${cssLength(inside, 'inside margin')} - ${cssLength(outside, 'outside margin')})`;
}

/** The same for the handout's page. */
export function handoutTextBlockWidth(page: HandoutPage): string {
  return `calc(${cssLength(page.width, 'width')} - ${cssLength(page.margins.left, 'left margin')} - ${cssLength(page.margins.right, 'right margin')})`;
}

/** The handout's page: portrait A4 or US letter with one wide margin for notes. */
export interface HandoutPage {
  width: string;
  height: string;
  margins: { top: string; bottom: string; left: string; right: string };
}

const HANDOUT_SIZES: Readonly<Record<ResolvedConfig['handout']['size'], { width: string; height: string }>> = {
  A4: { width: '210mm', height: '297mm' },
  letter: { width: '8.5in', height: '11in' },
};

/**
 * The notes margin is on the right of every page, not mirrored: a stapled handout is
 * turned over at its corner, so on the back of a sheet too the right margin is the one
 * free for the pen, and most readers write with their right hand. 55 mm takes a few
 * words a line in handwriting; the text column that is left (130 mm on A4 at 12 pt)
 * is about 70 characters, a comfortable measure.
 */
export function handoutPage(size: ResolvedConfig['handout']['size']): HandoutPage {
  return {
    ...HANDOUT_SIZES[size],
    margins: { top: '24mm', bottom: '20mm', left: '25mm', right: '55mm' },
  };
}

/** The handout's @page rules: size, margins, and the "page x of y" of its running head. */
export function handoutPageCss(page: HandoutPage, lang: string): string {
  // "page 3 of 9" in the part's language (src/words.ts).
  const { page: pageWord, of: ofWord } = wordsFor(lang);
  const m = {
    top: cssLength(page.margins.top, 'top margin'),
    right: cssLength(page.margins.right, 'right margin'),
    bottom: cssLength(page.margins.bottom, 'bottom margin'),
    left: cssLength(page.margins.left, 'left margin'),
  };
  const folio = `${cssString(`${pageWord} `, '"')} counter(page) ${cssString(` ${ofWord} `, '"')} counter(pages)`;
  return [
    `@page { size: ${cssLength(page.width, 'width')} ${cssLength(page.height, 'height')}; margin: ${m.top} ${m.right} ${m.bottom} ${m.left}; }`,
    // Every page, :left and :right alike (print.css mirrors them for the pamphlet).
    `@page :left { margin-left: ${m.left}; margin-right: ${m.right}; }`,
    `@page :right { margin-left: ${m.left}; margin-right: ${m.right}; }`,
    `@page { @top-right { content: ${folio}; } }`,
    `${PICTURE_IN_LINE} { max-height: calc((${cssLength(page.height, 'height')} - ${m.top} - ${m.bottom}) * ${LINE_PICTURE_SHARE}); }`,
  ].join('\n');
}
