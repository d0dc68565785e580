/**
 * Obsidian's highlight, `==marked words==` (also Typora's, iA Writer's, Bear's and
 * markdown-it-mark's): `<mark>`, as Pandoc's `[…]{.mark}` is here. CommonMark reads the equals
 * signs as text, and every format printed them. A `==` opens where words follow it and closes
 * where words stand before it, within one paragraph, heading or cell, and may hold emphasis or
 * a link (`==**bold** and a [link](…)==`), as strikethrough's `~~` may; one with no partner is
 * printed as typed. Code is code, `==` in it included.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { InlineContainer } from './mdast-nodes.js';

const DELIMITER = Symbol('==');
type Token = PhrasingContent | typeof DELIMITER;

export default function remarkObsidianHighlights() {
  return (tree: Root, file: VFile): void => {
    if (!String(file.value).includes('==')) return;
    visit(tree, (node) => {
      if (!('children' in node) || !(node as Parent).children.some((child) => child.type === 'text' && child.value.includes('=='))) return;
      mark(node as Parent);
    });
  };
}

function mark(parent: Parent): void {
  const tokens: Token[] = [];
  for (const child of parent.children as PhrasingContent[]) {
    if (child.type !== 'text' || !child.value.includes('==')) {
      tokens.push(child);
      continue;
    }
    child.value.split('==').forEach((value, i) => {
      if (i) tokens.push(DELIMITER);
      if (value) tokens.push({ type: 'text', value });
    });
  }
  const out: Token[] = [];
  let opener = -1;
  tokens.forEach((token, i) => {
    if (token !== DELIMITER) return void out.push(token);
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const canClose = before !== undefined && before !== DELIMITER && !(before.type === 'text' && /\s$/.test(before.value));
    const canOpen = after !== undefined && after !== DELIMITER && !(after.type === 'text' && /^\s/.test(after.value));
    if (opener >= 0 && canClose) {
      const inside = out.splice(opener + 1).map((t) => (t === DELIMITER ? text('==') : t));
      out.pop();
      const highlight: InlineContainer = { type: 'inlineContainer', children: inside, data: { hName: 'mark' } };
      out.push(highlight);
      opener = -1;
    } else if (canOpen) {
      if (opener >= 0) out[opener] = text('==');
      opener = out.length;
      out.push(DELIMITER);
    } else out.push(text('=='));
  });
  if (opener >= 0) out[opener] = text('==');
  // Neighbouring text joined again, as the parser leaves it.
  const children: PhrasingContent[] = [];
  for (const token of out as PhrasingContent[]) {
    const last = children.at(-1);
    if (token.type === 'text' && last?.type === 'text' && !last.position) last.value += token.value;
    else children.push(token.type === 'text' && token.position ? { ...token } : token);
  }
  parent.children = children as typeof parent.children;
}

function text(value: string): Text {
  return { type: 'text', value };
}
