/**
 * The manuscript's own stylesheets: styles/print.css (the pamphlet and the booklet),
 * styles/handout.css (the handout, after print.css) and styles/epub.css (the EPUB and
 * the web page), each read after the theme's. Parsed with css-tree, as the page will
 * read them:
 *
 * - a syntax error is an error at `styles/print.css:line:column` (css-tree recovers from
 *   most; those it reports, and an unclosed block, which it silently closes, are errors:
 *   a browser would drop or misread the rules around them without a word);
 * - every `url()` must name a file inside the manuscript folder, by its real location
 *   (no scheme, no network, no leading `/`, no link out), and a font or an image, judged as
 *   a part's images are; `@import` and `local()` are refused (another sheet, a font of the
 *   machine that builds);
 * - the `url()`s are kept as written, with the real file each names: the print page
 *   takes them as file: URLs (its request policy allows the manuscript folder), the EPUB
 *   packages the files, the web page inlines them (src/render/epub/styles.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CssNode } from 'css-tree';
import { cssTree } from './css-tree.js';
import { LOADING_FUNCTIONS, rawLoads } from '../pipeline/css-policy.js';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { error } from '../diagnostics.js';
import { checkImageContent } from '../files/image.js';
import { realInside } from '../files/inside.js';
import { FONT_MEDIA_TYPES, fontMediaType, IMAGE_EXTENSIONS_TEXT, imageMediaType } from '../files/media-types.js';
import { assetSizeProblem, readTextInside } from '../files/read.js';
import type { StyleSheetName } from './themes.js';

export interface ManuscriptSheet {
  /** `styles/print.css`. */
  rel: string;
  /** The text as written (UTF-8 checked). */
  text: string;
  /** Each `url()` as written, with the real path it names. */
  urls: Array<{ value: string; path: string }>;
  /** SHA-256 of the files the sheet names, for the build cache. */
  digest: string;
}

export type ManuscriptSheets = Partial<Record<Exclude<StyleSheetName, 'pamphlet'>, ManuscriptSheet>>;

const NAMES = ['print', 'handout', 'epub'] as const;

/**
 * `contain` keywords the printed book cannot take: size containment lays an element out as if it
 * held nothing (`size`, `strict`; `inline-size` in a box as wide as its content, such as the title
 * page's lines, which then printed nothing), and style containment scopes CSS
 * counters to it (`style`, `content`, `strict`), so the note calls in a paragraph counted from 1
 * again while their notes did not.
 */
const PRINT_CONTAINMENT = new Set(['size', 'inline-size', 'strict', 'style', 'content']);

/** Loading functions whose arguments this check reads as URLs (`url()` is css-tree's `Url`); the others are refused. */
const URL_ARGUMENTS = new Set(['image-set', '-webkit-image-set', 'src']);

export function readManuscriptSheets(dir: string): { sheets: ManuscriptSheets; messages: VFileMessage[] } {
  const sheets: ManuscriptSheets = {};
  const messages: VFileMessage[] = [];
  for (const name of NAMES) {
    const rel = `styles/${name}.css`;
    const file = new VFile({ path: path.join(dir, rel) });
    const inside = realInside(dir, rel);
    if (!inside.ok && inside.problem === 'missing') continue;
    const read = readTextInside(dir, rel);
    if (!read.ok) {
      if (read.problem === 'missing') continue;
      const place = read.problem === 'encoding' ? { line: read.line, column: read.column } : { line: 1, column: 1 };
      messages.push(error(file, read.reason, { place, ruleId: read.problem === 'encoding' ? 'encoding' : 'outside-folder', source: 'pamphlet' }));
      continue;
    }
    file.value = read.text;
    let sheet: ManuscriptSheet | undefined;
    try {
      sheet = checkSheet(dir, rel, read.text, file, name !== 'epub');
    } catch (cause) {
      // css-tree parses and walks nested blocks by recursion: 50,000 `@media print {` inside one
      // another ended the build with "Maximum call stack size exceeded", naming no file.
      if (!(cause instanceof RangeError)) throw cause;
      error(file, 'CSS nested too deep to read (blocks inside blocks, thousands of levels): nest fewer levels', { place: { line: 1, column: 1 }, ruleId: 'stylesheet', source: 'pamphlet' });
    }
    messages.push(...file.messages);
    if (sheet) sheets[name] = sheet;
  }
  return { sheets, messages };
}

/** `printed`: a sheet the pages are laid out with (the EPUB's is read by reading systems, which show it all). */
function checkSheet(dir: string, rel: string, text: string, file: VFile, printed: boolean): ManuscriptSheet | undefined {
  const fail = (reason: string, line: number, column: number): void => {
    error(file, reason, { place: { line, column }, ruleId: 'stylesheet', source: 'pamphlet' });
  };
  const { ident, parse, walk } = cssTree();
  const ast = parse(text, {
    positions: true,
    filename: rel,
    onParseError: (problem) => {
      const at = problem as unknown as { line?: number; column?: number; message: string };
      fail(`CSS syntax error: ${at.message.replace(/^Parse error: /, '')}`, at.line ?? 1, at.column ?? 1);
    },
  });
  const unclosed = unclosedBlock(text);
  if (unclosed) fail('CSS syntax error: this `{` is never closed: the rules after it would be read as part of its block', unclosed.line, unclosed.column);

  const urls: ManuscriptSheet['urls'] = [];
  const digest = createHash('sha256');
  /** A declaration's value made of keywords that each pass `ok` (a var() may be anything). */
  const keywordsOnly = (value: CssNode, ok: (word: string) => boolean): boolean => {
    if (value.type !== 'Value') return false;
    const parts = value.children.toArray();
    return parts.length > 0 && parts.every((part) => part.type === 'Identifier' && ok(ident.decode(part.name).toLowerCase()));
  };
  walk(ast, (node: CssNode) => {
    const loc = node.loc?.start ?? { line: 1, column: 1 };
    // Names as the browser reads them, escapes decoded: `@\69mport` is `@import`, and
    // `u\72 l(…)` is `url(…)`, which css-tree takes for a function of another name (until
    // 2026-12-04 such a url() went into the EPUB unread, and a reader fetched it).
    const name = node.type === 'Atrule' || node.type === 'Function' ? ident.decode(node.name).toLowerCase() : '';
    if (node.type === 'Atrule' && name === 'import') {
      fail('`@import` is not allowed: put the rules in this file (a stylesheet may load nothing but files of the manuscript folder named with url())', loc.line, loc.column);
    }
    if (node.type === 'Function' && name === 'local') {
      fail('`local()` names a font of the machine that builds, which the PDF would embed as it finds it (or as Type 3): give the font in `fonts:` of pamphlet.yaml, or a url() to a .ttf or .woff2 file inside the manuscript folder', loc.line, loc.column);
    }
    if (node.type === 'Function' && (name !== node.name.toLowerCase() ? LOADING_FUNCTIONS.has(name) || name === 'local' : LOADING_FUNCTIONS.has(name) && name !== 'url' && !URL_ARGUMENTS.has(name))) {
      fail(name !== node.name.toLowerCase() ? `\`${node.name}()\` is \`${name}()\` written with escapes: write it plainly, so that what it loads can be checked` : `\`${name}()\` loads what no check reads: name a file with url()`, loc.line, loc.column);
    }
    if (node.type === 'Function' && URL_ARGUMENTS.has(name)) {
      // Their plain-string arguments are URLs too; a quoted one is read as a url() would be.
      walk(node, (inner: CssNode) => {
        if (inner.type === 'String') checkUrl(inner.value, inner.loc?.start ?? loc);
      });
    }
    if (node.type === 'Url') checkUrl(node.value, loc);
    if (node.type === 'Declaration' && printed) {
      const property = ident.decode(node.property).toLowerCase();
      if (property === 'content-visibility' && !keywordsOnly(node.value, (word) => word === 'visible')) {
        fail('`content-visibility` other than `visible` in a print stylesheet: Paged.js measures such an element by its placeholder size, not its text, and the PDF loses what does not fit (a `p { content-visibility: auto }` printed 2,226 of the real manuscript\'s 7,889 words): leave it out (styles/epub.css may keep it)', loc.line, loc.column);
      }
      if (property === 'contain' && !keywordsOnly(node.value, (word) => !PRINT_CONTAINMENT.has(word))) {
        fail('`contain` with `size`, `inline-size`, `style`, `content` or `strict` (or a var()) in a print stylesheet: size containment lays the element out as if it held nothing, so Paged.js cannot break its text across pages and the PDF loses or overprints it (a `p { contain: strict }` printed 756 of the real manuscript\'s 7,889 words), and style containment numbers the note calls inside it from 1 again: `layout` and `paint` are fine', loc.line, loc.column);
      }
    }
    if (node.type === 'Raw') {
      const loads = rawLoads(node.value);
      if (loads) fail(`\`${loads}\` in a custom property or a var() fallback, which is read only where it is used: write it in the property that uses it, where it is checked`, loc.line, loc.column);
    }
  });

  function checkUrl(value: string, loc: { line: number; column: number }): void {
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
      fail(`url(${value}): a stylesheet may not load from the network or another scheme; put the file in the manuscript folder and name it by its path (fonts/Face.woff2)`, loc.line, loc.column);
      return;
    }
    if (value.startsWith('/') || value.startsWith('#') || value === '') {
      fail(`url(${value}): name a file by its path relative to the manuscript folder`, loc.line, loc.column);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(value.replace(/[?#].*$/, ''));
    } catch {
      fail(`url(${value}): not a valid path`, loc.line, loc.column);
      return;
    }
    // Relative to the sheet (styles/), as CSS reads it, or else to the manuscript folder.
    const candidates = [path.posix.join('styles', decoded), decoded];
    let problem: string | undefined;
    for (const candidate of candidates) {
      const inside = realInside(dir, candidate);
      if (inside.ok) {
        const kind = fileKindProblem(inside.path, candidate);
        if (kind) {
          fail(`url(${value}): ${kind}`, loc.line, loc.column);
          return;
        }
        urls.push({ value, path: inside.path });
        digest.update(value).update(readFileSync(inside.path));
        return;
      }
      problem ??= inside.problem === 'missing' ? undefined : inside.reason;
    }
    fail(problem ? `url(${value}): ${problem}` : `url(${value}): file not found in the manuscript folder`, loc.line, loc.column);
  }

  if (file.messages.some((message) => message.fatal)) return undefined;
  return { rel, text, urls, digest: digest.digest('hex') };
}

/**
 * What a stylesheet may name: a font, or an image judged as a part's images are (an SVG by
 * the same allow-list, src/files/svg-policy.ts). Until 2026-12-02 any file passed: an SVG
 * with a script, named in styles/epub.css, went into the EPUB unread.
 */
function fileKindProblem(realPath: string, relPath: string): string | undefined {
  if (fontMediaType(relPath)) return assetSizeProblem(realPath, relPath);
  if (!imageMediaType(relPath)) return `a stylesheet may name fonts (${Object.keys(FONT_MEDIA_TYPES).join(', ')}) and images (${IMAGE_EXTENSIONS_TEXT}), not ${path.basename(relPath)}`;
  const image = checkImageContent(realPath, relPath);
  if (!image.ok) return image.reason;
  // The EPUB declares a stylesheet's files by their names (src/render/epub/styles.ts).
  return image.misnamed && `image ${relPath} holds a ${image.misnamed.holds} image, not ${image.misnamed.named}: give the file the extension of what it is`;
}

/** The `{` left open at the end of the sheet, if any (css-tree closes it without a word). */
function unclosedBlock(text: string): { line: number; column: number } | undefined {
  const open: number[] = [];
  // css-tree's tokenizer (the parser's own, strings and comments understood); @types/css-tree does not declare it.
  const { tokenize, tokenTypes } = cssTree() as unknown as CssTokenizer;
  tokenize(text, (type, start) => {
    if (type === tokenTypes.LeftCurlyBracket) open.push(start);
    else if (type === tokenTypes.RightCurlyBracket) open.pop();
  });
  const offset = open.at(-1);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The sheet with every url() replaced by what `resolve` makes of its file (a file: URL, a package href, a data: URL). */
export function sheetWithUrls(sheet: ManuscriptSheet, resolve: (real: string, value: string) => string): string {
  const { generate, parse, walk } = cssTree();
  const ast = parse(sheet.text);
  const byValue = new Map(sheet.urls.map((url) => [url.value, url.path]));
  walk(ast, (node: CssNode) => {
    if (node.type === 'Url') {
      const real = byValue.get(node.value);
      if (real) node.value = resolve(real, node.value);
    } else if (node.type === 'String') {
      const real = byValue.get(node.value);
      if (real) node.value = resolve(real, node.value);
    }
  });
  return generate(ast);
}

interface CssTokenizer {
  tokenize(source: string, onToken: (type: number, start: number, end: number) => void): void;
  tokenTypes: { LeftCurlyBracket: number; RightCurlyBracket: number };
}
