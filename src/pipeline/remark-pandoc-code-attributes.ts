/**
 * Pandoc's attribute blocks on code, ```` ``` {.python} ```` and `` `x = 1`{.haskell} ``: the
 * fence's first class is its language (micromark read `{.python}` as the language, which the
 * sanitizer then dropped), and the block after inline code, which names a language to
 * highlight, is taken out of the text. pamphlet highlights no code, so a language changes
 * nothing a reader sees; until 2026-12-04 the inline block printed after the code as typed.
 */
import type { Code, InlineCode, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { ATTRIBUTES_AT_START, readAttributes } from './pandoc-attributes.js';

export default function remarkPandocCodeAttributes() {
  return (tree: Root): void => {
    visit(tree, 'code', (node: Code) => {
      if (!node.lang?.startsWith('{')) return;
      const written = node.meta ? `${node.lang} ${node.meta}` : node.lang;
      const block = ATTRIBUTES_AT_START.exec(written);
      const attributes = block && readAttributes(block[1] ?? '');
      if (!block || !attributes || written.slice(block[0].length).trim() !== '') return;
      node.lang = attributes.classes[0] ?? null;
      // Quarto's `filename="run.py"`, the file the code is: its title (remark-code-meta.ts).
      const filename = attributes.pairs.find(([key]) => key === 'filename')?.[1]?.replace(/"/g, '');
      node.meta = filename ? `title="${filename}"` : null;
    });
    visit(tree, 'inlineCode', (node: InlineCode, index, parent: Parent | undefined) => {
      const next = index === undefined ? undefined : parent?.children[index + 1];
      if (next?.type !== 'text') return;
      const block = ATTRIBUTES_AT_START.exec(next.value);
      if (!block || !readAttributes(block[1] ?? '')) return;
      next.value = next.value.slice(block[0].length);
      // Where the text was only the block, it goes; its place no longer matters.
      if (next.value === '' && parent && index !== undefined) parent.children.splice(index + 1, 1);
    });
  };
}
