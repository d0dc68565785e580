/**
 * Print footnotes: Paged.js moves an element with `float: footnote` to the foot of the
 * page where it is laid out and puts a numbered call in its place. So each note's text
 * goes where its call was, as inline content of the sentence.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Note } from '../document.js';
import { isNoteCall } from '../blocks.js';

/** Elements that may sit inside a <p>; anything else would end the paragraph when the
 * browser parses the HTML, tearing the note out of its sentence. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i',
  'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup',
  'time', 'u', 'var', 'wbr', 'math', 'svg',
]);

function toPhrasing(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  const children = node.children.map(toPhrasing);
  if (PHRASING.has(node.tagName)) return { ...node, children };
  const className = node.tagName === 'p' ? ['fn-p'] : ['fn-block', `fn-${node.tagName}`];
  return { type: 'element', tagName: 'span', properties: { className }, children, ...(node.position ? { position: node.position } : {}) };
}

export function printFootnote(note: Note): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['footnote'], id: note.id, dataNoteNumber: String(note.number) },
    children: note.content.map(toPhrasing),
  };
}


function hasClass(node: Element, name: string): boolean {
  const className = node.properties['className'];
  return Array.isArray(className) && className.includes(name);
}

function replaceCalls<T extends Root | Element>(node: T, byNumber: ReadonlyMap<string, Note>): T {
  const children = (node.children as RootContent[]).map((child): RootContent => {
    if (child.type !== 'element') return child;
    if (isNoteCall(child)) {
      // A note referenced again floats once, at its first call; later calls only show its number.
      if (hasClass(child, 'noteref-repeat')) return child;
      const note = byNumber.get(String(child.properties['dataNote']));
      // An unknown number is the pipeline's bug; keep the call visible rather than lose it.
      return note ? printFootnote(note) : child;
    }
    return replaceCalls(child, byNumber);
  });
  return { ...node, children } as T;
}

/** A copy of `body` with every note call replaced by its note, ready for `float: footnote`. */
export function inlineFootnotes(body: Root, notes: readonly Note[]): Root {
  const byNumber = new Map(notes.map((note) => [String(note.number), note]));
  return replaceCalls(body, byNumber);
}

/** The same for a list of elements (the questions, whose items may call notes too). */
export function inlineFootnotesIn(elements: readonly Element[], notes: readonly Note[]): Element[] {
  return inlineFootnotes({ type: 'root', children: structuredClone([...elements]) }, notes).children as Element[];
}
