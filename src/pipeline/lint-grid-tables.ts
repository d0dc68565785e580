/**
 * Lint `grid-table`: a Pandoc grid table (`+---+---+` borders, `|` between cells) is no table
 * in CommonMark or GFM, only a paragraph of its lines, so it printed as rows of dashes and
 * pipes without a word (Pandoc's own manual, MANUAL.txt, has 8 of them). The paragraph is printed as
 * typed, as GitHub prints it; the warning, at its first line, says how to write it so that
 * it is a table here.
 *
 * Not built as a table: @adobe/remark-gridtables parses grid tables well, but it parses each
 * cell again apart from the document, so nothing inside a cell has a place in the file, and
 * the plugins here that read the source at a node's place (citations, escapes, note calls)
 * would read the wrong text.
 */
import type { Paragraph, Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';

/** A grid table's border or its header's (`+===+`), alignment colons allowed: `+:---+---:+`. */
const BORDER = /^[ \t]*\+(?:[-=:]+\+)+[ \t]*$/;
/** A line of cells: begins with `|` (or `+` where a cell spans rows) and ends with one. */
const ROW = /^[ \t]*[|+].*[|+][ \t]*$/;

export default function lintGridTables() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, 'paragraph', (node: Paragraph) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return SKIP;
      // The paragraph's lines as written (a table inside a quotation keeps its `>` and is not recognised).
      const [first, ...rest] = source.slice(start, end).split(/\r\n|\r|\n/);
      if (first === undefined || !BORDER.test(first) || rest.length < 2) return SKIP;
      if (!rest.every((line) => ROW.test(line)) || !BORDER.test(rest.at(-1) ?? '')) return SKIP;
      file.message('a Pandoc grid table is printed as its lines of text: a table here is GFM’s, rows `| a | b |` under `|---|---|`', {
        place: node.position,
        ruleId: 'grid-table',
        source: 'pamphlet',
      });
      return SKIP;
    });
  };
}
