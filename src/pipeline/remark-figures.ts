/**
 * Figures and table captions, as Pandoc reads them:
 * - an image alone in its paragraph is a figure, its title (`![alt](img.png
 *   "Caption")`) the caption; never a ¶-numbered paragraph;
 * - a paragraph `Table: …` or `: …` just before or after a table (GFM's or a grid table) is that table's caption.
 */
import type { Image, Paragraph, Parent, PhrasingContent, Root, Table } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { Container } from './mdast-nodes.js';
import { isBlankText } from './blank-text.js';

/** Where remark-rehype's table handler finds the caption (see handlers.ts). */
export interface TableData {
  caption?: PhrasingContent[];
}

const TABLE_CAPTION = /^\s*(?:Table)?:\s+/;

export default function remarkFigures() {
  return (tree: Root): void => {
    visit(tree, 'paragraph', (node: Paragraph, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const meaningful = node.children.filter((child) => !isBlankText(child));
      const image = meaningful[0];
      if (meaningful.length !== 1 || image?.type !== 'image') return;
      const caption = image.title?.trim();
      parent.children[index] = figure(image, caption ? [{ type: 'text', value: caption }] : [], node.position) as Parent['children'][number];
      return SKIP;
    });

    // GFM's tables and Pandoc's grid tables (grid-tables.ts) alike.
    visit(tree, (node) => node.type === 'table' || node.type === 'gridTable', (node, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      for (const at of [index - 1, index + 1]) {
        const sibling = parent.children[at];
        if (sibling?.type !== 'paragraph' || !isCaption(sibling)) continue;
        const children = structuredClone(sibling.children);
        const first = children[0];
        if (first?.type === 'text') first.value = first.value.replace(TABLE_CAPTION, '');
        const table = node as Table;
        (table.data ??= {} as Table['data'] & TableData);
        (table.data as TableData).caption = children;
        parent.children.splice(at, 1);
        return [SKIP, at < index ? index : index + 1];
      }
      return undefined;
    });
  };
}

/** `Table: …` or `: …` with something after it, which may start with emphasis or a span. */
function isCaption(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return first?.type === 'text' && /^\s*Table:\s|^:\s/.test(first.value) && /^\s*Table:\s+\S|^:\s+\S/.test(toString(paragraph));
}

/**
 * The figure of a picture and its caption (none when empty): `![alt](img.png "Caption")`, and
 * remark-html-blocks.ts's `<figure>` with its `<figcaption>`, whose words keep their marks.
 */
export function figure(image: Image, caption: PhrasingContent[], position: Position | undefined): Container {
  const img: Image = { ...image, title: null };
  const children: Parent['children'] = [img];
  if (caption.length) {
    const figcaption: Container = { type: 'container', children: caption as Container['children'], data: { hName: 'figcaption', hProperties: {} } };
    children.push(figcaption);
  }
  return {
    type: 'container',
    children: children as Container['children'],
    data: { hName: 'figure', hProperties: { className: ['figure'] } },
    ...(position ? { position } : {}),
  };
}
