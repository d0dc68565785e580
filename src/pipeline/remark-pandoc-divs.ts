/**
 * Pandoc's fenced divs, `::: {.note}` … `:::` (and `::: warning`, `:::: {#special .sidebar}`,
 * Quarto's `::: {.callout-note}`), are read as the text they hold: the fences go, with the
 * classes and attributes they give, for pamphlet sets no style by class. Until 2026-12-04
 * every fence printed as typed. CommonMark has no such block (remark-directive's containers
 * need a name right after the colons, `:::quote`), so micromark reads each fence as a line of
 * a paragraph; the fences are found here, as whole lines of paragraph text, and taken out
 * where they pair up, opening with closing, nested as written. One left without a partner
 * (a closing fence read as a table's last row, say) stays as typed, with a warning.
 */
import type { Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { pointAt, textPiece } from './bracket-spans.js';
import { anchorIdOf, ATTRIBUTES_AT_START, readAttributes } from './pandoc-attributes.js';
import { anchorSpan } from './mdast-nodes.js';

/** An opening fence: three colons or more, then attributes in braces or one class, then colons if any. */
const OPENING = /^:{3,}[ \t]*(\{[^\n]*\}|[^\s{}:]+)[ \t]*:*[ \t]*$/u;
const CLOSING = /^:{3,}[ \t]*$/u;

interface Fence {
  text: Text;
  /** Where the fence itself begins, in the text's value. */
  at: number;
  opens: boolean;
  /** An opening's id, `::: {#credit-roles}`: an anchor where the div begins, as Pandoc's `<div id>` is. */
  id?: string;
}

export default function remarkPandocDivs() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes(':::')) return;
    const fences: Fence[] = [];
    visit(tree, 'paragraph', (paragraph: Paragraph) => {
      paragraph.children.forEach((child, index) => {
        // One by one: a spread of a paragraph's hundred thousand fences would overflow the stack.
        if (child.type === 'text') for (const fence of fencesIn(child, index === 0, index === paragraph.children.length - 1)) fences.push(fence);
      });
      return SKIP;
    });
    if (!fences.length) return;
    const open: Fence[] = [];
    const paired = new Set<Fence>();
    for (const fence of fences) {
      if (fence.opens) open.push(fence);
      else {
        const opening = open.pop();
        if (!opening) continue;
        paired.add(opening).add(fence);
      }
    }
    // At the first only, with the count: a text of colons alone would be a warning a line.
    const alone = fences.filter((fence) => !paired.has(fence));
    const first = alone[0];
    if (first) {
      const more = alone.length > 1 ? ` (and ${alone.length - 1} more fence${alone.length > 2 ? 's' : ''} with no partner after it)` : '';
      file.message(`a fenced div's ${first.opens ? 'opening' : 'closing'} fence with no ${first.opens ? 'closing' : 'opening'} one, printed as typed${more}: a fence is a line of its own, \`:::\` to close`, { place: pointAt(first.text, first.at, source), ruleId: 'fenced-div', source: 'pamphlet' });
    }
    if (!paired.size) return;
    const cut = new Map<Text, Fence[]>();
    for (const fence of paired) {
      const lines = cut.get(fence.text);
      if (lines) lines.push(fence);
      else cut.set(fence.text, [fence]);
    }
    visit(tree, 'paragraph', (paragraph: Paragraph, index, parent: Parent | undefined) => {
      if (!paragraph.children.some((child) => child.type === 'text' && cut.has(child))) return SKIP;
      // A fence ends the paragraph it stands in, as in Pandoc: the text before it and the
      // text after are paragraphs of their own (two columns' words, `Left` and `Right`, ran
      // into one paragraph until 2026-12-07).
      const groups: PhrasingContent[][] = [[]];
      /** The ids of the divs opened before each group, by the group's index. */
      const opened = new Map<number, string[]>();
      for (const child of paragraph.children) {
        const lines = child.type === 'text' ? cut.get(child) : undefined;
        if (child.type !== 'text' || !lines) (groups.at(-1) as PhrasingContent[]).push(child);
        else {
          for (const piece of without(child, lines, source)) {
            if (piece.type !== 'boundary') (groups.at(-1) as PhrasingContent[]).push(piece);
            else {
              groups.push([]);
              if (piece.ids.length) opened.set(groups.length - 1, piece.ids);
            }
          }
        }
      }
      // A div's id is an anchor at the start of what it holds: its first words here, else the
      // paragraph or heading after this one (Quarto's guide links to `::: {#credit-roles}`).
      let pending: string[] = [];
      const paragraphs: Paragraph[] = [];
      groups.forEach((group, at) => {
        pending = [...pending, ...(opened.get(at) ?? [])];
        const children = trimmed(group);
        if (!children.some((child) => child.type !== 'text' || child.value.trim() !== '')) return;
        paragraphs.push(paragraphOf(paragraph, [...(pending.map(anchorSpan) as unknown as PhrasingContent[]), ...children]));
        pending = [];
      });
      if (!parent || index === undefined) return SKIP;
      parent.children.splice(index, 1, ...paragraphs);
      const next = parent.children[index + paragraphs.length];
      if (pending.length && (next?.type === 'paragraph' || next?.type === 'heading')) next.children.unshift(...(pending.map(anchorSpan) as unknown as PhrasingContent[]));
      return [SKIP, index + paragraphs.length];
    });
  };
}

/** Where fences were taken out of a paragraph's text: the paragraph ends there; the ids of the divs they open. */
interface Boundary {
  type: 'boundary';
  ids: string[];
}

/** A paragraph's children without the line break before the fence that ended it. */
function trimmed(children: PhrasingContent[]): PhrasingContent[] {
  const last = children.at(-1);
  if (last?.type !== 'text' || !last.value.endsWith('\n')) return children;
  return [...children.slice(0, -1), { ...last, value: last.value.replace(/\n+$/u, '') }];
}

/** A paragraph of `children`, placed where they are in the source (`from`'s place when they have none). */
function paragraphOf(from: Paragraph, children: PhrasingContent[]): Paragraph {
  const start = children[0]?.position?.start;
  const end = children.at(-1)?.position?.end;
  return { ...from, children, ...(start && end ? { position: { start, end } } : {}) };
}

/** The fences among a text node's whole lines (at the paragraph's edges, or between two line breaks). */
function fencesIn(text: Text, first: boolean, last: boolean): Fence[] {
  const found: Fence[] = [];
  let start = 0;
  for (const line of text.value.split('\n')) {
    const end = start + line.length;
    const whole = (start > 0 || first) && (end < text.value.length || last);
    const opening = whole ? OPENING.exec(line) : null;
    const opens = opening !== null && isAttributes(opening[1] ?? '');
    if (whole && (opens || CLOSING.test(line))) {
      const id = opens ? idOf(opening[1] ?? '') : undefined;
      found.push({ text, at: start, opens, ...(id ? { id } : {}) });
    }
    start = end + 1;
  }
  return found;
}

/** The id a fence's attributes give, `{#credit-roles .callout-tip}`. */
function idOf(written: string): string | undefined {
  const block = written.startsWith('{') ? ATTRIBUTES_AT_START.exec(written) : null;
  return block ? anchorIdOf(readAttributes(block[1] ?? '')) : undefined;
}

/** A class name, or a block Pandoc reads as attributes. */
function isAttributes(written: string): boolean {
  if (!written.startsWith('{')) return true;
  const block = ATTRIBUTES_AT_START.exec(written);
  return block !== null && block[0].length === written.length && readAttributes(block[1] ?? '') !== undefined;
}

/**
 * The text without those lines, in pieces that keep their places in the source. Fences on
 * consecutive lines go as one run, with one line break: the one after the run, else the one
 * before, so the lines around it stay lines.
 */
function without(text: Text, lines: readonly Fence[], source: string): Array<Text | Boundary> {
  const value = text.value;
  const runs: Array<{ from: number; to: number; ids: string[] }> = [];
  for (const line of [...lines].sort((a, b) => a.at - b.at)) {
    const end = value.indexOf('\n', line.at);
    const lineEnd = end < 0 ? value.length : end;
    const last = runs.at(-1);
    if (last && last.to + 1 === line.at) last.to = lineEnd;
    else runs.push({ from: line.at, to: lineEnd, ids: [] });
    if (line.id) runs.at(-1)!.ids.push(line.id);
  }
  const pieces: Array<Text | Boundary> = [];
  let from = 0;
  for (const run of runs) {
    const cut = run.to < value.length ? { from: run.from, to: run.to + 1 } : { from: Math.max(0, run.from - 1), to: run.to };
    if (cut.from > from) pieces.push(textPiece(text, from, cut.from, source));
    pieces.push({ type: 'boundary', ids: run.ids });
    from = cut.to;
  }
  if (from < value.length) pieces.push(textPiece(text, from, value.length, source));
  return pieces;
}
