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
const LINK_SYNTAX = 'p\\d+|note-\\d+|noteref-\\d+(-\\d+)?';
export const RESERVED_ID = new RegExp(`^(${LINK_SYNTAX}|page-\\d+|pamphlet-.*|toc(-title)?|landmarks|questions(-title)?(-\\d+)?|bibliography(-title)?|cover|title-block|section)$`);

/** Ids a link reaches by pamphlet's own syntax (`#p12`, `#note-3`): an anchor by that name could never be reached. */
export const LINK_SYNTAX_ID = new RegExp(`^(${LINK_SYNTAX})$`);

/** An XML NCName that is also a CSS identifier: a letter or `_` first. */
export const VALID_ID = /^[\p{L}_][\p{L}\p{N}_\p{M}-]*$/u;

/**
 * `base`, or `base-2`, `base-3`… whichever `taken` does not hold yet, marked taken. The
 * next suffix is remembered per base (ids are never given back), so a thousand anchors or
 * headings by one name cost a thousand steps, not half a million.
 */
export function idMaker(taken: Set<string>): (base: string) => string {
  const next = new Map<string, number>();
  return (base) => {
    let id = base;
    for (let n = next.get(base) ?? 2; taken.has(id); n++) {
      id = `${base}-${n}`;
      next.set(base, n + 1);
    }
    taken.add(id);
    return id;
  };
}
