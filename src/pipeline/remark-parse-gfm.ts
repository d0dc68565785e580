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
 * The mdast side of GFM (building nodes from tokens, the autolink transform) is registered as
 * remark-gfm registers it; its Markdown writer is not, for nothing here writes Markdown.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Extension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Plugin, Processor } from 'unified';
// Its types declare the processor's data this reads (`micromarkExtensions`, `fromMarkdownExtensions`).
import type {} from 'remark-parse';

/**
 * GFM's syntax extensions, in remark-gfm's order, each with a test that is true of every
 * text in which its construct can occur (it may be true of others: then the extension is
 * there, and finds nothing).
 */
const GFM_SYNTAX: readonly { construct: string; extension: Extension; mayOccur: (text: string) => boolean }[] = [
  // `www.` and `http(s)://` in any case; an e-mail address's `@` after a letter, digit, `.`, `_`, `+` or `-`.
  { construct: 'autolink literal', extension: gfmAutolinkLiteral(), mayOccur: (text) => /www\.|:\/\/|[\w.+-]@/i.test(text) },
  // A note's call and its definition both begin `[^`.
  { construct: 'footnote', extension: gfmFootnote(), mayOccur: (text) => text.includes('[^') },
  { construct: 'strikethrough', extension: gfmStrikethrough(), mayOccur: (text) => text.includes('~') },
  // A table's delimiter row always holds a `|`.
  { construct: 'table', extension: gfmTable(), mayOccur: (text) => text.includes('|') },
  { construct: 'task list item', extension: gfmTaskListItem(), mayOccur: (text) => text.includes('[') },
];

/** The GFM constructs a text may hold, by name, in remark-gfm's order. */
export function gfmConstructsIn(text: string): string[] {
  return GFM_SYNTAX.filter((syntax) => syntax.mayOccur(text)).map((syntax) => syntax.construct);
}

/** The syntax extensions a text needs, in remark-gfm's order. */
function gfmSyntaxFor(text: string): Extension[] {
  return GFM_SYNTAX.filter((syntax) => syntax.mayOccur(text)).map((syntax) => syntax.extension);
}

/** A parser plugin, typed as remark-parse is: from a string to an mdast root. */
const remarkParseGfm: Plugin<[], string, Root> = function (this: Processor) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
  // Read when a part is parsed, so that the plugins after this one (front matter, directives)
  // have added their extensions, after GFM's as with remark-gfm.
  this.parser = (document: string): Root =>
    fromMarkdown(document, {
      extensions: [...gfmSyntaxFor(document), ...(data.micromarkExtensions ?? [])],
      mdastExtensions: data.fromMarkdownExtensions ?? [],
    });
};

export default remarkParseGfm;
