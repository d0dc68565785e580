/** Reads and validates a part's YAML front matter, with errors at their line in the part. */
import type { Root, Yaml } from 'mdast';
import type { VFile } from 'vfile';
import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import { error } from '../diagnostics.js';
import { closest, distance } from 'fastest-levenshtein';
import { readDate } from './dates.js';
import { webUri } from './url-policy.js';
import { readYaml } from '../config/yaml.js';
import { namedBibliographies, readableBibliography, readableStyle } from '../citations/parts-bibliography.js';
import { MAX_PART } from '../roman.js';
import path from 'node:path';
import { IMPRINT_KEYS, readCover, readImprint, type CoverImage, type Imprint } from '../style/imprint.js';

export interface PartFrontmatter {
  title: string;
  part: number;
  identifier?: string;
  date?: string;
  /** `false` suppresses the line; an object names a part outside this folder. */
  next?: false | { title: string; href?: string };
  /** `false`: no bibliography at the end of this part (a file named there is the series', src/citations/parts-bibliography.ts). */
  bibliography?: false;
  subtitle?: string;
  /** Who wrote this part, where not the series' authors (an anthology's contributor). */
  authors?: string[];
  /** The part's language when it is not the series' (BCP 47). */
  lang?: string;
  /** When the text last changed (for `dcterms:modified` outside git): YYYY-MM-DD or an ISO date-time. */
  modified?: string;
  /** This part's rights, ISBN, edition, …, over the series' (src/style/imprint.ts). */
  imprint?: Imprint;
  cover?: CoverImage;
}

/** Other tools' keys that pamphlet reads (a part of): Quarto's `execute:` (its `echo`, remark-code-cells.ts), Pandoc's `csl:` (the series' style where pamphlet.yaml names none). */
const READ_ELSEWHERE = new Set(['execute', 'csl']);

const KEYS = new Set(['title', 'part', 'author', 'authors', 'lang', 'identifier', 'date', 'modified', 'next', 'bibliography', 'subtitle', ...IMPRINT_KEYS]);

/**
 * What a part without `title:` or `part:` takes (manuscript.ts): the title its text or its name
 * gives, and its place among the folder's names where no part of the folder gives `part:`.
 */
export interface Unwritten {
  title: string;
  /** Where the title comes from, for the note saying so. */
  titleFrom: string;
  /** Undefined where another part of the folder gives `part:`: then every part must. */
  part?: number;
}

/** What a part's front matter is read against: the series' bibliography (absolute), where there is one, and its citation style (an id, or a .csl file's absolute path). */
export interface SeriesContext {
  bibliography?: string;
  citationStyle?: string;
}

export function readFrontmatter(tree: Root, file: VFile, unwritten?: Unwritten, series?: SeriesContext): PartFrontmatter | undefined {
  const node = tree.children.find((child): child is Yaml => child.type === 'yaml');
  if (!node) {
    if (unwritten?.part !== undefined) {
      tellUnwritten(file, unwritten, true, true);
      return { title: unwritten.title, part: unwritten.part };
    }
    error(file, 'a part starts with YAML front matter giving at least `title:` and `part:` (another part of the folder gives `part:`, so every part must)', { place: { line: 1, column: 1 }, ruleId: 'frontmatter', source: 'pamphlet' });
    return undefined;
  }
  // The YAML starts on the line after the opening `---`.
  const lineOffset = (node.position?.start.line ?? 1);
  const { doc, lineCounter, data: yamlData, problems } = readYaml(node.value);
  const placeOf = (yamlNode: YamlNode | null | undefined) => {
    const pos = lineCounter.linePos(yamlNode?.range?.[0] ?? 0);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  const fail = (reason: string, yamlNode?: YamlNode | null) =>
    error(file, reason, { place: yamlNode ? placeOf(yamlNode) : node.position, ruleId: 'frontmatter', source: 'pamphlet' });

  for (const problem of problems) {
    error(file, `invalid front matter: ${problem.reason}`, { place: { line: problem.line + lineOffset, column: problem.column }, ruleId: 'frontmatter', source: 'pamphlet' });
  }
  if (problems.length) return undefined;
  if (!isMap(doc.contents)) {
    fail('front matter must be a mapping with `title:` and `part:`');
    return undefined;
  }
  // A key with nothing after it (`description:`, as Obsidian's properties leave one unfilled) gives no value.
  const data = Object.fromEntries(Object.entries(yamlData as Record<string, unknown>).filter(([, value]) => value !== null));
  const nodeOf = (key: string) => doc.get(key, true) as YamlNode | undefined;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (KEYS.has(key) || READ_ELSEWHERE.has(key)) continue;
    const meant = misspelled(key);
    if (meant) fail(`unknown front matter key \`${key}\` (did you mean \`${meant}\`?)`, pair.key as YamlNode);
    else file.message(`front matter key \`${key}\` is not pamphlet's (another tool's, such as Jekyll's \`layout\` or Hugo's \`tags\`): left out (pamphlet's: ${[...KEYS].join(', ')})`, { place: placeOf(pair.key as YamlNode), ruleId: 'frontmatter-key', source: 'pamphlet' });
  }
  // A note's own front matter (Obsidian's `publish:`, Jekyll's `layout:`) without pamphlet's two keys: as if it had none.
  // A part that writes `part:` is written for pamphlet, and names itself too.
  const title = data.title === undefined && data.part === undefined && unwritten ? unwritten.title : data.title;
  if (typeof title !== 'string' || !title.trim()) fail('`title` is required and must be text', nodeOf('title'));
  const part = data.part === undefined && unwritten?.part !== undefined ? unwritten.part : data.part;
  if (unwritten && (title !== data.title || part !== data.part) && typeof title === 'string' && typeof part === 'number') tellUnwritten(file, unwritten, title !== data.title, part !== data.part);
  if (part === undefined) fail(`\`part\` is required: the position in the series, a whole number from 1 to ${MAX_PART} (another part of the folder gives \`part:\`, so every part must)`, nodeOf('part'));
  else if (typeof part !== 'number' || !Number.isInteger(part) || part < 1 || part > MAX_PART) fail(`\`part\` is required: the position in the series, a whole number from 1 to ${MAX_PART}`, nodeOf('part'));
  const result: PartFrontmatter = { title: String(title ?? ''), part: Number(part ?? 1) };
  if (data.identifier !== undefined) {
    if (typeof data.identifier !== 'string') fail('`identifier` must be text (urn:uuid:… or an ISBN)', nodeOf('identifier'));
    else result.identifier = data.identifier;
  }
  if (data.date !== undefined) {
    const written = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : String(data.date);
    const date = readDate(written);
    if (date) result.date = date;
    else if (typeof data.date === 'string' && !/^\s*\d{4}-/.test(data.date)) {
      // Pandoc's dates are free text ("November 18, 2021"), Quarto's may be a month first
      // ("3/24/2001", its book template's) or a word ("today"); the date is only the EPUB's metadata, never printed.
      file.message(`\`date\` “${data.date}” is not a day pamphlet reads (YYYY-MM-DD): left out of the EPUB's metadata`, { place: placeOf(nodeOf('date')), ruleId: 'frontmatter-date', source: 'pamphlet' });
    } else fail('`date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)', nodeOf('date'));
  }
  if (data.lang !== undefined) {
    if (typeof data.lang !== 'string' || !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(data.lang)) fail('`lang` must be a BCP 47 language tag such as de or en-GB', nodeOf('lang'));
    else result.lang = data.lang;
  }
  if (data.modified !== undefined) {
    const modified = data.modified instanceof Date ? data.modified.toISOString() : String(data.modified).trim();
    const read = readDate(modified);
    if (!read || read.length < 10 || Number.isNaN(Date.parse(modified))) fail('`modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time', nodeOf('modified'));
    else result.modified = modified;
  }
  const authors = readAuthors(data, (reason, key) => fail(reason, nodeOf(key)));
  if (authors) result.authors = authors;
  if (data.subtitle !== undefined) {
    if (typeof data.subtitle !== 'string') fail('`subtitle` must be text', nodeOf('subtitle'));
    else result.subtitle = data.subtitle;
  }
  if (data.next !== undefined) {
    const next = data.next;
    if (next === false) result.next = false;
    else if (typeof next === 'object' && next !== null && typeof (next as { title?: unknown }).title === 'string') {
      const { title: nextTitle, href, ...rest } = next as { title: string; href?: unknown };
      if (Object.keys(rest).length) fail(`unknown key in \`next\`: ${Object.keys(rest).join(', ')} (known: title, href)`, nodeOf('next'));
      const uri = typeof href === 'string' ? webUri(href) : undefined;
      if (href !== undefined && !uri) fail('`next.href` must be an http or https URL (where the next part is published)', nodeOf('next'));
      result.next = { title: nextTitle, ...(uri ? { href: uri } : {}) };
    } else fail('`next` is `false` or `{ title: …, href: … }`', nodeOf('next'));
  }
  // The same keys and rules as pamphlet.yaml's (a part is a publication of its own: its ISBN, its cover).
  const imprintFail = (key: string, reason: string, ruleId = 'frontmatter') => error(file, reason, { place: placeOf(nodeOf(key) ?? null), ruleId, source: 'pamphlet' });
  const imprint = readImprint(data, imprintFail);
  if (Object.keys(imprint).length) result.imprint = imprint;
  const cover = readCover(path.dirname(file.path), data.cover, imprintFail);
  if (cover) result.cover = cover;
  if (data.csl !== undefined && series) {
    const dir = path.dirname(file.path);
    const named = typeof data.csl === 'string' ? data.csl : undefined;
    if (!named || !readableStyle(dir, named) || path.resolve(dir, named) !== series.citationStyle) {
      const why = named && readableStyle(dir, named) ? `the series' citation style, ${series.citationStyle && path.isAbsolute(series.citationStyle) ? path.relative(dir, series.citationStyle) : series.citationStyle}, is every part's` : 'it is no .csl file in the folder';
      file.message(`\`csl\` names ${named ? `\`${named}\`` : 'no file'}, not read: ${why}`, { place: placeOf(nodeOf('csl')), ruleId: 'frontmatter-bibliography', source: 'pamphlet' });
    }
  }
  if (data.bibliography !== undefined) {
    const named = namedBibliographies(data.bibliography);
    if (data.bibliography === false) result.bibliography = false;
    else if (!named) fail('`bibliography` in a part is `false` (no bibliography for this part), or the file Pandoc reads it from (`refs.bib`, or a list of them)', nodeOf('bibliography'));
    else if (series) {
      // Pandoc's, R Markdown's and Quarto's: the series' bibliography is every part's (src/citations/parts-bibliography.ts).
      const dir = path.dirname(file.path);
      const unread = named.filter((name) => !readableBibliography(dir, name) || path.resolve(dir, name) !== series.bibliography);
      if (unread.length) {
        const why = series.bibliography ? `the series' bibliography, ${path.relative(dir, series.bibliography)}, is every part's` : 'no file it names is a .bib or .json file in the folder';
        file.message(`\`bibliography\` names ${unread.map((name) => `\`${name}\``).join(', ')}, not read: ${why}`, { place: placeOf(nodeOf('bibliography')), ruleId: 'frontmatter-bibliography', source: 'pamphlet' });
      }
    }
  }
  return result;
}

/**
 * The key a misspelt one meant (`tilte`, `modifed`, `bibliograpy`): at most a quarter of its
 * letters from it, one at least. Such a key is an error, since its value would be lost; any
 * other key is another tool's (Jekyll's `layout` and `categories`, Hugo's `draft` and `tags`,
 * Docusaurus's `id`), left out with a warning, so that a post moved from a site builds.
 */
function misspelled(key: string): string | undefined {
  const most = Math.max(1, Math.floor(key.length / 4));
  const meant = closest(key.toLowerCase(), [...KEYS]);
  return distance(key.toLowerCase(), meant) <= most ? meant : undefined;
}

/**
 * A part's `author:` (a name, or a list of them, as Pandoc, Jekyll and Hugo write it) or
 * `authors:` (a list, as pamphlet.yaml writes it). Pandoc's names with affiliations
 * (`- name: …`) are refused: a part's author is a name.
 */
function readAuthors(data: Record<string, unknown>, fail: (reason: string, key: string) => void): string[] | undefined {
  if (data.author !== undefined && data.authors !== undefined) {
    fail('give `author` or `authors`, not both', 'authors');
    return undefined;
  }
  const key = data.author !== undefined ? 'author' : 'authors';
  const value = data[key];
  if (value === undefined) return undefined;
  const names = key === 'author' && typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || !names.length || !names.every((name) => typeof name === 'string' && name.trim())) {
    fail(`\`${key}\` is ${key === 'author' ? 'a name, or a list of names' : 'a list of names'} (written as text: \`author: Rosa Luxemburg\`)`, key);
    return undefined;
  }
  return names.map((name: string) => name.trim());
}

/**
 * The first stage of the processor: the front matter has been read (the manuscript
 * reads every part's before running any, to order and link them); its node leaves the
 * tree here so no renderer ever sees it.
 */
export function remarkPartFrontmatter() {
  return (tree: Root, file: VFile): void => {
    if (!file.data.frontmatter) {
      const frontmatter = readFrontmatter(tree, file);
      if (frontmatter) file.data.frontmatter = frontmatter;
    }
    tree.children = tree.children.filter((child) => child.type !== 'yaml');
  };
}

/** Whether a part's front matter gives `part:` (its YAML read, not matched). */
export function givesPart(tree: Root): boolean {
  const node = tree.children.find((child): child is Yaml => child.type === 'yaml');
  if (!node) return false;
  const { data } = readYaml(node.value);
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)['part'] != null;
}

/** The note saying what a part that does not write its title or number was given. */
function tellUnwritten(file: VFile, unwritten: Unwritten, title: boolean, part: boolean): void {
  const given = [part ? `part ${unwritten.part} by its file name's place in the folder` : '', title ? `titled “${unwritten.title}” from ${unwritten.titleFrom}` : ''].filter(Boolean).join(', ');
  file.info(`no ${title && part ? '`title:` or `part:`' : title ? '`title:`' : '`part:`'}: ${given}; write them in its front matter to say otherwise`, { place: { line: 1, column: 1 }, ruleId: 'frontmatter-unwritten', source: 'pamphlet' });
}
