/**
 * citeproc-js behind a small interface: resolve a CSL style, then format every
 * citation cluster of a part in one pass, in reading order, so that first / subsequent
 * / ibid positions come from the engine, not from our code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import CSL from 'citeproc';
import type { CslItem } from './bibliography.js';

export interface CiteItem {
  id: string;
  locator?: string;
  label?: string;
  prefix?: string;
  suffix?: string;
  /** Pandoc's `[-@key]`, and the citation after a narrative `@key`: the author is not repeated. */
  'suppress-author'?: boolean;
}

export interface Cluster {
  id: string;
  /** Footnote number the cluster lives in (note styles); 0 for in-text. */
  noteIndex: number;
  items: CiteItem[];
}

export interface FormattedCitations {
  /** Cluster id → HTML from citeproc. */
  clusters: Map<string, string>;
  /** Bibliography entries as HTML `<div class="csl-entry">…</div>`, in the style's order. */
  bibliography: string[];
}

export interface CitationStyle {
  xml: string;
  /** `note` styles make footnotes; `in-text` styles render in the text. */
  kind: 'note' | 'in-text';
  path: string;
}

export class StyleNotFoundError extends Error {}

/** Finds `<id>.csl` in `dirs` (or reads a path), following a dependent style to its parent. */
export function resolveStyle(idOrPath: string, dirs: readonly string[]): CitationStyle {
  const found = idOrPath.endsWith('.csl')
    ? idOrPath
    : dirs.map((dir) => path.join(dir, `${idOrPath}.csl`)).find((candidate) => existsSync(candidate))
      ?? dirs.map((dir) => path.join(dir, 'dependent', `${idOrPath}.csl`)).find((candidate) => existsSync(candidate));
  if (!found || !existsSync(found)) {
    throw new StyleNotFoundError(
      `CSL style “${idOrPath}” not found in ${dirs.join(', ')} (install Debian's citation-style-language-styles, put ${idOrPath}.csl in the manuscript's styles/ folder, or give a path to a .csl file)`,
    );
  }
  let xml = readFileSync(found, 'utf8');
  const parent = /<link[^>]*rel="independent-parent"[^>]*href="[^"]*\/([^"/]+)"/.exec(xml)
    ?? /<link[^>]*href="[^"]*\/([^"/]+)"[^>]*rel="independent-parent"/.exec(xml);
  if (parent?.[1]) {
    const parentStyle = resolveStyle(parent[1], dirs);
    xml = parentStyle.xml;
  }
  const kind = /<style[^>]*\bclass="note"/.test(xml) ? 'note' : 'in-text';
  return { xml, kind, path: found };
}

export interface EngineOptions {
  style: CitationStyle;
  lang: string;
  localeDir: string;
  items: ReadonlyMap<string, CslItem>;
}

/** Formats `clusters` (in reading order) and the bibliography of `cited` plus `uncited` works. */
export function formatCitations(options: EngineOptions, clusters: readonly Cluster[], alsoListed: readonly string[]): FormattedCitations {
  const engine = createEngine(options);
  const citations = clusters.map((cluster) => ({
    citationID: cluster.id,
    citationItems: cluster.items.map((item) => ({ ...item })),
    properties: { noteIndex: cluster.noteIndex },
  }));
  const cited = new Set(clusters.flatMap((c) => c.items.map((i) => i.id)));
  const uncited = alsoListed.filter((id) => !cited.has(id));
  const results = engine.rebuildProcessorState(citations, 'html', uncited);
  const map = new Map<string, string>();
  for (const [id, , html] of results) map.set(id, html);
  let bibliography: string[] = [];
  if (cited.size + uncited.length > 0) {
    const made = engine.makeBibliography();
    if (made) bibliography = made[1].map((entry) => entry.trim());
  }
  return { clusters: map, bibliography };
}

function createEngine({ style, lang, localeDir, items }: EngineOptions): CSL.Engine {
  const sys = {
    retrieveLocale: (locale: string) => readLocale(localeDir, locale),
    retrieveItem: (id: string) => items.get(id),
  };
  return new CSL.Engine(sys, style.xml, lang);
}

const LOCALE_FALLBACK: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', ru: 'ru-RU', pt: 'pt-PT', nl: 'nl-NL' };

function readLocale(localeDir: string, locale: string): string | false {
  const candidates = [locale, LOCALE_FALLBACK[locale], LOCALE_FALLBACK[locale.split('-')[0] ?? ''], 'en-US'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const file = path.join(localeDir, `locales-${candidate}.xml`);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return false;
}

const LOCATOR_LABELS: Array<[RegExp, string]> = [
  [/^pp?\.\s*/, 'page'],
  [/^pages?\s+/, 'page'],
  [/^ch(ap)?s?\.\s*/, 'chapter'],
  [/^chapters?\s+/, 'chapter'],
  [/^vols?\.\s*/, 'volume'],
  [/^§§?\s*/, 'section'],
  [/^sec(t)?s?\.\s*/, 'section'],
  [/^para(s)?\.\s*/, 'paragraph'],
  [/^¶\s*/, 'paragraph'],
  [/^n(n)?\.\s*/, 'note'],
  [/^l(l)?\.\s*/, 'line'],
  [/^fig(s)?\.\s*/, 'figure'],
  [/^bk\.\s*/, 'book'],
  [/^pt\.\s*/, 'part'],
];

/** "p. 12" → { label: "page", locator: "12" }; a bare locator is a page. */
export function parseLocator(text: string): { label: string; locator: string } {
  const trimmed = text.trim();
  for (const [pattern, label] of LOCATOR_LABELS) {
    const match = pattern.exec(trimmed);
    if (match) return { label, locator: trimmed.slice(match[0].length) };
  }
  return { label: 'page', locator: trimmed };
}
