/**
 * Obsidian's block ids, in a vault: `^quick-fox` at the end of a paragraph or list item, or on a
 * line of its own after a paragraph, a table, a list or a quotation, names that block for links
 * (`[[#^quick-fox]]`, `[[Note#^quick-fox]]`). CommonMark reads the mark as text, so every format
 * printed "^quick-fox" after the sentence, and a lone one as a paragraph of its own. The mark goes;
 * where it stood, the block gets an anchor (`<span id="block-quick-fox">`, rehype-anchors.ts), at
 * the start of its text, that the part's links to it reach. Only in a vault: elsewhere a caret and
 * a word at a line's end are the author's text.
 */
import type { Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { anchorSpan, type Rendered } from './mdast-nodes.js';
import { visit } from 'unist-util-visit';

/**
 * Obsidian's block id: letters, digits and dashes after a caret, at a block's end after a space
 * or on its last line (after a quotation or callout with no blank line, CommonMark makes the line
 * the quotation's own).
 */
function idAtEnd(value: string): { id: string; kept: string } | undefined {
  // Read from the end, not by a pattern: a pattern that began at each blank of a long run of
  // them would read the run again from each.
  const trimmed = value.trimEnd();
  const caret = trimmed.lastIndexOf('^');
  const id = trimmed.slice(caret + 1);
  if (caret < 1 || !/\s/.test(trimmed[caret - 1] ?? '') || !/^[A-Za-z0-9-]+$/.test(id)) return undefined;
  return { id, kept: trimmed.slice(0, caret).trimEnd() };
}
const ALONE = /^\^([A-Za-z0-9-]+)[ \t]*$/;

/** The anchor id a block id is given (an id every format takes: a letter first). */
export function blockAnchorId(id: string): string {
  return `block-${id}`;
}

/** Takes the part's block ids out, each block given its anchor; returns the ids found. */
export function blockIds(tree: Root, source: string): Set<string> {
  const found = new Set<string>();
  if (!source.includes('^')) return found;
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return undefined;
    const children = (node as Parent).children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child?.type !== 'paragraph') continue;
      const last = child.children.at(-1);
      if (last?.type !== 'text') continue;
      const alone = child.children.length === 1 ? ALONE.exec(last.value) : null;
      const before = i > 0 ? children[i - 1] : undefined;
      if (alone?.[1] && before && before.type !== 'paragraph' && before.type !== 'heading') {
        // The line names the block before it: the anchor goes to that block's first text.
        const target = firstPhrasingParent(before);
        if (!target) continue;
        target.children.unshift(anchor(alone[1]) as PhrasingContent);
        found.add(alone[1]);
        children.splice(i, 1);
        i--;
        continue;
      }
      const atEnd = idAtEnd(last.value);
      if (!atEnd) continue;
      const rest: Text[] = atEnd.kept ? [{ ...last, value: atEnd.kept }] : [];
      child.children.splice(-1, 1, ...rest);
      child.children.unshift(anchor(atEnd.id) as PhrasingContent);
      found.add(atEnd.id);
    }
    return undefined;
  });
  return found;
}

function anchor(id: string): Rendered {
  return anchorSpan(blockAnchorId(id));
}

/** The first paragraph, heading or table cell inside a block: where its text begins. */
export function firstPhrasingParent(block: RootContent): Parent | undefined {
  let found: Parent | undefined;
  visit(block, (node) => {
    if (found) return false;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      found = node as Parent;
      return false;
    }
    return undefined;
  });
  return found;
}
