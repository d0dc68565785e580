/**
 * Pandoc's citation syntax, for authors who come from Pandoc: `[@key]`,
 * `[@key, p. 12]`, `[see @a, ch. 3; @b]`, `[-@key]` (author suppressed) and
 * narrative `@key` in running text. Each becomes the same `citation` node as
 * `:cite[…]`, so both forms share one CSL engine, ibid logic and set of errors.
 *
 * Only keys of the bibliography are citations: an e-mail address or a handle
 * (`@someone`) that is no key stays text. A bracket whose keys are all unknown is
 * left as text with a warning (it may be a typo); one that mixes known and unknown
 * keys is an error for each unknown key.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { locatorLabelAt, type CiteItem } from '../citations/engine.js';
import { error } from '../diagnostics.js';
import { escapedInSource, PHRASING_PARENTS, pointAt, replaceBracketSpans, textPiece } from './bracket-spans.js';
import type { Citation } from './mdast-nodes.js';

export interface PandocCitationOptions {
  /** Keys of the bibliography; without one, `@…` is always text. */
  keys: ReadonlySet<string>;
}

/** Parents whose direct text may hold citations (not links: their text is the link). */
const CITATION_PARENTS = new Set([...PHRASING_PARENTS, 'footnoteDefinition']);

/** Pandoc's key syntax: letters, digits and `_`, with internal punctuation `:.#$%&-+?<>~/`. */
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?`;
const ITEM = new RegExp(String.raw`^(?<prefix>[^@]*?)\s*(?<suppress>-?)@(?:\{(?<braced>[^}]+)\}|(?<key>${KEY}))(?<rest>.*)$`, 'su');
const NARRATIVE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.\-])@(?:\{(?<braced>[^}]+)\}|(?<key>${KEY}))`, 'gu');
/** A page number: digits, and a letter after them ("12a"); never the first digits of a word. */
const DIGITS = String.raw`\d+[a-z]?(?![\p{L}\d])`;
/** A whole roman numeral ("xiv", not "did" or "mix"), never the first letters of a word ("my"). */
const ROMAN = String.raw`(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?![\p{L}\d])`;
/** Numbers joined into ranges and lists ("33–35, 40", "33--35", "3 and 5"). */
const numbers = (one: string) => String.raw`^(?<locator>${one}(?:\s*(?:--|[-–,&]|and)\s*${one})*)(?<suffix>.*)$`;
/**
 * As Pandoc reads a locator: after a label ("p.", "chap.") its numbers may be roman numerals;
 * without one, only numbers with digits are a page, so that `[@key, xiv]` or
 * `[@key, did not say]` keeps its words as a suffix.
 */
const LABELLED = new RegExp(numbers(String.raw`(?:${DIGITS}|${ROMAN})`), 'isu');
const BARE = new RegExp(numbers(DIGITS), 'isu');

export default function remarkPandocCitations(options: PandocCitationOptions) {
  return (tree: Root, file: VFile): void => {
    if (options.keys.size === 0) return;
    const source = String(file.value);
    visit(tree, (node) => {
      if (!CITATION_PARENTS.has(node.type)) return;
      const parent = node as Parent;
      replaceBracketSpans(parent, '[', (span) => bracketed(span.content, span.position, options.keys, file), source);
      narrative(parent, options.keys, source);
    });
  };
}

function bracketed(content: PhrasingContent[], position: Citation['position'], keys: ReadonlySet<string>, file: VFile): PhrasingContent[] | undefined {
  // Prefixes and suffixes are plain text in this form (Pandoc allows markup there).
  if (content.length !== 1 || content[0]?.type !== 'text') return undefined;
  const text = content[0].value;
  // A bracket holding another bracket is not one citation; the inner one may be.
  if (!text.includes('@') || /[[\]]/.test(text)) return undefined;
  const items: Array<CiteItem & { known: boolean }> = [];
  for (const piece of text.split(';')) {
    const match = ITEM.exec(piece.trim());
    if (!match?.groups) return undefined;
    const { prefix = '', suppress, braced, key = braced ?? '', rest = '' } = match.groups;
    const item: CiteItem & { known: boolean } = { id: key, known: keys.has(key) };
    if (prefix.trim()) item.prefix = `${prefix.trim()} `;
    if (suppress) item['suppress-author'] = true;
    Object.assign(item, locatorAndSuffix(rest));
    items.push(item);
  }
  const known = items.filter((item) => item.known);
  if (!known.length) {
    file.message(`\`[${text}]\` looks like a Pandoc citation, but no key in it is in the bibliography; left as text`, { place: position, ruleId: 'citation-not-a-key', source: 'pamphlet' });
    return undefined;
  }
  for (const item of items) {
    if (!item.known) error(file, `unknown citation key \`${item.id}\`: no entry with this key in the bibliography`, { place: position, ruleId: 'unknown-citation', source: 'pamphlet' });
  }
  const citation: Citation = { type: 'citation', items: known.map(({ known: _known, ...item }) => item), narrative: false, ...(position ? { position } : {}) };
  return [citation];
}

/** "p. 12" → a page locator; ", emphasis added" → a suffix; "p. 12, my translation" → both. */
function locatorAndSuffix(rest: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const trimmed = rest.trim();
  if (!trimmed) return {};
  const afterComma = trimmed.replace(/^,\s*/, '');
  const { typed, label } = locatorLabelAt(afterComma);
  const match = (typed ? LABELLED : BARE).exec(afterComma.slice(typed.length));
  if (match?.groups?.locator) {
    const suffix = match.groups.suffix?.trim();
    return { label, locator: match.groups.locator, ...(suffix ? { suffix: /^[,.;:]/.test(suffix) ? suffix : ` ${suffix}` } : {}) };
  }
  return { suffix: trimmed.startsWith(',') ? trimmed : ` ${trimmed}` };
}

/** `@key` in running text, where `key` is in the bibliography. */
function narrative(parent: Parent, keys: ReadonlySet<string>, source: string): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node?.type !== 'text' || !node.value.includes('@')) continue;
    const pieces: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(NARRATIVE)) {
      const key = match.groups?.braced ?? match.groups?.key ?? '';
      const at = match.index ?? 0;
      // `\@key` is the author's way of writing the @ itself.
      if (!keys.has(key) || escapedInSource(node, at, source)) continue;
      if (at > last) pieces.push(textPiece(node, last, at, source));
      const end = at + match[0].length;
      const position = node.position ? { start: pointAt(node, at, source), end: pointAt(node, end, source) } : parent.position;
      pieces.push({ type: 'citation', items: [{ id: key }], narrative: true, ...(position ? { position } : {}) });
      last = end;
    }
    if (!pieces.length) continue;
    if (last < node.value.length) pieces.push(textPiece(node, last, node.value.length, source));
    children.splice(i, 1, ...pieces);
    i += pieces.length - 1;
  }
}
