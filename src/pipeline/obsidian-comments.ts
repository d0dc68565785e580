/**
 * Obsidian's comments: `%%` opens one and the next `%%` closes it, inside a line or across
 * lines and paragraphs, anywhere but in code. Obsidian shows them only while the note is being
 * edited; they are the author's notes to themselves ("check this date", a name not to be
 * printed). Markdown has no such syntax, so every format printed them, until 2026-12-07.
 *
 * They are blanked in the source, every line kept as long as it was, and the part is parsed
 * again: every line after a comment stays where it was in the file (diagnostics, the plugins
 * that read the source at a node's place), a comment on lines of its own becomes the blank
 * lines it stood on, and one inside a sentence the space between its words (`blank`). Code,
 * where `%%` is the text (`printf("100%%")`), is found in the first parse and left alone, as
 * is `\%%`, and front matter and raw HTML. A `%%` that no `%%` closes hides the rest of the note in Obsidian; here it is an
 * error at its place, for the text after it is either private or meant to be printed, and only
 * the author knows which. Written here because no library reads them (remark-obsidian is
 * GPL-3.0, and reads them with regular expressions over the text, code included).
 */
import type { Nodes, Root } from 'mdast';

export interface Comments {
  /** The source with every comment blanked, each line as long as it was. */
  text: string;
  /** The offset of a `%%` no `%%` closes, if there is one. */
  unclosed?: number;
  /** Lines whose words were moved left over a comment before them (`blank`): from which column, by how many. */
  moves: Move[];
}

export interface Move {
  line: number;
  /** The first column (1-based) of the moved words, in the blanked text. */
  column: number;
  by: number;
}

/** Whether a text may hold a comment: checked before anything is read. */
export const MAY_HOLD_COMMENT = (text: string): boolean => text.includes('%%');

export function blankComments(document: string, tree: Root): Comments | undefined {
  const code = codeRanges(tree);
  const delimiters: number[] = [];
  let inCode = 0;
  for (let at = document.indexOf('%%'); at >= 0; at = document.indexOf('%%', at)) {
    while (inCode < code.length && code[inCode]![1] <= at) inCode++;
    const range = code[inCode];
    if (range && range[0] <= at) {
      at = range[1];
      continue;
    }
    if (escaped(document, at)) {
      at += 2;
      continue;
    }
    delimiters.push(at);
    at += 2;
  }
  if (!delimiters.length) return undefined;
  const unclosed = delimiters.length % 2 ? delimiters.pop() : undefined;
  const hidden = new Uint8Array(document.length);
  for (let i = 0; i < delimiters.length; i += 2) hidden.fill(1, delimiters[i]!, delimiters[i + 1]! + 2);
  const moves: Move[] = [];
  return { text: delimiters.length ? blank(document, hidden, moves) : document, moves, ...(unclosed !== undefined ? { unclosed } : {}) };
}

/**
 * The document with its hidden characters blanked, line by line, each line as long as it was.
 * A comment inside a line leaves spaces. One at a line's end leaves tabs, which end no line in a
 * hard break as two spaces would ("text %%note%%" then a line: one paragraph, as in Obsidian).
 * One before the words of its line moves them to where the comment began, the tabs after
 * them: spaces would indent them into a code block.
 */
function blank(document: string, hidden: Uint8Array, moves: Move[]): string {
  const lines = document.split(/(?<=\n)/);
  let offset = 0;
  return lines
    .map((line, index) => {
      const from = offset;
      offset += line.length;
      const body = line.replace(/\r?\n$/, '');
      const ending = line.slice(body.length);
      let touched = false;
      for (let i = 0; i < body.length && !touched; i++) touched = hidden[from + i] === 1;
      if (!touched) return line;
      const isHidden = (i: number) => hidden[from + i] === 1;
      const firstWord = [...body].findIndex((char, i) => !isHidden(i) && !/\s/.test(char));
      let lastWord = -1;
      for (let i = body.length - 1; i >= 0; i--) if (!isHidden(i) && !/\s/.test(body[i]!)) { lastWord = i; break; }
      const firstHidden = [...body].findIndex((_, i) => isHidden(i));
      const kept = (a: number, b: number) => [...body.slice(a, b)].map((char, i) => (isHidden(a + i) ? ' ' : char)).join('');
      if (firstWord < 0) return ' '.repeat(firstHidden) + '\t'.repeat(body.length - firstHidden) + ending;
      if (firstHidden < firstWord) {
        const moved = body.slice(0, firstHidden) + kept(firstWord, lastWord + 1);
        moves.push({ line: index + 1, column: firstHidden + 1, by: firstWord - firstHidden });
        return moved + '\t'.repeat(body.length - moved.length) + ending;
      }
      return kept(0, lastWord + 1) + '\t'.repeat(body.length - lastWord - 1) + ending;
    })
    .join('');
}

/** A backslash before the first `%` escapes it (an odd number of them). */
function escaped(document: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && document[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Where code is, in source offsets, in order: blocks and spans, whose `%%` is their text; front matter and raw HTML too. */
function codeRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml' || node.type === 'html') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** The places of a tree parsed from the blanked text, made the places of the file as written. */
export function placeAsWritten(tree: Root, moves: readonly Move[]): void {
  if (!moves.length) return;
  const byLine = new Map(moves.map((move) => [move.line, move]));
  const fix = (point: { line: number; column: number; offset?: number | undefined } | undefined): void => {
    const move = point && byLine.get(point.line);
    if (!point || !move || point.column < move.column) return;
    point.column += move.by;
    if (point.offset !== undefined) point.offset += move.by;
  };
  const walk = (node: Nodes): void => {
    fix(node.position?.start);
    fix(node.position?.end);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
}
