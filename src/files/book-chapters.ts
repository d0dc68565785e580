/**
 * The chapters a Quarto book (`_quarto.yml`, `book: chapters:` and `appendices:`) or a
 * bookdown book (`_bookdown.yml`, `rmd_files:`) lists, in the book's order.
 *
 * Their file names do not give that order: Quarto's book template names its chapters index,
 * intro, summary and references, which read by name put the references before the summary.
 * A part file of the folder the list leaves out is no chapter of the book, as in Quarto; an
 * entry in a folder of its own, or naming no file, is told and skipped. Both tools also skip a
 * `.qmd` or `.Rmd` file whose name begins with `_` (`_include.qmd`, a piece other parts
 * include), with or without a list: see `isPartial`.
 */
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { readYaml } from '../config/yaml.js';
import { readTextInside } from './read.js';

export interface ChapterNote {
  reason: string;
  line: number;
  column: number;
}

export interface BookChapters {
  /** The file that lists them: `_quarto.yml` or `_bookdown.yml`. */
  file: string;
  /** Its entries as written, in order, each with where it is written. */
  entries: Array<{ name: string; line: number; column: number }>;
  /** Where the list begins, for what is said of the whole list. */
  line: number;
  column: number;
}

export type ChapterListRead = { ok: true; list: BookChapters | undefined } | { ok: false; file: string; note: ChapterNote };

/** The chapter list files, the first with a list taken: a Quarto project can hold a bookdown book's leftovers, not the other way. */
const LIST_FILES = ['_quarto.yml', '_bookdown.yml'] as const;

/** A partial of Quarto or bookdown: a `.qmd` or `.Rmd` file whose name begins with `_`, which neither renders as a page. */
export function isPartial(name: string): boolean {
  return /^_.*\.(?:qmd|rmd)$/i.test(name);
}

/** The chapter list of the book in `dir`, if its `_quarto.yml` or `_bookdown.yml` gives one. */
export function readChapterList(dir: string): ChapterListRead {
  for (const file of LIST_FILES) {
    const read = readTextInside(dir, file);
    if (!read.ok) {
      if (read.problem === 'missing') continue;
      return { ok: false, file, note: { reason: `${read.reason}: its chapter list is not read, the parts are in the order of their names`, line: 'line' in read ? read.line : 1, column: 'column' in read ? read.column : 1 } };
    }
    const { doc, lineCounter, problems } = readYaml(read.text);
    const first = problems[0];
    if (first) return { ok: false, file, note: { reason: `${file} is not YAML pamphlet can read (${first.reason}): its chapter list is not read, the parts are in the order of their names`, line: first.line, column: first.column } };
    const placeOf = (node: YamlNode) => {
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      return { line: pos.line, column: pos.col };
    };
    const root = doc.contents;
    if (!isMap(root)) continue;
    const lists = file === '_quarto.yml' ? quartoLists(root.get('book', true)) : bookdownLists(root.get('rmd_files', true));
    if (lists.length === 0) continue;
    const entries: BookChapters['entries'] = [];
    for (const list of lists) collect(list, entries, placeOf);
    return { ok: true, list: { file, entries, ...placeOf(lists[0] as YamlNode) } };
  }
  return { ok: true, list: undefined };
}

/** `book: { chapters: […], appendices: […] }`: the lists, the chapters first. */
function quartoLists(book: unknown): YamlNode[] {
  if (!isMap(book)) return [];
  const lists: YamlNode[] = [];
  for (const key of ['chapters', 'appendices']) {
    const list: unknown = book.get(key, true);
    if (isSeq(list)) lists.push(list);
  }
  return lists;
}

/** `rmd_files: [...]`, or one list per output (`html:`, `latex:`): the print's, else the first. */
function bookdownLists(files: unknown): YamlNode[] {
  if (isSeq(files)) return [files];
  if (!isMap(files)) return [];
  const latex = files.get('latex', true);
  if (isSeq(latex)) return [latex];
  const first = files.items.map((pair) => pair.value).find((value) => isSeq(value));
  return first ? [first as YamlNode] : [];
}

/**
 * The files of a list, in order: a name; Quarto's `- part: "Part I"` heading a group, whose own
 * `chapters:` follow (and whose `part:` may itself name a file, the part's page); an entry
 * `- href: intro.qmd` with its `text:`.
 */
function collect(list: unknown, into: BookChapters['entries'], placeOf: (node: YamlNode) => { line: number; column: number }): void {
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      into.push({ name: item.value, ...placeOf(item) });
    } else if (isMap(item)) {
      for (const key of ['part', 'href', 'file']) {
        const named = item.get(key, true);
        if (isScalar(named) && typeof named.value === 'string' && /\.(?:qmd|rmd|md|mdx|markdown|ipynb)$/i.test(named.value)) into.push({ name: named.value, ...placeOf(named) });
      }
      collect(item.get('chapters', true), into, placeOf);
    }
  }
}

/**
 * The list's entries as part file names of the folder, in order, each once; and what is said
 * of the rest: an entry in a folder of its own, or naming no part file of the folder.
 */
export function chapterOrder(list: BookChapters, partNames: readonly string[]): { names: string[]; notes: ChapterNote[] } {
  const names: string[] = [];
  const notes: ChapterNote[] = [];
  const present = new Set(partNames);
  for (const entry of list.entries) {
    const name = path.posix.normalize(entry.name.replace(/^\/+/, ''));
    if (name.includes('/')) {
      notes.push({ reason: `${list.file}'s chapter \`${entry.name}\` is in a folder of its own: left out (a part is a file of the manuscript folder itself; move it there)`, line: entry.line, column: entry.column });
    } else if (!present.has(name)) {
      notes.push({ reason: `${list.file}'s chapter \`${entry.name}\` is no part file of the folder: left out`, line: entry.line, column: entry.column });
    } else if (!names.includes(name)) {
      names.push(name);
    }
  }
  return { names, notes };
}
