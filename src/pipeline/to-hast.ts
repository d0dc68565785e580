/**
 * mdast → hast for the text flow, then the hast-level passes every format shares:
 * heading ids, the section list, and stable ¶ numbers.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import { visit, SKIP, EXIT } from 'unist-util-visit';
import GithubSlugger from 'github-slugger';
import type { Section } from '../document.js';

export function mdastToHast(tree: Root | RootContent, file: VFile): HastRoot {
  const root: Root = tree.type === 'root' ? tree : { type: 'root', children: [tree] };
  const hast = toHast(root, { allowDangerousHtml: true }) as HastRoot;
  // Inline raw HTML (already checked by safety.ts) becomes real elements. Re-parsing
  // the whole tree through parse5 is a tenth of a long part's build, so only when needed.
  let hasRaw = false;
  visit(hast, 'raw', () => {
    hasRaw = true;
    return EXIT;
  });
  return hasRaw ? (raw(hast, { file }) as HastRoot) : hast;
}

/** Gives headings stable ids and returns the sections, in order. */
export function sectionize(tree: HastRoot): Section[] {
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  visit(tree, 'element', (node: Element) => {
    const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (!depth) return;
    const title = toString(node).trim();
    const id = typeof node.properties.id === 'string' ? node.properties.id : slugger.slug(title);
    node.properties.id = id;
    sections.push({ id, title, depth: Number(depth) });
    return SKIP;
  });
  return sections;
}

/**
 * Numbers every paragraph of the text in reading order (quoted paragraphs too, so a
 * group can point at a line of a long quotation), as `id="p12" data-pn="12"`. The
 * same numbers appear in every format, which is what lets mixed copies agree.
 */
export function numberParagraphs(tree: HastRoot): number {
  let count = 0;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'figcaption') return SKIP;
    if (node.tagName !== 'p') return;
    count += 1;
    node.properties.id = `p${count}`;
    node.properties.dataPn = count;
    return SKIP;
  });
  return count;
}

export function elementChildren(tree: HastRoot): ElementContent[] {
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype');
}
