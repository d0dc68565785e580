/**
 * Lint `straight-quotes`: with `smart: false` the text is printed as typed, so a
 * straight `"` or `'` stays straight in every format, where typeset text wants
 * “ ” ‘ ’ (or the language's own marks). One warning per run of text, at its first
 * straight quote; code is left alone. Runs before rehype-typography, on the text as
 * written, only when smart punctuation is off.
 */
import type { Element, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'var']);

export default function lintStraightQuotes(options: { smart: boolean }) {
  return (tree: Root, file: VFile): void => {
    if (options.smart) return;
    visit(tree, (node) => {
      if (node.type === 'element' && VERBATIM.has((node as Element).tagName)) return SKIP;
      if (node.type !== 'text') return undefined;
      const text = node as Text;
      const at = text.value.search(/["']/);
      const start = text.position?.start;
      if (at < 0 || !start) return undefined;
      // Where the quote is in the source: the text node's start, moved along its value.
      const before = text.value.slice(0, at);
      const newlines = before.split('\n');
      const line = start.line + newlines.length - 1;
      const column = newlines.length > 1 ? (newlines.at(-1) as string).length + 1 : start.column + at;
      const mark = text.value[at];
      file.message(`straight ${mark === '"' ? 'double' : 'single'} quote \`${mark}\` with smart punctuation off (\`smart: false\`): type ${mark === '"' ? '“ ”' : '‘ ’ (’ for an apostrophe)'} or turn \`smart\` on`, {
        place: { line, column },
        ruleId: 'straight-quotes',
        source: 'pamphlet',
      });
      return undefined;
    });
  };
}
