/**
 * remark-rehype handlers for what our remark plugins leave in the tree that
 * mdast-util-to-hast's defaults do not cover. Our own nodes (`container`,
 * `inlineContainer`, `rendered`) carry `data.hName`, which the default handler for
 * unknown nodes already honours.
 */
import type { Element, ElementContent } from 'hast';
import type { Table } from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import type { TableData } from './remark-figures.js';
import type { GridTable } from './mdast-nodes.js';
import { mdast2hastGridTablesHandler } from '@adobe/mdast-util-gridtables';
import { defListHastHandlers } from 'mdast-util-definition-list';

/** The table with the caption remark-figures.ts found for it, as its first child, and the id its label gives. */
function captioned(state: State, node: Table | GridTable, element: Element): Element {
  const { caption, id } = (node.data as TableData | undefined) ?? {};
  if (id) element.properties = { ...element.properties, id };
  if (caption?.length) {
    const children = state.all({ type: 'paragraph', children: caption }) as ElementContent[];
    element.children.unshift({ type: 'element', tagName: 'caption', properties: {}, children }, { type: 'text', value: '\n' });
  }
  return element;
}

function table(state: State, node: Table): Element {
  return captioned(state, node, defaultHandlers.table(state, node));
}

/** Pandoc's grid tables (grid-tables.ts): rows, spans and alignment as Adobe's utility writes them in hast. */
const gridTableElement = mdast2hastGridTablesHandler();

function gridTable(state: State, node: GridTable): Element {
  // The declared Handler takes mdast's own nodes; a grid table is ours (mdast-nodes.ts).
  return captioned(state, node, gridTableElement(state, node as never, undefined) as Element);
}

/** Definition lists (remark-parse-gfm.ts): `<dl>`, a `<dt>` for each term, a `<dd>` for each definition. */
export const handlers: Partial<Handlers> = { table, gridTable, ...(defListHastHandlers as Partial<Handlers>) };
