/**
 * The author's name as a sentence names them before a narrative citation (`@carr1950
 * argues…` → "Carr argues…"): family names, joined the language's way, "et al."
 * beyond three, as author-date styles print them.
 */
import type { CslItem, CslName } from '../citations/bibliography.js';

export function narrativeName(item: CslItem | undefined, lang: string): string {
  if (!item) return '';
  const names = (item.author ?? item.editor ?? []).map(shortName).filter(Boolean);
  if (!names.length) return String(item.title ?? item.id);
  if (names.length > 3) return `${names[0]} et al.`;
  return listFormat(lang).format(names);
}

function shortName(name: CslName): string {
  return name.family ?? name.literal ?? name.given ?? '';
}

function listFormat(lang: string): Intl.ListFormat {
  try {
    return new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' });
  } catch {
    return new Intl.ListFormat('en', { type: 'conjunction', style: 'long' });
  }
}
