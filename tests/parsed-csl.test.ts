// The CSL styles and locales `make` parsed for citeproc-js (lib/csl-parsed.json, written by
// make-tables.ts after it formats the real manuscript's citations): a build hands citeproc-js
// the tree of a text found there instead of the text. What must hold: the table has the real
// manuscript's style and locale, each tree is what citeproc-js's own parser makes of the text,
// a text not in it goes over as it is, and citations formatted from the tree and from the text
// are the same, on the real manuscript's bibliography and on Debian styles nobody here wrote.
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadBibliography } from '../src/citations/bibliography.js';
import { formatCitations, resolveStyle, type Cluster } from '../src/citations/engine.js';
import { cslSource, PARSED_CSL } from '../src/citations/parsed-csl.js';
import { SYSTEM_CSL_ROOT } from '../src/config/load.js';

const REPO = path.resolve(import.meta.dirname, '..');
const STYLES = path.join(SYSTEM_CSL_ROOT, 'styles');
const LOCALES = path.join(SYSTEM_CSL_ROOT, 'locales');
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const CSL = createRequire(import.meta.url)('citeproc') as { parseXml(xml: string): unknown };

const table = JSON.parse(readFileSync(PARSED_CSL, 'utf8')) as Record<string, { tree: string; shape?: { kind: string; parent?: string } }>;
// The real manuscript's style, as pamphlet.yaml names it.
const realStyleName = /^citation-style:\s*(\S+)/m.exec(readFileSync(path.join(REPO, 'manuscript', 'pamphlet.yaml'), 'utf8'))?.[1] ?? 'chicago-fullnote-bibliography-with-ibid';
const realStyle = resolveStyle(realStyleName, [STYLES]);
const enUS = readFileSync(path.join(LOCALES, 'locales-en-US.xml'), 'utf8');

/** Every work of the real manuscript's bibliography cited once, some with a page, in a cluster of its own; then two works in one cluster. */
function clustersOf(ids: string[]): Cluster[] {
  const clusters: Cluster[] = ids.map((id, i) => ({ id: `c${i}`, noteIndex: i + 1, items: i % 2 ? [{ id, locator: String(10 + i), label: 'page' }] : [{ id }] }));
  if (ids.length > 1) clusters.push({ id: 'both', noteIndex: ids.length + 1, items: [{ id: ids[0]! }, { id: ids[1]! }] });
  return clusters;
}

describe('CSL parsed by make', () => {
  test("holds the real manuscript's style and the en-US locale, each as citeproc-js's own parser reads the text", () => {
    expect(Object.keys(table).sort()).toEqual([sha(realStyle.xml), sha(enUS)].sort());
    expect(JSON.parse(table[sha(realStyle.xml)]!.tree)).toEqual(CSL.parseXml(realStyle.xml.replace(/^\s+/, '')));
    expect(JSON.parse(table[sha(enUS)]!.tree)).toEqual(CSL.parseXml(enUS.replace(/^\s+/, '')));
    // The style's shape as engine.ts reads it (a note style, no parent); a locale has none.
    expect(table[sha(realStyle.xml)]!.shape).toEqual({ kind: 'note' });
    expect(table[sha(enUS)]!.shape).toBeUndefined();
  });

  test('hands citeproc-js the tree of a text it holds, and any other text as it is', () => {
    expect(cslSource(realStyle.xml)).toBe(table[sha(realStyle.xml)]!.tree);
    expect(cslSource(realStyle.xml).startsWith('{')).toBe(true);
    const other = `${realStyle.xml}\n<!-- one byte more is another text -->`;
    expect(cslSource(other)).toBe(other);
    const apa = readFileSync(path.join(STYLES, 'apa.csl'), 'utf8');
    expect(cslSource(apa)).toBe(apa);
  });

  test("a style's shape from the table is the one read from its text", () => {
    // The same style with a comment after it, in a file of its own: not in the table, so read.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-parsed-csl-'));
    try {
      writeFileSync(path.join(dir, 'copy.csl'), `${realStyle.xml}\n<!-- not in the table -->`);
      expect(resolveStyle(path.join(dir, 'copy.csl'), [dir]).kind).toBe(realStyle.kind);
      expect(realStyle.kind).toBe('note');
      // A dependent style Debian ships, read from its text, still finds its parent.
      const dependent = resolveStyle('nature-physics', [STYLES]);
      expect(dependent.kind).toBe('in-text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('citations and bibliography formatted from the tree are those formatted from the text', () => {
    const bibliography = loadBibliography(path.join(REPO, 'manuscript', 'references.bib'));
    const ids = [...bibliography.items.keys()];
    expect(ids.length).toBeGreaterThan(1);
    const clusters = clustersOf(ids);
    // The same style with a comment after it: not in the table, so citeproc-js parses the text.
    const asText = { ...realStyle, xml: `${realStyle.xml}\n<!-- not in the table -->` };
    // A map of its own each: an engine is kept per bibliography (engine.ts), and each must be made anew.
    const fromTree = formatCitations({ style: realStyle, lang: 'en-US', localeDir: LOCALES, items: new Map(bibliography.items) }, clusters, []);
    const fromText = formatCitations({ style: asText, lang: 'en-US', localeDir: LOCALES, items: new Map(bibliography.items) }, clusters, []);
    expect(fromTree.bibliography.length).toBe(ids.length);
    expect([...fromTree.clusters]).toEqual([...fromText.clusters]);
    expect(fromTree.bibliography).toEqual(fromText.bibliography);
  });
});
