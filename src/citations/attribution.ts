/**
 * The caption under a quotation, from the same bibliography data the citations use:
 * "— Leon Trotsky, <cite>The History of the Russian Revolution</cite>, vol. 1, ch. 7".
 */
import type { ElementContent } from 'hast';
import type { CslItem, CslName } from './bibliography.js';

/** Item types whose title is a part of something bigger: set in quotation marks, not italics. */
const PART_TYPES = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper', 'chapter', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'paper-conference', 'speech', 'post', 'post-weblog', 'webpage']);

export interface AttributionInput {
  source?: CslItem;
  locator?: string;
  author?: string;
  title?: string;
  via?: CslItem;
  viaLocator?: string;
}

export function displayName(name: CslName): string {
  if (name.literal) return name.literal;
  return [name.given, name.family].filter(Boolean).join(' ');
}

export function authorsOf(item: CslItem): string | undefined {
  const names = item.author ?? item.editor;
  if (!names?.length) return undefined;
  const shown = names.map(displayName);
  if (shown.length <= 2) return shown.join(' and ');
  return `${shown.slice(0, -1).join(', ')}, and ${shown.at(-1)}`;
}

function work(item: CslItem, followed: boolean): ElementContent[] {
  const title = item.title ?? String(item['container-title'] ?? item.id);
  if (PART_TYPES.has(item.type)) {
    // American usage, as in the Chicago notes beside it: the comma goes inside the quotation marks.
    return [{ type: 'element', tagName: 'cite', properties: {}, children: [{ type: 'text', value: followed ? `“${title},”` : `“${title}”` }] }];
  }
  return [{ type: 'element', tagName: 'cite', properties: {}, children: [{ type: 'text', value: title }] }];
}

function credit(who: string | undefined, what: ElementContent[] | undefined, locator: string | undefined): ElementContent[] {
  const out: ElementContent[] = [];
  if (who) out.push({ type: 'text', value: who });
  if (what) {
    if (who) out.push({ type: 'text', value: ', ' });
    out.push(...what);
  }
  if (locator) {
    const last = out.at(-1);
    const quoted = last?.type === 'element' && last.children[0]?.type === 'text' && last.children[0].value.endsWith(',”');
    out.push({ type: 'text', value: quoted ? ` ${locator}` : `, ${locator}` });
  }
  return out;
}

/** Caption content after the dash; empty when nothing names the source. */
export function attribution(input: AttributionInput): ElementContent[] {
  const parts: ElementContent[] = [];
  if (input.source) {
    parts.push(...credit(authorsOf(input.source), work(input.source, Boolean(input.locator)), input.locator));
  } else if (input.author || input.title) {
    const titleNode: ElementContent[] | undefined = input.title
      ? [{ type: 'element', tagName: 'cite', properties: {}, children: [{ type: 'text', value: input.title }] }]
      : undefined;
    parts.push(...credit(input.author, titleNode, input.locator));
  }
  if (input.via) {
    parts.push({ type: 'text', value: parts.length ? ', cited in ' : 'Cited in ' });
    parts.push(...credit(authorsOf(input.via), work(input.via, Boolean(input.viaLocator)), input.viaLocator));
  }
  if (!parts.length) return [];
  return [{ type: 'text', value: '— ' }, ...parts];
}
