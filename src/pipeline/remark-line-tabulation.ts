/**
 * U+000B, LINE TABULATION, as the line break it stands for. Word keeps a manual line break
 * (Shift+Enter) as this character, and Google Docs' "Download → Markdown" writes one for each
 * line break inside a table cell (the gd2md-html test document's code in a single-cell table).
 * Markdown reads it as a character of the text: the PDF printed it as a missing glyph's box and
 * the EPUB, whose XML may not hold it, ran the lines together (`#include<stdio.h>main()`).
 * In text it becomes a hard break; in code, a line ending (a block) or a space (inline).
 */
import type { Break, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

const TAB = '\u000B';

export default function remarkLineTabulation() {
  return (tree: Root, file: VFile): void => {
    // Almost no text holds one; the tree is walked only where the source does.
    if (!String(file.value).includes(TAB)) return;
    visit(tree, (node: Nodes, index, parent: Parent | undefined) => {
      if (node.type === 'code') node.value = node.value.replaceAll(TAB, '\n');
      else if (node.type === 'inlineCode') node.value = node.value.replaceAll(TAB, ' ');
      else if (node.type === 'text' && node.value.includes(TAB) && parent && index !== undefined) {
        const pieces: PhrasingContent[] = [];
        node.value.split(TAB).forEach((value, i) => {
          if (i > 0) pieces.push({ type: 'break' } satisfies Break);
          if (value) pieces.push({ type: 'text', value } satisfies Text);
        });
        parent.children.splice(index, 1, ...(pieces as typeof parent.children));
        return [SKIP, index + pieces.length];
      }
      return undefined;
    });
  };
}
