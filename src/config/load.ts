/**
 * Reads and validates pamphlet.yaml once, at the edge: every later stage gets a
 * ResolvedConfig with defaults filled in and paths made absolute.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { isMap, isScalar, type Node as YamlNode, type Document } from 'yaml';
import type { ConfigPlace, PageGeometry, PageSizeName, ResolvedConfig } from './types.js';
import { ManuscriptError, error } from '../diagnostics.js';
import { realInside, spelledInside } from '../files/inside.js';
import { readTextInside } from '../files/read.js';
import { isWebUrl } from '../pipeline/url-policy.js';
import { readYaml, resolved } from './yaml.js';
import { CLASSIC_FONTS } from '../render/fonts.js';
import { resolveFont } from '../style/font-files.js';
import { readCover, readImprint } from '../style/imprint.js';
import { readManuscriptSheets } from '../style/manuscript-css.js';
import { declaredMargins, marginLength, MARGIN_SIDES } from '../style/margins.js';
import { isTheme, THEME_FONTS, THEMES, themeSheetText, type Theme } from '../style/themes.js';

const PAGE_SIZES: Record<PageSizeName, { width: string; height: string; margins: PageGeometry['margins'] }> = {
  A5: { width: '148mm', height: '210mm', margins: { top: '18mm', bottom: '20mm', inside: '18mm', outside: '14mm' } },
  A4: { width: '210mm', height: '297mm', margins: { top: '25mm', bottom: '28mm', inside: '28mm', outside: '22mm' } },
  letter: { width: '8.5in', height: '11in', margins: { top: '1in', bottom: '1.1in', inside: '1.1in', outside: '0.85in' } },
  'half-letter': { width: '5.5in', height: '8.5in', margins: { top: '0.7in', bottom: '0.8in', inside: '0.7in', outside: '0.55in' } },
  // The book trade's sizes: margins in A5's proportions (src/style/margins.ts, CLASSIC_PROPORTIONS).
  B5: { width: '176mm', height: '250mm', margins: proportional(176, 250) },
  royal: { width: '156mm', height: '234mm', margins: proportional(156, 234) },
  demy: { width: '138mm', height: '216mm', margins: proportional(138, 216) },
  pocket: { width: '110mm', height: '178mm', margins: proportional(110, 178) },
};

/** A page's margins in the classic (A5) proportions: 18/210 top, 20/210 bottom, 18/148 inside, 14/148 outside. */
function proportional(width: number, height: number): PageGeometry['margins'] {
  const mm = (value: number): string => `${Math.round(value * 10) / 10}mm`;
  return { top: mm((height * 18) / 210), bottom: mm((height * 20) / 210), inside: mm((width * 18) / 148), outside: mm((width * 14) / 148) };
}

/** Debian's CSL styles and locales: the one place outside the manuscript a CSL file may come from. */
export const SYSTEM_CSL_ROOT = '/usr/share/citation-style-language';
const DEFAULT_STYLE_DIRS = [`${SYSTEM_CSL_ROOT}/styles`];
const DEFAULT_LOCALE_DIR = `${SYSTEM_CSL_ROOT}/locales`;

/** A CSL style id is a file name without `.csl`: never a path, so it cannot lead out of the folders searched. */
export const STYLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Kind = 'string' | 'number' | 'boolean' | 'map' | 'string[]' | 'length' | 'string|false' | 'string|map' | 'string|string[]' | 'string|number';

/** Every key pamphlet.yaml may hold, with its type: an unknown key is an error. */
/** Every key pamphlet.yaml may hold (init's template explains each). */
export const CONFIG_KEYS = (): string[] => Object.keys(SCHEMA);
const SCHEMA: Record<string, Kind> = {
  series: 'string',
  subtitle: 'string',
  author: 'string',
  authors: 'string[]',
  publisher: 'string',
  lang: 'string',
  bibliography: 'string',
  'citation-style': 'string',
  'csl-styles': 'string',
  'csl-locales': 'string',
  page: 'map',
  'base-url': 'string',
  questions: 'string',
  'bibliography-title': 'string',
  'questions-title': 'string',
  'paragraph-numbers': 'boolean',
  smart: 'boolean',
  print: 'map',
  handout: 'map',
  booklet: 'map',
  timeout: 'number',
  browser: 'string',
  'cache-dir': 'string',
  theme: 'string',
  fonts: 'map',
  epub: 'map',
  rights: 'string',
  isbn: 'string|map',
  edition: 'string|number',
  'publisher-address': 'string',
  printer: 'string',
  description: 'string',
  subjects: 'string|string[]',
  source: 'string',
  cover: 'string',
};
const FONTS_SCHEMA: Record<string, Kind> = { text: 'string', headings: 'string', mono: 'string' };
const EPUB_SCHEMA: Record<string, Kind> = { 'embed-fonts': 'boolean' };
const PAGE_SCHEMA: Record<string, Kind> = { size: 'string', width: 'length', height: 'length', margins: 'map' };
const MARGIN_SCHEMA: Record<string, Kind> = { top: 'length', bottom: 'length', inside: 'length', outside: 'length' };
const PRINT_SCHEMA: Record<string, Kind> = { bleed: 'length', marks: 'boolean' };
const HANDOUT_SCHEMA: Record<string, Kind> = { size: 'string' };
const BOOKLET_SCHEMA: Record<string, Kind> = { creep: 'number' };

const LENGTH = /^(\d+(?:\.\d+)?)(mm|cm|in|pt|px|pc)$/;
const MM_PER_UNIT: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, pc: 25.4 / 6, px: 25.4 / 96 };

/**
 * Sane ranges for every number, so that no value can make a stage loop, overflow a
 * timer (Node's setTimeout holds at most 2^31 − 1 ms) or lay out an impossible page.
 */
const NUMBER_RANGES: Record<string, { min: number; max: number; unit: string; integer?: boolean }> = {
  timeout: { min: 1000, max: 3_600_000, unit: 'milliseconds (1 s to 1 h)', integer: true },
  'booklet.creep': { min: 0, max: 10, unit: 'points' },
};
/** In millimetres. */
const LENGTH_RANGES: Record<string, { min: number; max: number }> = {
  'page.width': { min: 50, max: 600 },
  'page.height': { min: 50, max: 600 },
  'page.margins.top': { min: 0, max: 80 },
  'page.margins.bottom': { min: 0, max: 80 },
  'page.margins.inside': { min: 0, max: 80 },
  'page.margins.outside': { min: 0, max: 80 },
  'print.bleed': { min: 0, max: 10 },
};
/** The text block a page must keep inside its margins, in mm. */
const MIN_TEXT_BLOCK = 40;

export function loadConfig(dir: string): ResolvedConfig {
  const absDir = path.resolve(dir);
  const configPath = path.join(absDir, 'pamphlet.yaml');
  const read = readTextInside(absDir, 'pamphlet.yaml');
  if (!read.ok) {
    const file = new VFile({ path: configPath });
    if (read.problem === 'missing') {
      throw new ManuscriptError([error(file, `no pamphlet.yaml in ${absDir}: a manuscript folder needs one (see README, “The manuscript format”)`, { ruleId: 'missing-config', source: 'pamphlet' })]);
    }
    const place = read.problem === 'encoding' ? { line: read.line, column: read.column } : { line: 1, column: 1 };
    throw new ManuscriptError([error(file, read.reason, { place, ruleId: read.problem === 'encoding' ? 'encoding' : 'outside-folder', source: 'pamphlet' })]);
  }
  const text = read.text;
  const file = new VFile({ path: configPath, value: text });
  const { doc, lineCounter, data, problems } = readYaml(text);
  const place = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  for (const problem of problems) {
    error(file, `invalid YAML: ${problem.reason}`, { place: { line: problem.line, column: problem.column }, ruleId: 'yaml', source: 'pamphlet' });
  }
  if (file.messages.length) throw new ManuscriptError(file.messages);

  const context: Context = { doc, file, place };
  const values = validateMap(doc.contents as YamlNode, data, SCHEMA, '', context);
  const pageValues = validateNested('page', PAGE_SCHEMA, data, context);
  const margins = validateNested('page.margins', MARGIN_SCHEMA, data, context);
  const printValues = validateNested('print', PRINT_SCHEMA, data, context);
  const handoutValues = validateNested('handout', HANDOUT_SCHEMA, data, context);
  const bookletValues = validateNested('booklet', BOOKLET_SCHEMA, data, context);
  const fontValues = validateNested('fonts', FONTS_SCHEMA, data, context);
  const epubValues = validateNested('epub', EPUB_SCHEMA, data, context);

  const at = (keyPath: string) => place(nodeAt(doc, keyPath));
  const fail = (keyPath: string, reason: string, ruleId = 'config') => error(file, reason, { place: at(keyPath), ruleId, source: 'pamphlet' });

  if (typeof values.series !== 'string' || !values.series.trim()) fail('series', '`series` is required: the series title');
  if (values.author !== undefined && values.authors !== undefined) fail('authors', 'give `author` or `authors`, not both');

  let geometry: PageGeometry;
  const sizeName = (pageValues.size as string | undefined) ?? (pageValues.width ? 'custom' : 'A5');
  if (sizeName === 'custom') {
    if (!pageValues.width || !pageValues.height) fail('page', 'a custom page needs `width` and `height`');
    geometry = {
      name: 'custom',
      width: String(pageValues.width ?? '148mm'),
      height: String(pageValues.height ?? '210mm'),
      margins: { ...PAGE_SIZES.A5.margins },
    };
  } else if (sizeName in PAGE_SIZES && Object.hasOwn(PAGE_SIZES, sizeName)) {
    const preset = PAGE_SIZES[sizeName as PageSizeName];
    geometry = { name: sizeName as PageSizeName, width: preset.width, height: preset.height, margins: { ...preset.margins } };
  } else {
    fail('page.size', `unknown page size “${sizeName}”: use A5, A4, letter, half-letter, B5, royal, demy, pocket, or width and height`);
    geometry = { name: 'A5', ...PAGE_SIZES.A5, margins: { ...PAGE_SIZES.A5.margins } };
  }
  // The theme's proportions and the manuscript's --margin-* come between the size's margins and pamphlet.yaml's.
  const theme = (values.theme as string | undefined) ?? 'classic';
  if (!isTheme(theme)) fail('theme', `unknown theme “${theme}”: use ${THEMES.join(', ')}`);
  const { sheets, messages: sheetMessages } = readManuscriptSheets(absDir);
  const themeName: Theme = isTheme(theme) ? theme : 'classic';
  const mm = (length: string) => lengthInMm(length) ?? 0;
  const declared = declaredMargins([themeSheetText(themeName, 'print'), sheets.print?.text ?? '']);
  for (const side of MARGIN_SIDES) {
    const value = declared[side];
    if (value) geometry.margins[side] = marginLength(side, value, { width: mm(geometry.width), height: mm(geometry.height) });
  }
  Object.assign(geometry.margins, margins);
  if (mm(geometry.width) - mm(geometry.margins.inside) - mm(geometry.margins.outside) < MIN_TEXT_BLOCK) {
    fail(margins.inside !== undefined || margins.outside !== undefined ? 'page.margins' : 'page', `the margins leave less than ${MIN_TEXT_BLOCK} mm of the page's width for the text`);
  } else if (mm(geometry.height) - mm(geometry.margins.top) - mm(geometry.margins.bottom) < MIN_TEXT_BLOCK) {
    fail(margins.top !== undefined || margins.bottom !== undefined ? 'page.margins' : 'page', `the margins leave less than ${MIN_TEXT_BLOCK} mm of the page's height for the text`);
  }

  const questions = (values.questions as string | undefined) ?? 'everywhere';
  if (questions !== 'everywhere' && questions !== 'handout-only') fail('questions', '`questions` is `everywhere` or `handout-only`');
  const handoutSize = (handoutValues.size as string | undefined) ?? 'A4';
  if (handoutSize !== 'A4' && handoutSize !== 'letter') fail('handout.size', '`handout.size` is A4 or letter');

  const bibliography = values.bibliography as string | undefined;
  let bibPath: string | undefined;
  if (bibliography) {
    const inside = realInside(absDir, bibliography);
    if (!inside.ok) {
      fail('bibliography', inside.problem === 'missing' ? `bibliography file not found: ${bibliography}` : `the bibliography must be a file inside the manuscript folder: ${inside.reason}`, 'outside-folder');
    } else if (!/\.(bib|json)$/.test(bibliography)) {
      fail('bibliography', 'the bibliography is a .bib (BibTeX/BibLaTeX) or .json (CSL-JSON) file');
    } else bibPath = path.resolve(absDir, bibliography);
  }

  let citationStyle = (values['citation-style'] as string | undefined) ?? 'chicago-fullnote-bibliography-with-ibid';
  if (citationStyle.endsWith('.csl')) {
    const inside = realInside(absDir, citationStyle);
    if (!inside.ok) fail('citation-style', inside.problem === 'missing' ? `CSL style file not found inside the manuscript folder: ${citationStyle}` : `a CSL style file must be inside the manuscript folder: ${inside.reason}`, 'csl-style');
    else citationStyle = inside.path;
  } else if (!STYLE_ID.test(citationStyle) || citationStyle.includes('..')) {
    fail('citation-style', `\`citation-style\` is a CSL style id such as apa or chicago-author-date (letters, digits, '.', '-', '_'; no path), or the path of a .csl file inside the manuscript folder, not “${citationStyle}”`, 'csl-style');
  }
  // CSL folders are the manuscript's own or Debian's; each is judged by its real location.
  const cslFolder = (key: 'csl-styles' | 'csl-locales', value: string): string | undefined => {
    const abs = path.resolve(absDir, value);
    const [root, rootName] = spelledInside(SYSTEM_CSL_ROOT, abs) ? [SYSTEM_CSL_ROOT, SYSTEM_CSL_ROOT] : [absDir, 'the manuscript folder'];
    const inside = realInside(root, abs, { kind: 'folder', rootName });
    if (inside.ok) return abs;
    fail(key, inside.problem === 'outside'
      ? `\`${key}\` must be a folder inside the manuscript folder or ${SYSTEM_CSL_ROOT}, not ${value}`
      : `\`${key}\`: ${inside.reason}`, 'outside-folder');
    return undefined;
  };
  const styleDirs = [path.join(absDir, 'styles')];
  const ownStyles = realInside(absDir, 'styles', { kind: 'folder' });
  if (!ownStyles.ok && ownStyles.problem === 'link-outside') fail('citation-style', `CSL styles are looked up in styles/, but ${ownStyles.reason}`, 'outside-folder');
  if (values['csl-styles']) {
    const extra = cslFolder('csl-styles', values['csl-styles'] as string);
    if (extra) styleDirs.push(extra);
  }
  styleDirs.push(...DEFAULT_STYLE_DIRS);
  const localeDir = values['csl-locales'] ? cslFolder('csl-locales', values['csl-locales'] as string) ?? DEFAULT_LOCALE_DIR : DEFAULT_LOCALE_DIR;

  const lang = (values.lang as string | undefined) ?? 'en';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,6}$/.test(lang)) fail('lang', `\`lang\` must be a BCP 47 language tag such as en or en-GB, not “${lang}”`);

  // Where the parts are published: a web address by the same policy as a link's (a `file:`
  // base, or one with a password, went into every Next link until 2026-12-04; one the URL
  // parser refused was an error with no place, "Invalid URL").
  if (values['base-url'] !== undefined && !isWebUrl(values['base-url'] as string)) {
    fail('base-url', '`base-url` must be an http or https address without a password (where the parts are published), such as https://example.org/pamphlets/');
  }
  const timeout = (values.timeout as number | undefined) ?? 120_000;
  if (values.browser !== undefined) {
    const reason = browserProblem(absDir, values.browser as string);
    if (reason) fail('browser', reason);
  }
  const cacheDir = values['cache-dir'] === undefined ? undefined : cacheFolder(absDir, values['cache-dir'] as string, (reason) => fail('cache-dir', reason, 'outside-folder'));

  const fonts = { ...CLASSIC_FONTS };
  for (const role of ['text', 'headings', 'mono'] as const) {
    const value = (fontValues[role] as string | undefined) ?? THEME_FONTS[themeName][role];
    const resolvedFont = resolveFont(absDir, role, value);
    if (resolvedFont.ok) fonts[role] = resolvedFont.choice;
    else fail(fontValues[role] !== undefined ? `fonts.${role}` : 'theme', resolvedFont.reason, 'font');
  }
  // Headings follow the text face when only `fonts.text` is given in a theme whose headings share the text's face.
  if (fontValues.text !== undefined && fontValues.headings === undefined && THEME_FONTS[themeName].headings === THEME_FONTS[themeName].text) fonts.headings = fonts.text;

  const imprintFail = (key: string, reason: string, ruleId = 'config') => fail(key, reason, ruleId);
  const imprint = readImprint(values, imprintFail);
  const cover = readCover(absDir, values.cover, imprintFail);

  if (file.messages.length || sheetMessages.length) throw new ManuscriptError([...file.messages, ...sheetMessages]);

  const authors = values.authors
    ? (values.authors as string[])
    : values.author
      ? [values.author as string]
      : [];
  return {
    dir: absDir,
    configPath,
    series: (values.series as string).trim(),
    subtitle: values.subtitle as string | undefined,
    authors,
    publisher: values.publisher as string | undefined,
    lang,
    bibliography: bibPath,
    citationStyle,
    styleDirs,
    localeDir,
    page: geometry,
    baseUrl: values['base-url'] as string | undefined,
    questions: questions as ResolvedConfig['questions'],
    bibliographyTitle: values['bibliography-title'] as string | undefined,
    questionsTitle: values['questions-title'] as string | undefined,
    paragraphNumbers: (values['paragraph-numbers'] as boolean | undefined) ?? false,
    smart: (values.smart as boolean | undefined) ?? true,
    print: { bleed: (printValues.bleed as string | undefined) ?? '0mm', marks: (printValues.marks as boolean | undefined) ?? false },
    handout: { size: handoutSize as 'A4' | 'letter' },
    booklet: { creep: (bookletValues.creep as number | undefined) ?? 0 },
    timeout,
    browser: values.browser as string | undefined,
    ...(cacheDir ? { cacheDir } : {}),
    theme: themeName,
    fonts,
    epub: { embedFonts: (epubValues['embed-fonts'] as boolean | undefined) ?? false },
    imprint,
    ...(cover ? { cover } : {}),
    styles: sheets,
    places: placesOf(doc, place),
  };
}

/**
 * `cache-dir`: a folder inside the manuscript folder (by its real location, as every
 * path pamphlet.yaml names), which need not exist yet: a manuscript never makes
 * pamphlet write elsewhere.
 */
/**
 * Why `browser:` cannot name this program, or undefined. pamphlet.yaml comes with the
 * manuscript, from whoever wrote it, and `browser:` names a program the build runs: a script
 * shipped in the folder (`browser: ./evil.sh`, executable in the zip or the clone) ran with the
 * publisher's rights before Chromium's launch failed. So the program must be named by an
 * absolute path, be a Chrome or Chromium by its name, and really (links followed) lie outside
 * the manuscript folder; anything else belongs in PUPPETEER_EXECUTABLE_PATH, which the machine's
 * owner sets.
 */
function browserProblem(absDir: string, value: string): string | undefined {
  const hint = 'name the machine’s Chromium by an absolute path, or set PUPPETEER_EXECUTABLE_PATH instead';
  if (!path.isAbsolute(value)) return `\`browser:\` must be an absolute path (${value} would be found from wherever the build is run); ${hint}`;
  if (!/chrom/i.test(path.basename(value))) return `\`browser:\` must name a Chrome or Chromium (its file name says so), not ${path.basename(value)}: pamphlet.yaml comes with the manuscript and must not choose a program to run; ${hint}`;
  let real = value;
  try {
    real = realpathSync(value);
  } catch {
    // A missing file is findChromium's error, where the browser is needed.
  }
  const root = (() => {
    try {
      return realpathSync(absDir);
    } catch {
      return absDir;
    }
  })();
  if (spelledInside(absDir, value) || spelledInside(root, real)) return `\`browser:\` must not name a program inside the manuscript folder (${value}): the manuscript would choose what the build runs; ${hint}`;
  return undefined;
}

function cacheFolder(absDir: string, value: string, fail: (reason: string) => void): string | undefined {
  const abs = path.resolve(absDir, value);
  if (!spelledInside(absDir, abs) || abs === absDir) {
    fail(`\`cache-dir\` must be a folder inside the manuscript folder, not ${value}`);
    return undefined;
  }
  // The nearest part of the path that exists must really be inside (a link out is refused).
  let existing = abs;
  while (existing !== absDir && !existsSync(existing)) existing = path.dirname(existing);
  const inside = realInside(absDir, existing, { kind: 'folder' });
  if (!inside.ok) {
    fail(`\`cache-dir\`: ${inside.reason}`);
    return undefined;
  }
  return abs;
}

/** Where each top-level key is, for errors found by later stages (a CSL style that is not XML). */
function placesOf(doc: Document, place: Place): Record<string, ConfigPlace> {
  const places: Record<string, ConfigPlace> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key)) places[String(pair.key.value)] = place((pair.value as YamlNode | null) ?? (pair.key as YamlNode));
    }
  }
  return places;
}

/** A length in millimetres, or undefined when it is not one. */
export function lengthInMm(length: string | number): number | undefined {
  if (typeof length === 'number') return length;
  if (length === '0') return 0;
  const match = LENGTH.exec(length);
  return match ? Number(match[1]) * (MM_PER_UNIT[match[2] as string] as number) : undefined;
}

type Place = (node: YamlNode | null | undefined) => { line: number; column: number };

interface Context {
  doc: Document;
  file: VFile;
  place: Place;
}

/** The node at `a.b.c`, through aliases, for positions; undefined when absent. */
function nodeAt(doc: Document, keyPath: string): YamlNode | undefined {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let last: YamlNode | undefined;
  for (const key of keyPath.split('.')) {
    const map = resolved(node, doc);
    if (!map || !isMap(map)) return last;
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!pair) return last;
    last = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    node = pair.value as YamlNode | null;
  }
  return last;
}

function valueAt(data: unknown, keyPath: string): unknown {
  let value = data;
  for (const key of keyPath.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function validateNested(keyPath: string, schema: Record<string, Kind>, data: unknown, context: Context) {
  // Absent (nodeAt would give the nearest parent) or of the wrong type (reported by the parent's check).
  if (valueAt(data, keyPath) === undefined) return {};
  const node = resolved(nodeAt(context.doc, keyPath), context.doc);
  if (node === undefined || node === null || !isMap(node)) return {};
  return validateMap(node, valueAt(data, keyPath), schema, `${keyPath}.`, context);
}

/** Checks the keys of a mapping (by its nodes, for positions) and their values (as YAML resolved them). */
function validateMap(node: YamlNode | null, data: unknown, schema: Record<string, Kind>, prefix: string, context: Context): Record<string, unknown> {
  const { doc, file, place } = context;
  const out: Record<string, unknown> = {};
  if (node === null || node === undefined) return out;
  const map = resolved(node, doc);
  if (!map || !isMap(map) || typeof data !== 'object' || data === null || Array.isArray(data)) {
    error(file, `${prefix ? `\`${prefix.slice(0, -1)}\`` : 'pamphlet.yaml'} must be a mapping of keys to values`, { place: place(node), ruleId: 'config', source: 'pamphlet' });
    return out;
  }
  const values = data as Record<string, unknown>;
  for (const pair of map.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const kind = schema[key];
    if (!kind) {
      error(file, `unknown key \`${prefix}${key}\` in pamphlet.yaml (known: ${Object.keys(schema).join(', ')})`, { place: place(keyNode), ruleId: 'config', source: 'pamphlet' });
      continue;
    }
    const valueNode = pair.value as YamlNode | null;
    const value = values[key];
    const fullKey = `${prefix}${key}`;
    const at = { place: place(valueNode ?? keyNode), ruleId: 'config', source: 'pamphlet' };
    if (!checkKind(kind, value)) {
      error(file, `\`${fullKey}\` must be ${describe(kind)}, not ${JSON.stringify(value)}`, at);
      continue;
    }
    const range = kind === 'number' ? NUMBER_RANGES[fullKey] : undefined;
    if (range && (value as number < range.min || value as number > range.max || (range.integer && !Number.isInteger(value)))) {
      error(file, `\`${fullKey}\` must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max} ${range.unit}, not ${JSON.stringify(value)}`, at);
      continue;
    }
    const lengthRange = kind === 'length' ? LENGTH_RANGES[fullKey] : undefined;
    const millimetres = kind === 'length' ? lengthInMm(value as string | number) : undefined;
    if (lengthRange && millimetres !== undefined && (millimetres < lengthRange.min || millimetres > lengthRange.max)) {
      error(file, `\`${fullKey}\` must be from ${lengthRange.min} mm to ${lengthRange.max} mm, not ${JSON.stringify(value)}`, at);
      continue;
    }
    out[key] = kind === 'length' && typeof value === 'number' ? `${value}mm` : value;
  }
  return out;
}

function checkKind(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'map': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'length': return (typeof value === 'string' && (LENGTH.test(value) || value === '0')) || (typeof value === 'number' && value >= 0);
    case 'string|false': return typeof value === 'string' || value === false;
    case 'string|map': return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
    case 'string|string[]': return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    case 'string|number': return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  }
}

function describe(kind: Kind): string {
  switch (kind) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'map': return 'a mapping';
    case 'string[]': return 'a list of strings';
    case 'length': return 'a length such as 3mm, 0.5in or 12pt';
    case 'string|false': return 'a string or false';
    case 'string|map': return 'a string or a mapping';
    case 'string|string[]': return 'a string or a list of strings';
    case 'string|number': return 'a string or a number';
  }
}
