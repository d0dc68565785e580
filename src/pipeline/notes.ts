/**
 * Numbers footnotes and citation notes in one reading order and turns `:cite`
 * directives into citation clusters for the CSL engine.
 *
 * Order matters: a citation in the text (note style) is its own footnote, numbered
 * where it stands; a citation inside a footnote belongs to that footnote's number.
 * The engine needs exactly this note index to decide between full, short and "Ibid.".
 */
import type { FootnoteDefinition, FootnoteReference, Parent, Root, RootContent, Paragraph } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { error } from '../diagnostics.js';
import { parseLocator, type CiteItem, type Cluster } from '../citations/engine.js';
import type { CslItem } from '../citations/bibliography.js';

export interface CollectedNote {
  number: number;
  kind: 'footnote' | 'citation';
  /** mdast content; citation placeholders inside get their hast once formatted. */
  children: RootContent[];
}

export interface NotesResult {
  notes: CollectedNote[];
  clusters: Cluster[];
  /** Cluster id → the placeholder node(s) whose hChildren receive the formatted citation. */
  placeholders: Map<string, CitationPlaceholder>;
}

export interface CitationPlaceholder {
  type: 'citation';
  /** A note-style citation written inside a footnote: set in parentheses in that note. */
  parenthetical: boolean;
  data: { hName: 'span'; hProperties: { className: string[] }; hChildren: ElementContent[] };
}

interface State {
  file: VFile;
  items: ReadonlyMap<string, CslItem>;
  noteStyle: boolean;
  definitions: Map<string, FootnoteDefinition>;
  used: Map<string, number>;
  notes: CollectedNote[];
  clusters: Cluster[];
  placeholders: Map<string, CitationPlaceholder>;
  /** The footnote number we are inside, when walking a footnote's content. */
  inNote: number | null;
}

export function collectNotes(tree: Root, file: VFile, items: ReadonlyMap<string, CslItem>, noteStyle: boolean): NotesResult {
  const definitions = new Map<string, FootnoteDefinition>();
  tree.children = tree.children.filter((child) => {
    if (child.type !== 'footnoteDefinition') return true;
    const id = child.identifier.toLowerCase();
    if (definitions.has(id)) error(file, `footnote \`[^${child.label ?? id}]\` is defined twice`, { place: child.position, ruleId: 'footnote-twice', source: 'pamphlet' });
    definitions.set(id, child);
    return false;
  });
  const state: State = { file, items, noteStyle, definitions, used: new Map(), notes: [], clusters: [], placeholders: new Map(), inNote: null };
  walk(tree, state);
  for (const [id, definition] of definitions) {
    if (!state.used.has(id)) file.message(`footnote \`[^${definition.label ?? id}]\` is never referenced`, { place: definition.position, ruleId: 'footnote-unused', source: 'pamphlet' });
  }
  state.notes.sort((a, b) => a.number - b.number);
  return { notes: state.notes, clusters: state.clusters, placeholders: state.placeholders };
}

function walk(parent: Parent, state: State): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent;
    if (node.type === 'footnoteReference') {
      parent.children[index] = footnoteCall(node, state) as RootContent;
    } else if (node.type === 'textDirective' && node.name === 'cite') {
      parent.children[index] = citation(node, state) as RootContent;
      // An in-text citation is a parenthesis in the sentence: it needs a space before it.
      const before = parent.children[index - 1];
      const inline = !state.noteStyle || state.inNote !== null;
      if (inline && before?.type === 'text' && /\S$/.test(before.value) && !/[(\[]$/.test(before.value)) before.value += ' ';
    } else if ('children' in node) {
      walk(node as Parent, state);
    }
  }
}

function noteCall(number: number, repeat: number): RootContent {
  const id = repeat > 1 ? `noteref-${number}-${repeat}` : `noteref-${number}`;
  return {
    type: 'noteCall',
    data: {
      hName: 'a',
      hProperties: { className: ['noteref'], id, href: `#note-${number}`, dataNote: number },
      hChildren: [{ type: 'text', value: String(number) }],
    },
  } as unknown as RootContent;
}

function footnoteCall(node: FootnoteReference, state: State): RootContent {
  const id = node.identifier.toLowerCase();
  if (state.inNote !== null) {
    error(state.file, 'a footnote cannot hold another footnote', { place: node.position, ruleId: 'nested-footnote', source: 'pamphlet' });
    return { type: 'text', value: '' };
  }
  const definition = state.definitions.get(id);
  if (!definition) {
    error(state.file, `footnote \`[^${node.label ?? id}]\` has no definition (add a line \`[^${node.label ?? id}]: …\`)`, { place: node.position, ruleId: 'footnote-undefined', source: 'pamphlet' });
    return { type: 'text', value: '' };
  }
  const seen = state.used.get(id);
  if (seen !== undefined) {
    state.file.message(`footnote \`[^${node.label ?? id}]\` is referenced more than once; later calls point to the same note`, { place: node.position, ruleId: 'footnote-repeated', source: 'pamphlet' });
    return noteCall(seen, 2);
  }
  const number = state.notes.length + 1;
  state.used.set(id, number);
  state.notes.push({ number, kind: 'footnote', children: definition.children as RootContent[] });
  state.inNote = number;
  walk(definition, state);
  state.inNote = null;
  return noteCall(number, 1);
}

function citation(node: TextDirective, state: State): RootContent {
  const keys = toString(node).split(/[;,]/).map((key) => key.trim().replace(/^@/, '')).filter(Boolean);
  const attributes = node.attributes ?? {};
  for (const key of Object.keys(attributes)) {
    if (!['locator', 'prefix', 'suffix'].includes(key)) state.file.message(`unknown attribute \`${key}\` on :cite (known: locator, prefix, suffix)`, { place: node.position, ruleId: 'cite-attribute', source: 'pamphlet' });
  }
  if (!keys.length) {
    error(state.file, '`:cite[…]` needs at least one citation key, e.g. `:cite[carr1950]`', { place: node.position, ruleId: 'cite-empty', source: 'pamphlet' });
    return { type: 'text', value: '' };
  }
  let ok = true;
  for (const key of keys) {
    if (!state.items.has(key)) {
      error(state.file, `unknown citation key \`${key}\`: no entry with this key in the bibliography`, { place: node.position, ruleId: 'unknown-citation', source: 'pamphlet' });
      ok = false;
    }
  }
  if (!ok) return { type: 'text', value: '' };

  // One set of attributes for the cluster: the prefix leads it, the locator and suffix close it (as in Pandoc's [see @a; @b, p. 3]).
  const citeItems: CiteItem[] = keys.map((id) => ({ id }));
  const first = citeItems[0] as CiteItem;
  const last = citeItems[citeItems.length - 1] as CiteItem;
  if (attributes.prefix) first.prefix = `${attributes.prefix} `;
  if (attributes.locator) Object.assign(last, parseLocator(attributes.locator));
  if (attributes.suffix) last.suffix = /^[,.;:]/.test(attributes.suffix) ? attributes.suffix : ` ${attributes.suffix}`;

  const placeholder: CitationPlaceholder = { type: 'citation', parenthetical: state.noteStyle && state.inNote !== null, data: { hName: 'span', hProperties: { className: ['citation'] }, hChildren: [] } };
  const clusterId = `cite-${state.clusters.length + 1}`;
  state.placeholders.set(clusterId, placeholder);

  if (!state.noteStyle) {
    state.clusters.push({ id: clusterId, noteIndex: 0, items: citeItems });
    return placeholder as unknown as RootContent;
  }
  if (state.inNote !== null) {
    state.clusters.push({ id: clusterId, noteIndex: state.inNote, items: citeItems });
    return placeholder as unknown as RootContent;
  }
  const number = state.notes.length + 1;
  state.clusters.push({ id: clusterId, noteIndex: number, items: citeItems });
  const paragraph: Paragraph = { type: 'paragraph', children: [placeholder as unknown as Paragraph['children'][number]] };
  state.notes.push({ number, kind: 'citation', children: [paragraph] });
  return noteCall(number, 1);
}
