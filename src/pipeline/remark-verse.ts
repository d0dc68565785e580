/**
 * Verse: a paragraph whose every line ends in a hard break is a stanza, set as lines
 * (`<p class="verse">`), not as prose. Markdown has no syntax for verse; authors write a poem
 * as its lines with a backslash or two spaces at each end, a stanza to a paragraph, and every
 * Markdown renderer shows those lines. Set as prose, a stanza took the paragraph indent on its
 * first line, ran into the next stanza with no space between them, and a line too long for the
 * measure turned over flush left, where it reads as a line of its own. The styles (print.css,
 * epub.css) set a stanza without an indent, a line's turnover indented under it (CSS's
 * `text-indent: … hanging each-line`, which indents the lines after a wrap and not those after a
 * `<br>`), and space between stanzas.
 *
 * Which paragraphs: every line ending inside it is a hard break (Markdown's, or an inline
 * `<br>` at a line's end), with two breaks at least; or one, with both lines short (at most
 * `SHORT_LINE` characters, so that "Dear Sir,\" and a paragraph of prose after it stay prose);
 * and lines of verse's length, not paragraphs' (`PARAGRAPH_LINE`).
 * A prose paragraph has soft line endings, or none; one written on a single line has no
 * break, so nothing here changes it.
 *
 * A line indented in the source (`>` then spaces, as poets indent a rhyme or a step of a
 * dialogue) is indented in the output: CommonMark drops the spaces at the start of a
 * paragraph's line, so they are read back from the source positions (after a Markdown break;
 * an inline `<br>` keeps no trace of them) and written as en spaces
 * (U+2002, a character's width or so each), which every format and a copy of the text keep.
 */
import type { Html, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** The longest line, in characters, of a couplet read as verse rather than prose with a break in it. */
const SHORT_LINE = 80;
/**
 * Past this median length, in characters, the lines are paragraphs: Google Docs' Markdown
 * writes the paragraphs of a block with a two-space break between each (a heading-like line,
 * then prose of 300 to 600 characters a line). Of Leaves of Grass's 1,985 stanzas of two lines
 * or more, the longest median line is 141.5 characters ("Autumn Rivulets").
 */
const PARAGRAPH_LINE = 160;
/** A step of a line's indent: one for each column of the source's. */
export const EN_SPACE = '\u2002';
const BR = /^<br\s*\/?>$/i;

function isBreak(node: PhrasingContent): boolean {
  // A `<p>` inside a line (remark-raw-html.ts) ends a paragraph, not a line of verse.
  if (node.type === 'break') return !node.data?.paragraphTag;
  return node.type === 'html' && BR.test((node as Html).value.trim());
}

/** A line ending that is not a break (text, or code, spanning two source lines). */
function hasSoftLineEnding(node: PhrasingContent, index: number, siblings: PhrasingContent[]): boolean {
  if (node.type === 'text' || node.type === 'inlineCode') {
    // The line ending after an inline `<br>` is the break's.
    const value = node.type === 'text' && index > 0 && isBreak(siblings[index - 1]!) ? node.value.replace(/^[ \t]*\r?\n/, '') : node.value;
    return /[\r\n]/.test(value);
  }
  return 'children' in node && (node.children as PhrasingContent[]).some(hasSoftLineEnding);
}

/** The paragraph's lines as text, split at its breaks (inside emphasis too), a break at its very end left out. */
function linesOf(paragraph: Paragraph): string[] {
  const lines = [''];
  const walk = (node: PhrasingContent): void => {
    if (isBreak(node)) lines.push('');
    else if ('children' in node) (node.children as PhrasingContent[]).forEach(walk);
    else lines[lines.length - 1] += toString(node);
  };
  paragraph.children.forEach(walk);
  while (lines.length > 1 && !lines[lines.length - 1]!.trim()) lines.pop();
  return lines;
}

/** A break anywhere in the node (inside emphasis too). */
function holdsBreak(node: PhrasingContent): boolean {
  return isBreak(node) || ('children' in node && (node.children as PhrasingContent[]).some(holdsBreak));
}

function medianLength(lines: readonly string[]): number {
  const lengths = lines.map((line) => line.trim().length).sort((a, b) => a - b);
  const middle = lengths.length >> 1;
  return lengths.length % 2 ? lengths[middle]! : (lengths[middle - 1]! + lengths[middle]!) / 2;
}

export function isVerse(paragraph: Paragraph): boolean {
  // Most paragraphs have no break: they are told so before their lines are read out as text.
  if (!paragraph.children.some(holdsBreak) || paragraph.children.some(hasSoftLineEnding)) return false;
  const lines = linesOf(paragraph);
  if (medianLength(lines) > PARAGRAPH_LINE) return false;
  if (lines.length >= 3) return true;
  return lines.length === 2 && lines.every((line) => line.trim().length <= SHORT_LINE);
}

/** The first node of a line that has a place in the source. */
function firstPlaced(node: PhrasingContent | undefined): PhrasingContent | undefined {
  if (!node) return undefined;
  if (node.type === 'text') return node.value.trim() ? node : undefined;
  if (node.position) return node;
  return 'children' in node ? firstPlaced((node.children as PhrasingContent[])[0]) : undefined;
}

/**
 * Each line's indent in the source, in columns beyond the paragraph's first line (a block
 * quote's `>` and a list item's indent are the paragraph's, on every line).
 */
function indentLines(paragraph: Paragraph): void {
  const start = paragraph.position?.start.column;
  if (start === undefined) return;
  // One new list, not a splice a line: a poem of thousands of lines stays linear.
  const children: PhrasingContent[] = [];
  paragraph.children.forEach((child, i) => {
    const before = paragraph.children[i - 1];
    // After an inline `<br>` the next line's text begins on the line before, its indent gone.
    const column = before?.type === 'break' ? firstPlaced(child)?.position?.start.column : undefined;
    if (column !== undefined && column > start) {
      children.push({ type: 'text', value: EN_SPACE.repeat(column - start) });
      if (child.type === 'text') child.value = child.value.replace(/^\s+/, '');
    }
    children.push(child);
  });
  paragraph.children = children;
}

export function isStanza(node: Paragraph): boolean {
  const className = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(className) && className.includes('verse');
}

/** Classes the paragraph a stanza, keeping what other classes it has. */
export function markStanza(node: Paragraph): void {
  const data = node.data ?? {};
  const hProperties = (data as { hProperties?: Record<string, unknown> }).hProperties ?? {};
  const className = Array.isArray(hProperties['className']) ? (hProperties['className'] as string[]) : [];
  node.data = { ...data, hProperties: { ...hProperties, className: [...className, 'verse'] } } as Paragraph['data'];
}

export default function remarkVerse() {
  return (tree: Root): void => {
    visit(tree, 'paragraph', (node: Paragraph) => {
      // A Pandoc line block (remark-pandoc-line-blocks.ts) is one already, its indents written.
      if (isStanza(node) || !isVerse(node)) return SKIP;
      indentLines(node);
      markStanza(node);
      return SKIP;
    });
  };
}
