/**
 * Takes the notes, the questions and the bibliography out of their stores at the end
 * of the tree (stores.ts) into `file.data`, leaving the tree as the text flow that
 * every renderer lays out in its own way.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import type { Note } from '../document.js';
import { STORE } from './stores.js';

export interface PartDocumentOptions {
  /** Heading of the questions when `:::questions` gives none, in the part's language. */
  questionsTitle: (lang: string) => string;
}

export default function rehypePartDocument(options: PartDocumentOptions) {
  return (tree: Root, file: VFile): void => {
    file.data.notes = [];
    file.data.questions = null;
    file.data.bibliographyEntries = [];
    tree.children = tree.children.filter((child) => {
      if (child.type !== 'element') return true;
      const store = child.properties.dataPamphletStore;
      if (store === STORE.notes) file.data.notes = child.children.filter(isElement).map(toNote);
      else if (store === STORE.questions) {
        const list = child.children.find((c): c is Element => isElement(c) && (c.tagName === 'ol' || c.tagName === 'ul'));
        const title = typeof child.properties.dataTitle === 'string' ? child.properties.dataTitle : options.questionsTitle(file.data.meta?.lang ?? 'en');
        file.data.questions = { title, items: (list?.children ?? []).filter((c): c is Element => isElement(c) && c.tagName === 'li') };
      } else if (store === STORE.bibliography) file.data.bibliographyEntries = child.children.filter(isElement);
      else return true;
      return false;
    });
  };
}

function toNote(div: Element): Note {
  const number = Number(div.properties.dataNote);
  const calls = typeof div.properties.dataCalls === 'string' ? div.properties.dataCalls.split(' ').filter(Boolean) : [];
  return {
    id: `note-${number}`,
    number,
    kind: div.properties.dataKind === 'citation' ? 'citation' : 'footnote',
    content: div.children as ElementContent[],
    calls,
  };
}

function isElement(node: { type: string }): node is Element {
  return node.type === 'element';
}
