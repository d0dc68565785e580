/**
 * Every heading gets an id that is valid in every format — an XML name for the EPUB,
 * a CSS identifier for Paged.js's `target-counter()` — whatever the heading says:
 * "1. Introduction", "2024-01-01", an emoji, nothing at all. The id is GitHub's slug
 * when that is already valid ("capitalist-development--world-war"), else prefixed
 * ("section-1-introduction"), else "section"; never one of the ids pamphlet uses
 * itself, nor an anchor's (rehype-anchors.ts). The GitHub slug is remembered, so
 * `[see](#1-introduction)` written the way GitHub readers know still finds its heading
 * (rehype-links.ts).
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import GithubSlugger from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';
import { headingDepth, headingText } from './heading-text.js';
import { idMaker, RESERVED_ID, VALID_ID } from './ids.js';

/**
 * The words GitHub slugs, as the author wrote them: this runs before the typography, whose
 * no-break spaces and dashes GitHub never sees ("World War I" would be `world-wari`, "pages
 * 24-25" `pages-2425`), and with spaces as written, so "Creating  Pandas Series" is
 * `creating--pandas-series` there and here (the links of 30-Days-Of-Python's contents are
 * written so); only soft hyphens, which no reader sees, and the ends' spaces go.
 */
function slugWords(text: string): string {
  return text.replace(/\u00AD/g, '').trim();
}

export default function rehypeHeadingIds() {
  return (tree: Root, file: VFile): void => {
    const github = new GithubSlugger();
    // An author's anchors keep their names; a heading by the same name takes the next free one.
    const uniqueId = idMaker(new Set<string>(file.data.anchorIds));
    // An anchor's name whose id differs (`6.3.3`, `anchor-6-3-3`) comes before any heading's slug.
    const aliases = new Map<string, string>(file.data.anchorAliases);
    const writtenIds = file.data.writtenHeadingIds;
    const idFor = (words: string, written?: string): { slug: string; id: string } => {
      const slug = github.slug(words);
      let base = slug;
      if (!VALID_ID.test(base) || RESERVED_ID.test(base)) base = base ? `section-${base.replace(/^-+/, '')}` : 'section';
      if (!VALID_ID.test(base)) base = 'section';
      // An id the author wrote after the heading (remark-heading-ids.ts) is its id where it may be one.
      if (written !== undefined && VALID_ID.test(written) && !RESERVED_ID.test(written)) base = written;
      const id = uniqueId(base);
      if (slug && !aliases.has(slug)) aliases.set(slug, id);
      if (written !== undefined && !aliases.has(written)) aliases.set(written, id);
      return { slug, id };
    };
    // A first heading dropped for repeating the title (remark-part-title.ts) was the first
    // heading GitHub numbered: it keeps its id, on the title, and later headings by its name
    // take the next ones, as they would on GitHub.
    // Its id written after it (bookdown's `# Introduction {#intro}`) stays its id, on the title.
    const dropped = file.data.titleHeading === undefined ? undefined : slugWords(file.data.titleHeading);
    const droppedOffset = file.data.titleHeadingOffset;
    if (dropped) file.data.titleId = idFor(dropped, droppedOffset === undefined ? undefined : writtenIds?.get(droppedOffset)).id;
    visit(tree, 'element', (node: Element, index, parent: Root | Element | undefined) => {
      if (node.properties.dataPamphletStore !== undefined) return SKIP;
      if (!headingDepth(node)) return;
      const words = slugWords(headingText(node));
      if (!words && parent && index !== undefined) {
        // Nothing to show in the contents or the navigation, nothing for a screen reader.
        file.message('empty heading left out', { place: node.position, ruleId: 'empty-heading', source: 'pamphlet' });
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const offset = node.position?.start.offset;
      const { id } = idFor(words, offset === undefined ? undefined : writtenIds?.get(offset));
      node.properties.id = id;
      return SKIP;
    });
    file.data.slugAliases = aliases;
  };
}
