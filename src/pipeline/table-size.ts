/**
 * A bound on the table cells of a part, read before remark-parse. micromark and the trees
 * after it keep some 6 KB a cell: a GFM table of 45,000 rows of 30 cells (5.5 MB) filled the
 * 4 GB heap and `check` died with V8's "heap out of memory" after two minutes, with no place;
 * 20,000 rows took 3.7 GB (red team, 2026-12-04). The parse's time limit does not bound its
 * memory. The largest table of a real document swept (public-apis' lists, 1,400-odd rows of
 * 5 cells) is far below this.
 */
import type { NestingProblem } from './nesting.js';

export const MAX_TABLE_CELLS = 100_000;

/** A GFM delimiter row: cells of `-` with optional `:`, split by `|` (at least one). */
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * The table where the part's cells (rows, the header's included, times the delimiter row's
 * columns, counted up to the next blank line: an upper bound on what GFM reads) pass
 * `MAX_TABLE_CELLS`, or none.
 */
export function tableCellsProblem(text: string): NestingProblem | undefined {
  const lines = text.split('\n');
  let cells = 0;
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i]!;
    if (!row.includes('|') || !DELIMITER_ROW.test(row)) continue;
    const columns = row.replace(/^ *\|/, '').replace(/\|[ \t]*$/, '').split('|').length;
    let rows = 1;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== '') j++;
    rows += j - i - 1;
    cells += rows * columns;
    if (cells > MAX_TABLE_CELLS) {
      return {
        line: i,
        column: 1,
        reason: `this table takes the part past ${MAX_TABLE_CELLS.toLocaleString('en')} table cells (${rows.toLocaleString('en')} rows of ${columns}, ${cells.toLocaleString('en')} cells in the part so far): the Markdown parser would need gigabytes of memory for them; split the table, or the part`,
      };
    }
    i = j;
  }
  return undefined;
}
