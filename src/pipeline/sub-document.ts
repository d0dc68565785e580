/**
 * A piece of the file parsed as a document of its own (a grid table's cell, an MkDocs
 * admonition's body) and its nodes placed back in the file, so that what the plugins after the
 * parse say of them is at the file's line and column. A piece is known by where each of its
 * lines begins in the file.
 */
import type { Position, Point } from 'unist';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';

/** For each line of the piece (its line 1 first), the point in the file where that line begins. */
export type LineMap = readonly Point[];

/** The offset where each line of `source` begins. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** A point of the piece as a point of the file; undefined for a line the map lacks. */
export function placedPoint(point: Point, map: LineMap): Point | undefined {
  const line = map[point.line - 1];
  if (!line) return undefined;
  return { line: line.line, column: line.column + point.column - 1, offset: (line.offset ?? 0) + point.column - 1 };
}

/**
 * Where the lines of a fence's body begin in the file, its first line at `first`: each line as
 * written there ends with the body's line, after what the fence's container put before it (a
 * quotation's `>`, a list item's indent), which the map steps over.
 */
export function fenceBodyMap(bodyLines: readonly string[], first: number, sourceLines: readonly string[], starts: readonly number[]): LineMap {
  return bodyLines.map((text, k) => {
    const line = first + k;
    const written = sourceLines[line - 1] ?? '';
    const removed = written.endsWith(text) ? written.length - text.length : 0;
    return { line, column: 1 + removed, offset: (starts[line - 1] ?? 0) + removed };
  });
}

/** Every node under `tree` (not `tree` itself) placed in the file; one that cannot be placed loses its place. */
export function placeNodes(tree: Node, map: LineMap): void {
  visit(tree, (node) => {
    if (node === tree) return;
    const start = node.position && placedPoint(node.position.start, map);
    const end = node.position && placedPoint(node.position.end, map);
    if (start && end) node.position = { start, end } satisfies Position;
    else delete node.position;
  });
}

/**
 * Places in the part's source, for points read in a raw HTML block's value, which lacks its
 * container's `>` and indents (remark-inline-html-lines.ts, remark-html-blocks.ts).
 */
export class BlockPlaces {
  private readonly lineStarts: number[] = [0];
  private readonly sourceLines: string[];

  constructor(source: string) {
    const pattern = /\r\n|\r|\n/g;
    for (let match = pattern.exec(source); match; match = pattern.exec(source)) this.lineStarts.push(match.index + match[0].length);
    this.sourceLines = source.split(/\r\n|\r|\n/);
  }

  point(start: Point, valueLines: readonly string[], inner: Point): Point {
    const line = start.line + inner.line - 1;
    // The block's first line starts where the block does; a later one after its container's prefix.
    const sourceLine = this.sourceLines[line - 1] ?? '';
    const valueLine = valueLines[inner.line - 1] ?? '';
    const prefix = inner.line === 1 ? start.column - 1 : sourceLine.endsWith(valueLine) ? sourceLine.length - valueLine.length : 0;
    const column = inner.column + prefix;
    return { line, column, offset: (this.lineStarts[line - 1] ?? 0) + column - 1 };
  }
}
