/**
 * Numbers footnotes and citation notes in one reading order and turns citations into
 * clusters for the CSL engine (remark-citeproc.ts formats them).
 *
 * Order matters: a citation in the text (note styles) is its own footnote, numbered
 * where it stands; a citation inside a footnote belongs to that footnote's number. The
 * engine needs exactly this note index to decide between full, short and "Ibid.".
 *
 * Footnote definitions may stand anywhere GFM allows (inside a quotation, a list item,
 * a directive container); they are taken out of the flow and each note rides to the
 * end of the tree in the notes store (stores.ts), called from where it is referenced.
 */
import type { FootnoteDefinition, FootnoteReference, Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { error } from '../diagnostics.js';
import type { CslItem } from '../citations/bibliography.js';
import type { Cluster } from '../citations/engine.js';
import type { Citation, Container, Rendered } from './mdast-nodes.js';
import { escapedInSource, pointAt } from './bracket-spans.js';
import { narrativeName } from './narrative-name.js';
import { STORE } from './stores.js';
import { noteCallProperties } from '../blocks.js';

export interface NotesOptions {
  items: ReadonlyMap<string, CslItem>;
  /** pamphlet.yaml names no `bibliography`: a citation is then told so, not "not in the bibliography". */
  noBibliography?: boolean;
  /** Note styles (Chicago notes) make footnotes; in-text styles cite in the sentence. */
  noteStyle: boolean;
  lang: string;
}

/** The span that receives a formatted citation (remark-citeproc.ts fills `hChildren`). */
export interface CitationSlot extends Rendered {
  data: Rendered['data'] & { clusterId: string; parenthetical: boolean };
}

interface CollectedNote {
  number: number;
  kind: 'footnote' | 'citation';
  children: RootContent[];
  /** Ids of the calls of this note, in order (a note referenced twice has two). */
  calls: string[];
}

interface State {
  file: VFile;
  options: NotesOptions;
  definitions: Map<string, FootnoteDefinition>;
  used: Map<string, CollectedNote>;
  notes: CollectedNote[];
  clusters: Cluster[];
  keys: Set<string>;
  /** The note whose content is being walked, when inside one. */
  inNote: CollectedNote | null;
}

/**
 * The longest note, in characters of its source (some 14,000 words, 40 pages at the foot of an
 * A5 pamphlet). Paged.js 0.4.3 lays out all of a note still to set on each page it runs on to,
 * so a note's cost grows with the square of its length: 12,000 words print in 4 s, a note of
 * 200 KB held the layout for minutes. A text that long is a chapter, not a note.
 */
export const NOTE_MAX_CHARS = 100_000;

export default function remarkNotes(options: NotesOptions) {
  return (tree: Root, file: VFile): void => {
    const definitions = new Map<string, FootnoteDefinition>();
    visit(tree, 'footnoteDefinition', (node: FootnoteDefinition, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const length = (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0);
      if (length > NOTE_MAX_CHARS) {
        error(file, `footnote \`[^${node.label ?? node.identifier}]\` is ${length.toLocaleString('en')} characters long, more than the ${NOTE_MAX_CHARS.toLocaleString('en')} a note may have (some 40 pages at the foot of the print, whose layout grows with the square of a note's length): make it a section of the text`, { place: node.position, ruleId: 'note-too-long', source: 'pamphlet' });
      }
      if (definitions.has(node.identifier)) error(file, `footnote \`[^${node.label ?? node.identifier}]\` is defined twice`, { place: node.position, ruleId: 'footnote-twice', source: 'pamphlet' });
      else definitions.set(node.identifier, node);
      parent.children.splice(index, 1);
      return [SKIP, index];
    });

    const state: State = { file, options, definitions, used: new Map(), notes: [], clusters: [], keys: new Set(), inNote: null };
    walk(tree, state);
    for (const [id, definition] of definitions) {
      if (!state.used.has(id)) file.message(`footnote \`[^${definition.label ?? id}]\` is never referenced`, { place: definition.position, ruleId: 'footnote-unused', source: 'pamphlet' });
    }
    for (const key of file.data.quoteSources ?? []) state.keys.add(key);
    file.data.citations = { clusters: state.clusters, keys: state.keys };

    state.notes.sort((a, b) => a.number - b.number);
    if (state.notes.length) tree.children.push(notesStore(state.notes) as RootContent);
  };
}

function notesStore(notes: readonly CollectedNote[]): Container {
  return {
    type: 'container',
    data: { hName: 'section', hProperties: { dataPamphletStore: STORE.notes } },
    children: notes.map((note): Container => ({
      type: 'container',
      data: { hName: 'div', hProperties: { id: `note-${note.number}`, dataNote: note.number, dataKind: note.kind, dataCalls: note.calls.join(' ') } },
      children: note.children as Container['children'],
    })) as Container['children'],
  };
}

function walk(parent: Parent, state: State): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent;
    if (node.type === 'footnoteReference') {
      const replacement = footnoteCall(node, state);
      parent.children.splice(index, 1, ...replacement);
      index += replacement.length - 1;
    } else if (node.type === 'citation') {
      const replacement = citation(node, state);
      parent.children.splice(index, 1, ...replacement);
      // An in-text citation is a parenthesis in the sentence: it needs a space before it.
      const before = parent.children[index - 1];
      const inline = !state.options.noteStyle || state.inNote !== null || node.narrative;
      if (inline && before?.type === 'text' && /\S$/.test(before.value) && !/[(\[]$/.test(before.value)) before.value += ' ';
      if (!inline) noteCallAfterPunctuation(parent, index, replacement.length);
      index += replacement.length - 1;
    } else if (node.type === 'text') {
      undefinedCalls(node, state.file);
    } else if ('children' in node) {
      walk(node as Parent, state);
      if (node.type === 'link') {
        // A note call is a link of its own: inside a link it would nest anchors, so it follows the link.
        const calls = takeNoteCalls(node);
        parent.children.splice(index + 1, 0, ...(calls as RootContent[]));
        index += calls.length;
      }
    }
  }
}

/**
 * A citation written as Pandoc authors write it, `blunt [@key]:`, becomes a note call
 * where a reader expects it: against the word, after the punctuation that follows
 * (Pandoc's notes-after-punctuation), never after a space or starting a line.
 */
function noteCallAfterPunctuation(parent: Parent, index: number, length: number): void {
  const before = parent.children[index - 1];
  if (before?.type === 'text') before.value = before.value.replace(/[ \t]+$/, '');
  const after = parent.children[index + length];
  const punctuation = after?.type === 'text' ? /^[.,;:!?]+/.exec(after.value)?.[0] : undefined;
  if (!punctuation || after?.type !== 'text' || before?.type !== 'text') return;
  after.value = after.value.slice(punctuation.length);
  before.value += punctuation;
}

function takeNoteCalls(parent: Parent): Rendered[] {
  const calls: Rendered[] = [];
  parent.children = parent.children.filter((child) => {
    if (child.type === 'rendered' && (child as Rendered).data.hProperties?.className instanceof Array && ((child as Rendered).data.hProperties?.className as string[]).includes('noteref')) {
      calls.push(child as Rendered);
      return false;
    }
    if ('children' in child) calls.push(...takeNoteCalls(child as Parent));
    return true;
  });
  return calls;
}

/**
 * GFM makes `[^label]` a call only when a definition exists; otherwise it is text,
 * printed as typed. Say so at its place rather than let it pass unseen.
 */
function undefinedCalls(node: Text, file: VFile): void {
  for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
    const at = match.index ?? 0;
    if (escapedInSource(node, at, String(file.value))) continue;
    file.message(`footnote \`[^${match[1]}]\` has no definition (add a line \`[^${match[1]}]: …\`); printed as typed`, { place: pointAt(node, at, String(file.value)), ruleId: 'footnote-undefined', source: 'pamphlet' });
  }
}

function noteCall(note: CollectedNote): Rendered {
  const properties = noteCallProperties(note.number, note.calls.length + 1);
  note.calls.push(String(properties.id));
  return { type: 'rendered', data: { hName: 'a', hProperties: properties, hChildren: [{ type: 'text', value: String(note.number) }] } };
}

function footnoteCall(node: FootnoteReference, state: State): RootContent[] {
  const id = node.identifier;
  const label = node.label ?? id;
  if (state.inNote !== null) {
    error(state.file, 'a footnote cannot hold another footnote', { place: node.position, ruleId: 'nested-footnote', source: 'pamphlet' });
    return [];
  }
  const definition = state.definitions.get(id);
  if (!definition) {
    // GFM would leave `[^label]` as text; printing it literally hides the mistake.
    state.file.message(`footnote \`[^${label}]\` has no definition (add a line \`[^${label}]: …\`); left out`, { place: node.position, ruleId: 'footnote-undefined', source: 'pamphlet' });
    return [];
  }
  const seen = state.used.get(id);
  if (seen) return [noteCall(seen) as RootContent];
  const note: CollectedNote = { number: state.notes.length + 1, kind: 'footnote', children: definition.children as RootContent[], calls: [] };
  state.used.set(id, note);
  state.notes.push(note);
  const call = noteCall(note);
  state.inNote = note;
  walk(definition, state);
  state.inNote = null;
  return [call as RootContent];
}

function citation(node: Citation, state: State): RootContent[] {
  const { file, options } = state;
  let ok = true;
  for (const item of node.items) {
    if (!options.items.has(item.id)) {
      if (options.noBibliography) error(file, `citation \`${item.id}\`, but pamphlet.yaml names no \`bibliography\` to find it in`, { place: node.position, ruleId: 'no-bibliography', source: 'pamphlet' });
      else error(file, `unknown citation key \`${item.id}\`: no entry with this key in the bibliography`, { place: node.position, ruleId: 'unknown-citation', source: 'pamphlet' });
      ok = false;
    }
  }
  if (!ok) return [];
  for (const item of node.items) state.keys.add(item.id);

  const clusterId = `cite-${state.clusters.length + 1}`;
  const items = node.items.map((item) => ({ ...item }));
  const name: RootContent[] = [];
  if (node.narrative) {
    name.push({ type: 'text', value: narrativeName(options.items.get(items[0]?.id ?? ''), state.file.data.meta?.lang ?? options.lang) });
    // The sentence names the author; the citation does not repeat it.
    if (!options.noteStyle || state.inNote) for (const item of items) item['suppress-author'] = true;
  }
  const slot = (parenthetical: boolean): CitationSlot => ({
    type: 'rendered',
    data: { hName: 'span', hProperties: { className: ['citation'] }, hChildren: [], clusterId, parenthetical },
  });

  if (!options.noteStyle) {
    state.clusters.push({ id: clusterId, noteIndex: 0, items });
    return [...name, ...(name.length ? [{ type: 'text', value: ' ' } as RootContent] : []), slot(false) as RootContent];
  }
  if (state.inNote) {
    state.clusters.push({ id: clusterId, noteIndex: state.inNote.number, items });
    return [...name, ...(name.length ? [{ type: 'text', value: ' ' } as RootContent] : []), slot(true) as RootContent];
  }
  const note: CollectedNote = { number: state.notes.length + 1, kind: 'citation', children: [], calls: [] };
  state.clusters.push({ id: clusterId, noteIndex: note.number, items });
  // The note's place in the part is the citation's.
  const paragraph: Paragraph = { type: 'paragraph', children: [slot(false) as Paragraph['children'][number]], ...(node.position ? { position: node.position } : {}) };
  note.children = [paragraph];
  state.notes.push(note);
  return [...name, noteCall(note) as RootContent];
}
