/**
 * Numbers every paragraph of the text in reading order (quoted paragraphs too, so a
 * group can point at a line of a long quotation), as `id="p12" data-pn="12"`. The
 * same numbers appear in every format, which is what lets mixed copies agree. Notes,
 * questions, the bibliography, captions, an alert's label and a code block's title are not part of the count.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { isCalloutTitle, isCodeTitle, isNextPartLine } from '../blocks.js';

export default function rehypeParagraphNumbers() {
  return (tree: Root, file: VFile): void => {
    let count = 0;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'figcaption' || node.properties.dataPamphletStore !== undefined) return SKIP;
      if (node.tagName !== 'p' || isNextPartLine(node as Element) || isCalloutTitle(node) || isCodeTitle(node)) return;
      count += 1;
      node.properties.id = `p${count}`;
      node.properties.dataPn = count;
      return SKIP;
    });
    file.data.paragraphCount = count;
  };
}
