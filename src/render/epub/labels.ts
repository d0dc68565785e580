/**
 * The few words the EPUB adds around the manuscript's own (navigation, landmarks, the
 * page-list), in the book's language where pamphlet has them (src/words.ts). In a book
 * whose language it has no words for they stay English, and `uiLang` marks them so,
 * so that screen readers pronounce them right.
 */
import { wordsFor } from '../../words.js';

export interface Labels {
  contents: string;
  landmarks: string;
  cover: string;
  start: string;
  pages: string;
}

export function labelsFor(bookLang: string): Labels {
  const { contents, landmarks, cover, start, pages } = wordsFor(bookLang);
  return { contents, landmarks, cover, start, pages };
}

/** lang/xml:lang properties for a label in another language than the book's, or none. */
export function uiLang(bookLang: string): Record<string, string> {
  const primary = bookLang.toLowerCase().split('-')[0];
  const labels = wordsFor(bookLang).lang;
  return primary === labels ? {} : { lang: labels, xmlLang: labels };
}

// Shared with every format (src/blocks.ts).
export { byline, partTitle } from '../../blocks.js';
