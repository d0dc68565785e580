/**
 * Paragraphs with nothing to read are left out, with a warning: a `<br>` on a line of its
 * own (READMEs space their sections so), `<span></span>`, a `<b>` opened in one paragraph
 * and closed in another. Each was a numbered ¶ of nothing: the ¶ numbers a group reads by
 * skipped one that no reader could find, and the print set an empty line. Space between
 * paragraphs is the theme's. A paragraph holding an anchor (an id a link may go to, which
 * rehype-anchors.ts could not move to a block of its own) stays, as does anything with a
 * picture, a check box or any element but the inline HTML an author may write.
 *
 * Only the text's paragraphs: notes and captions are not numbered, and are left as written.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { INLINE_HTML } from './remark-raw-html.js';

const NOTHING_TO_SEE = new Set(Object.keys(INLINE_HTML));

function nothingToRead(node: ElementContent): boolean {
  if (node.type === 'text') return !node.value.trim();
  if (node.type !== 'element') return true;
  return NOTHING_TO_SEE.has(node.tagName) && node.properties.id === undefined && node.children.every(nothingToRead);
}

export default function rehypeEmptyParagraphs() {
  return (tree: Root, file: VFile): void => {
    const empty = new Set<Element>();
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'figcaption' || node.properties.dataPamphletStore !== undefined) return SKIP;
      if (node.tagName !== 'p') return;
      if (node.children.every(nothingToRead)) {
        empty.add(node);
        const what = node.children.some(function hasBreak(child): boolean {
          return child.type === 'element' && (child.tagName === 'br' || child.children.some(hasBreak));
        })
          ? 'only line breaks (`<br>`): space between paragraphs is the theme’s'
          : 'only empty tags';
        file.message(`a paragraph with nothing to read (${what}) is left out`, { place: node.position, ruleId: 'empty-paragraph', source: 'pamphlet' });
      }
      return SKIP;
    });
    if (!empty.size) return;
    visit(tree, (node) => {
      if (!('children' in node) || !node.children.some((child) => empty.has(child as Element))) return;
      const children = node.children as RootContent[];
      // The line end before a paragraph goes with it.
      (node as { children: RootContent[] }).children = children.filter(
        (child, index) => !empty.has(child as Element) && !(child.type === 'text' && !child.value.trim() && empty.has(children[index + 1] as Element)),
      );
    });
  };
}
