/**
 * Pandoc's inline notes, `text^[the note itself]`: each becomes a GFM footnote call
 * and definition, so that numbering, placement and every renderer treat both
 * forms as one.
 */
import type { FootnoteDefinition, FootnoteReference, Paragraph, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { PHRASING_PARENTS, replaceBracketSpans } from './bracket-spans.js';

export default function remarkInlineNotes() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const taken = new Set<string>();
    visit(tree, 'footnoteDefinition', (node: FootnoteDefinition) => {
      taken.add(node.identifier);
    });
    const definitions: FootnoteDefinition[] = [];
    let count = 0;
    visit(tree, (node) => {
      if (!PHRASING_PARENTS.has(node.type)) return;
      replaceBracketSpans(node as Parent, '^[', (span) => {
        let identifier: string;
        do identifier = `inline-note-${++count}`;
        while (taken.has(identifier));
        taken.add(identifier);
        const paragraph: Paragraph = { type: 'paragraph', children: span.content, ...(span.position ? { position: span.position } : {}) };
        definitions.push({ type: 'footnoteDefinition', identifier, label: identifier, children: [paragraph], ...(span.position ? { position: span.position } : {}) });
        const call: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier, ...(span.position ? { position: span.position } : {}) };
        return [call];
      }, source);
    });
    tree.children.push(...definitions);
  };
}
