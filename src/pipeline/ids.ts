/**
 * What an id in a part may be, shared by the ids pamphlet gives headings
 * (rehype-heading-ids.ts) and the anchors an author writes (`<a id>`, `<a name>`,
 * remark-raw-html.ts): valid in every format, and never one pamphlet or Paged.js gives
 * an element of its own in some format.
 */

/**
 * Ids pamphlet gives its own elements in some format, and Paged.js's pages (`page-3`):
 * a heading or an anchor by that name would be found before, or instead of, the place
 * its links mean (the contents' page number would be the page's own).
 */
export const RESERVED_ID = /^(p\d+|note-\d+|noteref-\d+(-\d+)?|page-\d+|pamphlet-.*|toc(-title)?|landmarks|questions(-title)?(-\d+)?|bibliography(-title)?|cover|title-block|section)$/;

/** An XML NCName that is also a CSS identifier: a letter or `_` first. */
export const VALID_ID = /^[\p{L}_][\p{L}\p{N}_\p{M}-]*$/u;
