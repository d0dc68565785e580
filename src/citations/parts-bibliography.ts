/**
 * The bibliography a folder's parts name, where pamphlet.yaml names none. Pandoc, R Markdown
 * and Quarto name it in a document's front matter (`bibliography: refs.bib`, bookdown's
 * `bibliography: [book.bib, packages.bib]`); pamphlet has one bibliography for the series, so
 * the first file a part names that is there (inside the folder, `.bib` or `.json`) is the
 * series'. Until 2026-12-07 such a part was an error ("`bibliography` in a part can only be
 * `false`"). Their `csl: apa.csl`, likewise, is the series' citation style where pamphlet.yaml
 * names none. A Quarto project's `_quarto.yml` names them for every document of the book, and is
 * read first. What the parts name otherwise is said by frontmatter.ts, at its place.
 */
import path from 'node:path';
import { realInside } from '../files/inside.js';
import { readTextInside } from '../files/read.js';
import { readYaml } from '../config/yaml.js';

/** The front matter block a part opens with, as remark-frontmatter reads it. */
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/u;

/** The files a front matter's `bibliography:` names (a name, or a list of names); none for `false`. */
export function namedBibliographies(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Whether `name` is a bibliography pamphlet can read there: inside `dir`, a .bib or .json file. */
export function readableBibliography(dir: string, name: string): boolean {
  return /\.(?:bib|json)$/iu.test(name) && realInside(dir, name).ok;
}

/** Whether `name` is a CSL style pamphlet can read there: a .csl file inside `dir`. */
export function readableStyle(dir: string, name: string): boolean {
  return /\.csl$/iu.test(name) && realInside(dir, name).ok;
}

/** A Quarto project's metadata, which every document of it has as if its front matter said it. */
const QUARTO_PROJECT = '_quarto.yml';

/**
 * What the parts name, where pamphlet.yaml does not: the first readable bibliography and CSL
 * style, by absolute path; a Quarto project's `_quarto.yml` first, since it names them for all.
 */
export function citationFilesNamedByParts(dir: string, partFiles: readonly string[], wanted: { bibliography: boolean; style: boolean }): { bibliography?: string; style?: string } {
  const found: { bibliography?: string; style?: string } = {};
  for (const name of [QUARTO_PROJECT, ...partFiles]) {
    if ((!wanted.bibliography || found.bibliography) && (!wanted.style || found.style)) break;
    const read = readTextInside(dir, name);
    if (!read.ok || (name !== QUARTO_PROJECT && !read.text.startsWith('---'))) continue;
    const block = name === QUARTO_PROJECT ? read.text : FRONT_MATTER.exec(read.text)?.[1];
    if (block === undefined || !/^(?:bibliography|csl)[ \t]*:/mu.test(block)) continue;
    const { data, problems } = readYaml(block);
    if (problems.length || typeof data !== 'object' || data === null) continue;
    const record = data as Record<string, unknown>;
    const bibliography = wanted.bibliography && !found.bibliography ? namedBibliographies(record.bibliography)?.find((file) => readableBibliography(dir, file)) : undefined;
    if (bibliography) found.bibliography = path.resolve(dir, bibliography);
    if (wanted.style && !found.style && typeof record.csl === 'string' && readableStyle(dir, record.csl)) found.style = path.resolve(dir, record.csl);
  }
  return found;
}
