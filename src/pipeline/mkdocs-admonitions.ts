/**
 * Python-Markdown's admonitions, as MkDocs sites write them: `!!! note "A title"` on a line of
 * its own, the body below it indented four spaces (`??? note` and `???+ note`, MkDocs Material's
 * folding ones, and PyMdown's content tabs, `=== "Python"`, alike). CommonMark reads the body's first lines as the rest of the `!!!`
 * paragraph and, after a blank line, the rest as indented code: the note printed as
 * "!!! note" and a code block. Here, right after the parse, the body's lines are taken from
 * the source, their indent removed, and parsed with the part's own syntax (so a list, a table
 * or another admonition in the body is one); every node is placed back in the file; and the
 * whole becomes the container remark-directive makes of `:::note[A title]`, which
 * remark-directives.ts makes a note set apart. A kind pamphlet has no style for (`abstract`,
 * `example`, `question` …) is a note titled by the author or by its own name. At the top level
 * of a part and in list items, as MkDocs's pages write them; a body whose last paragraph runs on
 * into an unindented line (a lazy continuation) is left as CommonMark reads it.
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { admonitionKind } from './callout.js';
import { lineStarts, placeNodes } from './sub-document.js';

/** `!!! note`, `??? tip "A title"`, `???+ warning inline end "A title"`. */
const MARKER = /^(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[A-Za-z][\w-]*)*(?:[ \t]+"([^"\n]*)")?[ \t]*$/;

/**
 * A content tab of PyMdown's tabbed extension, `=== "Python"` (`===!`, `===+` alike), its body
 * indented as an admonition's: in print, a note titled by the tab's label, as PyMdown's own
 * `/// tab | Python` is (remark-pymdown-blocks.ts). Material's docs have 287.
 */
const TAB = /^===[!+]?[ \t]+"([^"\n]*)"[ \t]*$/;

/** A marker line's kind and title. */
function markerOf(line: string): { name: string; title: string | undefined } | undefined {
  const admonition = MARKER.exec(line);
  if (admonition?.[1]) return { name: admonition[1], title: admonition[2] };
  const tab = TAB.exec(line);
  return tab?.[1]?.trim() ? { name: 'tab', title: tab[1] } : undefined;
}

/** What may stand before a marker on its line: nothing, an indent, or a list item's bullet or number. */
const LEAD = String.raw`[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?`;
const BEFORE_MARKER = new RegExp(`^${LEAD}$`);

/** Whether a text may hold one, at a line's start or a list item's (a cheap test before the walk). */
export const MAY_HOLD_ADMONITION = new RegExp(String.raw`^${LEAD}(?:!!!|\?\?\?|===)`, 'm');

/** The body's lines as parsed alone: which line of the file each is, and how much indent it lost. */
interface Body {
  text: string;
  /** For each line of the body, its line in the file (1-based) and the characters taken from its start. */
  lines: Array<{ line: number; removed: number }>;
}

/**
 * Turns the part's top-level admonitions into containers, in place. `parse` is the part's own
 * parser, for the bodies.
 */
export function mkdocsAdmonitions(tree: Root, source: string, parse: (text: string) => Root): void {
  const starts = lineStarts(source);
  const lineText = (line: number): string => source.slice(starts[line - 1], (starts[line] ?? source.length + 1) - 1);
  let definitions: Definitions | undefined;
  const read = (children: RootContent[]): void => {
    for (let index = 0; index < children.length; index++) {
      const node = children[index];
      if (node?.type !== 'paragraph' || !node.position) continue;
      const first = node.position.start.line;
      // At a line's start, or a list item's: the body is indented four columns past the marker.
      const column = node.position.start.column;
      const markerLine = lineText(first).replace(/\r$/, '');
      if (!BEFORE_MARKER.test(markerLine.slice(0, column - 1))) continue;
      const marker = markerOf(markerLine.slice(column - 1));
      if (!marker) continue;
      const indent = column - 1 + 4;
      // The body: the lines after the marker that are blank or indented, up to the last indented one.
      let last = first;
      for (let line = first + 1; line <= starts.length; line++) {
        const text = lineText(line);
        if (text.trim() === '') continue;
        if (indentOf(text, indent).columns < indent) break;
        last = line;
      }
      // The nodes it covers; none may run past it.
      let end = index;
      while (end + 1 < children.length && (children[end + 1]?.position?.start.line ?? Infinity) <= last) end++;
      if (children.slice(index, end + 1).some((child) => (child.position?.end.line ?? Infinity) > last)) continue;
      // Python-Markdown reads words after the kind as classes: with nothing below, a line of prose.
      if (last === first) continue;
      const body = bodyOf(first + 1, last, lineText, indent);
      // A body that begins `---` would be read as front matter on its own.
      if (/^(?:---|\+\+\+)/.test(body.text)) continue;
      const parsed = parse(`${body.text}${definitionsFor(body.text, (definitions ??= definitionsOf(tree)))}`);
      // The part's definitions went along, so that its references and note calls in the body are
      // read as the whole part reads them; they stay where the part has them.
      parsed.children = parsed.children.filter((child) => (child.position?.start.line ?? 0) <= body.lines.length);
      placeNodes(parsed, body.lines.map(({ line, removed }) => ({ line, column: 1 + removed, offset: (starts[line - 1] ?? 0) + removed })));
      const container = admonition(marker.name, marker.title, first, lineText(first), starts, parsed.children, { start: node.position.start, end: endOf(last, lineText, starts) });
      children.splice(index, end - index + 1, container as RootContent);
    }
  };
  read(tree.children);
  // In list items too, as Material's guides write them inside their numbered steps. Not into the
  // admonitions just made: their bodies were read when they were parsed.
  visit(tree, (node) => {
    if (node.type === 'containerDirective') return SKIP;
    if (node.type === 'listItem') read(node.children as RootContent[]);
    return undefined;
  });
}

/** A line's indent, up to `most` columns: how many columns (a tab to the next multiple of four), and in how many characters. */
function indentOf(text: string, most = Infinity): { columns: number; chars: number } {
  let columns = 0;
  let chars = 0;
  while (chars < text.length && columns < most) {
    const char = text[chars];
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
    chars++;
  }
  return { columns, chars };
}

function admonition(name: string, title: string | undefined, line: number, text: string, starts: number[], body: RootContent[], position: { start: Point; end: Point }): ContainerDirective {
  const kind = admonitionKind(name);
  const own = title?.trim() ? title : undefined;
  const words = own ?? (kind ? undefined : name.charAt(0).toUpperCase() + name.slice(1));
  const children: ContainerDirective['children'] = [];
  if (words !== undefined) {
    // The author's title is placed where it stands in its quotes; a kind's name, at the line's start.
    const column = own ? text.indexOf(`"${own}"`) + 2 : 1;
    const length = own?.length ?? 0;
    const start = { line, column, offset: (starts[line - 1] ?? 0) + column - 1 };
    const end = { line, column: column + length, offset: start.offset + length };
    const label: Paragraph = { type: 'paragraph', data: { directiveLabel: true } as Paragraph['data'], children: [{ type: 'text', value: words, position: { start, end } }] };
    children.push(label);
  }
  children.push(...(body as ContainerDirective['children']));
  return { type: 'containerDirective', name: kind ?? 'note', attributes: {}, children, position };
}

/** The part's link and note definitions, each as a line of Markdown, by its label as a body would write it (`[ref]`, `[^1]`). */
export type Definitions = Map<string, string>;

export function definitionsOf(tree: Root): Definitions {
  const definitions: Definitions = new Map();
  const escaped = (text: string): string => text.replace(/[[\]\\]/g, '\\$&');
  visit(tree, (node) => {
    if (node.type === 'definition') {
      const label = node.label ?? node.identifier;
      const title = node.title ? ` "${node.title.replace(/["\\]/g, '\\$&')}"` : '';
      definitions.set(normal(`[${label}]`), `[${escaped(label)}]: <${node.url.replace(/[<>\\\n]/g, '\\$&')}>${title}`);
    } else if (node.type === 'footnoteDefinition') {
      const label = node.label ?? node.identifier;
      definitions.set(normal(`[^${label}]`), `[^${escaped(label)}]: .`);
    }
  });
  return definitions;
}

/**
 * The definitions a body names, written again after it: micromark reads `[text][ref]` as a
 * reference, and `[^1]` as a note call, only where the document it parses defines them. Only
 * those it names, so that a part of thousands of each does not parse every definition again
 * for every admonition.
 */
export function definitionsFor(body: string, definitions: Definitions): string {
  if (!definitions.size) return '';
  const lines = new Set<string>();
  for (const [label] of body.matchAll(/\[[^[\]]*\]/g)) {
    const line = definitions.get(normal(label));
    if (line) lines.add(line);
  }
  return lines.size ? `\n\n${[...lines].join('\n\n')}\n` : '';
}

/** As a label compares: case and runs of white space aside. */
function normal(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** The body's lines with up to `indent` columns of indent removed (a tab to the next multiple of four). */
function bodyOf(from: number, to: number, lineText: (line: number) => string, indent: number): Body {
  const lines: Body['lines'] = [];
  const texts: string[] = [];
  for (let line = from; line <= to; line++) {
    const text = lineText(line);
    const removed = indentOf(text, indent).chars;
    lines.push({ line, removed });
    texts.push(text.slice(removed));
  }
  return { text: texts.join('\n'), lines };
}

function endOf(line: number, lineText: (line: number) => string, starts: number[]): Point {
  const length = lineText(line).length;
  return { line, column: length + 1, offset: (starts[line - 1] ?? 0) + length };
}
