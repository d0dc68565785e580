/**
 * Bounds on how deep a part may nest, read before and after remark-parse, so that a text
 * nested thousands deep is an error at its place instead of a parse of minutes or a stack
 * overflow without one (2026-12-02: 5,000 `>` gave "Maximum call stack size exceeded";
 * a list nested 1,000 deep took micromark 51 s to parse; `*` 10,000 deep, 29 s and then
 * the same overflow). Real texts nest a few levels; these bounds are far above them.
 */
import type { Nodes, Root } from 'mdast';

/** Columns of spaces, tabs and `>` before a line's text (a tab to the next multiple of 4). */
export const MAX_LINE_PREFIX = 256;
/** Levels of the Markdown tree: blocks in blocks, emphasis in emphasis. */
export const MAX_DEPTH = 200;

export interface NestingProblem {
  line: number;
  column: number;
  reason: string;
}

/**
 * Before parsing: the first line whose container prefix is wider than `MAX_LINE_PREFIX`.
 * Quotations and lists nest by that prefix, and micromark's time grows much faster than
 * its width (lists: 100 deep 0.17 s, 300 deep 1.9 s, 1,000 deep 51 s). List markers count
 * too: `- - - … text` opens a list in a list on one line, and 3,000 of them overflowed
 * micromark's stack with no place to show (2026-12-04). A line of nothing but `- - -`, `* * *`
 * or `_ _ _` is a thematic break, however long, and nests nothing.
 */
export function linePrefixProblem(text: string): NestingProblem | undefined {
  let line = 1;
  let lineStart = 0;
  let column = 0;
  let counting = true;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) {
      line++;
      lineStart = i + 1;
      column = 0;
      counting = true;
      continue;
    }
    if (!counting) {
      // The rest of the line is text: on to its end at once, not a character at a time.
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if (char === 32 || char === 62) column++;
    else if (char === 9) column += 4 - (column % 4);
    else {
      const marker = listMarkerLength(text, i);
      if (marker === 0) counting = false;
      else {
        column += marker;
        i += marker - 1;
      }
    }
    if (column > MAX_LINE_PREFIX) {
      const end = text.indexOf('\n', i);
      if (THEMATIC_BREAK.test(text.slice(lineStart, end < 0 ? text.length : end))) {
        counting = false;
        continue;
      }
      return { line, column: 1, reason: `this line opens with over ${MAX_LINE_PREFIX} columns of spaces, tabs, \`>\` and list markers: quotations and lists nested this deep take the Markdown parser minutes; nest fewer levels` };
    }
  }
  return undefined;
}

/** A thematic break, after any quotation marks: three or more of one of `-`, `*`, `_`, and spaces. */
const THEMATIC_BREAK = /^[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$/;

/** The length of a list marker at `at` (`-`, `*`, `+`, or up to nine digits and `.` or `)`) followed by a space or tab; else 0. */
function listMarkerLength(text: string, at: number): number {
  const blank = (index: number) => text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9;
  const char = text.charCodeAt(at);
  if (char === 45 || char === 42 || char === 43) return blank(at + 1) ? 1 : 0;
  let end = at;
  while (end - at < 9 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  if (end === at) return 0;
  const closing = text.charCodeAt(end);
  return (closing === 46 || closing === 41) && blank(end + 1) ? end + 1 - at : 0;
}

/** After parsing: the first node deeper than `MAX_DEPTH` levels, read without recursion. */
export function depthProblem(tree: Root): NestingProblem | undefined {
  const stack: Array<[Nodes, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) {
      const start = node.position?.start ?? { line: 1, column: 1 };
      return { line: start.line, column: start.column, reason: `the text here is nested over ${MAX_DEPTH} levels deep (quotations, lists or emphasis inside one another): nest fewer levels` };
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, depth + 1]);
  }
  return undefined;
}
