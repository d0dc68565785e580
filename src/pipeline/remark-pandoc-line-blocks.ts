/**
 * Pandoc's line blocks: a paragraph whose every line begins with `|` and a space (verse,
 * addresses), each `|` a new line, a line beginning with a space the one before it
 * continued, the spaces after the `| ` kept as the line's indent:
 *
 *     | The limerick packs laughs anatomical
 *     | In space that is quite economical.
 *     |    But the good ones I've seen
 *
 * CommonMark reads one paragraph with every bar printed ("| The limerick … | In space …"),
 * which is what every format printed until 2026-12-07. Here the bars become line breaks and
 * the paragraph a stanza (`verse`, as remark-verse.ts makes of lines ended by hard breaks);
 * the indent is written as en spaces, as there. A paragraph with a line that ends in `|` is
 * a table without its delimiter row, not a line block, and is left as it is.
 *
 * Which lines begin with a bar is read from the source (the paragraph's own lines, past a
 * quotation's `>` or a list item's indent), since CommonMark drops a continuation line's
 * leading spaces; the bars and spaces are then taken out of the text where each line begins.
 */
import type { Paragraph, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { EN_SPACE, markStanza } from './remark-verse.js';

/** A line block's line: the bar, then a space or nothing more (an empty line of the block). */
const BAR = /^\|(?:[ \t]|$)/;
/** The bar and the indent after its space, where a line of the block begins in a text node. */
const MARKER = /^\|(?: ([ \t]*))?/;

/** The paragraph's source lines, each past the container's prefix (`> `, a list item's indent); undefined where one has no such prefix. */
function sourceLines(paragraph: Paragraph, file: VFile): string[] | undefined {
  const start = paragraph.position?.start;
  const end = paragraph.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  // A line block's first line begins with its bar: no other paragraph's lines are read out.
  if (String(file.value).charCodeAt(start.offset) !== 0x7c) return undefined;
  const lines = String(file.value).slice(start.offset, end.offset).split(/\r\n|\r|\n/);
  const prefix = start.column - 1;
  const rest: string[] = [lines[0]!];
  for (const line of lines.slice(1)) {
    // A lazy continuation line (no `>` before it) is not a line of the block.
    if (!/^[ \t>]*$/.test(line.slice(0, prefix))) return undefined;
    rest.push(line.slice(prefix));
  }
  return rest;
}

export function isLineBlock(lines: string[]): boolean {
  if (!BAR.test(lines[0] ?? '')) return false;
  return lines.every((line) => (BAR.test(line) || /^[ \t]/.test(line)) && !/\S[ \t]*\|[ \t]*$/.test(line));
}

/** The text with each line's bar taken out: a break before it (but the first), its indent as en spaces. */
function splitAtBars(text: Text, startsLine: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const pieces = text.value.split('\n');
  pieces.forEach((piece, index) => {
    const begins = index > 0 || startsLine;
    const marker = begins ? MARKER.exec(piece) : null;
    if (index > 0) {
      if (marker) out.push({ type: 'break' });
      else {
        // A continuation line: a soft line ending, as the author wrapped it.
        const last = out[out.length - 1];
        if (last?.type === 'text') last.value += '\n';
        else out.push({ type: 'text', value: '\n' });
      }
    }
    const value = marker ? EN_SPACE.repeat((marker[1] ?? '').replace(/\t/g, '    ').length) + piece.slice(marker[0].length) : piece;
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.value += value;
    else out.push({ type: 'text', value });
  });
  return out;
}

/** Takes the bars out where lines begin, in the paragraph's text and its emphasis, links and so on. */
function takeOutBars(parent: { children: PhrasingContent[] }, state: { startsLine: boolean }): void {
  const children: PhrasingContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') {
      const pieces = splitAtBars(child, state.startsLine);
      // Keep the first piece's place, so a message about it points into the line.
      if (pieces[0]?.type === 'text' && child.position) pieces[0].position = child.position;
      children.push(...pieces);
      state.startsLine = child.value.endsWith('\n');
    } else {
      if ('children' in child) takeOutBars(child as { children: PhrasingContent[] }, state);
      children.push(child);
      state.startsLine = child.type === 'break';
    }
  }
  parent.children = children;
}

export default function remarkPandocLineBlocks() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'paragraph', (node: Paragraph) => {
      const lines = sourceLines(node, file);
      if (!lines || !isLineBlock(lines)) return SKIP;
      takeOutBars(node, { startsLine: true });
      markStanza(node);
      return SKIP;
    });
  };
}
