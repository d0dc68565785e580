/**
 * EPUB 3 pop-up notes: note calls become `epub:type="noteref"` links and each
 * note an `<aside epub:type="footnote">` in the same content document, which is
 * what Apple Books, Kobo and Thorium need to show it as a pop-up (they do not
 * follow a noteref into another file). Readers without pop-ups show the asides
 * as small notes at the end of the section that calls them.
 */
import type { Element, ElementContent, Nodes } from 'hast';
import type { Note } from '../../document.js';
import { isNextPartLine, isNoteCall } from '../../blocks.js';
import { clone, elements, hasClass, isElement } from './tree.js';
import { element, text } from './xhtml.js';
import { wordsFor } from '../../words.js';
import { isBlankText } from '../../pipeline/blank-text.js';


/** Turns every note call under `nodes` into an EPUB 3 noteref, in place. */
export function markNoteCalls(nodes: readonly Nodes[]): void {
  for (const el of elements(nodes)) {
    if (!isNoteCall(el)) continue;
    el.properties['epub:type'] = 'noteref';
    el.properties.role = 'doc-noteref';
  }
}

/** Note id -> id of its call, for the calls under `nodes`, in document order. */
function callsIn(nodes: readonly Nodes[]): Map<string, string | undefined> {
  const calls = new Map<string, string | undefined>();
  for (const el of elements(nodes)) {
    if (!isNoteCall(el)) continue;
    const href = el.properties.href;
    if (typeof href !== 'string' || !href.startsWith('#')) continue;
    const noteId = href.slice(1);
    if (!calls.has(noteId)) calls.set(noteId, typeof el.properties.id === 'string' ? el.properties.id : undefined);
  }
  return calls;
}

/**
 * Appends each note's aside to the first group that calls it (a note called
 * from inside another note follows that note), so every note appears exactly
 * once. Notes nobody calls go to the last group. A group that ends with the
 * "Next: …" line keeps it last.
 */
export function placeNotes(groups: ElementContent[][], notes: readonly Note[], lang: string): void {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const placed = new Set<string>();

  const asidesFor = (calls: Map<string, string | undefined>): Element[] => {
    const asides: Element[] = [];
    for (const [noteId, callId] of calls) {
      const note = byId.get(noteId);
      if (!note || placed.has(noteId)) continue;
      placed.add(noteId);
      const aside = noteAside(note, callId, lang);
      asides.push(aside, ...asidesFor(callsIn(aside.children)));
    }
    return asides;
  };

  groups.forEach((group, index) => {
    const asides = asidesFor(callsIn(group));
    if (index === groups.length - 1) {
      const orphans = notes.filter((note) => !placed.has(note.id));
      for (const note of orphans) {
        placed.add(note.id);
        asides.push(noteAside(note, undefined, lang));
      }
    }
    insertBeforeNextPart(group, asides);
  });
}

function insertBeforeNextPart(group: ElementContent[], asides: Element[]): void {
  let at = group.length;
  // Skip trailing whitespace to see whether the group ends with the series line.
  while (at > 0 && isBlankText(group[at - 1])) at--;
  if (isNextPartLine(group[at - 1])) at--;
  group.splice(at, 0, ...asides);
}

/** `<aside epub:type="footnote">` with the note's number as a link back to its call. */
export function noteAside(note: Note, callId: string | undefined, lang: string): Element {
  const content = clone(note.content);
  markNoteCalls(content);
  const number = `${note.number}.`;
  const markers: ElementContent[] = [];
  if (note.calls.length > 1) {
    // A note referenced more than once links back to each call, as "a", "b", … after its number.
    markers.push(element('span', { className: ['note-number'] }, [text(number)]));
    note.calls.forEach((call, index) => {
      const letter = String.fromCharCode(97 + (index % 26));
      markers.push(text(' '), element('a', { href: `#${call}`, role: 'doc-backlink', className: ['note-backlink'], ariaLabel: `${wordsFor(lang).backTo} ${letter}` }, [text(letter)]));
    });
  } else {
    markers.push(callId
      ? element('a', { href: `#${callId}`, role: 'doc-backlink', className: ['note-backlink'] }, [text(number)])
      : element('span', { className: ['note-number'] }, [text(number)]));
  }
  const first = content.find((node) => !isBlankText(node));
  if (isElement(first, 'p')) first.children.unshift(...markers, text(' '));
  else content.unshift(element('p', { className: ['note-number'] }, markers));
  return element(
    'aside',
    {
      id: note.id,
      'epub:type': 'footnote',
      role: 'doc-footnote',
      className: note.kind === 'citation' ? ['footnote', 'citation-note'] : ['footnote'],
    },
    content,
  );
}

