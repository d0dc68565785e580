/**
 * The few words the EPUB adds around the manuscript's own. Navigation labels
 * exist in English only for now; `uiLang` lets callers mark them as English
 * inside a book in another language, so screen readers pronounce them right.
 */
import type { PartMeta } from '../../document.js';

export const LABELS = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  cover: 'Cover',
  start: 'Start of text',
} as const;

export const LABELS_LANG = 'en';

/** lang/xml:lang properties for an English label, or none when the book is English. */
export function uiLang(bookLang: string): Record<string, string> {
  const primary = bookLang.toLowerCase().split('-')[0];
  return primary === LABELS_LANG ? {} : { lang: LABELS_LANG, xmlLang: LABELS_LANG };
}

/** "Part I: How the Working Class came to Power". */
export function partTitle(meta: PartMeta): string {
  return meta.partLabel ? `${meta.partLabel}: ${meta.title}` : meta.title;
}

/** The authors as one phrase in the book's language ("A, B and C"). */
export function byline(authors: readonly string[], lang: string): string {
  if (authors.length < 2) return authors[0] ?? '';
  let list: Intl.ListFormat;
  try {
    list = new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' });
  } catch {
    list = new Intl.ListFormat(LABELS_LANG, { type: 'conjunction', style: 'long' });
  }
  return list.format(authors);
}
