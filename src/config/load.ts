/**
 * Reads and validates pamphlet.yaml once, at the edge: every later stage gets a
 * ResolvedConfig with defaults filled in and paths made absolute.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { LineCounter, parseDocument, isMap, isScalar, type Node as YamlNode, type Document } from 'yaml';
import type { PageGeometry, PageSizeName, ResolvedConfig } from './types.js';
import { ManuscriptError, error } from '../diagnostics.js';

const PAGE_SIZES: Record<PageSizeName, { width: string; height: string; margins: PageGeometry['margins'] }> = {
  A5: { width: '148mm', height: '210mm', margins: { top: '18mm', bottom: '20mm', inside: '18mm', outside: '14mm' } },
  A4: { width: '210mm', height: '297mm', margins: { top: '25mm', bottom: '28mm', inside: '28mm', outside: '22mm' } },
  letter: { width: '8.5in', height: '11in', margins: { top: '1in', bottom: '1.1in', inside: '1.1in', outside: '0.85in' } },
  'half-letter': { width: '5.5in', height: '8.5in', margins: { top: '0.7in', bottom: '0.8in', inside: '0.7in', outside: '0.55in' } },
};

const DEFAULT_STYLE_DIRS = ['/usr/share/citation-style-language/styles'];
const DEFAULT_LOCALE_DIR = '/usr/share/citation-style-language/locales';

type Kind = 'string' | 'number' | 'boolean' | 'map' | 'string[]' | 'length' | 'string|false';

/** Every key pamphlet.yaml may hold, with its type: an unknown key is an error. */
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
};
const PAGE_SCHEMA: Record<string, Kind> = { size: 'string', width: 'length', height: 'length', margins: 'map' };
const MARGIN_SCHEMA: Record<string, Kind> = { top: 'length', bottom: 'length', inside: 'length', outside: 'length' };
const PRINT_SCHEMA: Record<string, Kind> = { bleed: 'length', marks: 'boolean' };
const HANDOUT_SCHEMA: Record<string, Kind> = { size: 'string' };
const BOOKLET_SCHEMA: Record<string, Kind> = { creep: 'number' };

const LENGTH = /^\d+(\.\d+)?(mm|cm|in|pt|px|pc)$/;

export function loadConfig(dir: string): ResolvedConfig {
  const absDir = path.resolve(dir);
  const configPath = path.join(absDir, 'pamphlet.yaml');
  if (!existsSync(configPath)) {
    const file = new VFile({ path: configPath });
    throw new ManuscriptError([error(file, `no pamphlet.yaml in ${absDir}: a manuscript folder needs one (see README, “The manuscript format”)`, { ruleId: 'missing-config', source: 'pamphlet' })]);
  }
  const text = readFileSync(configPath, 'utf8');
  const file = new VFile({ path: configPath, value: text });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const place = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  for (const yamlError of doc.errors) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    error(file, `invalid YAML: ${yamlError.message.split('\n')[0]}`, { place: { line: pos.line, column: pos.col }, ruleId: 'yaml', source: 'pamphlet' });
  }
  if (file.messages.length) throw new ManuscriptError(file.messages);

  const values = validateMap(doc.contents as YamlNode, SCHEMA, '', file, place);
  const pageValues = validateNested(doc, 'page', PAGE_SCHEMA, file, place);
  const margins = validateNested(doc, 'page.margins', MARGIN_SCHEMA, file, place);
  const printValues = validateNested(doc, 'print', PRINT_SCHEMA, file, place);
  const handoutValues = validateNested(doc, 'handout', HANDOUT_SCHEMA, file, place);
  const bookletValues = validateNested(doc, 'booklet', BOOKLET_SCHEMA, file, place);

  const at = (keyPath: string) => place(doc.getIn(keyPath.split('.'), true) as YamlNode);
  const fail = (keyPath: string, reason: string) => error(file, reason, { place: at(keyPath), ruleId: 'config', source: 'pamphlet' });

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
  } else if (sizeName in PAGE_SIZES) {
    const preset = PAGE_SIZES[sizeName as PageSizeName];
    geometry = { name: sizeName as PageSizeName, width: preset.width, height: preset.height, margins: { ...preset.margins } };
  } else {
    fail('page.size', `unknown page size “${sizeName}”: use A5, A4, letter, half-letter, or custom with width and height`);
    geometry = { name: 'A5', ...PAGE_SIZES.A5, margins: { ...PAGE_SIZES.A5.margins } };
  }
  Object.assign(geometry.margins, margins);

  const questions = (values.questions as string | undefined) ?? 'everywhere';
  if (questions !== 'everywhere' && questions !== 'handout-only') fail('questions', '`questions` is `everywhere` or `handout-only`');
  const handoutSize = (handoutValues.size as string | undefined) ?? 'A4';
  if (handoutSize !== 'A4' && handoutSize !== 'letter') fail('handout.size', '`handout.size` is A4 or letter');

  const bibliography = values.bibliography as string | undefined;
  const bibPath = bibliography ? resolveInside(absDir, bibliography) : undefined;
  if (bibliography && !bibPath) fail('bibliography', `the bibliography must be inside the manuscript folder: ${bibliography}`);
  else if (bibPath && !existsSync(bibPath)) fail('bibliography', `bibliography file not found: ${bibliography}`);
  else if (bibPath && !/\.(bib|json)$/.test(bibPath)) fail('bibliography', 'the bibliography is a .bib (BibTeX/BibLaTeX) or .json (CSL-JSON) file');

  let citationStyle = (values['citation-style'] as string | undefined) ?? 'chicago-fullnote-bibliography-with-ibid';
  if (citationStyle.endsWith('.csl')) {
    const resolved = resolveInside(absDir, citationStyle);
    if (!resolved || !existsSync(resolved)) fail('citation-style', `CSL style file not found inside the manuscript folder: ${citationStyle}`);
    else citationStyle = resolved;
  }
  const styleDirs = [path.join(absDir, 'styles')];
  if (values['csl-styles']) styleDirs.push(path.resolve(absDir, values['csl-styles'] as string));
  styleDirs.push(...DEFAULT_STYLE_DIRS);

  const lang = (values.lang as string | undefined) ?? 'en';
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) fail('lang', `\`lang\` must be a BCP 47 language tag such as en or en-GB, not “${lang}”`);

  const timeout = (values.timeout as number | undefined) ?? 120_000;
  if (timeout <= 0) fail('timeout', '`timeout` is a positive number of milliseconds');

  if (file.messages.length) throw new ManuscriptError(file.messages);

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
    localeDir: values['csl-locales'] ? path.resolve(absDir, values['csl-locales'] as string) : DEFAULT_LOCALE_DIR,
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
  };
}

/** The absolute path of `rel` when it stays inside `dir`, else undefined. */
export function resolveInside(dir: string, rel: string): string | undefined {
  const abs = path.resolve(dir, rel);
  const back = path.relative(dir, abs);
  if (back.startsWith('..') || path.isAbsolute(back)) return undefined;
  return abs;
}

type Place = (node: YamlNode | null | undefined) => { line: number; column: number };

function validateNested(doc: Document, keyPath: string, schema: Record<string, Kind>, file: VFile, place: Place) {
  const node = doc.getIn(keyPath.split('.'), true) as YamlNode | undefined;
  if (node === undefined || node === null) return {};
  if (!isMap(node)) return {};
  return validateMap(node, schema, `${keyPath}.`, file, place);
}

function validateMap(node: YamlNode | null, schema: Record<string, Kind>, prefix: string, file: VFile, place: Place): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node === null || node === undefined) return out;
  if (!isMap(node)) {
    error(file, `${prefix ? `\`${prefix.slice(0, -1)}\`` : 'pamphlet.yaml'} must be a mapping of keys to values`, { place: place(node), ruleId: 'config', source: 'pamphlet' });
    return out;
  }
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const kind = schema[key];
    if (!kind) {
      error(file, `unknown key \`${prefix}${key}\` in pamphlet.yaml (known: ${Object.keys(schema).join(', ')})`, { place: place(keyNode), ruleId: 'config', source: 'pamphlet' });
      continue;
    }
    const valueNode = pair.value as YamlNode | null;
    const value = valueNode && 'toJSON' in valueNode ? (valueNode as { toJSON(): unknown }).toJSON() : (valueNode as unknown);
    const ok = checkKind(kind, value);
    if (!ok) {
      error(file, `\`${prefix}${key}\` must be ${describe(kind)}, not ${JSON.stringify(value)}`, { place: place(valueNode ?? keyNode), ruleId: 'config', source: 'pamphlet' });
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
  }
}
