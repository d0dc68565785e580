/**
 * Pandoc's superscripts, `19^th^ century` and `2^10^`: the text between two carets, with no
 * space in it, is set as a superscript. Until 2026-12-04 the carets printed as typed. Only
 * within one run of text (Pandoc also takes markup between the carets, `a^*b*^`; that is left
 * as typed), and not where the author escaped a caret (`\^`). Pandoc's subscripts, `H~2~O`,
 * are not read: GFM, and GitHub, read `~2~` as struck-through text, and pamphlet follows GFM.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { escapedInSource, PHRASING_PARENTS, pointAt, textPiece } from './bracket-spans.js';
import type { InlineContainer } from './mdast-nodes.js';

/** Pandoc also sets a superscript inside a link's text. */
const PARENTS = new Set([...PHRASING_PARENTS, 'link']);
/** Between two carets: no space, no caret; not `^[`, an inline note's opener, which is read before this. */
const SUPERSCRIPT = /\^([^\s^[\]]+)\^/gu;

export default function remarkPandocSuperscripts() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('^')) return;
    visit(tree, (node) => {
      if (!PARENTS.has(node.type)) return;
      const parent = node as Parent;
      // Most parents have no caret: their children are left as they are, not copied.
      if (!parent.children.some((child) => child.type === 'text' && child.value.includes('^'))) return;
      parent.children = (parent.children as PhrasingContent[]).flatMap((child) => (child.type === 'text' && child.value.includes('^') ? superscripts(child, source) : [child]));
    });
  };
}

/** The text, with each superscript in it made one. */
function superscripts(text: Text, source: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let from = 0;
  for (const match of text.value.matchAll(SUPERSCRIPT)) {
    const at = match.index;
    const end = at + match[0].length;
    if (escapedInSource(text, at, source) || escapedInSource(text, end - 1, source)) continue;
    if (at > from) out.push(textPiece(text, from, at, source));
    const inner = textPiece(text, at + 1, end - 1, source);
    const sup: InlineContainer = { type: 'inlineContainer', children: [inner], data: { hName: 'sup' }, ...(text.position ? { position: { start: pointAt(text, at, source), end: pointAt(text, end, source) } } : {}) };
    out.push(sup);
    from = end;
  }
  if (from === 0) return [text];
  if (from < text.value.length) out.push(textPiece(text, from, text.value.length, source));
  return out;
}
