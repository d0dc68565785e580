/**
 * remark-parse and remark-gfm in one plugin, which gives micromark each of GFM's syntax
 * extensions only for a part whose text holds the characters its construct begins with.
 *
 * micromark tries every extension's constructs at every character they are registered for,
 * whether or not the text could ever complete one. Autolink literals are tried at every
 * letter and digit (for `www.`, `http://` and the name before an `@`): measured cold on the
 * ten-fold manuscript (468 KB, no address in it), remark-parse alone took 220 ms, with the
 * autolink extension 375 ms, with all of GFM 450 ms. A construct that never completes leaves
 * nothing in the tree, so leaving out the extension of a construct whose characters are not
 * in the text gives the same tree, positions and all (tests/mutation/parse-gfm.test.ts holds
 * the two parses equal on the CommonMark and GFM specs' examples and on long real documents).
 * The same goes for the tree's side of each (building nodes from tokens; the autolink
 * transform, 29 ms of that manuscript's parse, looks for the same marks); GFM's Markdown
 * writer is not registered, for nothing here writes Markdown.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Construct, Extension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gridTables } from '@adobe/micromark-extension-gridtables';
import { defList } from 'micromark-extension-definition-list';
import { defListFromMarkdown } from 'mdast-util-definition-list';
import { mathFromMarkdown } from 'mdast-util-math';
import { dollarMath, MAY_HOLD_LABELLED_MATH, unlabelledMath } from './dollar-math.js';
import type { Plugin, Processor } from 'unified';
import type { VFile } from 'vfile';
import { error } from '../diagnostics.js';
import { blankComments, MAY_HOLD_COMMENT, placeAsWritten } from './obsidian-comments.js';
import { gridTablesTree } from './grid-tables.js';
import { definitionCaptions } from './definition-captions.js';
import { MAY_HOLD_ADMONITION, mkdocsAdmonitions } from './mkdocs-admonitions.js';
import { MAY_HOLD_MYST, mystDirectives } from './myst-directives.js';
import { MAY_HOLD_MDX_BLOCK, mdxCodeBlocks } from './remark-mdx.js';
// Its types declare the processor's data this reads (`micromarkExtensions`, `fromMarkdownExtensions`).
import type {} from 'remark-parse';

/**
 * GFM's syntax extensions, in remark-gfm's order, each with a test that is true of every
 * text in which its construct can occur (it may be true of others: then the extension is
 * there, and finds nothing).
 */
const GFM_SYNTAX: readonly { construct: string; syntax: Extension; tree: FromMarkdownExtension; mayOccur: (text: string) => boolean }[] = [
  // `www.` and `http(s)://` in any case; an e-mail address's `@` after a letter, digit, `.`, `_`, `+`
  // or `-`. The tree's side finds addresses in text by the same marks (its regular expressions).
  { construct: 'autolink literal', syntax: gfmAutolinkLiteral(), tree: gfmAutolinkLiteralFromMarkdown(), mayOccur: (text) => /www\.|:\/\/|[\w.+-]@/i.test(text) },
  // A note's call and its definition both begin `[^`.
  { construct: 'footnote', syntax: gfmFootnote(), tree: gfmFootnoteFromMarkdown(), mayOccur: (text) => text.includes('[^') },
  { construct: 'strikethrough', syntax: gfmStrikethrough(), tree: gfmStrikethroughFromMarkdown(), mayOccur: (text) => text.includes('~') },
  // A table's delimiter row always holds a `|`.
  { construct: 'table', syntax: gfmTable(), tree: gfmTableFromMarkdown(), mayOccur: (text) => text.includes('|') },
  { construct: 'task list item', syntax: gfmTaskListItem(), tree: gfmTaskListItemFromMarkdown(), mayOccur: (text) => text.includes('[') },
];

const DOLLAR_MATH = dollarMath();
const MATH_TREE = mathFromMarkdown();

/** How deep MkDocs's admonitions are read inside one another. */
const MAX_ADMONITION_DEPTH = 8;

/**
 * Adobe's grid-table construct, not `concrete`. Concrete, it left micromark trying no container
 * start (a quotation, a list, a note's definition) on any line after a grid table that began
 * inside a paragraph, which is where one whose first rows are wider than its border begins:
 * those rows are a paragraph, and the table starts at the next border that opens a valid one.
 * Quarto's guide (article-layout.qmd) has such a row, a note call that pushed its `|` one
 * column out, and every note definition after it printed as text. A grid table's lines all
 * begin with `+` or `|`, which open no container, so nothing concrete is needed there.
 */
const PLUS_SIGN = 43;
const GRID_TABLES: Extension = { flow: { [PLUS_SIGN]: { ...(gridTables.flow as Record<number, Construct>)[PLUS_SIGN]!, concrete: false } } };

/** A grid table's top border begins a line: `+---`, `+===`, `+:--` (a list's `+` is followed by a space). */
const GRID_TABLE = /^[ \t]*\+[-=:]/m;

/**
 * A definition list's definition begins a line with `:` and a space or tab (Pandoc's, PHP
 * Markdown Extra's, kramdown's and MkDocs's `def_list`): after a quotation's `>` or an indent too.
 */
const DEFINITION = /^[ \t>]*:[ \t]/m;

/** The GFM constructs a text may hold, by name, in remark-gfm's order. */
export function gfmConstructsIn(text: string): string[] {
  return GFM_SYNTAX.filter((syntax) => syntax.mayOccur(text)).map((syntax) => syntax.construct);
}



/** A parser plugin, typed as remark-parse is: from a string to an mdast root. */
const remarkParseGfm: Plugin<[], string, Root> = function (this: Processor) {
  const data = this.data();
  // Read when a part is parsed, so that the plugins after this one (front matter, directives)
  // have added their extensions, after GFM's as with remark-gfm.
  const parse = (document: string, depth = 0): Root => {
    const gfm = GFM_SYNTAX.filter((construct) => construct.mayOccur(document));
    // Pandoc's grid tables, after GFM's constructs; each cell is parsed with the part's own extensions.
    const grid = GRID_TABLE.test(document);
    // Definition lists (Term, then `:   its definition`) as Pandoc reads them, by wataru-chocola's extension.
    const definitions = DEFINITION.test(document);
    // TeX math between dollar signs (dollar-math.ts), only where a dollar sign is.
    const math = document.includes('$');
    const extensions: Extension[] = [...gfm.map((construct) => construct.syntax), ...(grid ? [GRID_TABLES] : []), ...(definitions ? [defList] : []), ...(math ? [DOLLAR_MATH] : []), ...(data.micromarkExtensions ?? [])];
    const mdastExtensions: Array<FromMarkdownExtension | FromMarkdownExtension[]> = [...gfm.map((construct) => construct.tree), ...(definitions ? [defListFromMarkdown] : []), ...(math ? [MATH_TREE] : []), ...(data.fromMarkdownExtensions ?? [])];
    if (grid) mdastExtensions.splice(gfm.length, 0, gridTablesTree(document, () => ({ syntax: extensions, tree: mdastExtensions })));
    const tree = fromMarkdown(document, { extensions, mdastExtensions });
    // A table's `: caption` read back from the definition it was taken for.
    if (definitions && (gfm.some((construct) => construct.construct === 'table') || grid)) definitionCaptions(tree);
    // MkDocs's `!!! note` and its indented body, parsed again as the Markdown it is; each level
    // of nesting parses its body again, so eight levels at most (MkDocs's pages nest two).
    if (depth < MAX_ADMONITION_DEPTH && MAY_HOLD_ADMONITION.test(document)) mkdocsAdmonitions(tree, document, (text) => parse(text, depth + 1));
    // MyST's ```{note} fences, their bodies parsed again the same way, as deep.
    if (depth < MAX_ADMONITION_DEPTH && MAY_HOLD_MYST.test(document)) mystDirectives(tree, document, (text) => parse(text, depth + 1));
    // Docusaurus's ```mdx-code-block fences, MDX to be shown, read as the Markdown they hold.
    if (depth < MAX_ADMONITION_DEPTH && MAY_HOLD_MDX_BLOCK.test(document)) mdxCodeBlocks(tree, document, (text) => parse(text, depth + 1));
    return tree;
  };
  this.parser = (document: string, file: VFile): Root => {
    let tree = parse(document);
    // MyST's `$$ (label)`, which closes no formula for micromark-extension-math: read again with bare fences.
    if (MAY_HOLD_LABELLED_MATH.test(document)) {
      for (let pass = 0, found = unlabelledMath(document, tree); found && pass < MAX_ADMONITION_DEPTH; pass++, found = unlabelledMath(document, tree)) {
        document = found.text;
        tree = parse(document);
        file.data.mathLabels = new Map([...(file.data.mathLabels ?? []), ...found.labels]);
      }
    }
    if (!MAY_HOLD_COMMENT(document)) return tree;
    // Obsidian's `%%comments%%`, blanked in the source (positions kept), and the part read again.
    const comments = blankComments(document, tree);
    if (!comments) return tree;
    if (comments.unclosed !== undefined) {
      const before = document.slice(0, comments.unclosed).split('\n');
      const place = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
      error(file, '`%%` opens an Obsidian comment that no `%%` closes: close it, or write `\\%%` for the characters', { place, ruleId: 'unclosed-comment', source: 'pamphlet' });
    }
    if (comments.text === document) return tree;
    file.value = comments.text;
    const blanked = parse(comments.text);
    placeAsWritten(blanked, comments.moves);
    return blanked;
  };
};

export default remarkParseGfm;
