/**
 * GFM column alignment arrives as the `align` attribute, which XHTML 5 no longer has
 * (epubcheck RSC-005); it becomes a class every stylesheet styles (`align-center`).
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export default function rehypeTableAlign() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties.align;
      if (typeof align !== 'string') return;
      delete node.properties.align;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...classes, `align-${align}`];
    });
  };
}
