/**
 * Inline tags on lines of their own. CommonMark reads a line that is nothing but one
 * complete tag of an element it does not know as a block (`<br>`, `<a name="intro">`,
 * `<a href="https://…">` over a `<b>` on the next line) as the start of a raw HTML block,
 * its seventh kind, which runs to the next blank line. Authors write these as inline markup
 * (READMEs put `<br>` between their sections: picomatch's, zod's, pdf-lib's), and the format allows
 * raw HTML for inline markup only, so such a block is read here as a paragraph of that
 * inline markup: its tags and text as CommonMark gives them inside a paragraph, each tag
 * then checked on its own, at its own place, by remark-raw-html.ts (`<img>` is refused
 * there as it is anywhere). The text between the tags stays raw, as it is in any HTML block:
 * `*a*` is printed as typed, `&amp;` is `&`. The other six kinds (`<div>`, `<table>`,
 * `<pre>`, `<details>`, comments…) stay blocks, and remark-raw-html.ts refuses them.
 */
import type { Html, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';
import { SKIP, visit } from 'unist-util-visit';
import { PHRASING_PARENTS } from './remark-raw-html.js';
import { BlockPlaces } from './sub-document.js';
import { shapeOf } from './remark-html-blocks.js';
import { MAX_DEPTH } from './nesting.js';

/** Every micromark construct but inline HTML and character references: the text of an HTML block is not Markdown. */
const RAW_INLINE_ONLY = {
  disable: {
    null: ['attention', 'autolink', 'blockQuote', 'characterEscape', 'codeFenced', 'codeIndented', 'codeText', 'definition', 'hardBreakEscape', 'headingAtx', 'htmlFlow', 'labelEnd', 'labelStartImage', 'labelStartLink', 'list', 'setextUnderline', 'thematicBreak'],
  },
};

/**
 * Elements that make a block a block: CommonMark's, and `<picture>`, which READMEs put on lines of
 * its own around a logo's `<source>`s and `<img>` (read as its picture by remark-html-blocks.ts).
 */
const BLOCK_KINDS = new Set([...htmlBlockNames, ...htmlRawNames, 'picture', 'source']);

/**
 * The seventh kind, with no block element in it: a block that starts with a tag of no
 * element CommonMark knows as a block, and holds none (parsed as HTML). A `<br>` line runs on
 * to the next blank line, and READMEs put `<p align="center">` right under one: that stays a
 * raw HTML block, refused as one.
 */
function isInlineTagBlock(value: string): boolean {
  const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(value)?.[1];
  if (name === undefined || BLOCK_KINDS.has(name.toLowerCase())) return false;
  // Parsed below by hast-util-from-parse5, which recurses once per level: `<span>` over 50,000
  // `<b>`s overflowed the stack, at no place. Left a block, refused at its line (remark-html-blocks.ts).
  if (shapeOf(value).depth > MAX_DEPTH) return false;
  let blockInside = false;
  visit(fromHtml(value, { fragment: true }), 'element', (element: Element) => {
    blockInside ||= BLOCK_KINDS.has(element.tagName);
  });
  return !blockInside;
}

export default function remarkInlineHtmlLines() {
  return (tree: Root, file: VFile): void => {
    let places: BlockPlaces | undefined;
    visit(tree, 'html', (node: Html, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || PHRASING_PARENTS.has(parent.type) || !isInlineTagBlock(node.value) || !node.position) return;
      places ??= new BlockPlaces(String(file.value));
      const paragraph = inlineParagraph(node, places);
      if (!paragraph) return;
      parent.children.splice(index, 1, paragraph);
      return SKIP;
    });
  };
}

/** The block read as a paragraph, with places in the part; undefined if it is not one paragraph. */
function inlineParagraph(node: Html, places: BlockPlaces): Paragraph | undefined {
  const read = fromMarkdown(node.value, { extensions: [RAW_INLINE_ONLY] });
  const only = read.children[0];
  if (read.children.length !== 1 || only?.type !== 'paragraph') return undefined;
  const at = node.position as Position;
  const lines = node.value.split(/\r\n|\r|\n/);
  const shift = (point: Point): Point => places.point(at.start, lines, point);
  visit(only, (inner) => {
    if (inner.position) inner.position = { start: shift(inner.position.start), end: shift(inner.position.end) };
  });
  // Two spaces at a line's end break the line in Markdown, not in HTML: a line's end, as typed.
  const children = only.children.map((child): PhrasingContent => (child.type === 'break' ? { type: 'text', value: '\n', ...(child.position ? { position: child.position } : {}) } : child));
  return { type: 'paragraph', children, position: at };
}
