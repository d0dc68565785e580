/**
 * css-tree, loaded the first time a sheet or a style attribute is parsed. Loading it builds
 * its lexer from the CSS syntax data, some 50–90 ms at the start of every build, and most
 * builds parse no CSS at all: no `style` attribute, no styles/*.css, the default theme (its
 * margins need no parse, margins.ts), our own sheets from the table `make` wrote
 * (stylesheet-table.ts). A module that parses calls `cssTree()` where it parses.
 */
import { createRequire } from 'node:module';
import type * as CssTree from 'css-tree';

let loaded: typeof CssTree | undefined;

export function cssTree(): typeof CssTree {
  loaded ??= createRequire(import.meta.url)('css-tree') as typeof CssTree;
  return loaded;
}
