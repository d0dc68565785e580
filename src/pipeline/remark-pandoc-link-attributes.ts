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
import type { Image, ImageReference, Parent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { ATTRIBUTES_AT_START, readAttributes } from './pandoc-attributes.js';
import { pointAt } from './bracket-spans.js';
import { figureIdOf, numberedLabels } from './numbered-labels.js';
import { wordsFor } from '../words.js';

export interface PandocLinkAttributesOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

const QUALIFIED = new Set(['link', 'image', 'linkReference', 'imageReference']);

export default function remarkPandocLinkAttributes(options: PandocLinkAttributesOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    // Quarto's `{#fig-chart}`: the figure numbered, "Figure 1: its caption", the id its anchor (numbered-labels.ts).
    const numbered = numberedLabels(tree, file);
    const figure = wordsFor(file.data.frontmatter?.lang ?? options.lang).figure;
    const labelled = new Set<string>();
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!QUALIFIED.has(node.type) || index === undefined || !parent) return;
      const next = parent.children[index + 1];
      if (next?.type !== 'text' || !next.value.startsWith('{')) return;
      const inner = takeBlock(parent, index, source);
      const attributes = inner === undefined ? undefined : readAttributes(inner);
      if (!attributes) return;
      const id = node.type === 'image' ? figureIdOf(attributes) : undefined;
      const number = id ? numbered.get(id)?.number : undefined;
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
    });
  };
}

/**
 * What the attribute block right after the node at `index` holds, taken out of the tree; undefined
 * where none follows. Read from the text after the node, or, where Markdown read part of the block
 * as code (Quarto's guide writes ``fig-alt="… the `cars` dataset …"``: Pandoc reads attributes as
 * written), from the source, the nodes it covers taken out.
 */
function takeBlock(parent: Parent, index: number, source: string): string | undefined {
  const next = parent.children[index + 1] as Text;
  const block = ATTRIBUTES_AT_START.exec(next.value);
  if (block) {
    next.value = next.value.slice(block[0].length);
    if (next.value === '') parent.children.splice(index + 1, 1);
    return block[1] ?? '';
  }
  const from = parent.children[index]?.position?.end.offset;
  if (from === undefined || next.position?.start.offset !== from || !next.value.includes('"')) return undefined;
  const written = ATTRIBUTES_AT_START.exec(source.slice(from, from + MAX_BLOCK));
  if (!written) return undefined;
  const to = from + written[0].length;
  // The nodes the block covers: whole ones go, and the text it ends in keeps what follows it.
  let last = index + 1;
  while (last < parent.children.length) {
    const child = parent.children[last]!;
    const end = child.position?.end.offset;
    if (end === undefined) return undefined;
    if (end <= to) {
      last++;
      continue;
    }
    const start = child.position?.start.offset;
    if (child.type !== 'text' || start === undefined || start >= to) break;
    // A text the block ends in, written as it reads (no escape before the end): cut there.
    if (source.slice(start, to) !== child.value.slice(0, to - start)) return undefined;
    const at = pointAt(child, to - start, source);
    child.value = child.value.slice(to - start);
    child.position = { start: at, end: child.position!.end };
    break;
  }
  parent.children.splice(index + 1, last - index - 1);
  return written[1] ?? '';
}

/** How far past a picture its attribute block is looked for in the source. */
const MAX_BLOCK = 4096;
