/**
 * The few words the EPUB adds around the manuscript's own. Navigation labels
 * exist in English only for now; `uiLang` lets callers mark them as English
 * inside a book in another language, so screen readers pronounce them right.
 */

export const LABELS = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  cover: 'Cover',
  start: 'Start of text',
  pages: 'Pages of the print edition',
} as const;

export const LABELS_LANG = 'en';

/** lang/xml:lang properties for an English label, or none when the book is English. */
export function uiLang(bookLang: string): Record<string, string> {
  const primary = bookLang.toLowerCase().split('-')[0];
  return primary === LABELS_LANG ? {} : { lang: LABELS_LANG, xmlLang: LABELS_LANG };
}

// Shared with every format (src/blocks.ts).
export { byline, partTitle } from '../../blocks.js';
