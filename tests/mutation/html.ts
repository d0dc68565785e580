// HTML of a hast tree, as the web page writes it. Its own light module: Stryker re-imports
// a test file's modules for every mutant it tries, and the builders' tests need no pipeline.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';

/** HTML of a hast tree or nodes, as the web page would write it. */
export function html(node: Root | Element | ElementContent[] | null | undefined): string {
  if (!node) return '';
  if (Array.isArray(node)) return toHtml({ type: 'root', children: node });
  return toHtml(node);
}
