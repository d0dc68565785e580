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

function table(state: State, node: Table): Element {
  const element = defaultHandlers.table(state, node);
  const caption = (node.data as TableData | undefined)?.caption;
  if (caption?.length) {
    const children = state.all({ type: 'paragraph', children: caption }) as ElementContent[];
    element.children.unshift({ type: 'element', tagName: 'caption', properties: {}, children }, { type: 'text', value: '\n' });
  }
  return element;
}

export const handlers: Partial<Handlers> = { table };
