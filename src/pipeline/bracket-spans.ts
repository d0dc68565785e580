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

/** The parents whose text may hold a bracketed span (and whatever else Pandoc writes inline). */
export const PHRASING_PARENTS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'tableCell', 'defListTerm', 'emphasis', 'strong', 'delete']);

export interface BracketSpan {
  /** The content between the brackets, as phrasing nodes (text split where needed). */
  content: PhrasingContent[];
  /** Where the span starts (its opener) and ends (its `]`) in the source. */
  position: Position | undefined;
  /** The text right after the `]`, up to the next node: what may qualify the span (`{lang=fr}`). */
  after: string;
}

/** What replaces a span; `consumed` characters of the text after it go with it. */
export type BracketReplacement = PhrasingContent[] | { nodes: PhrasingContent[]; consumed: number };

/**
 * Replaces every span opened by `opener` (which ends in `[`) in `parent`'s direct
 * children with what `make` returns; `make` returns undefined to leave a span as text.
 */
export function replaceBracketSpans(
  parent: Parent,
  opener: string,
  make: (span: BracketSpan, textBefore: string) => BracketReplacement | undefined,
  /** The source text: an opener the author escaped there (`\[@key]`, `^\[`) is left as typed. */
  source?: string,
): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node?.type !== 'text') continue;
    let searchFrom = 0;
    while (true) {
      const at = node.value.indexOf(opener, searchFrom);
      if (at < 0) break;
      if (source !== undefined && [...opener].some((_, k) => escapedInSource(node, at + k, source))) {
        searchFrom = at + opener.length;
        continue;
      }
      const close = findClose(children, i, at + opener.length);
      if (!close) {
        searchFrom = at + opener.length;
        continue;
      }
      const content = slice(children, i, at + opener.length, close.index, close.offset, source);
      const endNode = children[close.index] as Text;
      const span: BracketSpan = {
        content,
        // Text split by an earlier plugin (GFM autolinks) may have lost its place: use the parent's.
        position: node.position && endNode.position
          ? { start: pointAt(node, at, source), end: pointAt(endNode, close.offset + 1, source) }
          : parent.position,
        after: endNode.value.slice(close.offset + 1),
      };
      const made = make(span, node.value.slice(0, at));
      if (!made) {
        searchFrom = at + opener.length;
        continue;
      }
      const nodes = Array.isArray(made) ? made : made.nodes;
      const end = close.offset + 1 + (Array.isArray(made) ? 0 : made.consumed);
      const before: Text = { type: 'text', value: node.value.slice(0, at), ...(node.position ? { position: { start: node.position.start, end: pointAt(node, at, source) } } : {}) };
      const after: Text = { type: 'text', value: endNode.value.slice(end), ...(endNode.position ? { position: { start: pointAt(endNode, end, source), end: endNode.position.end } } : {}) };
      const replacement = [before, ...nodes, after].filter((n) => n.type !== 'text' || n.value !== '');
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
function slice(children: readonly PhrasingContent[], startIndex: number, startOffset: number, endIndex: number, endOffset: number, source: string | undefined): PhrasingContent[] {
  const first = children[startIndex] as Text;
  if (startIndex === endIndex) {
    return nonEmpty([textPiece(first, startOffset, endOffset, source)]);
  }
  const last = children[endIndex] as Text;
  return nonEmpty([
    textPiece(first, startOffset, first.value.length, source),
    ...children.slice(startIndex + 1, endIndex),
    textPiece(last, 0, endOffset, source),
  ]);
}

/** The characters `from` to `to` of a text node, as a text node with its own place. */
export function textPiece(node: Text, from: number, to: number, source?: string): Text {
  return { type: 'text', value: node.value.slice(from, to), ...(node.position ? { position: { start: pointAt(node, from, source), end: pointAt(node, to, source) } } : {}) };
}

function nonEmpty(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.filter((node) => node.type !== 'text' || node.value !== '');
}

/**
 * The source point `offset` characters into a text node. With the source it is exact
 * (escapes, character references and the indentation of continuation lines taken into
 * account); without, exact only when the node's text is its source.
 */
export function pointAt(node: Text, offset: number, source?: string): Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const mapped = source === undefined ? undefined : sourceIndex(node, offset, source);
  if (mapped !== undefined && source !== undefined && start.offset !== undefined) return sourcePoint(mapped.offset, source);
  const before = node.value.slice(0, offset);
  const lines = before.split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length === 1 ? start.column + before.length : (lines.at(-1)?.length ?? 0) + 1;
  return { line, column, ...(start.offset !== undefined ? { offset: start.offset + before.length } : {}) };
}

/** The offsets of the source's line ends, found once per source (a build reads one part at a time). */
let lines: { source: string; ends: number[] } | undefined;

/**
 * The line and column of `offset` in the source. Counted from the node's start, each point
 * cost a long paragraph's text time in the square of its length (30,000 `[^a]` in one
 * paragraph: 15 s); the source's line ends are found once instead. Places in mdast are the
 * source's own, so the line and column need nothing of the node.
 */
function sourcePoint(offset: number, source: string): Point {
  if (lines?.source !== source) {
    const ends: number[] = [];
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) ends.push(i);
    lines = { source, ends };
  }
  const { ends } = lines;
  // The number of line ends before `offset`.
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] as number) < offset) low = middle + 1;
    else high = middle;
  }
  const lineStart = low === 0 ? 0 : (ends[low - 1] as number) + 1;
  return { line: low + 1, column: offset - lineStart + 1, offset };
}

/**
 * Whether the character at `index` of a text node was written escaped in the source (a
 * backslash, or a character reference such as `&#91;`): mdast keeps only the character,
 * and the author meant it as typed.
 */
export function escapedInSource(node: Text, index: number, source: string): boolean {
  return sourceIndex(node, index, source)?.escaped ?? false;
}

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Points on the way through a text node's source, one every `STRIDE` characters of its
 * value: a character is looked for from the nearest one before it, not from the node's
 * start (each from the start cost a long paragraph time in the square of its length).
 */
const STRIDE = 256;
const walks = new WeakMap<Text, { source: string; value: string; at: number[]; offsets: number[] }>();

/**
 * Where the character at `index` of a text node stands in the source, walking both side
 * by side: CommonMark turns `\\[` into `[` and `&amp;` into `&`, and drops the indentation
 * of a paragraph's continuation lines. Undefined when the node has no offsets.
 */
function sourceIndex(node: Text, index: number, source: string): { offset: number; escaped: boolean } | undefined {
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return undefined;
  const value = node.value;
  if (index >= value.length) return { offset: to, escaped: false };
  let walk = walks.get(node);
  if (walk?.source !== source || walk.value !== value) {
    walk = { source, value, at: [0], offsets: [from] };
    walks.set(node, walk);
  }
  // The last point at or before `index`.
  let low = 0;
  let high = walk.at.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((walk.at[middle] as number) <= index) low = middle;
    else high = middle - 1;
  }
  let v = walk.at[low] as number;
  let s = walk.offsets[low] as number;
  while (v <= index) {
    const char = source[s];
    if (s >= to || char === undefined) return undefined;
    let width = 1;
    let escaped = false;
    if (char === '\\' && ESCAPABLE.test(source[s + 1] ?? '') && value[v] === source[s + 1]) {
      width = 2;
      escaped = true;
    } else if (char === '&' && REFERENCE.test(source.slice(s, s + 40))) {
      const reference = REFERENCE.exec(source.slice(s, s + 40))?.[0] ?? '';
      // A name HTML does not know (`&foo;`) stays as typed.
      if (value.startsWith(reference, v)) width = 1;
      else {
        width = reference.length;
        escaped = true;
      }
    } else if (char !== value[v]) {
      s++;
      continue;
    }
    if (v === index) return { offset: s, escaped };
    s += width;
    v += escaped && char === '&' && (value.codePointAt(v) ?? 0) > 0xffff ? 2 : 1;
    // A new point past the last one kept (points are only ever added at the end, in order).
    if (v >= (walk.at[walk.at.length - 1] as number) + STRIDE) {
      walk.at.push(v);
      walk.offsets.push(s);
    }
  }
  return undefined;
}
