/**
 * citeproc-js behind a small interface: resolve a CSL style, then format every
 * citation cluster of a part in one pass, in reading order, so that first / subsequent
 * / ibid positions come from the engine, not from our code.
 */
import path from 'node:path';
import type CSL from 'citeproc';
import type { CslItem } from './bibliography.js';
import { readTextInside } from '../files/read.js';
import { readXml } from '../files/xml.js';
import { VFile } from 'vfile';
import { ManuscriptError, error } from '../diagnostics.js';
import { expandedSize } from '../expanded-size.js';
import { requireWithCodeCache, writeCodeCache } from '../code-cache.js';
import { packagePath } from '../package-root.js';
import { trace } from '../trace.js';
import { cslSource, styleShapeOf, writeParsedCsl, type CslShape } from './parsed-csl.js';

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
  /** Where the style is named (pamphlet.yaml's `citation-style`), for an error citeproc finds later. */
  namedAt?: { file: string; line: number; column: number };
}

/** A style that cannot be used: reported at pamphlet.yaml's `citation-style`. */
export class StyleError extends Error {}
export class StyleNotFoundError extends StyleError {}

const CSL_NAMESPACE = 'http://purl.org/net/xbiblio/csl';
/** As in config/load.ts: an id is a file name, never a path. */
const STYLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Finds `<id>.csl` in `dirs` (or reads a path), following a dependent style to its parent.
 * Each file is read only if it really is inside the folder it is looked up in (links
 * followed); the folders themselves were vetted when pamphlet.yaml was loaded.
 */
export function resolveStyle(idOrPath: string, dirs: readonly string[], depth = 0): CitationStyle {
  const isPath = idOrPath.endsWith('.csl');
  if (!isPath && (!STYLE_ID.test(idOrPath) || idOrPath.includes('..'))) {
    throw new StyleError(`CSL style id “${idOrPath}” is not a style name (letters, digits, '.', '-', '_'; no path)`);
  }
  const candidates = isPath
    ? [{ dir: path.dirname(idOrPath), name: path.basename(idOrPath) }]
    : dirs.flatMap((dir) => [{ dir, name: `${idOrPath}.csl` }, { dir, name: path.join('dependent', `${idOrPath}.csl`) }]);
  let found: { path: string; text: string } | undefined;
  for (const { dir, name } of candidates) {
    const read = readTextInside(dir, name, { rootName: shown(dir) });
    if (read.ok) {
      found = { path: path.join(dir, name), text: read.text };
      break;
    }
    if (read.problem === 'missing') continue;
    const where = read.problem === 'encoding' ? ` (line ${read.line}, column ${read.column})` : '';
    throw new StyleError(`CSL style ${shown(path.join(dir, name))}: ${read.reason}${where}`);
  }
  if (!found) {
    throw new StyleNotFoundError(
      `CSL style “${idOrPath}” not found in ${dirs.join(', ')} (install Debian's citation-style-language-styles, put ${idOrPath}.csl in the manuscript's styles/ folder, or give a path to a .csl file)`,
    );
  }
  const shape = styleShape(found.text, shown(found.path));
  if (shape.parent) {
    // A dependent style names an independent parent; a parent that is dependent again is not a style.
    if (depth > 0) throw new StyleError(`CSL style ${shown(found.path)}: its parent is itself a dependent style`);
    const parentStyle = resolveStyle(shape.parent, dirs, depth + 1);
    return { xml: parentStyle.xml, kind: parentStyle.kind, path: found.path };
  }
  return { xml: found.text, kind: shape.kind, path: found.path };
}

/**
 * How many macro calls one citation or bibliography entry may set off. A 3 KB style whose
 * forty macros each call the next twice makes 2^40, and citeproc-js filled 4 GB of memory and
 * died after two minutes (red team, 2026-12-04); it only catches a macro that calls itself.
 * The 2,548 independent styles of Debian's citation-style-language-styles make at most 667.
 */
export const MAX_MACRO_CALLS = 20_000;

/**
 * What we need from a style, read from its XML elements: its class (note or in-text)
 * and, for a dependent style, the id of its parent. Anything that is not a CSL style
 * (not XML, another root element, no <citation>) is a StyleError with its place.
 */
function readStyleShape(xml: string, stylePath: string): CslShape {
  let rootSeen = false;
  let kind: string | undefined;
  let parentHref: string | undefined;
  let hasCitation = false;
  let notCsl: string | undefined;
  // Which macros each macro, and the citation and the bibliography, call (with repeats).
  const calls = new Map<string, string[]>();
  const roots: string[][] = [[], []];
  let macro: string | undefined;
  const read = readXml(xml, (element) => {
    if (!rootSeen) {
      rootSeen = true;
      if (element.local !== 'style' || element.uri !== CSL_NAMESPACE) {
        notCsl = `its root element is <${element.local}>${element.uri ? ` in ${element.uri}` : ''}, not <style xmlns="${CSL_NAMESPACE}">`;
      }
      kind = element.attributes.class;
      return;
    }
    if (element.uri !== CSL_NAMESPACE) return;
    const parent = element.ancestors[element.ancestors.length - 1];
    if (element.local === 'link' && parent === 'info' && element.ancestors.length === 2 && element.attributes.rel === 'independent-parent') {
      parentHref = element.attributes.href;
    }
    if (element.local === 'citation' && parent === 'style' && element.ancestors.length === 1) hasCitation = true;
    if (element.local === 'macro' && element.ancestors.length === 1) {
      macro = element.attributes.name ?? '';
      if (!calls.has(macro)) calls.set(macro, []);
    }
    const called = element.attributes.macro;
    if (called !== undefined && element.ancestors.length >= 2) {
      const top = element.ancestors[1];
      if (top === 'macro' && macro !== undefined) calls.get(macro)?.push(called);
      else if (top === 'citation') roots[0]!.push(called);
      else if (top === 'bibliography') roots[1]!.push(called);
    }
  });
  if (!read.ok) throw new StyleError(`CSL style ${stylePath} is not well-formed XML (its line ${read.line}, column ${read.column}: ${read.reason})`);
  if (notCsl) throw new StyleError(`CSL style ${stylePath} is not a CSL style: ${notCsl}`);
  // Each macro counts itself and the macros it calls; the citation's layout or the bibliography's, whichever makes more.
  const expanded = Math.max(...roots.map((list) => expandedSize(list, (name) => calls.get(name) ?? [], MAX_MACRO_CALLS)));
  if (expanded > MAX_MACRO_CALLS) {
    throw new StyleError(`CSL style ${stylePath}: its macros call one another over ${MAX_MACRO_CALLS.toLocaleString('en')} times (or over 500 deep) for one citation or entry (a macro that calls another twice, which calls another twice, …, doubles at each step): the citation processor would run out of memory; the largest of the 2,548 styles of the CSL repository makes 667 calls`);
  }
  if (parentHref !== undefined) {
    // The parent is named by URL (http://www.zotero.org/styles/chicago-author-date): its last segment is the id.
    const parent = parentHref.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? '';
    if (!STYLE_ID.test(parent) || parent.includes('..')) throw new StyleError(`CSL style ${stylePath}: its independent-parent link “${parentHref}” does not end in a style id`);
    // Its class is its parent's: the 7,832 dependent styles Debian ships (the CSL journals
    // repository's) carry none, and each was "not a CSL style" until 2026-12-04.
    return { kind: kind === 'note' ? 'note' : 'in-text', parent };
  }
  if (kind !== 'note' && kind !== 'in-text') throw new StyleError(`CSL style ${stylePath} is not a CSL style: <style class> must be "note" or "in-text", not ${kind === undefined ? 'missing' : `“${kind}”`}`);
  if (!hasCitation) throw new StyleError(`CSL style ${stylePath} is not a CSL style: an independent style needs a <citation> element`);
  return { kind };
}

export interface EngineOptions {
  style: CitationStyle;
  lang: string;
  localeDir: string;
  items: ReadonlyMap<string, CslItem>;
}

/** Formats `clusters` (in reading order) and the bibliography of `cited` plus `uncited` works. */
export function formatCitations(options: EngineOptions, clusters: readonly Cluster[], alsoListed: readonly string[]): FormattedCitations {
  // citeproc-js's whole share of a build (its load, the engine, the clusters, the bibliography): the bench reports it.
  const started = performance.now();
  const engine = engineFor(options);
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
  trace(`citations formatted (citeproc-js): ${clusters.length} citations, ${bibliography.length} works listed`, started);
  return { clusters: map, bibliography };
}

/**
 * A style's shape, once per text (reading a style's XML costs more than reading the file
 * again): `make` read that of the text it formatted with, as this would; any other is read here.
 */
function styleShape(text: string, name: string): CslShape {
  return styleShapeOf(text, () => readStyleShape(text, name));
}

/**
 * One engine per bibliography, style and language, for every part of a run (and every
 * rebuild of a preview while they stay the same): building one parses the style and its
 * locale, a third of a short part's pipeline. `rebuildProcessorState` resets what a part
 * leaves in it, so a part's citations never depend on the part before.
 */
const engines = new WeakMap<ReadonlyMap<string, CslItem>, Map<string, CSL.Engine>>();

function engineFor(options: EngineOptions): CSL.Engine {
  let byStyle = engines.get(options.items);
  if (!byStyle) {
    byStyle = new Map();
    engines.set(options.items, byStyle);
  }
  const key = `${options.style.path}\u0000${options.style.xml}\u0000${options.lang}\u0000${options.localeDir}`;
  let engine = byStyle.get(key);
  if (!engine) {
    engine = createEngine(options);
    byStyle.set(key, engine);
  }
  return engine;
}

let citeproc: typeof CSL | undefined;

/** Written by `make` (make-tables.ts) once it has formatted the real manuscript's citations. */
export const CITEPROC_CODE_CACHE = packagePath('lib', 'citeproc.code-cache');

/**
 * citeproc-js, required at the first engine: 970 KB of code that every build parsed at
 * start when it was bundled, though a manuscript without a bibliography never runs it.
 * It is compiled from the code cache `make` wrote (code-cache.ts): some 50 ms less of a
 * cited build's own thread (docs/speed.md).
 */
function citeprocJs(): typeof CSL {
  if (!citeproc) {
    const started = performance.now();
    const { exports, use } = requireWithCodeCache('citeproc', import.meta.url, CITEPROC_CODE_CACHE);
    citeproc = exports as typeof CSL;
    trace(`citeproc-js loaded (its code cache: ${use})`, started);
  }
  return citeproc;
}

/** For `make`: the styles and locales citeproc-js was given, parsed by its own parser (parsed-csl.ts). */
export function writeParsedCslTable(): number {
  return writeParsedCsl((xml) => citeprocJs().parseXml(xml));
}

/** For `make`: what V8 compiled of citeproc-js, once a build has formatted citations. */
export function writeCiteprocCodeCache(): number {
  return writeCodeCache('citeproc', import.meta.url, CITEPROC_CODE_CACHE);
}

function createEngine({ style, lang, localeDir, items }: EngineOptions): CSL.Engine {
  const sys = {
    retrieveLocale: (locale: string) => {
      const xml = readLocale(localeDir, locale);
      return xml === false ? false : cslSource(xml);
    },
    retrieveItem: (id: string) => items.get(id),
  };
  try {
    return new (citeprocJs().Engine)(sys, cslSource(style.xml), lang);
  } catch (cause) {
    // Well-formed CSL that citeproc still cannot use (an unknown element, a missing macro).
    throw new UnusableStyleError(style, cause instanceof Error ? cause.message : String(cause));
  }
}

/** A style citeproc refuses, reported at pamphlet.yaml's `citation-style`; `citeproc` is citeproc's own words. */
export class UnusableStyleError extends ManuscriptError {
  constructor(
    style: CitationStyle,
    readonly citeproc: string,
  ) {
    const reason = `CSL style ${shown(style.path)} cannot be used: ${citeproc.replace(/^citeproc-js error: /, '')}`;
    const at = style.namedAt;
    const file = new VFile({ path: at?.file ?? style.path });
    super([error(file, reason, { place: at ? { line: at.line, column: at.column } : { line: 1, column: 1 }, ruleId: 'csl-style', source: 'pamphlet' })]);
  }
}

/** A path as the author knows it: relative to where pamphlet runs, when it is below it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

const LOCALE_FALLBACK: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', ru: 'ru-RU', pt: 'pt-PT', nl: 'nl-NL' };

function readLocale(localeDir: string, locale: string): string | false {
  const candidates = [locale, LOCALE_FALLBACK[locale], LOCALE_FALLBACK[locale.split('-')[0] ?? ''], 'en-US'];
  for (const candidate of candidates) {
    // Locale names come from `lang` (a BCP 47 tag) and from styles: never a path.
    if (!candidate || !/^[A-Za-z0-9-]+$/.test(candidate)) continue;
    const read = readTextInside(localeDir, `locales-${candidate}.xml`, { rootName: shown(localeDir) });
    if (read.ok) return read.text;
  }
  return false;
}

// Case-insensitive, as Pandoc matches its locale's terms: "Chap. IV" is a chapter.
const LOCATOR_LABELS: Array<[RegExp, string]> = [
  [/^pp?\.\s*/i, 'page'],
  [/^pages?\s+/i, 'page'],
  [/^ch(ap)?s?\.\s*/i, 'chapter'],
  [/^chapters?\s+/i, 'chapter'],
  [/^vols?\.\s*/i, 'volume'],
  [/^§§?\s*/i, 'section'],
  [/^sec(t)?s?\.\s*/i, 'section'],
  [/^para(s)?\.\s*/i, 'paragraph'],
  [/^¶\s*/i, 'paragraph'],
  [/^n(n)?\.\s*/i, 'note'],
  [/^l(l)?\.\s*/i, 'line'],
  [/^fig(s)?\.\s*/i, 'figure'],
  [/^bk\.\s*/i, 'book'],
  [/^pt\.\s*/i, 'part'],
];

/**
 * The locator label `text` begins with: as typed, with the space after it ("p. ", "chapter "),
 * and its CSL name; `{ typed: '', label: 'page' }` when none (a bare locator is a page).
 */
export function locatorLabelAt(text: string): { typed: string; label: string } {
  for (const [pattern, label] of LOCATOR_LABELS) {
    const match = pattern.exec(text);
    if (match) return { typed: match[0], label };
  }
  return { typed: '', label: 'page' };
}

/** "p. 12" → { label: "page", locator: "12" }; a bare locator is a page. */
export function parseLocator(text: string): { label: string; locator: string } {
  const trimmed = text.trim();
  const { typed, label } = locatorLabelAt(trimmed);
  return { label, locator: trimmed.slice(typed.length) };
}
