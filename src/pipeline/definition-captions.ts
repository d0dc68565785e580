/**
 * A table's `: caption` is not a definition. Pandoc reads a paragraph `Table: …` or `: …` just
 * before or after a table as its caption (remark-figures.ts), and its table reader takes it
 * first; the definition-list extension, which knows no tables, reads a `: caption` under the
 * paragraph before it as that paragraph's definition (`Table: The first caption` above
 * `: Second caption`, between two tables, became a term and its definition). So a definition
 * list next to a table, of one term and one definition of one paragraph, whose term is itself
 * a `Table:` caption or which a table follows, is put back as the two paragraphs it was
 * written as, the `: ` in front of the second, each where it stood in the file.
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { DefListNode } from 'mdast-util-definition-list';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

const TABLES = new Set(['table', 'gridTable']);

/** The two paragraphs a list of one term and one one-paragraph definition was, or undefined. */
function asCaptions(list: DefListNode): Paragraph[] | undefined {
  const [term, description, ...rest] = list.children;
  if (rest.length || term?.type !== 'defListTerm' || description?.type !== 'defListDescription') return undefined;
  const [paragraph, ...more] = description.children;
  if (more.length || paragraph?.type !== 'paragraph') return undefined;
  const colon = paragraph.position ? { start: { ...paragraph.position.start }, end: { ...paragraph.position.start } } : undefined;
  return [
    { type: 'paragraph', children: term.children, ...(term.position ? { position: term.position } : {}) },
    { type: 'paragraph', children: [{ type: 'text', value: ': ', ...(colon ? { position: colon } : {}) }, ...paragraph.children], ...(description.position ? { position: description.position } : {}) },
  ];
}

export function definitionCaptions(tree: Root): void {
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const children = node.children as RootContent[];
    if (!children.some((child) => (child.type as string) === 'defList')) return;
    const out: RootContent[] = [];
    children.forEach((child, index) => {
      const list = child as unknown as DefListNode;
      const before = children[index - 1];
      const after = children[index + 1];
      const captions = (child.type as string) === 'defList' && (TABLES.has(before?.type ?? '') || TABLES.has(after?.type ?? '')) ? asCaptions(list) : undefined;
      const termIsCaption = captions !== undefined && /^\s*Table:\s+\S/.test(toString(captions[0]!));
      if (captions && (termIsCaption || TABLES.has(after?.type ?? ''))) out.push(...captions);
      else out.push(child);
    });
    (node as { children: RootContent[] }).children = out;
  });
}
