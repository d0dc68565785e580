// The table of pamphlet's own stylesheets that `make` writes (lib/stylesheets.json) gives
// each sheet as css-tree's parse, rewrite and generate would, for any folder pamphlet is
// installed in, so a build can inline them without parsing CSS.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inStylesheetTable, packageStylesheets, rewriteUrls, stylesheetWithUrls } from '../src/render/stylesheet-table.js';

/** Where a sheet's url()s may be resolved: installs in awkward folders, and the preview's server path. */
const BASES = [
  `${pathToFileURL(path.join(tmpdir(), 'pamphlet', 'styles')).href}/`,
  // A space, parentheses, quotes and letters outside ASCII: css-tree must quote or escape the url().
  `${pathToFileURL("/home/Zoë O'Brien/books (2026)/node_modules/pamphlet/styles").href}/`,
  'file:///C:/Program%20Files/pamphlet/styles/themes/modern/',
  '/styles/',
  '/styles/themes/plain/',
];

describe('the package stylesheets’ table', () => {
  test('has every stylesheet of styles/ as it is now', () => {
    const sheets = packageStylesheets();
    expect(sheets.length).toBeGreaterThanOrEqual(10);
    for (const file of sheets) expect(inStylesheetTable(file), file).toBe(true);
  });

  test('gives each sheet, for each folder, the text css-tree’s rewrite gives', () => {
    let urls = 0;
    for (const file of packageStylesheets()) {
      const text = readFileSync(file, 'utf8');
      urls += (text.match(/url\(/g) ?? []).length;
      for (const base of BASES) expect(stylesheetWithUrls(file, base), `${file} at ${base}`).toBe(rewriteUrls(text, base));
    }
    // print.css's wrap mark, at least: the url() path is exercised.
    expect(urls).toBeGreaterThan(0);
    const printed = stylesheetWithUrls(path.join(path.dirname(packageStylesheets()[0]!), 'print.css'), BASES[1]!);
    expect(printed).toContain('wrap-mark.svg');
    expect(printed).toContain('books');
  });

  test('a sheet it does not have is parsed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pamphlet-sheet-'));
    const file = path.join(dir, 'print.css');
    writeFileSync(file, 'p { background: url("a b.png") } h1 { background: url(data:image/png;base64,AAAA) }');
    expect(inStylesheetTable(file)).toBe(false);
    const base = `${pathToFileURL(dir).href}/`;
    expect(stylesheetWithUrls(file, base)).toBe(rewriteUrls(readFileSync(file, 'utf8'), base));
    expect(stylesheetWithUrls(file, base)).toContain(`${pathToFileURL(dir).href}/a%20b.png`);
  });
});
