/**
 * Quarto's labelled figures, `![Caption](chart.png){#fig-chart}`: numbered in the order they
 * stand in a part, as Quarto numbers them ("Figure 1"), for the figure's caption
 * (remark-pandoc-link-attributes.ts) and the references to it (remark-cross-references.ts,
 * `@fig-chart`). Read from the tree as parsed, where the attribute block is still the text
 * right after the picture.
 */
import type { Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { anchorIdOf, ATTRIBUTES_AT_START, readAttributes, type PandocAttributes } from './pandoc-attributes.js';

/** Whether a part's source may hold a labelled figure (most hold none, and are not walked). */
export function mayLabelFigures(source: string): boolean {
  return source.includes('{#fig-');
}

/** The id an attribute block gives, if it names a figure (`fig-…`). */
export function figureIdOf(attributes: PandocAttributes | undefined): string | undefined {
  const id = anchorIdOf(attributes);
  return id?.startsWith('fig-') ? id : undefined;
}

/** The id written in the attribute block opening `text`, if it names a figure. */
function figureIdIn(text: string): string | undefined {
  if (!text.startsWith('{#fig-')) return undefined;
  const block = ATTRIBUTES_AT_START.exec(text);
  return block ? figureIdOf(readAttributes(block[1] ?? '')) : undefined;
}

/** Each labelled figure's number in the part, by its id; the first of two with one id keeps it. */
export function figureNumbers(tree: Root): Map<string, number> {
  const numbers = new Map<string, number>();
  let count = 0;
  visit(tree, 'image', (_image, index, parent: Parent | undefined) => {
    const next = index === undefined ? undefined : parent?.children[index + 1];
    const id = next?.type === 'text' ? figureIdIn(next.value) : undefined;
    if (!id) return;
    count++;
    if (!numbers.has(id)) numbers.set(id, count);
  });
  return numbers;
}
