// @adobe/micromark-extension-gridtables and @adobe/mdast-util-gridtables ship no type
// declarations; this is the part of their API pamphlet uses (src/pipeline/grid-tables.ts).
declare module '@adobe/micromark-extension-gridtables' {
  import type { Extension } from 'micromark-util-types';
  export const gridTables: Extension;
}

declare module '@adobe/mdast-util-gridtables' {
  import type { Extension } from 'mdast-util-from-markdown';
  import type { Handler } from 'mdast-util-to-hast';
  /** The processor whose extensions each cell is parsed again with. */
  export interface CellProcessor {
    data(key: 'micromarkExtensions' | 'fromMarkdownExtensions'): unknown[] | undefined;
  }
  export function gridTablesFromMarkdown(options: { processor: CellProcessor }): { enter: NonNullable<Extension['enter']>; exit: NonNullable<Extension['exit']> };
  export function mdast2hastGridTablesHandler(options?: { noHeader?: boolean }): Handler;
  export const TYPE_TABLE: 'gridTable';
  export const TYPE_HEADER: 'gtHeader';
  export const TYPE_BODY: 'gtBody';
  export const TYPE_FOOTER: 'gtFooter';
  export const TYPE_ROW: 'gtRow';
  export const TYPE_CELL: 'gtCell';
}
