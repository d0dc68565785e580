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
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import GithubSlugger from 'github-slugger';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { Section } from '../document.js';
import { idMaker, RESERVED_ID, VALID_ID } from './ids.js';

/** A heading's words without its note calls: "Head", not "Head1", in the contents, the navigation and the id. */
function headingText(node: Element): string {
  const withoutCalls = (children: ElementContent[]): ElementContent[] =>
    children.flatMap((child): ElementContent[] => {
      if (child.type !== 'element') return [child];
      if (child.properties.dataNote !== undefined) return [];
      return [{ ...child, children: withoutCalls(child.children) }];
    });
  return toString({ ...node, children: withoutCalls(node.children) });
}

export default function rehypeHeadingIds() {
  return (tree: Root, file: VFile): void => {
    const github = new GithubSlugger();
    // An author's anchors keep their names; a heading by the same name takes the next free one.
    const uniqueId = idMaker(new Set<string>(file.data.anchorIds));
    // An anchor's name whose id differs (`6.3.3`, `anchor-6-3-3`) comes before any heading's slug.
    const aliases = new Map<string, string>(file.data.anchorAliases);
    const sections: Section[] = [];
    const idFor = (title: string, written?: string): { slug: string; id: string } => {
      const slug = github.slug(title);
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
    const writtenIds = file.data.writtenHeadingIds;
    // A first heading dropped for repeating the title (remark-part-title.ts) was the first
    // heading GitHub numbered: it keeps its id, on the title, and later headings by its name
    // take the next ones, as they would on GitHub.
    const dropped = file.data.titleHeading?.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim();
    if (dropped) file.data.titleId = idFor(dropped).id;
    visit(tree, 'element', (node: Element, index, parent: Root | Element | undefined) => {
      if (node.properties.dataPamphletStore !== undefined) return SKIP;
      const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (!depth) return;
      const title = headingText(node).replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim();
      if (!title && parent && index !== undefined) {
        // Nothing to show in the contents or the navigation, nothing for a screen reader.
        file.message('empty heading left out', { place: node.position, ruleId: 'empty-heading', source: 'pamphlet' });
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const offset = node.position?.start.offset;
      const { id } = idFor(title, offset === undefined ? undefined : writtenIds?.get(offset));
      node.properties.id = id;
      sections.push({ id, title, depth: Number(depth) });
      return SKIP;
    });
    file.data.sections = sections;
    file.data.slugAliases = aliases;
  };
}
