/**
 * Pandoc's bracketed spans, `[печатники]{lang=ru}` and `[Alignment]{#type-alignment}`: each
 * becomes the `:span` directive it means (remark-directives.ts), so a language is checked and
 * set, and an id is an anchor a link may point at (rehype-anchors.ts), as `<span id="x">` is.
 * Until 2026-12-04 both printed as typed, brackets and braces, and Pandoc's Lua-filter manual
 * linked eight anchors written so that no link could reach. The brackets are matched as inline
 * notes' are (bracket-spans.ts); the block must follow the `]` directly, as Pandoc reads it.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { PHRASING_PARENTS, pointAt, replaceBracketSpans } from './bracket-spans.js';
import { ATTRIBUTES_AT_START, readAttributes } from './pandoc-attributes.js';

export default function remarkPandocSpans() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, (node) => {
      if (!PHRASING_PARENTS.has(node.type)) return;
      const parent = node as Parent;
      shortcutSpans(parent, source);
      replaceBracketSpans(parent, '[', (span) => {
        const block = ATTRIBUTES_AT_START.exec(span.after);
        const attributes = block && directiveAttributes(block[1] ?? '');
        if (!block || !attributes) return undefined;
        const directive: TextDirective = { type: 'textDirective', name: 'span', attributes, children: span.content, ...(span.position ? { position: span.position } : {}) };
        return { nodes: [directive], consumed: block[0].length };
      }, source);
    });
  };
}

/** What the braces hold, as remark-directive gives a directive's attributes; undefined for no block. */
function directiveAttributes(inner: string): Record<string, string> | undefined {
  const read = readAttributes(inner);
  if (!read) return undefined;
  const attributes: Record<string, string> = {};
  if (read.id !== undefined) attributes.id = read.id;
  if (read.classes.length) attributes.class = read.classes.join(' ');
  for (const [key, value] of read.pairs) attributes[key] = value;
  return attributes;
}

/**
 * `[Alignment]{#type-alignment}` where `[Alignment]: #type-alignment` is also defined (Pandoc's
 * Lua-filter manual): CommonMark made the brackets a link, as Pandoc does not, the block after
 * them saying they are a span.
 */
function shortcutSpans(parent: Parent, source: string): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length - 1; i++) {
    const node = children[i];
    const next = children[i + 1];
    if (node?.type !== 'linkReference' || node.referenceType !== 'shortcut' || next?.type !== 'text') continue;
    const block = ATTRIBUTES_AT_START.exec(next.value);
    const attributes = block && directiveAttributes(block[1] ?? '');
    if (!block || !attributes) continue;
    const position = node.position && next.position ? { start: node.position.start, end: pointAt(next, block[0].length, source) } : node.position;
    const directive: TextDirective = { type: 'textDirective', name: 'span', attributes, children: node.children, ...(position ? { position } : {}) };
    const rest: Text = { type: 'text', value: next.value.slice(block[0].length), ...(next.position ? { position: { start: pointAt(next, block[0].length, source), end: next.position.end } } : {}) };
    children.splice(i, 2, ...(rest.value ? [directive, rest] : [directive]));
  }
}
