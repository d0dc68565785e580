/**
 * citeproc-js compiled from the V8 code cache `make` writes (src/code-cache.ts): a cited
 * build really uses it, and a cache that does not belong to the source it is offered with
 * is never run, only ignored.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type CSL from 'citeproc';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { requireWithCodeCache, writeCodeCache } from '../src/code-cache.js';
import { loadBibliography } from '../src/citations/bibliography.js';

const REPO = path.resolve(import.meta.dirname, '..');
const CITEPROC = createRequire(import.meta.url).resolve('citeproc');
const STYLES = '/usr/share/citation-style-language/styles';
const LOCALES = '/usr/share/citation-style-language/locales';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-code-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of citeproc-js's file at `name`, with `edit` applied to its text. */
function copyOfCiteproc(name: string, edit: (source: string) => string = (source) => source): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'citeproc.js');
  writeFileSync(file, edit(readFileSync(CITEPROC, 'utf8')));
  return file;
}

/** The real manuscript's citations of its own BibTeX file, in Chicago's note style, as HTML. */
function formatWith(citeproc: typeof CSL): string[] {
  const items = loadBibliography(path.join(REPO, 'manuscript', 'references.bib')).items;
  const style = readFileSync(path.join(STYLES, 'chicago-fullnote-bibliography-with-ibid.csl'), 'utf8');
  const engine = new citeproc.Engine({ retrieveLocale: (lang: string) => readFileSync(path.join(LOCALES, `locales-${lang}.xml`), 'utf8'), retrieveItem: (id: string) => items.get(id) }, style, 'en-US');
  const ids = [...items.keys()];
  const citations = ids.map((id, index) => ({ citationID: `c${index}`, citationItems: [{ id }], properties: { noteIndex: index + 1 } }));
  const clusters = engine.rebuildProcessorState(citations, 'html', []).map(([, , html]) => html);
  const bibliography = engine.makeBibliography();
  return [...clusters, ...(bibliography ? bibliography[1] : [])];
}

/** A copy of citeproc-js compiled with no cache, what it formats, and the code cache written after. */
function cacheMadeFrom(name: string): { file: string; cache: string; formatted: string[] } {
  const file = copyOfCiteproc(name);
  const cache = path.join(scratch, `${name}.code-cache`);
  const fresh = requireWithCodeCache(file, file, cache);
  expect(fresh.use).toBe('absent');
  const formatted = formatWith(fresh.exports as typeof CSL);
  writeCodeCache(file, file, cache);
  return { file, cache, formatted };
}

describe("citeproc-js's code cache", () => {
  test('make wrote it, and a cited build compiles citeproc-js from it', () => {
    const out = mkdtempSync(path.join(scratch, 'out-'));
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'pamphlet.js'), 'build', 'manuscript', '--format', 'html', '--no-cache', '--quiet', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PAMPHLET_TRACE: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('citeproc-js loaded (its code cache: used)');
    // What the bench reports as citeproc-js's work (scripts/bench.mjs): the works it names are the page's bibliography.
    const counted = /citations formatted \(citeproc-js\): (\d+) citations, (\d+) works listed \(\d+ ms\)/.exec(result.stderr);
    expect(counted).not.toBeNull();
    const page = fromHtml(readFileSync(path.join(out, 'celebrating-red-october-1.html'), 'utf8'));
    let entries = 0;
    visit(page, 'element', (node: Element) => {
      if (Array.isArray(node.properties.className) && node.properties.className.includes('csl-entry')) entries += 1;
    });
    expect(entries).toBeGreaterThan(0);
    expect(Number(counted?.[2])).toBe(entries);
    expect(Number(counted?.[1])).toBeGreaterThan(0);
  });

  test('a cache made from the same text is used, and formats what a fresh compile formats', () => {
    const { cache, formatted } = cacheMadeFrom('first');
    expect(formatted.join('\n')).toContain('<i>');
    const second = copyOfCiteproc('second');
    const cached = requireWithCodeCache(second, second, cache);
    expect(cached.use).toBe('used');
    expect(formatWith(cached.exports as typeof CSL)).toEqual(formatted);
  });

  test('a cache made from other text of the same length is not run: V8 checks only the length', () => {
    const { file, cache, formatted } = cacheMadeFrom('made-from');
    // One digit of the version it reports changed, as another release of the package would.
    const edited = copyOfCiteproc('edited', (source) => {
      const at = source.indexOf('PROCESSOR_VERSION: "');
      expect(at).toBeGreaterThan(0);
      const digit = at + 'PROCESSOR_VERSION: "'.length;
      return source.slice(0, digit) + (source[digit] === '9' ? '8' : '9') + source.slice(digit + 1);
    });
    const loaded = requireWithCodeCache(edited, edited, cache);
    expect(loaded.use).toBe('other source');
    const version = (loaded: { exports: unknown }) => (loaded.exports as { PROCESSOR_VERSION: string }).PROCESSOR_VERSION;
    expect(version(loaded)).not.toBe(version(requireWithCodeCache(file, file, cache)));
    expect(formatWith(loaded.exports as typeof CSL)).toEqual(formatted);
  });

  test('a damaged cache is refused by V8, and the package is compiled as require would', () => {
    const { cache, formatted } = cacheMadeFrom('to-damage');
    const bytes = readFileSync(cache);
    // The source's hash kept, V8's header overwritten.
    bytes.fill(0x5a, 32, 96);
    const damaged = path.join(scratch, 'damaged.code-cache');
    writeFileSync(damaged, bytes);
    const copy = copyOfCiteproc('damaged');
    const loaded = requireWithCodeCache(copy, copy, damaged);
    expect(loaded.use).toBe('refused by V8');
    expect(formatWith(loaded.exports as typeof CSL)).toEqual(formatted);
  });
});
