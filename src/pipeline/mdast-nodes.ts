/**
 * The mdast nodes our remark plugins add, registered with mdast's content maps so
 * that the tree stays typed from parsing to remark-rehype.
 */
import type { Data, Node, Parent, PhrasingContent } from 'mdast';
import type { CiteItem } from '../citations/engine.js';

/** One citation cluster, from `:cite[…]` or Pandoc's `[@key]` / `@key`. */
export interface Citation extends Node {
  type: 'citation';
  items: CiteItem[];
  /** `@key` in running text: the author's name in the sentence, the rest as usual. */
  narrative: boolean;
  data?: Data;
}

/** Generic node rendered through `data.hName` (note calls, formatted citations, …). */
export interface Rendered extends Node {
  type: 'rendered';
  data: Data & { hName: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] };
}

/**
 * An empty `<span id>`: a place links reach, as an author's `<a id>` is (rehype-anchors.ts gives it
 * an id every format takes). For Obsidian's block ids, MyST's targets and `:name:` options.
 */
export function anchorSpan(id: string): Rendered {
  return { type: 'rendered', data: { hName: 'span', hProperties: { id } } };
}

/** A block our plugins build with mdast children (figures, quotations, stores). */
export interface Container extends Parent {
  type: 'container';
  data: Data & { hName: string; hProperties?: Record<string, unknown> };
}

/** A phrasing wrapper with mdast children (`:span[…]{lang=ru}`). */
export interface InlineContainer extends Parent {
  type: 'inlineContainer';
  children: PhrasingContent[];
  data: Data & { hName: string; hProperties?: Record<string, unknown> };
}

/** A Pandoc grid table (grid-tables.ts); its rows and cells are Adobe's `gtRow` and `gtCell`. */
export interface GridTable extends Parent {
  type: 'gridTable';
  data?: Data;
}

declare module 'mdast' {
  interface BreakData {
    /** The break an inline `<p>` became (remark-raw-html.ts): it ends a paragraph, not a line of verse. */
    paragraphTag?: boolean;
  }
  interface PhrasingContentMap {
    citation: Citation;
    rendered: Rendered;
    inlineContainer: InlineContainer;
  }
  interface BlockContentMap {
    container: Container;
    rendered: Rendered;
    gridTable: GridTable;
  }
  interface RootContentMap {
    citation: Citation;
    rendered: Rendered;
    container: Container;
    inlineContainer: InlineContainer;
    gridTable: GridTable;
  }
}
