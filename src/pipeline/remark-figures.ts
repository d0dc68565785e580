/**
 * Figures and table captions, as Pandoc reads them:
 * - an image alone in its paragraph is a figure, its title (`![alt](img.png
 *   "Caption")`) the caption; never a ¶-numbered paragraph;
 * - a paragraph `Table: …` or `: …` just before or after a table (GFM's or a grid table) is that table's caption;
 *   an attribute block at its end (Quarto's `: Letters {#tbl-letters}`, `{tbl-colwidths="[75,25]"}`)
 *   is the table's, as Pandoc reads it, not words of the caption (until 2026-12-08 it printed).
 *
 * A labelled table or figure of bookdown's or Quarto's (numbered-labels.ts) has its number
 * before its caption, "Table 1: Letters", as both print it, and its label as its id.
 */
import type { Image, Paragraph, Parent, PhrasingContent, Root, Table } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import type { Container } from './mdast-nodes.js';
import { bookdownCaptionLabel, captionIndex, idOfLabel, numberedLabels, pictureAlone, TABLE_CAPTION, tableLabelOf } from './numbered-labels.js';
import { ATTRIBUTES_AT_END, readAttributes } from './pandoc-attributes.js';
import { wordsFor } from '../words.js';

export interface FiguresOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/** Where remark-rehype's table handler finds the caption (see handlers.ts). */
export interface TableData {
  caption?: PhrasingContent[];
  /** A labelled table's anchor (numbered-labels.ts). */
  id?: string;
}

export default function remarkFigures(options: FiguresOptions) {
  return (tree: Root, file: VFile): void => {
    const numbered = numberedLabels(tree, file);
    const words = wordsFor(file.data.frontmatter?.lang ?? options.lang);
    // A number is given once: a second table or figure by one label is neither numbered nor its anchor.
    const given = new Set<string>();
    const numberOf = (label: string, id: string): number | undefined => {
      const found = numbered.get(id);
      if (!found || found.label !== label || given.has(id)) return undefined;
      given.add(id);
      return found.number;
    };
    visit(tree, 'paragraph', (node: Paragraph, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const image = pictureAlone(node);
      if (!image) return;
      // bookdown's `![(\#fig:chart) A chart](chart.png)`: numbered, its words (the alt text, as Pandoc captions a figure) the caption.
      const bookdown = bookdownCaptionLabel(image.alt ?? '', 'fig');
      const id = bookdown && idOfLabel(bookdown.label);
      const number = bookdown && id ? numberOf(bookdown.label, id) : undefined;
      if (bookdown && id && number !== undefined) {
        image.alt = bookdown.rest;
        image.title = bookdown.rest.trim() ? `${words.figure} ${number}: ${bookdown.rest.trim()}` : `${words.figure} ${number}`;
        image.data = { ...image.data, hProperties: { ...(image.data?.hProperties ?? {}), id } };
      }
      const caption = image.title?.trim();
      parent.children[index] = figure(image, caption ? [{ type: 'text', value: caption }] : [], node.position) as Parent['children'][number];
      return SKIP;
    });

    // GFM's tables and Pandoc's grid tables (grid-tables.ts) alike.
    visit(tree, (node) => node.type === 'table' || node.type === 'gridTable', (node, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const at = captionIndex(parent, index);
      if (at === undefined) return undefined;
      const table = node as Table;
      const { children, id, number } = captionWords(parent.children[at] as Paragraph, numberOf);
      const data = (table.data ??= {} as Table['data'] & TableData) as TableData;
      data.caption = number === undefined ? children : [{ type: 'text', value: children.length ? `${words.table} ${number}: ` : `${words.table} ${number}` }, ...children];
      if (id && number !== undefined) data.id = id;
      parent.children.splice(at, 1);
      return [SKIP, at < index ? index : index + 1];
    });
  };
}

/**
 * A caption paragraph's words, without its `Table:` or `:`, bookdown's label and its attribute
 * block, and the number and anchor its label gives (numbered-labels.ts's tableLabelOf).
 */
function captionWords(paragraph: Paragraph, numberOf: (label: string, id: string) => number | undefined): { children: PhrasingContent[]; id?: string; number?: number } {
  const found = tableLabelOf(paragraph);
  const children = structuredClone(paragraph.children);
  const first = children[0];
  if (first?.type === 'text') {
    first.value = first.value.replace(TABLE_CAPTION, '');
    first.value = bookdownCaptionLabel(first.value, 'tab')?.rest ?? first.value;
  }
  const last = children.at(-1);
  const block = last?.type === 'text' ? ATTRIBUTES_AT_END.exec(last.value) : null;
  if (last?.type === 'text' && block && readAttributes(block[2] ?? '')) last.value = last.value.slice(0, block.index).trimEnd();
  const words = children.filter((child) => child.type !== 'text' || child.value !== '');
  const number = found ? numberOf(found.label, found.id) : undefined;
  return { children: words, ...(found && number !== undefined ? { id: found.id, number } : {}) };
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
