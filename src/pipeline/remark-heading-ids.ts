/**
 * An id written after a heading, as Pandoc, kramdown, Docusaurus and mdBook read it:
 * `## 2. Plan your time {#plan}`. The braces are taken out of the heading's words, and the id
 * goes to rehype-heading-ids.ts, which gives the heading that id where it is a valid one (else
 * its own, with the written one leading to it), so `[the plan](#plan)` finds it. Until
 * 2026-12-04 the heading printed "{#plan}" and the link was an error (seven headings of
 * tech-interview-handbook). Only a `{#id}` ending the heading's text counts, with classes after
 * it (`{#id .unnumbered}`, Pandoc's) dropped; `{#x}` anywhere else is text. Written small:
 * remark-custom-heading-id's parser extension reads `{#x}` in any paragraph, and its
 * transformer then throws.
 */
import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** `{#id}` or `{#id .class …}` ending the text, after a space (or as all of it). */
const WRITTEN_ID = /(^|[ \t]+)\{#([^\s{}#]+)((?:[ \t]+\.[^\s{}]+)*)[ \t]*\}[ \t]*$/u;

export default function remarkHeadingIds() {
  return (tree: Root, file: VFile): void => {
    const written = new Map<number, string>();
    visit(tree, 'heading', (node: Heading) => {
      const last = node.children.at(-1);
      if (last?.type !== 'text') return;
      const match = WRITTEN_ID.exec(last.value);
      const offset = node.position?.start.offset;
      if (!match || offset === undefined) return;
      last.value = last.value.slice(0, match.index);
      if (last.value === '') node.children.pop();
      written.set(offset, match[2] ?? '');
    });
    if (written.size) file.data.writtenHeadingIds = written;
  };
}
