/**
 * Cross-references as bookdown and Quarto write them: bookdown's `Chapter \@ref(intro)` and
 * `Section \@ref(methods)`, Quarto's `see @sec-results`. Each names a heading by its label
 * (the `{#intro}` written after it, else its slug), in this part or another
 * (`file.data.bookLabels`, gathered by manuscript.ts from every part before any is run). Those
 * tools print a number; pamphlet numbers its parts but not their sections, so a reference to
 * a part's title prints the part's numeral (the one its title label shows, "Part II"), and one
 * to a section prints the section's words. Either is a link (to another part, as a link to
 * that part's file is: remark-safety.ts). Quarto's `@fig-chart` to a picture labelled
 * `{#fig-chart}` is "Figure 1", as its caption numbers it (figure-labels.ts). A label that names
 * neither (bookdown's `fig:nice-fig`, a figure a code cell would draw) prints `??`, as
 * bookdown prints an unresolved one, with the warning `cross-reference`. Until 2026-12-07
 * each printed as typed, "@ref(intro)".
 */
import type { Heading, Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { pointAt, textPiece } from './bracket-spans.js';
import { toRoman } from '../roman.js';
import { ATTRIBUTES_AT_END, readAttributes } from './pandoc-attributes.js';
import { wordsWithoutAttributes } from './remark-heading-ids.js';
import { figureNumbers, mayLabelFigures } from './figure-labels.js';
import { wordsFor } from '../words.js';

/** A heading another part or this one may name. */
export interface BookLabel {
  /** The part's file name, as a link to it is written. */
  file: string;
  /** The heading's id: the label written after it, else its slug. */
  id: string;
  /** The heading's words. */
  words: string;
  /** The part's number, where the heading is its title (its first heading, at the first level). */
  titleOf?: number;
}

/** bookdown's `\@ref(label)` (the backslash gone with the parse) and Quarto's `@sec-label`, not inside a word or an address. */
/** Quarto's cross-reference kinds: `@sec-…`, `@fig-…`, `@tbl-…` and the theorem-like ones. */
const QUARTO_KINDS = 'sec|fig|tbl|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem';
const REFERENCE = new RegExp(String.raw`(?<![\w@.])@(?:ref\(([^()\s]+)\)|((?:${QUARTO_KINDS})-[\p{L}\p{N}_]+(?:[-:.][\p{L}\p{N}_]+)*))`, 'gu');
const QUARTO_REFERENCE = new RegExp(`@(?:${QUARTO_KINDS})-`, 'u');

/** Whether a part's source may hold a reference (most hold none, and are not walked). */
export function mayCrossReference(source: string): boolean {
  return source.includes('@ref(') || QUARTO_REFERENCE.test(source);
}

/** Where a text may hold a reference: not in a link's words (a link in a link is none). */
const SKIPPED = new Set(['link', 'linkReference', 'code', 'inlineCode', 'html', 'math', 'inlineMath']);

export default function remarkCrossReferences() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!mayCrossReference(source)) return;
    const labels = file.data.bookLabels ?? new Map<string, BookLabel>();
    const own = file.basename;
    const quarto = /\.qmd$/iu.test(file.path ?? '');
    const unresolved: Array<{ written: string; place: Text['position'] }> = [];
    visit(tree, (node: Nodes, index: number | undefined, parent: Parent | undefined) => {
      if (SKIPPED.has(node.type)) return SKIP;
      if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('@')) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(REFERENCE)) {
        const at = match.index ?? 0;
        const end = at + match[0].length;
        const label = match[1] ?? match[2] ?? '';
        const bookdown = match[1] !== undefined;
        const place = node.position ? { start: pointAt(node, at, source), end: pointAt(node, end, source) } : undefined;
        if (at > last) pieces.push(textPiece(node, last, at, source));
        last = end;
        const target = labels.get(label);
        // Quarto's form names a heading, or is a reference only in Quarto's own files: elsewhere `@def-con` may be a handle.
        if (!target && !bookdown && !quarto) {
          pieces.push(textPiece(node, at, end, source));
          continue;
        }
        if (!target) {
          unresolved.push({ written: bookdown ? `\\@ref(${label})` : `@${label}`, place });
          pieces.push({ type: 'text', value: '??', ...(place ? { position: place } : {}) });
          continue;
        }
        // bookdown's reference to a chapter is its number; Quarto's and a section's, its words.
        const words = bookdown && target.titleOf !== undefined ? toRoman(target.titleOf) : target.words;
        const link: Link = { type: 'link', url: `${target.file === own ? '' : target.file}#${target.id}`, children: [{ type: 'text', value: words, ...(place ? { position: place } : {}) }], ...(place ? { position: place } : {}) };
        pieces.push(link);
      }
      if (!pieces.length) return undefined;
      if (last < node.value.length) pieces.push(textPiece(node, last, node.value.length, source));
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return [SKIP, index + pieces.length];
    });
    const first = unresolved[0];
    if (first) {
      const more = unresolved.length > 1 ? ` (and ${unresolved.length - 1} more after it)` : '';
      file.message(`\`${first.written}\` names no heading or labelled figure of the book (a table, an equation or a figure a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ??${more}`, { ...(first.place ? { place: first.place } : {}), ruleId: 'cross-reference', source: 'pamphlet' });
    }
  };
}

/**
 * The headings of the book's parts by label, for the references between them: each heading
 * by the label written after it (`{#intro}`), else by its slug (bookdown's and Quarto's
 * labels are Pandoc's, the same for plain words). The first part to use a label keeps it.
 */
export function bookLabels(parts: ReadonlyArray<{ file: VFile; tree: Root; part: number; lang: string }>): Map<string, BookLabel> {
  const labels = new Map<string, BookLabel>();
  for (const { file, tree, part, lang } of parts) {
    if (!file.basename) continue;
    // Quarto's labelled figures, by their number in the part ("Figure 1"), as their captions say (figure-labels.ts).
    if (mayLabelFigures(String(file.value))) {
      const figure = wordsFor(lang).figure;
      for (const [id, number] of figureNumbers(tree)) if (!labels.has(id)) labels.set(id, { file: file.basename, id, words: `${figure} ${number}` });
    }
    const slugger = new GithubSlugger();
    let first = true;
    visit(tree, 'heading', (heading: Heading) => {
      const words = wordsWithoutAttributes(heading).trim();
      const last = heading.children.at(-1);
      const block = last?.type === 'text' ? ATTRIBUTES_AT_END.exec(last.value) : null;
      const written = block ? readAttributes(block[2] ?? '')?.id : undefined;
      const slug = slugger.slug(words);
      const id = written ?? slug;
      if (id && !labels.has(id)) labels.set(id, { file: file.basename as string, id, words, ...(first && heading.depth === 1 ? { titleOf: part } : {}) });
      first = false;
    });
  }
  return labels;
}
