/**
 * The bibliography a folder's parts name, where pamphlet.yaml names none. Pandoc, R Markdown
 * and Quarto name it in a document's front matter (`bibliography: refs.bib`, bookdown's
 * `bibliography: [book.bib, packages.bib]`); pamphlet has one bibliography for the series, so
 * the first file a part names that is there (inside the folder, `.bib` or `.json`) is the
 * series'. Until 2026-12-07 such a part was an error ("`bibliography` in a part can only be
 * `false`"). What the parts name otherwise is said by frontmatter.ts, at its place.
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

/** The absolute path of the first readable bibliography the parts name, in their order; undefined if none does. */
export function bibliographyNamedByParts(dir: string, partFiles: readonly string[]): string | undefined {
  for (const name of partFiles) {
    const read = readTextInside(dir, name);
    if (!read.ok || !read.text.startsWith('---')) continue;
    const block = FRONT_MATTER.exec(read.text)?.[1];
    if (block === undefined || !/^bibliography[ \t]*:/mu.test(block)) continue;
    const { data, problems } = readYaml(block);
    if (problems.length || typeof data !== 'object' || data === null) continue;
    const found = namedBibliographies((data as Record<string, unknown>).bibliography)?.find((file) => readableBibliography(dir, file));
    if (found) return path.resolve(dir, found);
  }
  return undefined;
}
