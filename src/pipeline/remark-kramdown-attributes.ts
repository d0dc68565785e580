/**
 * kramdown's attribute lists, as Jekyll's pages write them (kramdown is Jekyll's Markdown; until
 * 2026-12-07 each printed as typed):
 *
 * - a block's, `{: .note}` on a line of its own right before it (the theme just-the-docs' callouts,
 *   `{: .warning }`) or right after it, or as a paragraph of its own before it: a class that names
 *   a kind of note (`.note`, `.tip`, `.warning`, … ; the last such of Jekyll's own `{: .note
 *   .warning}`) makes the block a note set apart of that kind (callout.ts); the rest of the list
 *   (other classes, an id, attributes) goes, since no sheet here styles it;
 * - a span's, `**Bold**{:.title}` right after it: goes.
 */
import type { BlockContent, Blockquote, Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { textPiece } from './bracket-spans.js';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';
import type { AlertKind } from '../words.js';

export interface KramdownAttributesOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/** A block's attribute list, a whole line: `{: .note .warning}`, `{:#id}`, `{: lang="fr"}`; not kramdown's extensions (`{::comment}`). */
const BLOCK_LIST = /^\{:(?!:)[ \t]*((?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+))(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)))*)?[ \t]*\}$/;
/** A span's, right after it. */
const SPAN_LIST = /^\{:(?!:)[ \t]*(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+))(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)))*[ \t]*\}/;

export default function remarkKramdownAttributes(options: KramdownAttributesOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('{:')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return undefined;
      if (node.type === 'text' && index > 0 && parent.children[index - 1]?.type !== 'text') {
        const text = node as Text;
        const span = SPAN_LIST.exec(text.value);
        if (!span) return undefined;
        if (span[0].length === text.value.length) parent.children.splice(index, 1);
        else parent.children[index] = textPiece(text, span[0].length, text.value.length, source);
        return index;
      }
      if (node.type !== 'paragraph') return undefined;
      const found = listOf(node as Paragraph, source);
      if (!found) return undefined;
      const kind = kindOf(found.list);
      // A paragraph that is only the list: it is the next block's.
      if (!found.rest) {
        parent.children.splice(index, 1);
        const next = parent.children[index];
        if (kind && next && next.type !== 'blockquote') parent.children[index] = callout(next as BlockContent, kind, lang);
        return [SKIP, index];
      }
      parent.children[index] = kind ? callout(found.rest, kind, lang) : found.rest;
      // Visited again: its spans' lists go too.
      return index;
    });
  };
}

/** The paragraph's attribute list on its first or last line, and the paragraph without it (none when it was all). */
function listOf(paragraph: Paragraph, source: string): { list: string; rest?: Paragraph } | undefined {
  const first = paragraph.children[0];
  if (first?.type === 'text') {
    const end = first.value.indexOf('\n');
    const line = end < 0 ? first.value : first.value.slice(0, end);
    const match = BLOCK_LIST.exec(line.trim());
    if (match) {
      if (end < 0 && paragraph.children.length === 1) return { list: match[1] ?? '' };
      const kept = end < 0 ? [] : [textPiece(first, end + 1, first.value.length, source)];
      return { list: match[1] ?? '', rest: { ...paragraph, children: [...kept, ...paragraph.children.slice(1)] } };
    }
  }
  const last = paragraph.children.at(-1);
  if (last?.type === 'text') {
    const start = last.value.lastIndexOf('\n');
    const match = start >= 0 ? BLOCK_LIST.exec(last.value.slice(start + 1).trim()) : undefined;
    if (match) return { list: match[1] ?? '', rest: { ...paragraph, children: [...paragraph.children.slice(0, -1), textPiece(last as Text, 0, start, source)] } };
  }
  return undefined;
}

/** The kind of note the list's classes name, the last one that names one. */
function kindOf(list: string): AlertKind | undefined {
  return list.split(/\s+/).filter((token) => token.startsWith('.')).map((token) => admonitionKind(token.slice(1))).filter((kind) => kind !== undefined).at(-1);
}

function callout(block: BlockContent | RootContent, kind: AlertKind, lang: string): Blockquote {
  return { type: 'blockquote', children: [calloutTitle(kind, lang), block as BlockContent], data: calloutData(kind), ...(block.position ? { position: block.position } : {}) };
}
