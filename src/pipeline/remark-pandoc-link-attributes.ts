/**
 * Pandoc's attributes after a link or a picture, as Quarto, R Markdown and Pandoc's own
 * documents write them: `![A chart](chart.png){#fig-chart width=50%}`,
 * `[the site](https://example.org){target="_blank"}`. Pandoc reads the block as the element's
 * (its id, classes, size); CommonMark leaves it as text, so until 2026-12-07 each printed after
 * the picture or the link as typed, braces and all. Quarto's `fig-alt="…"` is the picture's alt
 * text (the words in its brackets then its caption, as its guide writes 91 of its screenshots).
 * The rest of the block goes: the page sets a picture's
 * size (at most the text's width), a link opens where the reader's app opens it, and no sheet
 * here styles a class. The block must follow the `)` or `]` directly, as Pandoc reads it, and
 * be a whole attribute list (pandoc-attributes.ts): `[x](y){curly words}` stays as typed.
 */
import type { Image, ImageReference, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { ATTRIBUTES_AT_START, readAttributes } from './pandoc-attributes.js';
import { figureIdOf, figureNumbers, mayLabelFigures } from './figure-labels.js';
import { wordsFor } from '../words.js';

export interface PandocLinkAttributesOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

const QUALIFIED = new Set(['link', 'image', 'linkReference', 'imageReference']);

export default function remarkPandocLinkAttributes(options: PandocLinkAttributesOptions) {
  return (tree: Root, file: VFile): void => {
    // Quarto's `{#fig-chart}`: the figure numbered, "Figure 1: its caption", the id its anchor (figure-labels.ts).
    const numbers = mayLabelFigures(String(file.value)) ? figureNumbers(tree) : undefined;
    const figure = wordsFor(file.data.frontmatter?.lang ?? options.lang).figure;
    const labelled = new Set<string>();
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!QUALIFIED.has(node.type) || index === undefined || !parent) return;
      const next = parent.children[index + 1];
      if (next?.type !== 'text' || !next.value.startsWith('{')) return;
      const block = ATTRIBUTES_AT_START.exec(next.value);
      const attributes = block && readAttributes(block[1] ?? '');
      if (!block || !attributes) return;
      const id = node.type === 'image' ? figureIdOf(attributes) : undefined;
      next.value = next.value.slice(block[0].length);
      const number = id ? numbers?.get(id) : undefined;
      if (id && number !== undefined && !labelled.has(id)) {
        labelled.add(id);
        const image = node as Image;
        const caption = (image.title ?? '').trim() || image.alt?.trim();
        image.title = caption ? `${figure} ${number}: ${caption}` : `${figure} ${number}`;
        image.data = { ...image.data, hProperties: { ...(image.data?.hProperties ?? {}), id } };
      }
      // Quarto's `fig-alt` is the picture's alt text, and the words in its brackets then its
      // caption, as a title gives one (remark-figures.ts).
      const alt = attributes.pairs.find(([key]) => key === 'fig-alt')?.[1]?.trim();
      if (alt && (node.type === 'image' || node.type === 'imageReference')) {
        const image = node as Image | ImageReference;
        if (image.type === 'image' && !image.title && image.alt?.trim()) image.title = image.alt.trim();
        image.alt = alt;
      }
      if (next.value === '') parent.children.splice(index + 1, 1);
    });
  };
}
