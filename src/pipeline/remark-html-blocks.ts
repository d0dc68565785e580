/**
 * Raw HTML blocks that say only what Markdown can say, read as that Markdown. READMEs and docs
 * written for GitHub centre a picture and its credit in `<p align="center">`, fold a section
 * into `<details><summary>`, and wrap Markdown in `<div align="center">` … `</div>`; refusing
 * them refused most of the READMEs authors bring. Each block is parsed with parse5
 * (hast-util-from-html) and every element and attribute is checked against an allow-list;
 * then hast-util-to-mdast writes the Markdown the author could have written: `<img>` an image,
 * `<a href>` a link, `<b>` strong, `<h2>` a heading, `<table>` a table. Their addresses are
 * then checked by remark-safety.ts like any other (an image is a file of the manuscript, and
 * nothing is fetched). A `<details>` is a note titled by its `<summary>`. The inline tags
 * Markdown has no syntax for (`<sup>`, `<kbd>`, `<abbr title>`) stay inline HTML, checked at
 * their place by remark-raw-html.ts. Attributes that only say how a web page lays things out,
 * styles or scripts them (`align`, `width`, `class`, `data-*`) are dropped: the theme sets the page.
 *
 * A block that opens a `<div>` or `<details>` and leaves it open holds the Markdown after it,
 * up to the block that closes it (GitHub's way: blank lines around the Markdown inside); the
 * run is parsed as one, each piece of Markdown in its place.
 *
 * A block with anything else (`<script>`, `<form>`, `<iframe>`, `onclick`, `draggable`) is an error
 * at that element or attribute, and none of its HTML is kept.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { BlockContent, Blockquote, DefinitionContent, Html, Image, Nodes as MdastNodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Point, Position } from 'unist';
import type { Processor } from 'unified';
import { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { phrasing } from 'mdast-util-phrasing';
import { defaultHandlers, toMdast, type Handle } from 'hast-util-to-mdast';
import { htmlVoidElements } from 'html-void-elements';
import { Tokenizer, type TokenHandler } from 'parse5';
import { find, html } from 'property-information';
import { SKIP, visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';
import type { AlertKind } from '../words.js';
import { MAX_DEPTH } from './nesting.js';
import { figure } from './remark-figures.js';
import { attributeRefusal, GLOBAL_ATTRIBUTES, INLINE_HTML, isDroppedAttribute, KNOWN_ELEMENTS, openingTag, PHRASING_PARENTS, SCRIPTING_ELEMENTS } from './remark-raw-html.js';
import { BlockPlaces } from './sub-document.js';
import { classifyUrl } from './url-policy.js';
import { isBlankText } from './blank-text.js';

/** Block elements read as Markdown, with the attributes each may carry (hast property names). */
const BLOCK_HTML: Readonly<Record<string, readonly string[]>> = {
  p: [], div: [], center: [], section: [], article: [], aside: [], header: [], footer: [], main: [],
  details: ['open'], summary: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  blockquote: ['cite'], hr: [], pre: [],
  ul: [], ol: ['start', 'type', 'reversed'], li: ['value'], dl: [], dt: [], dd: [],
  figure: [], figcaption: [],
  // A `<picture>`'s `<source>`s are other files for other screens; its `<img>` is the picture.
  picture: [], source: ['srcSet', 'media', 'type', 'sizes'],
  img: ['src', 'alt', 'title'],
  table: [], caption: [], thead: [], tbody: [], tfoot: [], tr: [], th: ['colSpan', 'rowSpan', 'scope'], td: ['colSpan', 'rowSpan'],
};

/** Elements that may hold Markdown written between an opening block and its closing one. */
const WRAPPERS = new Set(['div', 'details', 'center', 'section', 'article', 'aside', 'header', 'footer', 'main']);

/** Inline tags Markdown has no syntax for: kept as inline HTML, for remark-raw-html.ts to check at their place. */
const KEPT_INLINE = Object.keys(INLINE_HTML).filter((name) => !['b', 'strong', 'i', 'em', 'code', 'del', 's', 'br', 'a'].includes(name));

const SLOT = 'pamphlet-slot';

export interface HtmlBlocksOptions {
  /** The part's language: a `<details>` without a `<summary>` is titled by its word for a note. */
  lang: string;
}

export default function remarkHtmlBlocks(this: Processor, options: HtmlBlocksOptions) {
  const processor = this;
  return (tree: Root, file: VFile): void => {
    // No `<`, no HTML: the walk over every node is skipped (most parts have none).
    if (!String(file.value).includes('<')) return;
    let places: BlockPlaces | undefined;
    visit(tree, (node) => {
      if (!('children' in node) || PHRASING_PARENTS.has(node.type) || !node.children.some((child) => child.type === 'html')) return;
      places ??= new BlockPlaces(String(file.value));
      const parse = (text: string): Root => processor.parser!(text, new VFile(text)) as Root;
      const children = (node.children as RootContent[]).flatMap((child) => (child.type === 'html' ? notionCallout(child, parse, places!) : [child]));
      (node as Parent).children = readBlocks(children, { file, places, lang: options.lang }) as Parent['children'];
    });
  };
}

/** Notion's callout as its export writes it: `<aside>` alone on a line, then its text, no tag in it. */
// Lines joined by exactly one line break each: no way to read a line two ways, so no backtracking.
const NOTION_ASIDE = /^<aside>\n([^<\n]+(?:\n[^<\n]+)*)(\n<\/aside>)?$/;

/**
 * Notion writes a callout's text on the lines after `<aside>`, with no blank line between, as
 * Markdown (`💡 **Tip:** …`); CommonMark reads those lines as HTML, and the asterisks would print.
 * Those lines are read as the Markdown Notion meant, placed back in the file, and the tags stay
 * the HTML around them. Only a bare `<aside>` (Notion's) whose lines hold no tag: anything else
 * is HTML its author wrote, and is read as HTML.
 */
function notionCallout(node: Html, parse: (text: string) => Root, places: BlockPlaces): RootContent[] {
  const match = NOTION_ASIDE.exec(node.value);
  const start = node.position?.start;
  if (!match || !start) return [node];
  const valueLines = node.value.split('\n');
  const text = match[1]!;
  const inner = parse(text);
  const map = (point: Point): Point => places.point(start, valueLines, { line: point.line + 1, column: point.column });
  visit(inner, (child) => {
    if (child === inner) return;
    if (child.position) child.position = { start: map(child.position.start), end: map(child.position.end) };
  });
  const opening: Html = { type: 'html', value: '<aside>', position: { start, end: places.point(start, valueLines, { line: 1, column: 8 }) } };
  const closingLine = valueLines.length;
  const closing: Html[] = match[2] ? [{ type: 'html', value: '</aside>', position: { start: places.point(start, valueLines, { line: closingLine, column: 1 }), end: node.position!.end } }] : [];
  return [opening, ...inner.children, ...closing];
}

interface Context {
  file: VFile;
  places: BlockPlaces;
  lang: string;
}

/** What parse5's tokenizer finds in a piece of HTML (see shapeOf). */
export interface Shape {
  /** Wrapper elements it closes that it did not open. */
  closes: number;
  /** Wrapper elements it leaves open, outermost first. */
  opens: string[];
  /** Start tags. */
  elements: number;
  /** The deepest nesting of elements. */
  depth: number;
}

function readBlocks(children: RootContent[], context: Context): RootContent[] {
  const shapes = new Map<RootContent, Shape>();
  for (const child of children) if (child.type === 'html') shapes.set(child, shapeOf(child.value));
  const closers = closingBlocks(children, shapes);
  const unclosed: Html[] = [];
  const out: RootContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as RootContent;
    const shape = shapes.get(child);
    if (child.type !== 'html' || !child.position || !shape) {
      out.push(child);
      continue;
    }
    // hast-util-from-parse5 and hast-util-to-mdast recurse once per level: 50,000 `<div>`s
    // overflowed the stack, at no place.
    if (shape.depth > MAX_DEPTH) {
      error(context.file, `raw HTML nested over ${MAX_DEPTH} levels deep: close each element before the next opens`, { place: child.position, ruleId: 'nesting', source: 'pamphlet' });
      continue;
    }
    // Comments, and a closing tag with nothing open, are remark-raw-html.ts's (dropped, or refused).
    if (shape.elements === 0 || shape.closes > 0) {
      out.push(child);
      continue;
    }
    const end = shape.opens.length ? (closers.get(i) ?? -1) : i;
    if (end < 0) {
      unclosed.push(child);
      continue;
    }
    out.push(...readRegion(children.slice(i, end + 1), context));
    i = end;
  }
  // Once for the blocks beside each other: 50,000 `<div>`s made 50,000 errors.
  const [first] = unclosed;
  if (first) {
    const name = shapes.get(first)?.opens[0] ?? 'div';
    const more = unclosed.length > 1 ? ` (and ${unclosed.length - 1} more blocks after it open one they never close)` : '';
    error(context.file, `<${name}> is opened here and never closed: close it with </${name}> after the Markdown it holds${more}`, { ...(first.position ? { place: first.position } : {}), ruleId: 'raw-html-block', source: 'pamphlet' });
  }
  return out;
}

/** Void elements and those whose end tag may be left out (`<p>`, `<li>`, `<td>`): no level of nesting each. */
const UNNESTED = new Set([...htmlVoidElements, 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp', 'rtc', 'caption', 'colgroup']);

/**
 * The wrappers a piece of HTML leaves open or closes, and how deep it nests, by parse5's
 * tokenizer: a tree builder would close an open `<div>` at the block's end, and drop a `</div>`
 * that closes nothing, without a word.
 */
export function shapeOf(value: string): Shape {
  const shape: Shape = { closes: 0, opens: [], elements: 0, depth: 0 };
  const open: string[] = [];
  const ignore = (): void => {};
  const handler: TokenHandler = {
    onStartTag(token) {
      shape.elements++;
      if (token.selfClosing || UNNESTED.has(token.tagName)) return;
      open.push(token.tagName);
      shape.depth = Math.max(shape.depth, open.length);
      if (WRAPPERS.has(token.tagName)) shape.opens.push(token.tagName);
    },
    onEndTag(token) {
      const level = open.lastIndexOf(token.tagName);
      if (level >= 0) open.splice(level);
      if (!WRAPPERS.has(token.tagName)) return;
      const at = shape.opens.lastIndexOf(token.tagName);
      if (at >= 0) shape.opens.splice(at);
      else shape.closes++;
    },
    onComment: ignore, onDoctype: ignore, onEof: ignore, onCharacter: ignore, onNullCharacter: ignore, onWhitespaceCharacter: ignore,
  };
  new Tokenizer({ sourceCodeLocationInfo: false }, handler).write(value, true);
  return shape;
}

/**
 * For each block that leaves wrappers open, the index of the block that closes the last of
 * them, in one pass: each level opened is kept with the block that opened it until a block
 * closes it.
 */
function closingBlocks(children: readonly RootContent[], shapes: ReadonlyMap<RootContent, Shape>): Map<number, number> {
  const closers = new Map<number, number>();
  const levels: number[] = [];
  children.forEach((child, index) => {
    const shape = shapes.get(child);
    if (!shape) return;
    for (let n = 0; n < shape.closes && levels.length; n++) {
      const opener = levels.pop() as number;
      if (levels.at(-1) !== opener && opener !== index) closers.set(opener, index);
    }
    for (let n = 0; n < shape.opens.length; n++) levels.push(index);
  });
  return closers;
}

/** A piece of the HTML as written: where it starts in the parsed string, and its block. */
interface Piece {
  from: number;
  node: Html;
  lines: string[];
  /** Where each of its lines starts in its value. */
  starts: number[];
}

function pieceOf(from: number, node: Html): Piece {
  const starts = [0];
  const pattern = /\r\n|\r|\n/g;
  for (let match = pattern.exec(node.value); match; match = pattern.exec(node.value)) starts.push(match.index + match[0].length);
  return { from, node, lines: node.value.split(/\r\n|\r|\n/), starts };
}

/**
 * The blocks from an opening one to its closing one, parsed as one piece of HTML in which the
 * Markdown between them holds a place of its own (an element named `pamphlet-slot`), and written
 * as Markdown. If any of it is refused, only the Markdown between is kept.
 */
function readRegion(nodes: readonly RootContent[], context: Context): RootContent[] {
  let source = '';
  const pieces: Piece[] = [];
  const slots: RootContent[][] = [];
  /** Where each slot was put: a `<pamphlet-slot>` the author wrote is no slot. */
  const slotOffsets = new Set<number>();
  for (const node of nodes) {
    if (source) source += '\n';
    if (node.type === 'html') {
      pieces.push(pieceOf(source.length, node));
      source += node.value;
    } else {
      slotOffsets.add(source.length);
      source += `<${SLOT} data-index="${slots.length}"></${SLOT}>`;
      slots.push([node]);
    }
  }
  const place = (point: Point | undefined): Point | undefined => (point?.offset === undefined ? undefined : placeOf(point.offset, pieces, context.places));
  if (shapeOf(source).depth > MAX_DEPTH) {
    const first = nodes[0] as RootContent;
    error(context.file, `raw HTML nested over ${MAX_DEPTH} levels deep, counting the blocks that open a <div> or <details> around Markdown: close each element before the next opens`, { ...(first.position ? { place: first.position } : {}), ruleId: 'nesting', source: 'pamphlet' });
    return slots.flat();
  }
  const tree = fromHtml(source, { fragment: true });
  embedsAsLinks(tree, context.file, place);
  if (!allowed(tree, context.file, place, slotOffsets)) return slots.flat();
  anchorsOfIds(tree);

  const kept = new Set<RootContent>(slots.flat());
  const tags: Html[] = [];
  const inline = keepInline(tags);
  const handlers: Record<string, Handle> = {
    [SLOT]: (_state, element) => slots[Number(element.properties.dataIndex)] ?? [],
    details: (state, element) => {
      const summary = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'summary');
      const title = summary ? (state.all(summary) as PhrasingContent[]) : [];
      const body = state.toFlow(state.all({ ...element, children: element.children.filter((child) => child !== summary) }));
      // Of the kind its class names, as an `<aside>` is (MDX's `<Admonition type="tip" title>`, remark-mdx.ts); else a note.
      const kind = asideKind(element.properties.className);
      const note: Blockquote = { type: 'blockquote', children: [calloutTitle(kind, context.lang, title.length ? title : undefined), ...body], data: calloutData(kind) };
      state.patch(element, note);
      return note;
    },
    aside: (state, element) => {
      const kind = asideKind(element.properties.className);
      const note: Blockquote = { type: 'blockquote', children: [calloutTitle(kind, context.lang), ...withIconInLine(state.toFlow(state.all(element)))], data: calloutData(kind) };
      state.patch(element, note);
      return note;
    },
    figure: (state, element) => {
      const caption = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
      const picture = onlyPicture(state.all({ ...element, children: element.children.filter((child) => child !== caption) }));
      const words = caption ? captionWords(state.all(caption)) : [];
      if (!picture || !words) return defaultHandlers.figure?.(state, element);
      const made = figure(picture, words, undefined);
      state.patch(element, made);
      return made;
    },
    // `<a id="x">` without an address is an anchor: remark-raw-html.ts and rehype-anchors.ts read it.
    a: (state, element, parent) => (element.properties.href === undefined ? inline(state, element, parent) : defaultHandlers.a(state, element)),
  };
  for (const name of KEPT_INLINE) handlers[name] = inline;
  const read = toMdast(tree, { handlers }) as Root;
  // hast-util-to-mdast leaves a root of phrasing alone (`<div id="x"></div>` is an anchor and nothing else).
  read.children = paragraphsOf(read.children);
  inlineHtmlOf(read, tags);
  const whole = spanOf(nodes);
  visit(read, (node, _index, parent) => {
    if (kept.has(node as RootContent)) return SKIP;
    const start = place(node.position?.start);
    const end = place(node.position?.end);
    if (start && end) node.position = { start, end } satisfies Position;
    else delete node.position;
    // A paragraph hast-util-to-mdast made of a wrapper's loose phrasing (`<div><br><br></div>`)
    // has no place of its own; a warning about it belongs at the HTML it came from, not at 1:1.
    const around = parent === read ? whole : parent?.position;
    if (node.type === 'paragraph' && !node.position && around) node.position = around;
    return undefined;
  });
  return figuresApart(read.children);
}

/** From the start of the first node to the end of the last. */
function spanOf(nodes: readonly { position?: Position | undefined }[]): Position | undefined {
  const start = nodes[0]?.position?.start;
  const end = nodes.at(-1)?.position?.end;
  return start && end ? { start, end } : undefined;
}

/** The one picture a `<figure>` shows, beside nothing but line breaks and blanks (YDKJS's `<br><br>` under it). */
function onlyPicture(nodes: readonly MdastNodes[]): Image | undefined {
  const shown = nodes.flatMap((node) => (node.type === 'paragraph' ? node.children : [node])).filter((node) => node.type !== 'break' && !isBlankText(node));
  const [image] = shown;
  return shown.length === 1 && image?.type === 'image' ? image : undefined;
}

/** A `<figcaption>`'s words: its phrasing, or that of the one paragraph it holds; none for anything else (a list, two paragraphs). */
function captionWords(nodes: readonly MdastNodes[]): PhrasingContent[] | undefined {
  const [only] = nodes;
  const words = nodes.length === 1 && only?.type === 'paragraph' ? only.children : nodes.every((node) => phrasing(node)) ? (nodes as PhrasingContent[]) : undefined;
  return words?.some((node) => !isBlankText(node)) ? words : words && [];
}

/** Runs of phrasing among blocks, each in a paragraph of its own. */
function paragraphsOf(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    if (run.some((node) => !isBlankText(node))) out.push({ type: 'paragraph', children: run });
    run = [];
  };
  for (const node of nodes) {
    if (phrasing(node)) run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

/**
 * The kind of note an `<aside>` is: by a class that names one, as API docs made with Slate write
 * them (`<aside class="notice">`, `warning`, `success`) or an admonition's name (`tip`); else a
 * note, as Notion's callouts (`<aside>` and an emoji) are. The class itself is dropped.
 */
function asideKind(className: unknown): AlertKind {
  const names = Array.isArray(className) ? className.map(String) : [];
  for (const name of names) {
    const kind = SLATE_ASIDES[name.toLowerCase()] ?? admonitionKind(name);
    if (kind) return kind;
  }
  return 'note';
}

const SLATE_ASIDES: Readonly<Record<string, AlertKind>> = { notice: 'note', success: 'tip' };

/** An emoji alone and nothing else: Notion's callout icon (💡, ⚠️, 👩‍💻, a flag). */
const ICON_ONLY = /^\s*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2})(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*\s*$/u;

/**
 * Notion writes a callout's icon on a line of its own before the blank line that opens its
 * Markdown (`<aside>`, `💡`, a blank line, the text): the icon goes at the start of the first
 * paragraph, where Notion shows it, not on a line of its own.
 */
function withIconInLine(blocks: Array<BlockContent | DefinitionContent>): Array<BlockContent | DefinitionContent> {
  const [first, second] = blocks;
  if (first?.type !== 'paragraph' || second?.type !== 'paragraph') return blocks;
  if (!first.children.every((child) => child.type === 'text') || !ICON_ONLY.test(first.children.map((child) => (child as Text).value).join(''))) return blocks;
  const icon = first.children.map((child) => (child as Text).value).join('').trim();
  return [{ ...second, children: [{ type: 'text', value: `${icon} ` }, ...second.children] }, ...blocks.slice(2)];
}

/**
 * An inline tag Markdown has no syntax for, kept as the inline HTML it is, its content read.
 * Its tags stand in the text as marks until the tree is made (see inlineHtmlOf): as `html`
 * nodes, hast-util-to-mdast would take them for blocks and cut the paragraph around them.
 */
function keepInline(tags: Html[]): Handle {
  return (state, element) => {
    // Without the attributes dropped from every tag (a class must not reach the book's own styles).
    const kept = Object.fromEntries(Object.entries(element.properties).filter(([property]) => !isDroppedAttribute(find(html, property).attribute)));
    const opening = openingTag({ ...element, properties: kept });
    const closed = !htmlVoidElements.includes(element.tagName);
    const mark = (value: string): Text => {
      const tag: Html = { type: 'html', value };
      state.patch(element, tag);
      tags.push(tag);
      return { type: 'text', value: `${MARK_START}${tags.length - 1}${MARK_END}` };
    };
    return [mark(opening), ...(state.all(element) as PhrasingContent[]), ...(closed ? [mark(`</${element.tagName}>`)] : [])];
  };
}

const MARK_START = '\uE000pamphlet-tag-';
const MARK_END = '\uE001';
const MARKS = /\uE000pamphlet-tag-(\d+)\uE001/;

/** The marks keepInline left in the text, each replaced by its tag. */
function inlineHtmlOf(tree: Root, tags: readonly Html[]): void {
  if (!tags.length) return;
  visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || !MARKS.test(node.value)) return undefined;
    const pieces = node.value.split(new RegExp(MARKS.source, 'g')).flatMap((piece, at): PhrasingContent[] => {
      if (at % 2 === 1) return [tags[Number(piece)] ?? { type: 'text', value: '' }];
      return piece ? [{ type: 'text', value: piece }] : [];
    });
    parent.children.splice(index, 1, ...(pieces as Parent['children']));
    return index + pieces.length;
  });
}

/** A point of the parsed string as a point of the file: in the piece of HTML it falls in. */
function placeOf(offset: number, pieces: readonly Piece[], places: BlockPlaces): Point | undefined {
  let piece: Piece | undefined;
  for (const candidate of pieces) if (candidate.from <= offset) piece = candidate;
  const local = piece ? offset - piece.from : -1;
  if (!piece?.node.position || local > piece.node.value.length) return undefined;
  let line = piece.starts.length - 1;
  while (line > 0 && (piece.starts[line] as number) > local) line--;
  return places.point(piece.node.position.start, piece.lines, { line: line + 1, column: local - (piece.starts[line] as number) + 1 });
}

/**
 * Every element and attribute against the allow-list, each refusal an error at its place.
 * Returns whether all of it may be read.
 */
function allowed(tree: HastRoot, file: VFile, place: (point: Point | undefined) => Point | undefined, slotOffsets: ReadonlySet<number>): boolean {
  let ok = true;
  const refuse = (node: HastNodes, reason: string, ruleId: string): void => {
    const start = place(node.position?.start);
    const end = place(node.position?.end);
    error(file, reason, { ...(start ? { place: end ? { start, end } : start } : {}), ruleId, source: 'pamphlet' });
    ok = false;
  };
  visit(tree, 'element', (element: Element, _index, parent) => {
    const name = element.tagName;
    if (name === SLOT && slotOffsets.has(element.position?.start.offset ?? -1)) {
      // Markdown inside a `<p>` or a `<b>` left open: no Markdown block can be there.
      const holder = parent?.type === 'element' ? parent.tagName : undefined;
      if (holder !== undefined && !WRAPPERS.has(holder)) refuse(parent as Element, `<${holder}> left open around Markdown: only <div> and <details> may hold Markdown between their tags; close the <${holder}> on its own line`, 'raw-html-block');
      return SKIP;
    }
    const own = BLOCK_HTML[name] ?? INLINE_HTML[name];
    if (own === undefined) {
      const scripting = SCRIPTING_ELEMENTS.has(name);
      const what = KNOWN_ELEMENTS.has(name) ? `<${name}>` : `<${name}>, which is no HTML element,`;
      refuse(element, `${what} is not allowed in a manuscript${scripting ? ': the renderer never runs or loads embedded content' : ' (raw HTML blocks may hold paragraphs, <div>, <details>, headings, lists, tables, <img> and the inline tags)'}`, scripting ? 'raw-html-script' : 'raw-html-tag');
      return SKIP;
    }
    // A block's `id` is an anchor (anchorsOfIds); an inline tag's is checked as it always is.
    const attributes = new Set([...GLOBAL_ATTRIBUTES, ...own, ...(name in BLOCK_HTML ? ['id'] : [])]);
    for (const property of Object.keys(element.properties)) {
      const refusal = attributeRefusal(find(html, property).attribute, property, name, attributes);
      if (refusal) refuse(element, refusal.reason, refusal.ruleId);
    }
    return undefined;
  });
  return ok;
}

/** What an `<iframe>` may carry and still be printed as a link to its page: how a web page sizes, frames and permits it (hast property names). */
const EMBED_PROPERTIES = new Set(['src', 'title', 'width', 'height', 'frameBorder', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy', 'style', 'name', 'scrolling', 'sandbox', 'allowTransparency', 'marginHeight', 'marginWidth']);

/**
 * `<iframe src="https://…">`, as blogs and notes embed a video, a map or a slide deck (YouTube's
 * "Embed" code): a page that paper cannot show and an e-book may not load. It is printed as a link
 * to that page, titled by its `title` and followed by its address, with a warning at its place,
 * and is never loaded. One that names no web page, or carries anything else (`srcdoc`, an event
 * handler), stays an error (allowed()).
 */
function embedsAsLinks(tree: HastRoot, file: VFile, place: (point: Point | undefined) => Point | undefined): void {
  visit(tree, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'iframe' || !parent || index === undefined) return undefined;
    const { src, title } = element.properties;
    const page = typeof src === 'string' ? classifyUrl(src) : undefined;
    if (page?.kind !== 'web') return undefined;
    if (Object.keys(element.properties).some((property) => !EMBED_PROPERTIES.has(property) && !isDroppedAttribute(find(html, property).attribute))) return undefined;
    const words = typeof title === 'string' && title.trim() ? title.trim() : undefined;
    const link: Element = { type: 'element', tagName: 'a', properties: { href: page.href }, children: [{ type: 'text', value: words ?? page.href }] };
    const inline: ElementContent[] = words ? [link, { type: 'text', value: ` (${page.href})` }] : [link];
    // A paragraph of its own where a block may stand; in a line, the link where the frame was.
    const block = parent.type === 'root' || WRAPPERS.has(parent.tagName);
    const made: Element[] | ElementContent[] = block ? [{ type: 'element', tagName: 'p', properties: {}, children: inline, ...(element.position ? { position: element.position } : {}) }] : inline;
    parent.children.splice(index, 1, ...made);
    const start = place(element.position?.start);
    file.message(`<iframe> shows a web page, which paper cannot and an e-book may not: printed as a link to it, ${page.href}`, { ...(start ? { place: start } : {}), ruleId: 'embedded-page', source: 'pamphlet' });
    return [SKIP, index + made.length];
  });
}

/**
 * A block's `id` (`<div id="input-formats">`, Pandoc's README), as the anchor `<a id>` just
 * before it: rehype-anchors.ts gives it to the block's first text, and remark-raw-html.ts checks
 * the name, as for an anchor written so.
 */
function anchorsOfIds(tree: HastRoot): void {
  visit(tree, 'element', (element: Element, index, parent) => {
    const { id } = element.properties;
    if (id === undefined || !(element.tagName in BLOCK_HTML) || !parent || index === undefined) return undefined;
    delete element.properties.id;
    const anchor: Element = { type: 'element', tagName: 'a', properties: { id }, children: [], ...(element.position ? { position: element.position } : {}) };
    parent.children.splice(index, 0, anchor);
    return index + 2;
  });
}

/**
 * A picture with its credit under it (`<img>`, `<br>`, `<i>Source: …</i>`, READMEs' figure): the
 * picture a paragraph of its own, so that it is a figure (remark-figures.ts), and the words after it.
 */
function figuresApart(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    if (node.type !== 'paragraph') return [node];
    const [first, ...rest] = node.children;
    if (first?.type !== 'image') return [node];
    const after = rest.filter((child) => child.type !== 'break' && !isBlankText(child));
    if (after.some((child) => child.type === 'image')) return [node];
    const picture: Paragraph = { type: 'paragraph', children: [first], ...(first.position ? { position: first.position } : {}) };
    if (!after.length) return [picture];
    const words = rest.slice(rest.indexOf(after[0] as PhrasingContent));
    const position = spanOf(words);
    return [picture, { type: 'paragraph', children: words, ...(position ? { position } : {}) }];
  });
}
