/**
 * Links to a place in this part must land somewhere: a heading (by its id, or by the
 * slug GitHub would give it, or by either without accents and joiners), an author's anchor (by its name as written, rehype-anchors.ts),
 * a ¶ number (`#p12`) or a note (`#note-3`). A link to an
 * anchor that does not exist is an error at its place: epubcheck refuses the book
 * (RSC-012) and a reader's tap would go nowhere.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { closest, distance } from 'fastest-levenshtein';
import { visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import { idMaker } from './ids.js';
import { toString } from 'hast-util-to-string';

/** Google Docs' name for a heading (`#heading=h.s045t7da0oww`). */
const GOOGLE_DOCS_HEADING = /^heading=h\.[0-9a-z]+$/;

export default function rehypeLinks() {
  return (tree: Root, file: VFile): void => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    const aliases = file.data.slugAliases ?? new Map<string, string>();
    // `#` and `#top` are the top of the document in HTML (a README's "Back to top"): here the
    // part's title, given an id of its own when no dropped first heading gave it one.
    const topId = (): string => (file.data.titleId ??= idMaker(ids)('top'));
    // An element the HTML parser rebuilt (rehype-raw) may have no place: use its nearest ancestor's.
    const places = new Map<Element, Element['position']>();
    const locate = (node: Root | Element, inherited: Element['position']) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const place = child.position ?? inherited;
        places.set(child, place);
        locate(child, place);
      }
    };
    locate(tree, undefined);
    let folded: Map<string, string | null> | undefined;
    let guesses = 0;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = node.properties.href;
      if (typeof href !== 'string' || !href.startsWith('#')) return;
      // Our own note calls point at notes that exist by construction.
      if (Array.isArray(node.properties.className) && node.properties.className.includes('noteref')) return;
      // micromark percent-encodes what is not ASCII: `#введение` arrives as `#%D0%B2…`.
      const target = percentDecoded(href.slice(1));
      const id = ids.has(target) ? target : aliases.get(target) ?? aliases.get(target.toLowerCase()) ?? (isTop(target) ? topId() : undefined) ?? (folded ??= foldedTargets(ids, aliases)).get(fold(target)) ?? undefined;
      // Google Docs' Markdown links a heading it gave no id by the Doc's own name for it
      // (`[Bugs](#heading=h.s045t7da0oww)`), which no output has: the heading of the link's words.
      const docsName = !id && GOOGLE_DOCS_HEADING.test(target);
      const docsHeading = docsName ? (folded ??= foldedTargets(ids, aliases)).get(fold(toString(node))) : undefined;
      if (id || docsHeading) {
        node.properties.href = `#${id ?? docsHeading}`;
        return;
      }
      if (docsName) {
        error(file, `link to \`#${target}\`, Google Docs' own name for one of its headings, which its Markdown does not keep: no heading of this part reads “${toString(node).trim()}”; link to the heading's id`, { place: places.get(node), ruleId: 'missing-anchor', source: 'pamphlet' });
        return;
      }
      const guessed = guesses < MAX_GUESSES && target.length <= MAX_GUESSED;
      if (guessed) guesses++;
      const near = guessed ? nearest(target, [...aliases.keys(), ...ids]) : undefined;
      error(file, `link to \`#${target}\`: no heading, anchor, ¶ or note in this part has that id${near ? ` (did you mean \`#${near}\`?)` : ''}`, { place: places.get(node), ruleId: 'missing-anchor', source: 'pamphlet' });
    });
  };
}

/**
 * A fragment as its letters and digits alone, without accents, in lower case. Slugs differ by
 * renderer in all else: GitHub keeps `é` and Pandoc's `ascii_identifiers`, kramdown and many
 * site generators drop it (a Czech index links `#algoritmy-a-datove-struktury` for "Algoritmy a
 * datové struktury"); a Persian index keeps the zero-width non-joiner of "نرم‌افزار" that
 * github-slugger drops; Pandoc keeps the full stops GitHub drops (`#module-pandoc.utils`);
 * editors' tables of contents keep the emoji and the `¿…?` GitHub drops
 * (`#💻-ejercicios---día-2`, `#¿qué-es-un-módulo?`), make one hyphen of " : " where GitHub makes
 * two (`#-exercices-jour-19`), a hyphen of an apostrophe (`#ma-lumot-o-qish--find` for
 * "Ma'lumot o'qish - find") or none of the space between Latin and Chinese words
 * (`#python错误类型` for "Python 错误类型"). Compared so, the link finds its heading; where two
 * places compare alike, neither is chosen.
 */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** Every id and GitHub slug, folded; null where two places fold alike (the link stays unresolved). */
function foldedTargets(ids: ReadonlySet<string>, aliases: ReadonlyMap<string, string>): Map<string, string | null> {
  const folded = new Map<string, string | null>();
  const add = (key: string, id: string): void => {
    const at = fold(key);
    // A slug of nothing but signs ("-") is no place a link could mean.
    if (!at) return;
    const there = folded.get(at);
    folded.set(at, there === undefined || there === id ? id : null);
  };
  for (const id of ids) add(id, id);
  for (const [slug, id] of aliases) add(slug, id);
  return folded;
}

/**
 * The place a mistyped link most likely meant, for its error: an index left behind when a
 * heading was renamed or translated (`#roq-prover` for "Rocq Prover"). At most a quarter of the
 * fragment's letters apart (one at least: `#cpp` is not `#c`), compared as `fold` compares them; none where the
 * fragment folds to two places (that error is about them) or is a ¶ number or a note.
 */
const NUMBERED = /^(p|note-)\d+$/;
/**
 * Guesses are bounded: each compares the fragment with every place, and 300 links of 5,000
 * letters to a part of 2,000 headings kept `check` busy 24 s (300 of 200 letters, 10 s). So
 * only fragments up to 100 letters get one, and only the first 20 such links of a part.
 */
const MAX_GUESSED = 100;
const MAX_GUESSES = 20;

function nearest(target: string, candidates: readonly string[]): string | undefined {
  const wanted = fold(target);
  if (!wanted || NUMBERED.test(target.toLowerCase())) return undefined;
  const most = Math.max(1, Math.floor(wanted.length / 4));
  // Two strings are at least their difference in length apart: only those near enough are compared.
  const places = new Map<string, string>();
  for (const candidate of candidates) {
    const folded = fold(candidate);
    if (folded && !NUMBERED.test(candidate) && Math.abs(folded.length - wanted.length) <= most) places.set(folded, candidate);
  }
  places.delete(wanted);
  if (!places.size) return undefined;
  const best = closest(wanted, [...places.keys()]);
  return distance(wanted, best) <= most ? places.get(best) : undefined;
}

/** What HTML scrolls to the top for, where no element has the id: an empty fragment, or `top` in any case. */
function isTop(target: string): boolean {
  return target === '' || target.toLowerCase() === 'top';
}

/** `%D0%B2` → `в`; text that is no valid encoding stays as it is. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
