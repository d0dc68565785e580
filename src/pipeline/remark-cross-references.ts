/**
 * Cross-references as bookdown and Quarto write them: bookdown's `Chapter \@ref(intro)` and
 * `Section \@ref(methods)`, Quarto's `see @sec-results`. Each names a heading by its label
 * (the `{#intro}` written after it, else its slug), in this part or another
 * (`file.data.bookLabels`, gathered by manuscript.ts from every part before any is run). Those
 * tools print a number; pamphlet numbers its parts but not their sections, so a reference to
 * a part's title prints the part's numeral (the one its title label shows, "Part II"), and one
 * to a section prints the section's words. Either is a link (to another part, as a link to
 * that part's file is: remark-safety.ts).
 *
 * A labelled figure, table or formula (numbered-labels.ts) is referred to by its number, as
 * Quarto prints it: `@fig-chart` is "Figure 1", `@tbl-letters` "Table 1", `@eq-energy`
 * "Equation 1" (in the part's language), `@Fig-chart` the same; in brackets, as Quarto's guide
 * writes them, `[-@fig-chart]` is "1", `[Fig. @fig-chart]` "Fig. 1" and `[@fig-a; @fig-b]`
 * "Figure 1, Figure 2". bookdown's `\@ref(fig:chart)`, `\@ref(tab:letters)` and
 * `\@ref(eq:binom)` print the number alone, as bookdown does ("Table \@ref(tab:letters)").
 * A label that names nothing (a figure a code cell would draw) prints `??`, as bookdown
 * prints an unresolved one, with the warning `cross-reference`. Until 2026-12-07 each
 * printed as typed, "@ref(intro)"; tables and formulas printed `??` until 2026-12-08.
 *
 * Before the citations (remark-pandoc-citations.ts): Quarto's references share Pandoc's
 * brackets, and a key of the bibliography is always the citation's.
 */
import type { Heading, Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { Position } from 'unist';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { PHRASING_PARENTS, pointAt, replaceBracketSpans, textPiece } from './bracket-spans.js';
import { toRoman } from '../roman.js';
import { ATTRIBUTES_AT_END, readAttributes } from './pandoc-attributes.js';
import { wordsWithoutAttributes } from './remark-heading-ids.js';
import { numberedLabels, type NumberedKind } from './numbered-labels.js';
import { wordsFor } from '../words.js';

/** A heading, figure, table or formula another part or this one may name. */
export interface BookLabel {
  /** The part's file name, as a link to it is written. */
  file: string;
  /** Its id: the label written after a heading, else its slug; a numbered thing's anchor. */
  id: string;
  /** A heading's words; a numbered thing's name and number, "Figure 1". */
  words: string;
  /** The part's number, where the heading is its title (its first heading, at the first level). */
  titleOf?: number;
  /** A figure's, table's or formula's number in its part. */
  number?: number;
  kind?: NumberedKind;
}

export interface CrossReferenceOptions {
  /** Keys of the bibliography: `[@fig-2020]` that names one is a citation. */
  keys: ReadonlySet<string>;
}

/** Quarto's cross-reference kinds: `@sec-…`, `@fig-…`, `@tbl-…` and the theorem-like ones; Quarto's `@Fig-…` capitalises. */
const QUARTO_KINDS = 'sec|fig|tbl|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem';
const KIND = QUARTO_KINDS.split('|').map((kind) => `[${kind[0]}${kind[0]!.toUpperCase()}]${kind.slice(1)}`).join('|');
const QUARTO_LABEL = String.raw`(?:${KIND})-[\p{L}\p{N}_]+(?:[-:.][\p{L}\p{N}_]+)*`;
/** bookdown's `\@ref(label)` (the backslash gone with the parse) and Quarto's `@sec-label`, not inside a word or an address. */
const REFERENCE = new RegExp(String.raw`(?<![\w@.])@(?:ref\(([^()\s]+)\)|(${QUARTO_LABEL}))`, 'gu');
/** One reference of a bracket: Quarto's `@fig-x`, `-@fig-x` (the number alone) or `Fig. @fig-x` (its own name). */
const BRACKETED = new RegExp(String.raw`^\s*(?:([^@;\[\]]*?\S)\s+)?(-?)@(${QUARTO_LABEL})\s*$`, 'u');
const QUARTO_REFERENCE = new RegExp(`@(?:${KIND})-`, 'u');

/** Whether a part's source may hold a reference (most hold none, and are not walked). */
export function mayCrossReference(source: string): boolean {
  return source.includes('@ref(') || QUARTO_REFERENCE.test(source);
}

/** Where a text may hold a reference: not in a link's words (a link in a link is none). */
const SKIPPED = new Set(['link', 'linkReference', 'code', 'inlineCode', 'html', 'math', 'inlineMath']);

/** How a reference is written: Quarto's `@fig-x`, bookdown's `\@ref(fig:x)`, or in brackets with a name of its own (or none). */
interface Written {
  label: string;
  bookdown: boolean;
  /** `[-@fig-x]`: the number alone. */
  bare?: boolean;
  /** `[Fig. @fig-x]`: this name before the number. */
  name?: string;
}

export default function remarkCrossReferences(options: CrossReferenceOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!mayCrossReference(source)) return;
    const labels = file.data.bookLabels ?? new Map<string, BookLabel>();
    const own = file.basename;
    const quarto = /\.qmd$/iu.test(file.path ?? '');
    const unresolved: Array<{ written: string; place: Position | undefined }> = [];
    const targetOf = (label: string): BookLabel | undefined => labels.get(label) ?? labels.get(lowerFirst(label));
    // Quarto's form names a heading or a numbered thing, or is a reference only in Quarto's own files: elsewhere `@def-con` may be a handle.
    // A key of the bibliography is the citation's, however it looks (`@fig-2020`).
    const isReference = (written: Written) => (written.bookdown || !options.keys.has(written.label)) && (Boolean(targetOf(written.label)) || written.bookdown || quarto);
    const made = (written: Written, place: Position | undefined): PhrasingContent => {
      const target = targetOf(written.label);
      if (!target) {
        unresolved.push({ written: written.bookdown ? `\\@ref(${written.label})` : `@${written.label}`, place });
        return { type: 'text', value: written.name ? `${written.name} ??` : '??', ...(place ? { position: place } : {}) };
      }
      const link: Link = { type: 'link', url: `${target.file === own ? '' : target.file}#${target.id}`, children: [{ type: 'text', value: wordsOf(target, written), ...(place ? { position: place } : {}) }], ...(place ? { position: place } : {}) };
      return link;
    };
    visit(tree, (node: Nodes) => {
      if (SKIPPED.has(node.type)) return SKIP;
      if (!PHRASING_PARENTS.has(node.type) && node.type !== 'footnoteDefinition') return undefined;
      replaceBracketSpans(node as Parent, '[', (span) => bracketed(span.content, span.position, isReference, made), source);
      return undefined;
    });
    visit(tree, (node: Nodes, index: number | undefined, parent: Parent | undefined) => {
      if (SKIPPED.has(node.type)) return SKIP;
      if (node.type !== 'text' || !parent || index === undefined || !node.value.includes('@')) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(REFERENCE)) {
        const at = match.index ?? 0;
        const end = at + match[0].length;
        const written: Written = { label: match[1] ?? match[2] ?? '', bookdown: match[1] !== undefined };
        if (!isReference(written)) continue;
        const place = node.position ? { start: pointAt(node, at, source), end: pointAt(node, end, source) } : undefined;
        if (at > last) pieces.push(textPiece(node, last, at, source));
        last = end;
        pieces.push(made(written, place));
      }
      if (!pieces.length) return undefined;
      if (last < node.value.length) pieces.push(textPiece(node, last, node.value.length, source));
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return [SKIP, index + pieces.length];
    });
    const first = unresolved[0];
    if (first) {
      const more = unresolved.length > 1 ? ` (and ${unresolved.length - 1} more after it)` : '';
      file.message(`\`${first.written}\` names no heading, labelled figure, table or formula of the book (a figure or table a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ??${more}`, { ...(first.place ? { place: first.place } : {}), ruleId: 'cross-reference', source: 'pamphlet' });
    }
  };
}

/** `[@fig-a; -@fig-b]`, where every item is a reference (none a key of the bibliography): the references, after one another. */
function bracketed(
  content: PhrasingContent[],
  position: Position | undefined,
  isReference: (written: Written) => boolean,
  made: (written: Written, place: Position | undefined) => PhrasingContent,
): PhrasingContent[] | undefined {
  if (content.length !== 1 || content[0]?.type !== 'text' || !content[0].value.includes('@')) return undefined;
  const items: Written[] = [];
  for (const piece of content[0].value.split(';')) {
    const found = BRACKETED.exec(piece);
    if (!found?.[3]) return undefined;
    const written: Written = { label: found[3], bookdown: false, ...(found[2] ? { bare: true } : {}), ...(found[1] ? { name: found[1] } : {}) };
    if (!isReference(written)) return undefined;
    items.push(written);
  }
  return items.flatMap((written, i) => (i === 0 ? [made(written, position)] : [{ type: 'text', value: ', ' } as Text, made(written, position)]));
}

/** What a reference prints: a numbered thing's name and number (bookdown's, the number alone), a part's numeral, a heading's words. */
function wordsOf(target: BookLabel, written: Written): string {
  const number = target.number !== undefined ? String(target.number) : target.titleOf !== undefined ? toRoman(target.titleOf) : undefined;
  if (number !== undefined && (written.bookdown || written.bare)) return number;
  if (written.name) return `${written.name} ${number ?? target.words}`;
  return target.words;
}

function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
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
    // Labelled figures, tables and formulas, by their number in the part ("Figure 1"), as their captions say (numbered-labels.ts).
    const words = wordsFor(lang);
    for (const { kind, number, label, id } of numberedLabels(tree, file).values()) {
      if (!labels.has(label)) labels.set(label, { file: file.basename, id, words: `${words[kind]} ${number}`, number, kind });
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
