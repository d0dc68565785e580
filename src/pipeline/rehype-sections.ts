/**
 * The part's section list (the contents and the EPUB navigation), read from its headings
 * once they are typeset: the titles show the curly quotes and dashes the text shows, while
 * the ids were made earlier from the words as written (rehype-heading-ids.ts).
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import type { Section } from '../document.js';
import { headingDepth, headingText } from './heading-text.js';

export default function rehypeSections() {
  return (tree: Root, file: VFile): void => {
    const sections: Section[] = [];
    visit(tree, 'element', (node: Element) => {
      // Notes and questions held for later are theirs, not the contents'.
      if (node.properties.dataPamphletStore !== undefined) return SKIP;
      const depth = headingDepth(node);
      if (!depth || typeof node.properties.id !== 'string') return undefined;
      sections.push({ id: node.properties.id, title: headingText(node).replace(/\s+/g, ' ').trim(), depth });
      return SKIP;
    });
    file.data.sections = sections;
  };
}
