/**
 * pamphlet's own stylesheets with their relative url()s made absolute, for a page that
 * carries them inline. Rewriting goes through css-tree (parse, walk, generate), and
 * parsing print.css, handout.css and house.css cost every PDF build some 70 ms of the
 * real manuscript's 1.2 s in Node. `make` does that parse once (scripts/build.mjs writes
 * lib/stylesheets.json with `writeStylesheetTable`): each sheet as css-tree generates it,
 * cut at its relative url()s. A build fills the cuts with the absolute URLs, each printed
 * by css-tree's generator as the whole sheet's generation would print it. A sheet that is
 * not in the table, or whose text is not the text measured, is parsed as before.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { url } from 'css-tree/utils';
import { cssTree } from '../style/css-tree.js';
import { packagePath, PACKAGE_ROOT } from '../package-root.js';
import { libTable } from './lib-table.js';

/** lib/stylesheets.json: each sheet (relative to pamphlet's folder) as text cut at its relative url()s. */
interface SheetTable {
  sheets: Record<string, { sha256: string; parts: string[]; urls: string[] }>;
}

export const STYLESHEET_TABLE = packagePath('lib', 'stylesheets.json');

/** Stands in for each relative url() while the sheet is generated for the table. */
const SLOT = 'pamphlet-url-slot';

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');
const isRelative = (value: string): boolean => !/^[a-z][a-z0-9+.-]*:/i.test(value);

/** `value` made absolute: against a file: URL, or against a server path (the preview's, "/styles/"). */
function absoluteUrl(value: string, base: string): string {
  return base.startsWith('/') ? new URL(value, `http://preview${base}`).pathname : new URL(value, base).href;
}

/**
 * A url() as css-tree's generator prints it: its Url node is generated as this encoding of
 * its value, which css-tree's light `utils` entry gives without loading the whole parser.
 */
const printedUrl = (value: string): string => url.encode(value);

/** The sheet parsed, each relative url() given `replace`'s value, and generated again. */
function withRelativeUrls(text: string, replace: (value: string) => string): string {
  const { generate, parse, walk } = cssTree();
  const ast = parse(text);
  walk(ast, (node) => {
    if (node.type === 'Url' && isRelative(node.value)) node.value = replace(node.value);
  });
  return generate(ast);
}

/** The sheet's text with its relative url()s made absolute against `base`, through css-tree. */
export function rewriteUrls(text: string, base: string): string {
  return withRelativeUrls(text, (value) => absoluteUrl(value, base));
}

/** Without the table (lib/ not built yet) every sheet is parsed. */
const readTable = libTable<SheetTable>(STYLESHEET_TABLE);

/** The table's entry for `file` if it was made from `text`, the file as it is now. */
function entryFor(file: string, text: string): SheetTable['sheets'][string] | undefined {
  const entry = readTable()?.sheets[path.relative(PACKAGE_ROOT, file)];
  return entry?.sha256 === hash(text) ? entry : undefined;
}

/** Whether the table has `file` as it is now: a build then rewrites it without parsing. */
export function inStylesheetTable(file: string): boolean {
  return entryFor(file, readFileSync(file, 'utf8')) !== undefined;
}

/** The stylesheet at `file` with its relative url()s made absolute against `base`. */
export function stylesheetWithUrls(file: string, base: string): string {
  const text = readFileSync(file, 'utf8');
  const entry = entryFor(file, text);
  if (!entry) return rewriteUrls(text, base);
  let out = entry.parts[0] ?? '';
  entry.urls.forEach((value, i) => {
    out += printedUrl(absoluteUrl(value, base)) + (entry.parts[i + 1] ?? '');
  });
  return out;
}

/** Every .css file under styles/, absolute paths. */
export function packageStylesheets(): string[] {
  const root = packagePath('styles');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.css'))
    .sort()
    .map((name) => path.join(root, name));
}

/** Parses every package stylesheet and writes lib/stylesheets.json (run by `make`). */
export function writeStylesheetTable(): void {
  const sheets: SheetTable['sheets'] = {};
  for (const file of packageStylesheets()) {
    const text = readFileSync(file, 'utf8');
    const urls: string[] = [];
    const parts = withRelativeUrls(text, (value) => {
      urls.push(value);
      return SLOT;
    }).split(printedUrl(SLOT));
    // A sheet that somehow printed the stand-in elsewhere is left to the parse.
    if (parts.length !== urls.length + 1) continue;
    sheets[path.relative(PACKAGE_ROOT, file)] = { sha256: hash(text), parts, urls };
  }
  writeFileSync(STYLESHEET_TABLE, JSON.stringify({ sheets } satisfies SheetTable));
}
