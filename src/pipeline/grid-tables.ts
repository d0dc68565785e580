/**
 * Pandoc's grid tables (`+---+` borders, `|` between cells, `+===+` under the header, `:` for
 * alignment, spans, and any blocks in a cell), parsed by Adobe's micromark extension and its
 * mdast utility (@adobe/micromark-extension-gridtables, @adobe/mdast-util-gridtables).
 *
 * That utility parses each cell's text again as a document of its own, so nothing inside a
 * cell had its place in the file (a cell's first word was at 1:1), and its rows and cells
 * were placed at offset 0; the plugins here that read the source at a node's place
 * (citations, escapes, note calls, literal colons) would read the wrong text, and errors in a
 * cell would name the wrong line. So each line of a cell is recorded where it starts in the
 * file, and when the table closes every node of its cells is placed back in the file: the
 * cell's line k is the file's line its text came from, shifted by the indent the utility
 * takes off every line of the cell (its `multiline`), the lines it drops accounted for.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { CompileContext, Extension as FromMarkdownExtension, Handle, Token } from 'mdast-util-from-markdown';
import type { Point } from 'unist';
import { gridTablesFromMarkdown, TYPE_CELL, TYPE_ROW, TYPE_TABLE, type CellProcessor } from '@adobe/mdast-util-gridtables';
import { visit } from 'unist-util-visit';
import { lineStarts, placeNodes, type LineMap } from './sub-document.js';

/** The utility's record of a cell while its table is read. */
interface CellRecord {
  node: Parent;
  lines: string[];
}

interface TableInfo {
  colPos: number;
  pendingCells: Array<CellRecord | null | undefined>;
  cells: Array<CellRecord | undefined>;
  allCells: CellRecord[];
}

/** Where each line of a cell begins in the file, and its text as the tokenizer read it there. */
type LineStarts = Array<{ start: Point; text: string }>;

/**
 * The tree side of grid tables, each cell parsed with `cellExtensions` (the part's own,
 * so a cell holds what the text around it may), every node in the file's places.
 */
export function gridTablesTree(document: string, cellExtensions: () => { syntax: unknown[]; tree: unknown[] }): FromMarkdownExtension {
  const processor: CellProcessor = {
    data: (key) => (key === 'micromarkExtensions' ? cellExtensions().syntax : cellExtensions().tree),
  };
  const inner = gridTablesFromMarkdown({ processor });
  const starts = new WeakMap<CellRecord, LineStarts>();
  const exitCell = inner.exit[TYPE_CELL] as Handle;
  const exitTable = inner.exit[TYPE_TABLE] as Handle;
  return {
    enter: inner.enter,
    transforms: [(tree) => cellNoteCalls(tree, document)],
    exit: {
      ...inner.exit,
      [TYPE_CELL](this: CompileContext, token: Token) {
        const info = tableInfo(this);
        const column = info.colPos;
        const text = this.sliceSerialize(token);
        exitCell.call(this, token);
        // The cell that took the line, as the utility chose it: one held open by a row span, else the row's.
        const cell = info.pendingCells[column] || info.cells[column];
        if (!cell) return;
        const lines = starts.get(cell) ?? [];
        lines.push({ start: { ...token.start }, text });
        starts.set(cell, lines);
      },
      [TYPE_TABLE](this: CompileContext, token: Token) {
        // The utility takes a cell's trailing blank lines off its record as it parses it: the lines as read.
        const cells = tableInfo(this).allCells.map((cell) => ({ cell, lines: [...cell.lines] }));
        const table = this.stack.at(-1) as Nodes;
        exitTable.call(this, token);
        for (const { cell, lines } of cells) placeCell(cell.node, lines, starts.get(cell));
        // Rows have no place of their own in the file (a row of a table with spans is several runs of it).
        visit(table, TYPE_ROW as Nodes['type'], (row) => {
          delete row.position;
        });
      },
    },
  };
}

/** The utility's state while a table is read (it keeps it in the compile context's data). */
function tableInfo(context: CompileContext): TableInfo {
  return (context.data as unknown as { tableInfo: TableInfo }).tableInfo;
}

/** Every node of a cell placed in the file; none placed at all where the lines cannot be matched. */
function placeCell(node: Parent, cellLines: readonly string[], lines: LineStarts | undefined): void {
  const map = lines && lineMap(cellLines, lines);
  if (map) placeNodes(node, map);
  else {
    visit(node, (inner) => {
      if (inner !== node) delete inner.position;
    });
  }
  const first = lines?.[0];
  const last = lines?.at(-1);
  if (first && last) node.position = { start: first.start, end: { line: last.start.line, column: last.start.column + last.text.length, offset: (last.start.offset ?? 0) + last.text.length } };
  else delete node.position;
}

/**
 * The utility's `multiline` and its dropping of a lone `\` line, followed line by line: trailing
 * blank lines go, every line loses the indent all share, a line of only `\` before a blank one
 * goes. Undefined where the recorded lines are not the utility's (its text changed).
 */
function lineMap(cellLines: readonly string[], lines: LineStarts): LineMap | undefined {
  if (cellLines.length !== lines.length || cellLines.some((line, index) => line !== lines[index]?.text)) return undefined;
  const kept = cellLines.map((_, index) => index);
  while (kept.length && /^\s*$/.test(cellLines[kept.at(-1) as number] ?? '')) kept.pop();
  const indent = Math.min(...kept.map((index) => cellLines[index] ?? '').filter((line) => !/^\s*$/.test(line)).map((line) => /^ */.exec(line)?.[0].length ?? 0));
  const prefix = Number.isFinite(indent) ? indent : 0;
  const text = kept.map((index) => (cellLines[index] ?? '').substring(prefix).trimEnd());
  for (let i = 0; i < text.length; i++) {
    const line = text[i] as string;
    if (!line.endsWith('\\') || text[i + 1]) continue;
    let at = line.length - 1;
    while (at >= 0 && line[at] === '\\') at--;
    if ((line.length - at + 2) % 2 !== 0) continue;
    if (line.length === 1) {
      text.splice(i, 1);
      kept.splice(i, 1);
      i--;
    } else text[i] = line.slice(0, -1);
  }
  return kept.map((index) => {
    const start = lines[index]?.start as Point;
    return { line: start.line, column: start.column + prefix, offset: (start.offset ?? 0) + prefix };
  });
}

/**
 * A note call in a cell: GFM makes `[^label]` a call only where its document defines the
 * label, and a cell is parsed as a document of its own, without the part's notes. So, once the
 * part is read, `[^label]` left as text in a cell becomes the call it is where the part
 * defines that label and the file has it there as typed (not `\\[^label]`). A cell's lines are
 * the file's lines one after another, so a call on a text's line j is on the file's line
 * start + j, within the cell's columns.
 */
function cellNoteCalls(tree: Root, document: string): undefined {
  const defined = new Set<string>();
  visit(tree, 'footnoteDefinition', (node) => {
    defined.add(node.identifier);
  });
  if (!defined.size) return undefined;
  const starts = lineStarts(document);
  visit(tree, TYPE_CELL as Nodes['type'], (cell) => {
    const column = cell.position?.start.column;
    if (column === undefined) return undefined;
    visit(cell, 'text', (node: Text, index, parent: Parent | undefined) => {
      const start = node.position?.start;
      if (!parent || index === undefined || !start) return undefined;
      const pieces: PhrasingContent[] = [];
      let from = 0;
      for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const identifier = normalizeIdentifier(match[1] as string).toLowerCase();
        if (!defined.has(identifier)) continue;
        const line = start.line + (node.value.slice(0, match.index).match(/\n/g)?.length ?? 0);
        const lineStart = starts[line - 1];
        if (lineStart === undefined) continue;
        const searchFrom = lineStart + (line === start.line ? start.column : column) - 1;
        const lineEnd = document.indexOf('\n', lineStart);
        const place = document.indexOf(match[0], searchFrom);
        if (place < 0 || (lineEnd >= 0 && place > lineEnd) || escaped(document, place)) continue;
        const at = match.index;
        if (at > from) pieces.push({ type: 'text', value: node.value.slice(from, at) });
        const placeColumn = place - lineStart + 1;
        pieces.push({
          type: 'footnoteReference',
          identifier,
          label: match[1] as string,
          position: { start: { line, column: placeColumn, offset: place }, end: { line, column: placeColumn + match[0].length, offset: place + match[0].length } },
        });
        from = at + match[0].length;
      }
      if (!pieces.length) return undefined;
      if (from < node.value.length) pieces.push({ type: 'text', value: node.value.slice(from) });
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return index + pieces.length;
    });
    return undefined;
  });
  return undefined;
}

/** Whether the character at `at` is escaped: an odd run of backslashes before it (`\\[^n]` is a backslash and a call). */
function escaped(document: string, at: number): boolean {
  let backslashes = 0;
  while (document[at - 1 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 1;
}
