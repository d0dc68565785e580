/**
 * Numbers the blocks of the print flow (`data-seq`) and records where each comes from in
 * the part (`data-src`, line:column), so the browser can check after pagination that none
 * was lost and the build can name the place of one that was (browser/layout-integrity.ts).
 */
import type { Element, Root } from 'hast';

/** What a reader would miss: paragraphs, items, rows, headings, code, captions, notes. */
const BLOCKS = new Set(['p', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'figcaption', 'dt', 'dd', 'caption']);

export function numberBlocks(tree: Root | Element): void {
  let seq = 0;
  const walk = (node: Root | Element, inherited: Element['position']): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const footnote = child.tagName === 'span' && Array.isArray(child.properties.className) && child.properties.className.includes('footnote');
      // A note stands where its call was; its place in the part is where its text is.
      const place = (footnote ? firstPlace(child) : undefined) ?? child.position ?? inherited;
      if (BLOCKS.has(child.tagName) || footnote) {
        child.properties.dataSeq = ++seq;
        if (place) child.properties.dataSrc = `${place.start.line}:${place.start.column}`;
      }
      walk(child, place);
    }
  };
  walk(tree, undefined);
}

function firstPlace(node: Element): Element['position'] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const place = child.position ?? firstPlace(child);
    if (place) return place;
  }
  return undefined;
}
