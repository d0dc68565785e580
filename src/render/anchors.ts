/**
 * Names for the blocks the print edition and the EPUB both have, so that a place found
 * on a printed page (src/browser/print-pages.ts) can be found again in the EPUB
 * (src/render/epub/page-list.ts). Both renderers start from the same PartDocument, so
 * an element of the part's text is named by its tag and where it starts in the
 * Markdown (`p@12:1`); the blocks the renderers build (the bibliography, the
 * questions' heading, the "Next:" line) by what they are. Each side marks its own tree
 * with `dataAnchor`: the print HTML keeps it as `data-anchor`, the EPUB drops it.
 */
import type { Element, Nodes } from 'hast';
import { isNextPartLine } from '../blocks.js';

function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.includes(name) : typeof value === 'string' && value.split(/\s+/).includes(name);
}

function firstHeading(section: Element): Element | undefined {
  return section.children.find((child): child is Element => child.type === 'element' && /^h[1-6]$/.test(child.tagName));
}

/** Marks every element under `nodes` that the other format has too; elements marked already keep their name. */
export function markAnchors(nodes: readonly Nodes[]): void {
  let entry = 0;
  // Elements made from one piece of Markdown start at one place: a callout's title and its
  // first paragraph, the paragraphs of a raw `<aside>`. Found by the first name, a page that
  // begins in the second was marked in the first (a Slate notice, 2026-12-07): the second is
  // `p@3:1~2`, counted in the same order on both sides, as both trees hold the same elements.
  const seen = new Map<string, number>();
  const visit = (node: Nodes): void => {
    if (node.type === 'element' && node.properties.dataAnchor === undefined) {
      const start = node.position?.start;
      if (start) {
        const name = `${node.tagName}@${start.line}:${start.column}`;
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        node.properties.dataAnchor = count === 1 ? name : `${name}~${count}`;
      }
      else if (hasClass(node, 'csl-entry')) node.properties.dataAnchor = `bibliography-${++entry}`;
      else if (node.tagName === 'section' && (hasClass(node, 'bibliography') || hasClass(node, 'questions'))) {
        const heading = firstHeading(node);
        if (heading && heading.properties.dataAnchor === undefined && !heading.position) {
          heading.properties.dataAnchor = hasClass(node, 'bibliography') ? 'bibliography-title' : 'questions-title';
        }
      } else if (isNextPartLine(node)) node.properties.dataAnchor = 'next-part';
    }
    if (node.type === 'element' || node.type === 'root') for (const child of node.children) visit(child);
  };
  for (const node of nodes) visit(node);
}

/** The name markAnchors gave an element, if any. */
export function anchorOf(el: Element): string | undefined {
  const value = el.properties.dataAnchor;
  return typeof value === 'string' ? value : undefined;
}

/** Removes the names again (the EPUB has no use for them once its page breaks are placed). */
export function unmarkAnchors(nodes: readonly Nodes[]): void {
  for (const node of nodes) {
    if (node.type === 'element') delete node.properties.dataAnchor;
    if (node.type === 'element' || node.type === 'root') unmarkAnchors(node.children);
  }
}
