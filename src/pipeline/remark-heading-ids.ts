/**
 * Attributes written after a heading, as Pandoc, kramdown, Docusaurus and mdBook read them:
 * `## 2. Plan your time {#plan}`. The braces are taken out of the heading's words, and the id
 * goes to rehype-heading-ids.ts, which gives the heading that id where it is a valid one (else
 * its own, with the written one leading to it), so `[the plan](#plan)` finds it. Until
 * 2026-12-04 the heading printed "{#plan}" and the link was an error (seven headings of
 * tech-interview-handbook). Only a block ending the heading's text counts, in Pandoc's
 * attribute syntax: one `#id` at most, with classes (`.unnumbered`), `-` (Pandoc's short
 * `.unnumbered`) and `key=value` pairs, in any order, which are dropped; `{#x}` anywhere else
 * is text. Until 2026-12-04 a block without an id, `# References {-}` or Pandoc's own manual's
 * `## Reader options {.options}`, printed in the heading and gave it a slug of its words and
 * the braces. Written small: remark-custom-heading-id's parser extension reads `{#x}` in any
 * paragraph, and its transformer then throws.
 */
import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { ATTRIBUTES_AT_END, readAttributes } from './pandoc-attributes.js';

/** An ATX heading's closing sequence: hashes after a space (or as all of the text). */
const CLOSING_HASHES = /(^|[ \t]+)#+[ \t]*$/u;

/** Written with hashes (`## Title`), not underlined: only those have a closing sequence. */
function isAtx(node: Heading, file: VFile): boolean {
  const offset = node.position?.start.offset;
  return offset !== undefined && String(file.value).charCodeAt(offset) === 0x23;
}

export default function remarkHeadingIds() {
  return (tree: Root, file: VFile): void => {
    const written = new Map<number, string>();
    visit(tree, 'heading', (node: Heading) => {
      const last = node.children.at(-1);
      if (last?.type !== 'text') return;
      const match = ATTRIBUTES_AT_END.exec(last.value);
      const offset = node.position?.start.offset;
      if (!match || offset === undefined) return;
      const attributes = readAttributes(match[2] ?? '');
      if (!attributes) return;
      const id = attributes.id ?? '';
      last.value = last.value.slice(0, match.index);
      // `### Extension: styles ### {#ext-styles}` (Pandoc's manual): the block kept CommonMark
      // from reading the closing hashes, which Pandoc drops with it.
      if (isAtx(node, file)) last.value = last.value.replace(CLOSING_HASHES, '');
      if (last.value === '') node.children.pop();
      if (id) written.set(offset, id);
    });
    if (written.size) file.data.writtenHeadingIds = written;
  };
}

/**
 * A heading's words without the attribute block that ends them: a part's title taken from its
 * first heading is read before this plugin runs (bookdown's `# Introduction {#intro}` titled
 * its part "Introduction {#intro}" until 2026-12-07).
 */
export function wordsWithoutAttributes(node: Heading): string {
  const words = toString(node);
  const match = node.children.at(-1)?.type === 'text' ? ATTRIBUTES_AT_END.exec(words) : null;
  return match && readAttributes(match[2] ?? '') ? words.slice(0, match.index) : words;
}
