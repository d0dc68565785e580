/**
 * A manuscript folder is a series: load its config and bibliography once, parse every
 * part, link each part to the next, and build the PartDocuments. All diagnostics of
 * all files are gathered so one run reports every problem.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { lengthInMm, loadConfig } from './config/load.js';
import type { ResolvedConfig } from './config/types.js';
import { loadBibliography, type Bibliography } from './citations/bibliography.js';
import { citationFilesNamedByParts } from './citations/parts-bibliography.js';
import { resolveStyle, StyleError, StyleNotFoundError, type CitationStyle } from './citations/engine.js';
import type { NextPart, PartDocument, PartMeta } from './document.js';
import { ManuscriptError, error, hasErrors } from './diagnostics.js';
import { givesPart, readFrontmatter } from './pipeline/frontmatter.js';
import { toString } from 'mdast-util-to-string';
import { wordsWithoutAttributes } from './pipeline/remark-heading-ids.js';
import { bookLabels, mayCrossReference } from './pipeline/remark-cross-references.js';
import { buildPart, type ParsedPart } from './pipeline/part.js';
import { createProcessor } from './pipeline/processor.js';
import type { PartFrontmatter } from './pipeline/frontmatter.js';
import { checkImageFile } from './files/image.js';
import { embeddedImage, isDataUrl } from './files/embedded-image.js';
import { toRoman } from './roman.js';
import { frontmatterPlace, lintNextTitles } from './lint-next-title.js';
import { readTextInside } from './files/read.js';
import { notebookAsMarkdown } from './files/notebook.js';
import { chapterOrder, isPartial, readChapterList, type ChapterNote } from './files/book-chapters.js';
import { withIncludes } from './files/quarto-includes.js';
import { lastCommit, lastCommitSync } from './files/last-commit.js';
import { slugify } from './slug.js';
import type { Root } from 'mdast';
import { depthProblem, linePrefixProblem } from './pipeline/nesting.js';
import { tableCellsProblem } from './pipeline/table-size.js';
import { parseTimeLimit, parseTimeProblem, parseWithin } from './pipeline/parse-time.js';
import { wordsFor } from './words.js';
import { coverageFor } from './render/font-coverage.js';
import { mergeImprint } from './style/imprint.js';
import { trace } from './trace.js';

export interface Manuscript {
  config: ResolvedConfig;
  parts: PartDocument[];
  /** Every file's warnings (errors throw a ManuscriptError instead). */
  messages: VFileMessage[];
}


export interface LoadOptions {
  /**
   * The caller dates the parts by their last commits itself (`commitTimesOf`, then
   * `datedByCommits`), so git answers while the parts are parsed; without it, git is asked
   * here, one part after the other.
   */
  commitsLater?: boolean;
  /** Told each part's metadata as its pipeline starts: a build begins drawing its EPUB cover then (epub/cover-thread.ts). */
  onPart?: (meta: PartMeta) => void;
  /**
   * Told what a part's title page says as soon as its front matter is read, before its
   * Markdown is parsed: a build begins drawing its EPUB cover then, beside the parse
   * (x1: the cover, 0.3 s on its thread, was the EPUB's last wait).
   */
  onTitle?: (title: TitlePage) => void;
}

/** The files whose last commit dates every part: pamphlet.yaml and the bibliography. */
function sharedFiles(config: ResolvedConfig): string[] {
  return [config.configPath, ...(config.bibliography ? [config.bibliography] : [])];
}

/**
 * Each part's last commit time, by the part's path, asked of git for every part at once;
 * none when SOURCE_DATE_EPOCH fixes the date (README, "Reproducible output").
 */
export async function commitTimesOf(config: ResolvedConfig, partNames: readonly string[], env: NodeJS.ProcessEnv): Promise<Map<string, Date | undefined>> {
  if (sourceDateEpoch(env) !== undefined) return new Map();
  const paths = partNames.map((name) => path.join(config.dir, name));
  const times = await Promise.all(paths.map((partPath) => lastCommit(partPath, sharedFiles(config), path.dirname(partPath))));
  return new Map(paths.map((partPath, index) => [partPath, times[index]]));
}

/**
 * Each part's `modified` from its last commit, where git found one: a commit outranks the
 * front matter's dates that `loadManuscript` fell back on, and `commitTimesOf` found none
 * when SOURCE_DATE_EPOCH, which outranks it, is set.
 */
export function datedByCommits(manuscript: Manuscript, times: ReadonlyMap<string, Date | undefined>): void {
  for (const { meta } of manuscript.parts) {
    const committed = meta.sourcePath === undefined ? undefined : times.get(meta.sourcePath);
    if (committed) meta.modified = isoSeconds(committed);
  }
}

export function loadManuscript(dir: string, env: NodeJS.ProcessEnv = process.env, preloaded?: ResolvedConfig, options: LoadOptions = {}): Manuscript {
  const loaded = preloaded ?? loadConfig(dir);
  // Where pamphlet.yaml names no bibliography, the one the parts name (Pandoc's, R Markdown's `bibliography:`).
  // and their `csl:` where it names no citation style.
  const wanted = { bibliography: !loaded.bibliography, style: loaded.places?.['citation-style'] === undefined };
  // The folder's parts and its book's chapter list, read once for the citation files and the parts.
  const book = bookParts(loaded.dir);
  const named = wanted.bibliography || wanted.style ? citationFilesNamedByParts(loaded.dir, book.names, wanted) : {};
  const config: ResolvedConfig = { ...loaded, ...(named.bibliography ? { bibliography: named.bibliography } : {}), ...(named.style ? { citationStyle: named.style } : {}) };
  const configFile = new VFile({ path: config.configPath });
  const bibliography: Bibliography | undefined = config.bibliography ? loadBibliography(config.bibliography, config.dir) : undefined;
  let style: CitationStyle | undefined;
  try {
    const namedAt = config.places?.['citation-style'] ?? { line: 1, column: 1 };
    style = { ...resolveStyle(config.citationStyle, config.styleDirs), namedAt: { file: config.configPath, ...namedAt } };
  } catch (cause) {
    if (!(cause instanceof StyleError)) throw cause;
    // A style nobody cites with may be missing; one that is there must be a CSL style.
    if (bibliography || !(cause instanceof StyleNotFoundError)) {
      throw new ManuscriptError([error(configFile, cause.message, { place: config.places?.['citation-style'] ?? { line: 1, column: 1 }, ruleId: 'csl-style', source: 'pamphlet' })]);
    }
  }

  const partFiles = book.names;
  const files: VFile[] = [];
  // What the book's chapter list (_quarto.yml, _bookdown.yml) says: warnings at its lines.
  if (book.notes.length > 0) {
    const listFile = new VFile({ path: path.join(config.dir, book.notes[0]!.file) });
    for (const note of book.notes) listFile.message(note.reason, { place: { line: note.line, column: note.column }, ruleId: 'book-chapters', source: 'pamphlet' });
    files.push(listFile);
  }
  // Built once, for every part of the run. Parts are parsed first: their front matter
  // orders and links them (`slugs`, filled below) before any is run.
  const slugs = new Map<string, string>();
  const processor = createProcessor({ ...processorSettings(config, bibliography, style), parts: slugs });
  const parsed: ParsedPart[] = [];
  /** Parts parsed, their front matter read once every part is (a part without `part:` is numbered by its place among them). */
  const trees: Array<{ file: VFile; tree: Root; name: string }> = [];
  /** A part ran out of time: the others are not parsed (the build fails on it anyway, and each could take as long). */
  let outOfTime = false;
  for (const name of partFiles) {
    if (outOfTime) break;
    const filePath = path.join(config.dir, name);
    // By its real location: a link out of the folder, a folder or a FIFO named like a part is an error, never read.
    const read = readTextInside(config.dir, name);
    if (!read.ok) {
      const place = read.problem === 'encoding' ? { line: read.line, column: read.column } : { line: 1, column: 1 };
      files.push(new VFile({ path: filePath }));
      error(files[files.length - 1] as VFile, read.problem === 'not-a-file' ? `${read.reason}: a part is a Markdown file` : read.reason, { place, ruleId: read.problem === 'encoding' ? 'encoding' : 'part-file', source: 'pamphlet' });
      continue;
    }
    // A notebook is read as the Markdown of its cells and saved outputs, its places kept (src/files/notebook.ts).
    const notebook = NOTEBOOK_FILE.test(name) ? notebookAsMarkdown(read.text) : undefined;
    if (notebook && !notebook.ok) {
      files.push(new VFile({ path: filePath }));
      error(files[files.length - 1] as VFile, notebook.reason, { place: { line: notebook.line, column: notebook.column }, ruleId: 'part-file', source: 'pamphlet' });
      continue;
    }
    // Quarto's `{{< include _file.qmd >}}`: that file's lines in place (src/files/quarto-includes.ts).
    const withIncluded = notebook ? undefined : withIncludes(config.dir, name, read.text);
    if (withIncluded && !withIncluded.ok) {
      files.push(new VFile({ path: filePath }));
      error(files[files.length - 1] as VFile, withIncluded.reason, { place: { line: withIncluded.line, column: withIncluded.column }, ruleId: 'include', source: 'pamphlet' });
      continue;
    }
    const file = new VFile({ path: filePath, value: notebook ? notebook.markdown : (withIncluded?.text ?? read.text) });
    const sourceLines = notebook ? notebook.lineMap : withIncluded?.lineMap;
    if (sourceLines) file.data.sourceLines = sourceLines;
    files.push(file);
    const text = String(file.value);
    if (options.onTitle) {
      const early = frontmatterAhead(processor, filePath, text);
      if (early) options.onTitle(titlePageOf(config, early));
    }
    const tooWide = linePrefixProblem(text);
    if (tooWide) {
      error(file, tooWide.reason, { place: { line: tooWide.line, column: tooWide.column }, ruleId: 'nesting', source: 'pamphlet' });
      continue;
    }
    const tooManyCells = tableCellsProblem(text);
    if (tooManyCells) {
      error(file, tooManyCells.reason, { place: { line: tooManyCells.line, column: tooManyCells.column }, ruleId: 'table-size', source: 'pamphlet' });
      continue;
    }
    const parsing = performance.now();
    const limit = parseTimeLimit(text);
    const parse = parseWithin(() => parseHere(processor, file), limit);
    if ('timedOut' in parse) {
      const late = parseTimeProblem(read.text, limit);
      error(file, late.reason, { place: { line: late.line, column: late.column }, ruleId: 'parse-time', source: 'pamphlet' });
      outOfTime = true;
      continue;
    }
    const tree = parse.value;
    if (!tree) {
      // micromark recurses on some nestings (emphasis of alternating `*` and `_`, thousands deep).
      error(file, 'the Markdown parser ran out of stack on this part: something (emphasis, quotations, lists) is nested thousands of levels deep; nest fewer levels', { place: { line: 1, column: 1 }, ruleId: 'nesting', source: 'pamphlet' });
      continue;
    }
    // remark-parse alone: the bench counts it among the steps no build can skip.
    trace(`${name}: Markdown parsed`, parsing);
    const tooDeep = depthProblem(tree);
    if (tooDeep) {
      error(file, tooDeep.reason, { place: { line: tooDeep.line, column: tooDeep.column }, ruleId: 'nesting', source: 'pamphlet' });
      continue;
    }
    trees.push({ file, tree, name });
  }
  // A folder none of whose parts gives `part:` (a Google Doc exported, an Obsidian vault's
  // notes) is numbered by its file names, in the order a person reads them (`part-2` before
  // `part-10`), an `index` first (bookdown's and Quarto's books open with index.Rmd or
  // index.qmd); where one part gives `part:`, every part must.
  const numbered = trees.some(({ tree }) => givesPart(tree));
  // A book's chapter list (_quarto.yml) gives the order instead.
  const byName = book.ordered ? trees : [...trees].sort((a, b) => Number(isIndex(b.name)) - Number(isIndex(a.name)) || NAME_ORDER.compare(a.name, b.name));
  for (const { file, tree, name } of trees) {
    const frontmatter = readFrontmatter(tree, file, { ...unwrittenTitle(tree, name), ...(numbered ? {} : { part: byName.findIndex((other) => other.name === name) + 1 }) }, { ...(config.bibliography ? { bibliography: config.bibliography } : {}), citationStyle: config.citationStyle });
    if (frontmatter) {
      file.data.frontmatter = frontmatter;
      parsed.push({ file, tree, frontmatter });
    }
  }
  // Each part's headings, for the references between parts (bookdown's `\@ref(intro)`), before any part runs.
  // Only where a part makes one: every heading of a 186-page part walked and slugged for none.
  if (parsed.some(({ file }) => mayCrossReference(String(file.value)))) {
    const labels = bookLabels(parsed.map(({ file, tree, frontmatter }) => ({ file, tree, part: frontmatter.part, lang: frontmatter.lang ?? config.lang })));
    for (const { file } of parsed) file.data.bookLabels = labels;
  }
  if (!partFiles.length) error(configFile, `no parts: put one Markdown file per part in ${config.dir}`, { place: { line: 1, column: 1 }, ruleId: 'no-parts', source: 'pamphlet' });
  parsed.sort((a, b) => a.frontmatter.part - b.frontmatter.part);
  for (let i = 1; i < parsed.length; i++) {
    const here = parsed[i] as ParsedPart;
    // A part whose front matter is refused has no number to repeat.
    if (here.frontmatter.part === (parsed[i - 1] as ParsedPart).frontmatter.part && !here.file.messages.some((m) => m.fatal) && !(parsed[i - 1] as ParsedPart).file.messages.some((m) => m.fatal)) {
      error(here.file, `part ${here.frontmatter.part} appears twice (also in ${path.basename((parsed[i - 1] as ParsedPart).file.path)})`, { place: frontmatterPlace(here, ['part']) ?? { line: 1, column: 1 }, ruleId: 'part-twice', source: 'pamphlet' });
    }
  }
  groupAcrossParts(trees.map(({ file }) => file));
  lintNextTitles(parsed, config.lang);
  throwIfErrors([configFile, ...files]);

  const seriesSlug = slugify(config.series);
  for (const part of parsed) slugs.set(path.basename(part.file.path), `${seriesSlug}-${part.frontmatter.part}`);
  // Per part: a part may be in another language than the series.
  const settingsFor = (partLang: string) => ({
    bibliographyTitle: config.bibliographyTitle ?? wordsFor(partLang).bibliography,
    questionsInText: config.questions === 'everywhere',
  });
  // A build asked git ahead and dates the parts once it answers (`datedByCommits`); anything else asks it here, part after part.
  const lastCommitted = (partPath: string): Date | undefined =>
    options.commitsLater ? undefined : lastCommitSync(partPath, sharedFiles(config), path.dirname(partPath));
  const usedKeys = new Set<string>();
  const parts = parsed.map((part, index) => {
    const following = parsed[index + 1];
    const fm = part.frontmatter;
    // The words around the text are in the part's language (the reader's, for "Next:").
    const words = wordsFor(fm.lang ?? config.lang);
    let next: NextPart | null = null;
    if (fm.next && typeof fm.next === 'object') next = { lead: words.next, label: fm.next.title, ...(fm.next.href ? { href: fm.next.href } : {}) };
    else if (fm.next !== false && following) {
      next = { lead: words.next, label: `${words.part} ${toRoman(following.frontmatter.part)}: ${following.frontmatter.title}`, slug: `${seriesSlug}-${following.frontmatter.part}` };
    }
    const { series, subtitle, title, partLabel, authors, lang, slug } = titlePageOf(config, fm);
    const meta: PartMeta = {
      series,
      ...(subtitle ? { subtitle } : {}),
      title,
      part: fm.part,
      partLabel,
      authors,
      ...(config.publisher ? { publisher: config.publisher } : {}),
      lang,
      identifier: fm.identifier ?? derivedIdentifier(config.series, fm.part, config.authors),
      ...(fm.date ? { date: fm.date } : {}),
      modified: modifiedDate(env, () => lastCommitted(part.file.path), fm),
      next,
      slug,
      sourcePath: part.file.path,
      ...houseMeta(config, fm),
    };
    options.onPart?.(meta);
    const doc = buildPart(processor, part, meta, settingsFor(fm.lang ?? config.lang));
    for (const key of part.file.data.citations?.keys ?? []) usedKeys.add(key);
    return doc;
  });
  throwIfErrors([configFile, ...files]);

  if (bibliography) {
    const bibFile = new VFile({ path: bibliography.path });
    for (const key of bibliography.items.keys()) {
      if (!usedKeys.has(key)) bibFile.message(`bibliography entry \`${key}\` is never cited`, { place: { line: bibliography.lines.get(key) ?? 1, column: 1 }, ruleId: 'uncited-entry', source: 'pamphlet' });
    }
    files.push(bibFile);
  }
  placeInSources(files);
  return { config, parts, messages: [configFile, ...files].flatMap((file) => file.messages) };
}

/** Messages already placed in their part file (placeInSources). */
const placedInSource = new WeakSet<VFileMessage>();

/**
 * Each message of a part whose Markdown is not its file's text as it is (a notebook's, one
 * with Quarto includes) moved from the Markdown read to the file's own line and column.
 */
function placeInSources(files: readonly VFile[]): void {
  for (const file of files) {
    const lines = file.data.sourceLines;
    if (!lines) continue;
    const moved = (point: { line: number; column: number }) => {
      const from = lines[point.line - 1] ?? lines.at(-1) ?? { line: 1, column: 1 };
      return { line: from.line, column: from.whole ? from.column : from.column + point.column - 1 };
    };
    for (const message of file.messages) {
      if (placedInSource.has(message) || message.line === undefined) continue;
      placedInSource.add(message);
      const start = moved({ line: message.line, column: message.column ?? 1 });
      const place = message.place;
      message.line = start.line;
      message.column = start.column;
      if (place && 'start' in place) message.place = { start: { ...start }, end: moved(place.end) };
      else if (place) message.place = { ...start };
    }
  }
}


/** The part's imprint and cover: the series' with the part's own over them. */
/** What a part's title page and generated cover say: its front matter and pamphlet.yaml's, nothing else. */
export type TitlePage = Pick<PartMeta, 'series' | 'subtitle' | 'title' | 'partLabel' | 'authors' | 'lang' | 'slug' | 'cover'>;

function titlePageOf(config: ResolvedConfig, fm: PartFrontmatter): TitlePage {
  const lang = fm.lang ?? config.lang;
  const subtitle = fm.subtitle ?? config.subtitle;
  const cover = fm.cover ?? config.cover;
  return {
    series: config.series,
    ...(subtitle ? { subtitle } : {}),
    title: fm.title,
    partLabel: `${wordsFor(lang).part} ${toRoman(fm.part)}`,
    // An anthology's part names its own author; the identifier stays the series' (derivedIdentifier).
    authors: fm.authors ?? config.authors,
    lang,
    slug: `${slugify(config.series)}-${fm.part}`,
    ...(cover ? { cover } : {}),
  };
}

/**
 * A vault's notes share their front matter's keys (Obsidian's `aliases`, `permalink`,
 * `publish`) and all lack `title:` and `part:`: 171 notes of Obsidian's help made 500
 * warnings saying the same. Each is told once, at its first part, with how many more.
 */
function groupAcrossParts(files: readonly VFile[]): void {
  const first = new Map<string, { message: VFileMessage; more: number }>();
  for (const file of files) {
    file.messages = file.messages.filter((message) => {
      const key = message.ruleId === 'frontmatter-key' ? `key ${/`([^`]+)`/.exec(message.reason)?.[1] ?? ''}` : message.ruleId === 'frontmatter-unwritten' ? 'unwritten' : undefined;
      if (!key) return true;
      const seen = first.get(key);
      if (!seen) first.set(key, { message, more: 0 });
      else seen.more++;
      return !seen;
    });
  }
  for (const { message, more } of first.values()) {
    if (!more) continue;
    message.reason += ` (and in ${more} more part${more > 1 ? 's' : ''})`;
    message.message = message.reason;
  }
}

/** File names in the order a person reads them: `part-2.md` before `part-10.md`. */
const NAME_ORDER = new Intl.Collator('en', { numeric: true });

/** A book's opening file, as bookdown and Quarto name it: `index.Rmd`, `index.qmd`, `index.md`. */
function isIndex(name: string): boolean {
  return name.replace(PART_FILE, '').toLowerCase() === 'index';
}

/**
 * The title of a part that does not write one: its first heading where that opens the text
 * (Google Docs' Markdown begins `# **Title**`), else its file name (an Obsidian note's title).
 */
function unwrittenTitle(tree: Root, name: string): { title: string; titleFrom: string } {
  // Before the heading, what prints nothing: an HTML comment, MyST's `(label)=` target (remark-myst-roles.ts).
  const first = tree.children.find((child) => child.type !== 'yaml' && !(child.type === 'html' && /^<!--[\s\S]*-->$/.test(child.value.trim())) && !(child.type === 'paragraph' && /^\([^()\s]+\)=$/.test(toString(child).trim())));
  const heading = first?.type === 'heading' && first.depth === 1 ? wordsWithoutAttributes(first).trim() : '';
  if (heading) return { title: heading, titleFrom: 'its first heading' };
  return { title: name.replace(PART_FILE, ''), titleFrom: 'its file name' };
}

/** A part parsed on this thread; undefined when micromark ran out of stack. */
function parseHere(processor: ReturnType<typeof createProcessor>, file: VFile): Root | undefined {
  try {
    return processor.parse(file);
  } catch (cause) {
    if (cause instanceof RangeError) return undefined;
    throw cause;
  }
}

/**
 * A part's front matter read ahead of its Markdown: the block from its first line to the
 * closing `---`, parsed by the part's own processor and read as the build reads it. Only
 * a head start: where this differs from the full parse (or fails), the build draws what
 * the full parse says.
 */
function frontmatterAhead(processor: ReturnType<typeof createProcessor>, filePath: string, text: string): PartFrontmatter | undefined {
  const block = /^---[ \t]*\r?\n(?:[^]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!block) return undefined;
  const scratch = new VFile({ path: filePath, value: block[0] });
  try {
    return readFrontmatter(processor.parse(scratch), scratch);
  } catch {
    return undefined;
  }
}

function houseMeta(config: ResolvedConfig, fm: PartFrontmatter): Pick<PartDocument['meta'], 'imprint' | 'cover'> {
  const imprint = mergeImprint(config.imprint, fm.imprint);
  const cover = fm.cover ?? config.cover;
  return { ...(Object.keys(imprint).length ? { imprint } : {}), ...(cover ? { cover } : {}) };
}

function processorSettings(config: ResolvedConfig, bibliography: Bibliography | undefined, style: CitationStyle | undefined) {
  return {
    dir: config.dir,
    lang: config.lang,
    smart: config.smart,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(bibliography ? { bibliography } : {}),
    ...(style ? { style } : {}),
    localeDir: config.localeDir,
    questionsTitle: (partLang: string) => config.questionsTitle ?? wordsFor(partLang).questions,
    checkImage: once((url: string) => (isDataUrl(url) ? embeddedImage(url) : checkImageFile(config.dir, url))),
    vault: isVault(config.dir),
    textWidthIn: textWidthIn(config),
    isCovered: coverageFor(config.fonts),
  };
}

/** Whether the folder is an Obsidian vault: it holds Obsidian's own `.obsidian/` folder (a real one, not a link). */
function isVault(dir: string): boolean {
  try {
    return lstatSync(path.join(dir, '.obsidian')).isDirectory();
  } catch {
    return false;
  }
}

/** One look at each image per run: the URL policy and the image lints both ask. */
function once<T>(check: (url: string) => T): (url: string) => T {
  const seen = new Map<string, T>();
  return (url) => {
    if (!seen.has(url)) seen.set(url, check(url));
    return seen.get(url) as T;
  };
}

/** The print text block's width, for the image-resolution lint. */
function textWidthIn(config: ResolvedConfig): number {
  const mm = (length: string) => lengthInMm(length) ?? 0;
  return (mm(config.page.width) - mm(config.page.margins.inside) - mm(config.page.margins.outside)) / 25.4;
}

function throwIfErrors(files: VFile[]): void {
  placeInSources(files);
  const messages = files.flatMap((file) => file.messages);
  if (hasErrors(messages)) throw new ManuscriptError(messages.filter((m) => m.fatal === true));
}

/**
 * A name-based UUID from what identifies the publication — series, part and authors —
 * not from its text, so correcting a word keeps the book's identity (reading systems
 * and stores key annotations and updates on it).
 */
function derivedIdentifier(series: string, part: number, authors: readonly string[]): string {
  const hash = createHash('sha1').update(`${series}\u0000${part}\u0000${authors.join('\u0000')}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * When the part last changed, never the wall clock (builds are reproducible):
 * SOURCE_DATE_EPOCH (the reproducible-builds convention), else the last commit that
 * touched the part, pamphlet.yaml or the bibliography when the folder is in git, else
 * the part's `modified:`, else its `date:`, else a fixed epoch.
 */
function modifiedDate(env: NodeJS.ProcessEnv, lastCommitted: () => Date | undefined, fm: PartFrontmatter): string {
  const epoch = sourceDateEpoch(env);
  if (epoch !== undefined) return isoSeconds(epoch);
  const committed = lastCommitted();
  if (committed) return isoSeconds(committed);
  if (fm.modified) return isoSeconds(new Date(/T|\s\d/.test(fm.modified) ? fm.modified : `${fm.modified}T00:00:00Z`));
  if (fm.date) {
    const [y, m = '01', d = '01'] = fm.date.split('-');
    return `${y}-${m}-${d}T00:00:00Z`;
  }
  return '2000-01-01T00:00:00Z';
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SOURCE_DATE_EPOCH as a date, when it is set to whole seconds. */
function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/**
 * A part's file name: `.md`, Jekyll's `.markdown` (`jekyll new`'s first post is one), Quarto's
 * `.qmd`, R Markdown's `.Rmd` (bookdown's chapters), MDX's `.mdx` (Docusaurus's pages, read as
 * the Markdown they mostly are: remark-mdx.ts) and Jupyter's `.ipynb`, in any case (`.RMD`).
 */
export const PART_FILE = /\.(?:md|mdx|markdown|qmd|rmd|ipynb)$/i;

/** A Jupyter notebook, read as Markdown (src/files/notebook.ts). */
const NOTEBOOK_FILE = /\.ipynb$/i;

/** The parts of a manuscript folder, in reading order (bookParts). */
export function partFileNames(dir: string): string[] {
  return bookParts(dir).names;
}

interface BookParts {
  /** The part files, in the order of the book's chapter list where it has one, else of their names. */
  names: string[];
  /** Whether a chapter list gave that order. */
  ordered: boolean;
  /** What is said of the chapter list, in its file. */
  notes: Array<ChapterNote & { file: string }>;
}

/**
 * Every part file (PART_FILE) of the folder but a README and a Quarto or bookdown partial
 * (`_include.qmd`), in the order its `_quarto.yml` or `_bookdown.yml` lists them
 * (src/files/book-chapters.ts), leaving out those it does not list; else in the order of
 * their names, which loadManuscript numbers them by.
 */
function bookParts(dir: string): BookParts {
  const all = readdirSync(dir).filter((name) => PART_FILE.test(name) && !/^readme\.(?:md|markdown)$/i.test(name) && !isPartial(name)).sort();
  const read = readChapterList(dir);
  if (!read.ok) return { names: all, ordered: false, notes: [{ file: read.file, ...read.note }] };
  const list = read.list;
  if (!list) return { names: all, ordered: false, notes: [] };
  const tool = list.file === '_quarto.yml' ? 'Quarto' : 'bookdown';
  const { names, notes } = chapterOrder(list, all);
  const told = notes.map((note) => ({ file: list.file, ...note }));
  if (names.length === 0) {
    told.push({ file: list.file, reason: `${list.file}'s chapter list names none of the folder's part files: the parts are in the order of their names`, line: list.line, column: list.column });
    return { names: all, ordered: false, notes: told };
  }
  const left = all.filter((name) => !names.includes(name));
  if (left.length > 0) {
    const listed = left.map((name) => `\`${name}\``).join(', ');
    told.push({ file: list.file, reason: `${listed} ${left.length > 1 ? 'are' : 'is'} not among ${list.file}'s chapters: left out of the book, as ${tool} leaves ${left.length > 1 ? 'them' : 'it'} out (list ${left.length > 1 ? 'them' : 'it'} there to print ${left.length > 1 ? 'them' : 'it'})`, line: list.line, column: list.column });
  }
  return { names, ordered: true, notes: told };
}
