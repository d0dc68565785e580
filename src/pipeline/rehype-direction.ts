/**
 * A block written in a right-to-left script is laid out right to left: a paragraph, list item,
 * heading, table cell, caption or term whose first letter is Arabic, Hebrew, Syriac, Thaana,
 * N'Ko, Samaritan, Mandaic or Adlam gets `dir="rtl"` (the HTML rule for `dir="auto"`: the
 * first strongly directional character decides; figures and punctuation do not). Without it
 * an Arabic paragraph in an English pamphlet starts at the left margin and its full stop lands
 * at the wrong end. Only those blocks get the attribute, so every other output is unchanged; one
 * the author marked with `dir` is left as marked.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'figcaption', 'dt', 'dd', 'caption']);
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** The direction of the first letter of the block's own text (not of a nested block's), if any. */
function firstStrong(nodes: readonly ElementContent[]): 'rtl' | 'ltr' | undefined {
  for (const node of nodes) {
    if (node.type === 'text') {
      for (const char of node.value) {
        if (RTL.test(char)) return 'rtl';
        if (LETTER.test(char)) return 'ltr';
      }
    } else if (node.type === 'element') {
      // A nested block, or a span the author gave a direction, has its own.
      if (BLOCKS.has(node.tagName) || node.properties.dir !== undefined) continue;
      const found = firstStrong(node.children);
      if (found) return found;
    }
  }
  return undefined;
}

export default function rehypeDirection() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (!BLOCKS.has(node.tagName) || node.properties.dir !== undefined) return;
      if (firstStrong(node.children) === 'rtl') node.properties.dir = 'rtl';
    });
  };
}
