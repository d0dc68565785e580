/**
 * Notes fenced by colons with a name and a title after them, as markdown-it-container writes
 * them and VitePress, VuePress and HackMD document them: `::: tip`, `::: danger STOP`, `::: details
 * Click me`, HackMD's `:::spoiler Title` and `:::success`; Pandoc's `::: warning` (the same as
 * `::: {.warning}`) and Quarto's `::: {.callout-tip title="…"}` (or a heading first inside, which
 * Quarto takes for the title). Each is a note set apart (callout.ts) of its kind, titled by the
 * author's words or the kind's; `details` and `spoiler`, which fold on the web, print open,
 * titled by their summary. Until 2026-12-07 the ones with a title printed every fence as typed,
 * and the others lost their box (remark-pandoc-divs.ts took their fences out).
 *
 * remark-directive reads `:::tip` (no space, nothing after the name) as a container of its own
 * (remark-directives.ts): what is left here is a fence micromark reads as a line of a paragraph,
 * found and paired by fenced-notes.ts. A closing fence ends the innermost open one, as Pandoc
 * reads them. A fence whose name asks for no note (`::: code-group`, `::: {.sidebar}`) is paired
 * too, so that nesting is read right, and left for remark-pandoc-divs.ts, which takes it out;
 * so is one with no partner, which that plugin warns about.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { textPiece } from './bracket-spans.js';
import { admonitionKind } from './callout.js';
import { readFence, linesOf, noteFences, trimEnd, type FenceShape, type FenceSyntax, type Line } from './fenced-notes.js';
import { MYST_NOTES } from './myst-directives.js';
import { anchorIdOf, readAttributes } from './pandoc-attributes.js';

export interface ColonContainersOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/** An opening: colons, then a name or attributes in braces, then perhaps a title (and Pandoc's closing colons). */
const OPENING = /^(:{3,})[ \t]*(\{[^\n{}]*\}|[A-Za-z][\w-]*)/;
const CLOSING = /^(:{3,})[ \t]*$/;
/** Names that fold on the web, printed open: a note titled by their summary, or by the name. */
const FOLDED = new Set(['details', 'spoiler']);
/** Quarto's callouts, by class. */
const QUARTO = /^callout-(note|tip|warning|caution|important)$/;


export default function remarkColonContainers(options: ColonContainersOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes(':::')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    const notes = notePairs(tree, source);
    if (!notes.size) return;
    const containers: FenceSyntax = { marker: ':::', fenceOf, closes: () => true, accepts: (paragraph, line) => notes.get(paragraph)?.has(line) ?? false };
    // Unpaired fences are remark-pandoc-divs.ts's to report.
    noteFences(tree, file, containers, lang);
  };
}

/**
 * The fences that make notes, by paragraph and line: paired over the whole part in reading
 * order, as remark-pandoc-divs.ts pairs them (a closing fence read as the lazy last line of a
 * list item still closes the div opened before the list), and kept where the opening asks for a
 * note and both fences lie among the blocks of one container.
 */
function notePairs(tree: Root, source: string): Map<Paragraph, Set<number>> {
  const open: Array<{ paragraph: Paragraph; line: number; parent: Parent | undefined; note: boolean }> = [];
  const notes = new Map<Paragraph, Set<number>>();
  const keep = (paragraph: Paragraph, line: number): void => {
    const lines = notes.get(paragraph) ?? new Set<number>();
    lines.add(line);
    notes.set(paragraph, lines);
  };
  visit(tree, 'paragraph', (paragraph: Paragraph, _index, parent: Parent | undefined) => {
    if (!paragraph.children.some((node) => node.type === 'text' && node.value.includes(':::'))) return SKIP;
    linesOf(paragraph, source).forEach((line, index) => {
      const fence = fenceOf(line, source);
      if (!fence) return;
      if (fence.name !== undefined) {
        open.push({ paragraph, line: index, parent, note: fence.makesNote === true || fence.unwraps === true });
        return;
      }
      const opening = open.pop();
      if (!opening?.note || opening.parent !== parent) return;
      keep(opening.paragraph, opening.line);
      keep(paragraph, index);
    });
    return SKIP;
  });
  return notes;
}

/** The fence a line is, if it is one: an opening (colons, a name or braces, a title) or a closing (colons alone). */
function fenceOf(line: Line, source: string): FenceShape | undefined {
  return readFence(line, CLOSING, OPENING, ({ first, marks, name, after }) => {
    // The rest of the line: the title, without Pandoc's closing colons (`::: {.note} :::`) or
    // VitePress's attributes after it (`::: details Click me {open}`, `::: tip {no-title}`).
    // Only where the text is the line's last: before emphasis its space is the title's.
    let rest = first.value.slice(after);
    if (line.nodes.length === 1) rest = rest.replace(/[ \t]*:*[ \t]*$/, '').replace(/[ \t]*\{[^{}\n]*\}$/, '');
    const title: PhrasingContent[] = trimEnd(trimStart([...(rest ? [textPiece(first, after, after + rest.length, source)] : []), ...line.nodes.slice(1)], source), source);
    const shape: FenceShape = { marks, name, title, makesNote: false };
    // MyST's directives (`:::{tip}`, `:::{admonition} A title`): a name in braces, an argument after.
    const myst = /^\{([A-Za-z][\w-]*)\}$/.exec(name)?.[1]?.toLowerCase();
    if (myst) return mystNote(shape, myst, title);
    if (name.startsWith('{')) {
      // Attributes give no title in the text: what follows the braces is no fence's.
      if (title.length) return undefined;
      const attributes = readAttributes(name.slice(1, -1));
      if (!attributes) return shape;
      const quarto = attributes.classes.map((className) => QUARTO.exec(className)?.[1]).find((kind) => kind !== undefined);
      const named = quarto ?? (attributes.classes.length === 1 ? attributes.classes[0] : undefined);
      if (!named || !(quarto ?? noteName(named))) return shape;
      const own = attributes.pairs.find(([key]) => key === 'title')?.[1];
      const id = anchorIdOf(attributes);
      return { ...shape, name: named.toLowerCase(), makesNote: true, title: own ? [{ type: 'text', value: own }] : [], ...(quarto ? { headingTitle: true } : {}), ...(id ? { id } : {}) };
    }
    return noteName(name) ? { ...shape, name: name.toLowerCase(), makesNote: true } : shape;
  });
}

/**
 * A MyST directive's fence: a note where it is an admonition (`{tip}`, `{warning}`, any kind
 * pamphlet has a style for), `{admonition}` (its argument the title, its `:class:` the kind) or
 * one of the others MYST_NOTES names; its options (`:class:`, `:name:`) are not its text. Any
 * other directive's fences go, what it holds kept (`{tab-set}` around its `{tab-item}`s).
 */
function mystNote(shape: FenceShape, directive: string, argument: PhrasingContent[]): FenceShape {
  const titled = MYST_NOTES[directive];
  // Any other directive's fences go, what they hold kept (`{tab-set}` around its tabs).
  if (!titled && !noteName(directive)) return { ...shape, unwraps: true, options: true };
  const words = argument.map((node) => (node.type === 'text' ? node.value : '')).join('');
  const own = titled && argument.every((node) => node.type === 'text') ? titled(words) : undefined;
  const title: PhrasingContent[] = own === undefined ? argument : own === words ? argument : [{ type: 'text', value: own }];
  return { ...shape, name: directive, makesNote: true, title, options: true };
}

/** Whether a container's name asks for a note: a kind pamphlet has a style for, or a fold. */
function noteName(name: string): boolean {
  const lower = name.toLowerCase();
  return admonitionKind(lower) !== undefined || FOLDED.has(lower);
}

function trimStart(nodes: PhrasingContent[], source: string): PhrasingContent[] {
  const first = nodes[0];
  if (first?.type !== 'text') return nodes;
  const gap = first.value.length - first.value.trimStart().length;
  if (gap === 0) return nodes;
  return [...(gap < first.value.length ? [textPiece(first, gap, first.value.length, source)] : []), ...nodes.slice(1)];
}
