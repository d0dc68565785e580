/**
 * Lint `table-extra-cells`: a table row with more cells than its header. GFM prints a row's
 * first cells only, as many as the header has (mdast-util-to-hast cuts the rest), so the
 * words of `| one | two | three |` under a two-column header were lost without a word. The
 * table is printed as GFM and GitHub print it; the warning, at the first cell cut, says
 * what is not printed.
 */
import type { Root, Table } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

export default function lintTableCells() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'table', (node: Table) => {
      const columns = node.align?.length ?? node.children[0]?.children.length ?? 0;
      for (const row of node.children.slice(1)) {
        const cut = row.children.slice(columns);
        if (!cut.length) continue;
        const words = cut.map((cell) => toString(cell).trim()).filter(Boolean);
        // Empty cells past the header lose nothing.
        if (!words.length) continue;
        const lost = words.join(' | ');
        file.message(`a row of ${row.children.length} cells in a table of ${columns} column${columns === 1 ? '' : 's'} (its header's): ${cut.length === 1 ? 'its last cell is' : `its last ${cut.length} cells are`} not printed, as in GFM (“${lost.length > 60 ? `${lost.slice(0, 60)}…` : lost}”); add a column to the header, or join the cells`, {
          // At the first cut cell's words, not its pipe.
          place: cut[0]?.children[0]?.position ?? cut[0]?.position,
          ruleId: 'table-extra-cells',
          source: 'pamphlet',
        });
      }
    });
  };
}
