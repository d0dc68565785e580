/**
 * Gives meaning to the generic directive syntax: `:::quote`, `::next-part`,
 * `::pagebreak`, `:::questions`. `:cite` is handled with the notes (notes.ts), since
 * its output depends on reading order. Any other directive is an error with its
 * place, never silently dropped text.
 */
import type { BlockContent, List, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import { attribution } from '../citations/attribution.js';
import type { CslItem } from '../citations/bibliography.js';

export const KNOWN_DIRECTIVES = new Set(['cite', 'quote', 'next-part', 'pagebreak', 'questions']);
const QUOTE_ATTRIBUTES = new Set(['source', 'locator', 'via', 'via-locator', 'author', 'title']);

type Directive = ContainerDirective | LeafDirective | TextDirective;

export interface DirectiveResult {
  /** The `:::questions` list, removed from the flow. */
  questions?: { title?: string; list: List };
  /** Keys used as quotation sources, in order: listed in the bibliography too. */
  quoteSources: string[];
  /** Whether `::next-part` placed the series line in the text. */
  nextPartPlaced: boolean;
}

export function applyDirectives(tree: Root, file: VFile, items: ReadonlyMap<string, CslItem>): DirectiveResult {
  const result: DirectiveResult = { quoteSources: [], nextPartPlaced: false };
  visit(tree, (node, index, parent) => {
    if (!isDirective(node) || !parent || index === undefined) return;
    const directive = node;
    if (!KNOWN_DIRECTIVES.has(directive.name)) {
      error(file, `unknown directive \`${prefixOf(directive)}${directive.name}\` (known: ${[...KNOWN_DIRECTIVES].join(', ')})`, { place: directive.position, ruleId: 'unknown-directive', source: 'pamphlet' });
      return;
    }
    const expected = directive.name === 'cite' ? 'textDirective' : directive.name === 'quote' || directive.name === 'questions' ? 'containerDirective' : 'leafDirective';
    if (directive.type !== expected) {
      const form = expected === 'textDirective' ? ':cite[…]' : expected === 'containerDirective' ? `:::${directive.name} … :::` : `::${directive.name}`;
      error(file, `\`${directive.name}\` is written \`${form}\``, { place: directive.position, ruleId: 'directive-form', source: 'pamphlet' });
      return;
    }
    switch (directive.name) {
      case 'quote':
        quote(directive as ContainerDirective, file, items, result);
        return;
      case 'pagebreak':
        parent.children[index] = { type: 'pagebreak', data: { hName: 'div', hProperties: { className: ['pagebreak'] } } } as unknown as RootContent;
        return SKIP;
      case 'next-part':
        if (result.nextPartPlaced) error(file, '`::next-part` can appear once in a part', { place: directive.position, ruleId: 'next-part-twice', source: 'pamphlet' });
        result.nextPartPlaced = true;
        return SKIP;
      case 'questions': {
        const list = (directive as ContainerDirective).children.find((child): child is List => child.type === 'list');
        if (!list) {
          error(file, '`:::questions` holds a numbered list of questions', { place: directive.position, ruleId: 'questions-list', source: 'pamphlet' });
        } else if (result.questions) {
          error(file, 'a part has one `:::questions` block', { place: directive.position, ruleId: 'questions-twice', source: 'pamphlet' });
        } else {
          result.questions = { title: labelText(directive as ContainerDirective), list };
        }
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      default:
        return;
    }
  });
  return result;
}

function quote(node: ContainerDirective, file: VFile, items: ReadonlyMap<string, CslItem>, result: DirectiveResult): void {
  const attributes = node.attributes ?? {};
  for (const key of Object.keys(attributes)) {
    if (!QUOTE_ATTRIBUTES.has(key)) file.message(`unknown attribute \`${key}\` on :::quote (known: ${[...QUOTE_ATTRIBUTES].join(', ')})`, { place: node.position, ruleId: 'quote-attribute', source: 'pamphlet' });
  }
  const lookup = (attr: 'source' | 'via'): CslItem | undefined => {
    const key = attributes[attr]?.replace(/^@/, '');
    if (!key) return undefined;
    const item = items.get(key);
    if (!item) {
      error(file, `unknown ${attr === 'source' ? 'quote source' : '`via` source'} \`${key}\`: no entry with this key in the bibliography`, { place: node.position, ruleId: 'unknown-source', source: 'pamphlet' });
      return undefined;
    }
    result.quoteSources.push(key);
    return item;
  };
  const source = lookup('source');
  const via = lookup('via');
  const caption = attribution({
    source,
    via,
    locator: attributes.locator ?? undefined,
    viaLocator: attributes['via-locator'] ?? undefined,
    author: attributes.author ?? undefined,
    title: attributes.title ?? undefined,
  });
  if (!caption.length && !attributes.source && !attributes.via) {
    file.message('quotation without attribution: give `source=KEY`, or `author="…"`', { place: node.position, ruleId: 'quote-unattributed', source: 'pamphlet' });
  }
  const body = node.children.filter((child) => !(child.type === 'paragraph' && (child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel));
  const blockquote = { type: 'blockquote', children: body as BlockContent[], position: node.position } as const;
  const children: RootContent[] = [blockquote];
  if (caption.length) {
    children.push({ type: 'quoteCaption', data: { hName: 'figcaption', hProperties: {}, hChildren: caption } } as unknown as RootContent);
  }
  // The directive node becomes the figure in place, keeping its position for later diagnostics.
  const figure = node as unknown as Parent & { data?: Record<string, unknown> };
  figure.children = children;
  figure.data = { hName: 'figure', hProperties: { className: ['quote'] } };
}

function isDirective(node: { type: string }): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

function prefixOf(node: Directive): string {
  return node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':';
}

function labelText(node: ContainerDirective): string | undefined {
  const label = node.children.find((child): child is Paragraph => child.type === 'paragraph' && Boolean((child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel));
  if (!label) return undefined;
  return label.children.map((c) => ('value' in c ? c.value : '')).join('');
}
