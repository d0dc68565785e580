/**
 * Finds bracketed spans of inline content that CommonMark leaves as plain text —
 * Pandoc's `^[inline notes]` and `[@citations]` — and replaces them with a node.
 *
 * The brackets are matched across sibling phrasing nodes (an inline note may hold
 * emphasis, code or a link: `^[see *this* and `x[0]`]`); only brackets in text count,
 * so a bracket inside code or a link's text never closes the span. micromark has no
 * extension for either syntax in its current major version (the old
 * micromark-extension-footnote inline notes and @benrbray's cite extension target
 * micromark 2), so this small matcher works on the tree instead.
 */
import type { Parent, PhrasingContent, Text } from 'mdast';
import type { Point, Position } from 'unist';

export interface BracketSpan {
  /** The content between the brackets, as phrasing nodes (text split where needed). */
  content: PhrasingContent[];
  /** Where the span starts (its opener) and ends (its `]`) in the source. */
  position: Position | undefined;
}

/**
 * Replaces every span opened by `opener` (which ends in `[`) in `parent`'s direct
 * children with what `make` returns; `make` returns undefined to leave a span as text.
 */
export function replaceBracketSpans(
  parent: Parent,
  opener: string,
  make: (span: BracketSpan, textBefore: string) => PhrasingContent[] | undefined,
): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node?.type !== 'text') continue;
    let searchFrom = 0;
    while (true) {
      const at = node.value.indexOf(opener, searchFrom);
      if (at < 0) break;
      const close = findClose(children, i, at + opener.length);
      if (!close) {
        searchFrom = at + opener.length;
        continue;
      }
      const content = slice(children, i, at + opener.length, close.index, close.offset);
      const endNode = children[close.index] as Text;
      const span: BracketSpan = {
        content,
        // Text split by an earlier plugin (GFM autolinks) may have lost its place: use the parent's.
        position: node.position && endNode.position
          ? { start: pointAt(node, at), end: pointAt(endNode, close.offset + 1) }
          : parent.position,
      };
      const made = make(span, node.value.slice(0, at));
      if (!made) {
        searchFrom = at + opener.length;
        continue;
      }
      const before: Text = { type: 'text', value: node.value.slice(0, at), ...(node.position ? { position: { start: node.position.start, end: pointAt(node, at) } } : {}) };
      const after: Text = { type: 'text', value: endNode.value.slice(close.offset + 1), ...(endNode.position ? { position: { start: pointAt(endNode, close.offset + 1), end: endNode.position.end } } : {}) };
      const replacement = [before, ...made, after].filter((n) => n.type !== 'text' || n.value !== '');
      children.splice(i, close.index - i + 1, ...replacement);
      // Continue after what was inserted: the text after the span may hold another.
      const afterIndex = children.indexOf(after);
      if (afterIndex < 0) {
        i += replacement.length - 1;
        break;
      }
      i = afterIndex - 1;
      break;
    }
  }
}

/** The `]` matching a `[` just before (`index`, `offset`), counting nesting in text only. */
function findClose(children: readonly PhrasingContent[], index: number, offset: number): { index: number; offset: number } | undefined {
  let depth = 0;
  for (let i = index; i < children.length; i++) {
    const node = children[i];
    if (node?.type !== 'text') continue;
    for (let j = i === index ? offset : 0; j < node.value.length; j++) {
      const char = node.value[j];
      if (char === '[') depth++;
      else if (char === ']') {
        if (depth === 0) return { index: i, offset: j };
        depth--;
      }
    }
  }
  return undefined;
}

/** The nodes between (startIndex, startOffset) and (endIndex, endOffset), text split at both ends. */
function slice(children: readonly PhrasingContent[], startIndex: number, startOffset: number, endIndex: number, endOffset: number): PhrasingContent[] {
  const first = children[startIndex] as Text;
  if (startIndex === endIndex) {
    return nonEmpty([textPiece(first, startOffset, endOffset)]);
  }
  const last = children[endIndex] as Text;
  return nonEmpty([
    textPiece(first, startOffset, first.value.length),
    ...children.slice(startIndex + 1, endIndex),
    textPiece(last, 0, endOffset),
  ]);
}

function textPiece(node: Text, from: number, to: number): Text {
  return { type: 'text', value: node.value.slice(from, to), ...(node.position ? { position: { start: pointAt(node, from), end: pointAt(node, to) } } : {}) };
}

function nonEmpty(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.filter((node) => node.type !== 'text' || node.value !== '');
}

/**
 * The source point `offset` characters into a text node. Exact when the node's text
 * is its source (no escapes or entities before `offset`, no line break); close
 * enough for a diagnostic otherwise.
 */
export function pointAt(node: Text, offset: number): Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const before = node.value.slice(0, offset);
  const lines = before.split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length === 1 ? start.column + offset : (lines.at(-1)?.length ?? 0) + 1;
  return { line, column, ...(start.offset !== undefined ? { offset: start.offset + offset } : {}) };
}
