/**
 * The front cover of the print PDF when the manuscript gives `cover:`: the image alone
 * on page 1, filling the page to its edges and, with `print.bleed`, into the bleed
 * (page-css.ts sets the page without margins), then a blank inside cover, so the title
 * page stays a right-hand page.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { pathToFileURL } from 'node:url';
import type { PartMeta } from '../document.js';
import { byline, partTitle } from '../blocks.js';
import { wordsFor } from '../words.js';

export function coverPage(meta: PartMeta): Element {
  const cover = meta.cover;
  if (!cover) throw new Error('coverPage without a cover');
  const alt = [meta.series, partTitle(meta), byline(meta.authors, meta.lang)].filter(Boolean).join('. ');
  return h('section.cover-page', { ariaLabel: wordsFor(meta.lang).cover }, [h('img', { src: pathToFileURL(cover.path).href, alt })]);
}
