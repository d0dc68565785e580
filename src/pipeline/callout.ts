/**
 * A note set apart, as GitHub's alerts (`> [!NOTE]`) and Docusaurus's admonitions (`:::note`)
 * both become: `div.callout.callout-<kind>`, `role="note"` (it is no quotation), headed by a
 * title paragraph. The title is the author's words where they gave some (`:::tip[Before you
 * start]`), else the kind's label in the part's language ("Note", "Hinweis"), English where
 * pamphlet has no words for the language, marked so.
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import { wordsFor, type AlertKind } from '../words.js';

/** The callout's title paragraph: `own` (the author's words), or the kind's label in `lang`. */
export function calloutTitle(kind: AlertKind, lang: string, own?: PhrasingContent[]): Paragraph {
  if (own?.length) return { type: 'paragraph', children: own, data: { hProperties: { className: ['callout-title'] } } };
  const words = wordsFor(lang);
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: words.alerts[kind] }],
    data: { hProperties: { className: ['callout-title'], ...(words.lang !== lang.toLowerCase().split('-')[0] ? { lang: words.lang } : {}) } },
  };
}

/** What makes a block the callout: its element and attributes. */
export function calloutData(kind: AlertKind): { hName: string; hProperties: { className: string[]; role: string } } {
  return { hName: 'div', hProperties: { className: ['callout', `callout-${kind}`], role: 'note' } };
}

/**
 * The kind of note an admonition's name asks for, as Python-Markdown, PyMdown and MkDocs
 * Material name them (`hint` is a tip, `attention` a warning, `error` a danger); undefined for a
 * name pamphlet has no style for (`example`, `question`, a site's own `pied-piper`).
 */
export function admonitionKind(name: string): AlertKind | undefined {
  return ADMONITION_KINDS[name.toLowerCase()];
}

const ADMONITION_KINDS: Readonly<Record<string, AlertKind>> = {
  note: 'note', tip: 'tip', hint: 'tip', important: 'important', warning: 'warning', attention: 'warning',
  caution: 'caution', info: 'info', todo: 'info', danger: 'danger', error: 'danger',
  // Material for MkDocs's green kind, and HackMD's and HedgeDoc's `:::success`.
  success: 'tip', check: 'tip', done: 'tip',
};
