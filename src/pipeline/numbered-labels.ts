/**
 * The numbered things of a part, as Quarto, bookdown and MyST number them: labelled figures
 * (Quarto's `![Elephant](elephant.png){#fig-elephant}`, bookdown's `![(\#fig:elephant) Elephant](…)`),
 * tables whose caption carries a label (Quarto's `: Letters {#tbl-letters}`, bookdown's
 * `Table: (\#tab:letters) Letters`) and labelled display formulas (Quarto's and Pandoc's
 * `$$ … $$ {#eq-energy}`, MyST's `$$ … $$ (energy)`, bookdown's `(\#eq:energy)` inside the
 * formula). Each kind is counted on its own, in the order the part holds them ("Figure 1",
 * "Table 1", "(1)"), the first of two with one label keeping it.
 *
 * Read once from the tree as parsed, where a label is still the text the author wrote after
 * the picture or in the caption, and kept in `file.data.numbered`: the captions
 * (remark-pandoc-link-attributes.ts, remark-figures.ts), the formulas (remark-math.ts) and
 * the references to them (remark-cross-references.ts, from other parts too, and MyST's
 * `{eq}` role) all read the same numbers.
 */
import type { Image, Nodes, Paragraph, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { isBlankText } from './blank-text.js';
import { anchorIdOf, ATTRIBUTES_AT_END, ATTRIBUTES_AT_START, readAttributes, type PandocAttributes } from './pandoc-attributes.js';

export type NumberedKind = 'figure' | 'table' | 'equation';

export interface NumberedLabel {
  kind: NumberedKind;
  /** Its number among the part's things of its kind, from 1. */
  number: number;
  /** The label as a reference writes it: `fig-elephant`, bookdown's `tab:letters`. */
  label: string;
  /** Its anchor: the label, a bookdown label's colon a hyphen (`tab-letters`). */
  id: string;
}

/** A part's numbered things, by id. */
export type NumberedLabels = ReadonlyMap<string, NumberedLabel>;

/** bookdown's label opening a caption, once Markdown's escape has gone: `(#tab:letters) `. */
const BOOKDOWN_CAPTION = /^\(#((fig|tab):[\p{L}\p{N}_-]+)\)[ \t]*/u;
/** bookdown's label in a display formula, as written: `(\#eq:binom)`. */
export const BOOKDOWN_EQUATION = /\(\\#(eq:[\w-]+)\)/u;
/** A table's caption paragraph: `Table: …` or `: …` with something after it. */
export const TABLE_CAPTION = /^\s*(?:Table)?:\s+/;

/** The anchor a label gives: bookdown's colon a hyphen (`tab:letters` → `tab-letters`), an id in every format. */
export function idOfLabel(label: string): string {
  return label.replace(':', '-');
}

/** Whether a paragraph holds one picture and nothing else but blanks (remark-figures.ts makes it a figure). */
export function pictureAlone(paragraph: Paragraph): Image | undefined {
  const meaningful = paragraph.children.filter((child) => !isBlankText(child));
  const only = meaningful[0];
  return meaningful.length === 1 && only?.type === 'image' ? only : undefined;
}

/** Whether a part's source may number anything (most number nothing, and are not walked). */
export function mayNumber(source: string, file: VFile): boolean {
  return (file.data.mathLabels?.size ?? 0) > 0 || /\{#(?:fig|tbl)-|\(\\#(?:fig|tab|eq):/u.test(source);
}

/** The id an attribute block gives, if it names a figure (`fig-…`). */
export function figureIdOf(attributes: PandocAttributes | undefined): string | undefined {
  const id = anchorIdOf(attributes);
  return id?.startsWith('fig-') ? id : undefined;
}

/** The id an attribute block gives, if it names a table (`tbl-…`). */
function tableIdOf(attributes: PandocAttributes | undefined): string | undefined {
  const id = anchorIdOf(attributes);
  return id?.startsWith('tbl-') ? id : undefined;
}

/** The id written in the attribute block opening `text`, if it names a figure. */
function figureIdIn(text: string): string | undefined {
  if (!text.startsWith('{#fig-')) return undefined;
  const block = ATTRIBUTES_AT_START.exec(text);
  return block ? figureIdOf(readAttributes(block[1] ?? '')) : undefined;
}

/** bookdown's label at the start of a caption's words, and the words after it. */
export function bookdownCaptionLabel(words: string, kind: 'fig' | 'tab'): { label: string; rest: string } | undefined {
  const found = BOOKDOWN_CAPTION.exec(words);
  if (!found?.[1] || found[2] !== kind) return undefined;
  return { label: found[1], rest: words.slice(found[0].length) };
}

/** Whether a paragraph is a table's caption (remark-figures.ts). */
export function isTableCaption(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return first?.type === 'text' && /^\s*Table:\s|^:\s/.test(first.value) && /^\s*Table:\s+\S|^:\s+\S/.test(toString(paragraph));
}

/** The caption paragraph of the table at `index` of `parent`: the one just before it, else the one just after. */
export function captionIndex(parent: Parent, index: number): number | undefined {
  for (const at of [index - 1, index + 1]) {
    const sibling = parent.children[at];
    if (sibling?.type === 'paragraph' && isTableCaption(sibling)) return at;
  }
  return undefined;
}

/**
 * The label a table's caption gives: Quarto's attribute block at its end (`{#tbl-letters}`),
 * which Pandoc reads as the table's, or bookdown's `(#tab:letters)` at its start; with the
 * block's place, for the caption to go without it.
 */
export function tableLabelOf(caption: Paragraph): { label: string; id: string } | undefined {
  const last = caption.children.at(-1);
  if (last?.type === 'text') {
    const found = ATTRIBUTES_AT_END.exec(last.value);
    const id = found ? tableIdOf(readAttributes(found[2] ?? '')) : undefined;
    if (id) return { label: id, id };
  }
  const first = caption.children[0];
  const bookdown = first?.type === 'text' ? bookdownCaptionLabel(first.value.replace(TABLE_CAPTION, ''), 'tab') : undefined;
  return bookdown ? { label: bookdown.label, id: idOfLabel(bookdown.label) } : undefined;
}

/** The label of a display formula: MyST's or Quarto's on its closing fence (dollar-math.ts), else bookdown's inside it. */
export function equationLabelOf(tex: string, endLine: number | undefined, file: VFile): string | undefined {
  return (endLine === undefined ? undefined : file.data.mathLabels?.get(endLine)) ?? BOOKDOWN_EQUATION.exec(tex)?.[1];
}

/** The id a formula's label gives it, a bookdown label's colon a hyphen; none where it could not be an id. */
export function equationIdOf(label: string): string | undefined {
  const id = idOfLabel(label);
  return /^[A-Za-z][\w.-]*$/.test(id) ? id : undefined;
}

/** The part's numbered things, read once (the first to ask reads them from the tree as it then is: as parsed, in a build). */
export function numberedLabels(tree: Root, file: VFile): NumberedLabels {
  if (file.data.numbered) return file.data.numbered;
  const numbered = new Map<string, NumberedLabel>();
  file.data.numbered = numbered;
  const source = String(file.value);
  if (!mayNumber(source, file)) return numbered;
  const counts: Record<NumberedKind, number> = { figure: 0, table: 0, equation: 0 };
  const add = (kind: NumberedKind, label: string, id: string) => {
    if (numbered.has(id)) return;
    counts[kind]++;
    numbered.set(id, { kind, number: counts[kind], label, id });
  };
  visit(tree, (node: Nodes, index: number | undefined, parent: Parent | undefined) => {
    if (node.type === 'image' && parent && index !== undefined) {
      const next = parent.children[index + 1];
      const quarto = next?.type === 'text' ? figureIdIn(next.value) : undefined;
      // bookdown's `![(\#fig:elephant) Elephant](…)`, a figure of its own.
      const bookdown = parent.type === 'paragraph' && pictureAlone(parent as Paragraph) === node ? bookdownCaptionLabel(node.alt ?? '', 'fig')?.label : undefined;
      if (quarto) add('figure', quarto, quarto);
      else if (bookdown) add('figure', bookdown, idOfLabel(bookdown));
      return;
    }
    if ((node.type === 'table' || (node.type as string) === 'gridTable') && parent && index !== undefined) {
      const at = captionIndex(parent, index);
      const caption = at === undefined ? undefined : (parent.children[at] as Paragraph);
      const found = caption ? tableLabelOf(caption) : undefined;
      if (found) add('table', found.label, found.id);
      return;
    }
    // A display formula, or one set apart in a line (`$$ … (\#eq:label) $$`, remark-math.ts).
    if (node.type === 'math' || (node.type === 'inlineMath' && node.position?.start.offset !== undefined && source.startsWith('$$', node.position.start.offset))) {
      const label = equationLabelOf(node.value, node.position?.end.line, file);
      const id = label && equationIdOf(label);
      if (label && id) add('equation', label, id);
      return;
    }
    // amsmath's environments written bare (remark-math.ts), as bookdown writes its labelled equations.
    if (node.type === 'paragraph' && node.position?.start.offset !== undefined && source.startsWith('\\begin{', node.position.start.offset)) {
      const label = BOOKDOWN_EQUATION.exec(source.slice(node.position.start.offset, node.position.end.offset))?.[1];
      const id = label && equationIdOf(label);
      if (label && id) add('equation', label, id);
    }
  });
  return numbered;
}

/** The plugin that reads them, first of the part's transforms, so that every later one finds them as the author wrote them. */
export default function remarkNumberedLabels() {
  return (tree: Root, file: VFile): void => {
    numberedLabels(tree, file);
  };
}
