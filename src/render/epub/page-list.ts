/**
 * The print edition's page breaks in the EPUB: a marker
 * `<span epub:type="pagebreak" role="doc-pagebreak" id="page-14" aria-label="14"/>` where
 * each numbered page of the pamphlet begins, for the page-list (nav.ts, ncx.ts).
 *
 * The layout (src/browser/print-pages.ts) says where a page begins as a block of the part
 * (by its anchor name, src/render/anchors.ts) and the number of that block's letters on
 * earlier pages, with the letters that follow. Here the same block is found in the EPUB's
 * content documents and the marker put after as many of its letters, then moved out of
 * the word a page broke (the marker goes before the next word, as talking-book producers
 * place it) and, at the start of a block, inside the block before its first words (before a heading).
 */
import type { Element, ElementContent, Text } from 'hast';
import type { LaidOutPage } from '../../browser/print-pages.js';
import { isNoteCall } from '../../blocks.js';
import { anchorOf, markAnchors, unmarkAnchors } from '../anchors.js';
import { hasClass, idsIn, uniqueId } from './tree.js';
import { element } from './xhtml.js';

/** A content document whose tree the markers go into. */
export interface ContentDocument {
  href: string;
  content: ElementContent[];
}

/** One entry of the page-list: the number printed on the page and where its marker is. */
export interface PageTarget {
  label: string;
  href: string;
}

/** The class of the visual ¶ numbers (paragraph-numbers.ts): EPUB-only text, not in the print edition. */
export const PARAGRAPH_NUMBER_CLASS = 'pn';

const NOT_LETTER = /[\s\p{Cf}]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'caption',
]);
/** Parents in which a span may stand beside blocks (flow content), so a marker may go before a block. */
const FLOW_PARENTS = new Set(['article', 'aside', 'blockquote', 'body', 'dd', 'div', 'footer', 'header', 'li', 'main', 'section', 'td', 'th']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Inside these no span may stand: a marker goes before the whole. */
const FOREIGN = new Set(['svg', 'math']);

/** Text of the EPUB that the print edition does not have where the EPUB has it: note calls' numbers, the notes, ¶ numbers. */
function skipped(el: Element): boolean {
  return isNoteCall(el) || el.properties['epub:type'] === 'noteref' || el.tagName === 'aside' || hasClass(el, PARAGRAPH_NUMBER_CLASS);
}

interface TextEntry {
  node: Text;
  /** Elements from the top of the document down to the text's parent. */
  parents: Element[];
}

/** One content document read as a run of characters, each one where it is in the tree. */
interface Flat {
  doc: ContentDocument;
  /** Code points; a block boundary is a line break that is in no text node. */
  chars: string[];
  where: Array<{ entry: TextEntry; offset: number } | null>;
  /** Character index of each letter. */
  letterAt: number[];
  /** The first character inside each element. */
  firstChar: Map<Element, number>;
  /**
   * Anchor name → the element and its letters (first letter index, how many); and, once a
   * page is looked up in it, those letters as one string with the code-unit offset of each.
   */
  anchors: Map<string, { el: Element; first: number; count: number; letters?: { text: string; offsets: number[] } }>;
}

function flatten(doc: ContentDocument): Flat {
  const flat: Flat = { doc, chars: [], where: [], letterAt: [], firstChar: new Map(), anchors: new Map() };
  const push = (ch: string, at: { entry: TextEntry; offset: number } | null): void => {
    if (!NOT_LETTER.test(ch)) flat.letterAt.push(flat.chars.length);
    flat.chars.push(ch);
    flat.where.push(at);
  };
  const walk = (nodes: readonly ElementContent[], parents: Element[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const entry: TextEntry = { node, parents };
        let offset = 0;
        for (const ch of node.value) {
          push(ch, { entry, offset });
          offset += ch.length;
        }
      } else if (node.type === 'element') {
        if (skipped(node)) continue;
        const block = BLOCK.has(node.tagName) || node.tagName === 'br';
        if (block) push('\n', null);
        const firstLetter = flat.letterAt.length;
        flat.firstChar.set(node, flat.chars.length);
        walk(node.children, [...parents, node]);
        const name = anchorOf(node);
        if (name !== undefined && !flat.anchors.has(name)) flat.anchors.set(name, { el: node, first: firstLetter, count: flat.letterAt.length - firstLetter });
        if (block) push('\n', null);
      }
    }
  };
  walk(doc.content, []);
  // firstChar pointed at the boundary before a block's text: make it the block's first real character.
  for (const [el, index] of flat.firstChar) {
    let at = index;
    while (at < flat.chars.length && flat.where[at] === null) at++;
    flat.firstChar.set(el, at);
  }
  return flat;
}

/** A place in the EPUB: a content document and a character index in it. */
interface Place {
  doc: number;
  char: number;
}

function before(a: Place, b: Place): boolean {
  return a.doc < b.doc || (a.doc === b.doc && a.char < b.char);
}

/** Where the page's text begins in `flat`, or null when its block is not there. */
function locate(flat: Flat, page: LaidOutPage): number | null {
  const start = page.start;
  if (!start) return null;
  const anchor = flat.anchors.get(start.anchor);
  if (!anchor) return null;
  let letters = Math.min(Math.max(0, start.letters), anchor.count);
  // The letters the layout saw next must be the block's letters from there; where they
  // are not (a counting difference between the two trees), the nearest place they are.
  // Made once per block: a paragraph that runs over many pages is looked up for each of them
  // (a paragraph of 140 KB over 55 pages: 2 s of reading the same letters again).
  if (!anchor.letters) {
    const text = flat.letterAt.slice(anchor.first, anchor.first + anchor.count).map((i) => flat.chars[i]).join('');
    anchor.letters = { text, offsets: codeUnitOffsets(text) };
  }
  const { text: blockLetters, offsets } = anchor.letters;
  const sample = start.text.replace(/-$/, '');
  if (sample && blockLetters.slice(offsets[letters] ?? blockLetters.length).startsWith(sample) === false) {
    let best: number | null = null;
    for (let at = blockLetters.indexOf(sample); at !== -1; at = blockLetters.indexOf(sample, at + 1)) {
      const index = indexOfOffset(offsets, at);
      if (index !== -1 && (best === null || Math.abs(index - letters) < Math.abs(best - letters))) best = index;
    }
    if (best !== null) letters = best;
  }
  let char = anchor.first + letters < flat.letterAt.length ? (flat.letterAt[anchor.first + letters] as number) : flat.chars.length;
  // A page that begins inside a word (hyphenated across the break): after that word.
  const isWord = (i: number): boolean => i >= 0 && i < flat.chars.length && WORD.test(flat.chars[i] as string);
  if (isWord(char - 1) && isWord(char)) {
    while (char < flat.chars.length && !SPACE.test(flat.chars[char] as string)) char++;
    while (char < flat.chars.length && SPACE.test(flat.chars[char] as string)) char++;
  }
  // Past block boundaries to the character the marker will stand before, so that two pages
  // found at either side of a boundary count as one place (and keep their order).
  while (char < flat.chars.length && flat.where[char] === null) char++;
  return char;
}

/** The index of `at` in `offsets` (ascending, as codeUnitOffsets makes them), or -1. */
function indexOfOffset(offsets: readonly number[], at: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = offsets[middle] as number;
    if (value === at) return middle;
    if (value < at) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The code-unit offset of each code point of `text`, and its length last. */
function codeUnitOffsets(text: string): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const ch of text) {
    offsets.push(at);
    at += ch.length;
  }
  offsets.push(at);
  return offsets;
}

/** The markers made here: a later page's may already stand where an earlier page's go. */
const made = new WeakSet<ElementContent>();

function marker(id: string, label: string): Element {
  const span = element('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id, ariaLabel: label });
  made.add(span);
  return span;
}

/**
 * Puts `markers` just before `node` in `list`, and before the markers of later pages that
 * were put there already (the places are filled last first), so that the pages keep their order.
 */
function insertBefore(list: ElementContent[], node: ElementContent, markers: Element[]): void {
  let index = list.indexOf(node);
  while (index > 0 && made.has(list[index - 1] as ElementContent)) index--;
  list.splice(index, 0, ...markers);
}

/** Puts `markers` at character `char` of `flat`'s document, between words and outside blocks where it can. */
function insertAt(flat: Flat, char: number, markers: Element[]): void {
  let at = char;
  while (at < flat.chars.length && flat.where[at] === null) at++;
  const place = flat.where[at];
  if (!place) {
    const list = flat.doc.content;
    let index = list.length;
    while (index > 0 && made.has(list[index - 1] as ElementContent)) index--;
    list.splice(index, 0, ...markers);
    return;
  }
  const { entry, offset } = place;
  const childrenOf = (depth: number): ElementContent[] => (depth === 0 ? flat.doc.content : (entry.parents[depth - 1] as Element).children);
  // Inside MathML or SVG a span is not allowed: before the outermost such element.
  const foreign = entry.parents.findIndex((el) => FOREIGN.has(el.tagName));
  if (foreign !== -1) {
    insertBefore(childrenOf(foreign), entry.parents[foreign] as Element, markers);
    return;
  }
  // Where the text starts an element, before the element: a link or an emphasis is not
  // broken into. A block starting the page gets the marker inside it, before its first
  // words: a span beside blocks would stand in an anonymous block of its own, a place a
  // paginated reader may break, leaving the line that leads into a quotation at the foot
  // of the page before it. A heading is the exception: the marker goes before it, in its
  // parent, so that its accessible name stays its words (where the parent may hold a
  // span beside blocks).
  let target: { list: ElementContent[]; node: ElementContent } | null = offset === 0 ? { list: childrenOf(entry.parents.length), node: entry.node } : null;
  if (offset === 0) {
    for (let depth = entry.parents.length - 1; depth >= 0; depth--) {
      const el = entry.parents[depth] as Element;
      if (flat.firstChar.get(el) !== at) break;
      const parent = depth === 0 ? 'body' : (entry.parents[depth - 1] as Element).tagName;
      if (BLOCK.has(el.tagName)) {
        if (HEADINGS.has(el.tagName) && FLOW_PARENTS.has(parent)) target = { list: childrenOf(depth), node: el };
        break;
      }
      target = { list: childrenOf(depth), node: el };
    }
  }
  if (target) {
    insertBefore(target.list, target.node, markers);
    return;
  }
  // Inside the text: split it.
  const list = childrenOf(entry.parents.length);
  const rest: Text = { type: 'text', value: entry.node.value.slice(offset) };
  entry.node.value = entry.node.value.slice(0, offset);
  list.splice(list.indexOf(entry.node) + 1, 0, ...markers, ...(rest.value ? [rest] : []));
}

/**
 * Puts a page-break marker into `documents` (in reading order) for every numbered page
 * of the print edition, in page order, and returns the page-list. A page whose text
 * cannot be found (none of its blocks is in the EPUB) gets its marker where the next page's is.
 */
export function placePageBreaks(documents: readonly ContentDocument[], pages: readonly LaidOutPage[]): PageTarget[] {
  for (const doc of documents) markAnchors(doc.content);
  const taken = idsIn(documents.flatMap((doc) => doc.content));
  const flats = documents.map(flatten);
  const numbered = pages.filter((page): page is LaidOutPage & { number: string } => page.number !== null);

  const places: Array<Place | null> = numbered.map((page) => {
    for (let doc = 0; doc < flats.length; doc++) {
      const char = locate(flats[doc] as Flat, page);
      if (char !== null) return { doc, char };
    }
    return null;
  });
  // Unfound pages go where the next found one is; the pages stay in order.
  const end: Place = { doc: flats.length - 1, char: flats.at(-1)?.chars.length ?? 0 };
  for (let i = places.length - 1; i >= 0; i--) places[i] ??= places[i + 1] ?? end;
  for (let i = 1; i < places.length; i++) {
    if (before(places[i] as Place, places[i - 1] as Place)) places[i] = places[i - 1] as Place;
  }

  const targets: PageTarget[] = [];
  const groups = new Map<string, { place: Place; markers: Element[] }>();
  numbered.forEach((page, i) => {
    const place = places[i] as Place;
    const id = uniqueId(`page-${page.number}`, taken);
    targets.push({ label: page.number, href: `${(documents[place.doc] as ContentDocument).href}#${id}` });
    const key = `${place.doc}:${place.char}`;
    const group = groups.get(key) ?? { place, markers: [] };
    group.markers.push(marker(id, page.number));
    groups.set(key, group);
  });
  // Last place first: a split text node keeps the offsets of the places before it.
  for (const { place, markers } of [...groups.values()].reverse()) insertAt(flats[place.doc] as Flat, place.char, markers);
  for (const doc of documents) unmarkAnchors(doc.content);
  return targets;
}
