/**
 * Formats every citation cluster of the part at once with the CSL engine (positions —
 * full, short, "Ibid." — need the whole part in reading order), fills the slots that
 * remark-notes.ts left, and puts the part's bibliography in its store (stores.ts).
 */
import type { Element, ElementContent } from 'hast';
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Bibliography } from '../citations/bibliography.js';
import { formatCitations, type CitationStyle } from '../citations/engine.js';
import type { Container, Rendered } from './mdast-nodes.js';
import type { CitationSlot } from './remark-notes.js';
import { STORE } from './stores.js';

export interface CiteprocOptions {
  bibliography?: Bibliography;
  style?: CitationStyle;
  lang: string;
  localeDir: string;
}

/**
 * A note-style citation's closing full stop, which the parentheses replace; not the stop of
 * an abbreviation it ends with ("Ibid.", "Capital, Vol."), into which CSL folds its own.
 */
const CLOSING_STOP = /(?<!\b(?:[Ii]bid|[Ii]d|[Vv]ols?|[Ee]ds?|[Tt]rans|[Ee]tc|al|[Nn]os?|[Cc]hap|[Cc]hs?|pp?|nn?|cit|[Rr]epr|[Rr]ev|[Ss]er|[Ff]igs?|[Ss]ecs?|[Pp]aras?|[Aa]rts?|\p{Lu}))\.((?:<\/[a-z]+>)*)$/u;

export default function remarkCiteproc(options: CiteprocOptions) {
  return (tree: Root, file: VFile): void => {
    const clusters = file.data.citations?.clusters ?? [];
    const quoted = file.data.quoteSources ?? [];
    if (!clusters.length && !quoted.length) return;
    // Without a bibliography no citation gets this far: remark-notes and remark-directives
    // refuse each one at its place (`no-bibliography`).
    if (!options.style || !options.bibliography) return;
    const formatted = formatCitations(
      { style: options.style, lang: file.data.meta?.lang ?? options.lang, localeDir: options.localeDir, items: options.bibliography.items },
      clusters,
      quoted,
    );
    const slots = new Map<string, CitationSlot>();
    visit(tree, 'rendered', (node: Rendered) => {
      const slot = node as CitationSlot;
      if (typeof slot.data.clusterId === 'string') slots.set(slot.data.clusterId, slot);
    });
    for (const [id, slot] of slots) {
      const html = formatted.clusters.get(id) ?? '';
      // As Pandoc does: a note-style citation inside a footnote reads "(Reed, Ten Days, 129)".
      const content = fragment(slot.data.parenthetical ? parenthetical(html) : html);
      slot.data.hChildren = content;
    }
    // A note that is only a citation is a sentence: it starts with a capital ("See …", "Ibid.").
    visit(tree, 'container', (node: Container) => {
      if (node.data.hProperties?.dataKind !== 'citation') return;
      const slot = node.children[0]?.type === 'paragraph' ? (node.children[0].children[0] as CitationSlot | undefined) : undefined;
      if (slot?.data?.hChildren) capitalizeFirst(slot.data.hChildren as ElementContent[]);
    });
    const entries = formatted.bibliography.flatMap((html) => fragment(html)).filter((node): node is Element => node.type === 'element');
    if (entries.length && file.data.frontmatter?.bibliography !== false) {
      const store: Rendered = { type: 'rendered', data: { hName: 'section', hProperties: { dataPamphletStore: STORE.bibliography }, hChildren: entries } };
      tree.children.push(store as RootContent);
    }
  };
}

/** A note-style citation as it reads inside a footnote: in parentheses, without its closing full stop. */
export function parenthetical(html: string): string {
  return `(${html.replace(CLOSING_STOP, '$1')})`;
}

/** citeproc's HTML as hast, without the places parse5 gives it: those are in the snippet, not in the part. */
function fragment(html: string): ElementContent[] {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, (node) => {
    delete node.position;
  });
  return tree.children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text');
}

function capitalizeFirst(nodes: ElementContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text' && node.value.trim()) {
      node.value = node.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toUpperCase());
      return true;
    }
    if (node.type === 'element' && capitalizeFirst(node.children)) return true;
  }
  return false;
}
