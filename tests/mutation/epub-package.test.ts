// The EPUB's package (src/render/epub/index.ts), in process, written out: the manuscript's
// own cover (a real JPEG, from the house-imprint fixture) in place of the generated one;
// the monospaced face embedded only when the text has code; the print edition the page
// breaks come from, named by its page size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LaidOutPage } from '../../src/browser/print-pages.js';
import { epubOf, load, part } from './helpers.js';

const JPEG = readFileSync(path.resolve(import.meta.dirname, '../fixtures/house-imprint/images/cover.jpg'));
const ONE_PAGE: LaidOutPage[] = [{ number: '1', start: { anchor: 'p@6:1', letters: 0, text: 'Text' } }];

function opfLines(files: Record<string, string>, pattern: RegExp): string[] {
  return (files['OEBPS/package.opf'] ?? '').split('\n').map((line) => line.trim()).filter((line) => pattern.test(line));
}

describe('the package', () => {
  test('a `cover:` JPEG is the cover image, as it is, and no cover is generated', () => {
    const files = epubOf(load({ 'pamphlet.yaml': 'series: S\n', 'images/c.jpg': JPEG, 'part-1.md': part('title: T\npart: 1\ncover: images/c.jpg', 'Text.\n') }));
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/container.xml', 'OEBPS/package.opf', 'OEBPS/nav.xhtml', 'OEBPS/toc.ncx', 'OEBPS/cover.xhtml', 'OEBPS/cover.jpg', 'OEBPS/text.xhtml', 'OEBPS/styles/epub.css']);
    expect(files['OEBPS/cover.jpg']).toBe('15555 bytes');
    expect(files['OEBPS/cover.xhtml']).toContain('<div class="cover-image"><img src="cover.jpg" alt="S. Part I: T" role="doc-cover"/></div>');
    expect(opfLines(files, /id="cover/)).toEqual([
      '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
      '<item id="cover-image" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>',
    ]);
  });

  test('with embedded faces, the monospaced one only where the text has code', () => {
    const fonts = (text: string): string[] =>
      Object.keys(epubOf(load({ 'pamphlet.yaml': 'series: S\nepub: { embed-fonts: true }\n', 'part-1.md': part('title: T\npart: 1', text) }))).filter((name) => name.startsWith('OEBPS/styles/fonts/'));
    const text = ['400-normal', '400-italic', '700-normal', '700-italic'].flatMap((face) => [`OEBPS/styles/fonts/eb-garamond-latin-${face}.woff2`, `OEBPS/styles/fonts/eb-garamond-latin-ext-${face}.woff2`]);
    expect(fonts('Text without.\n')).toEqual(text);
    expect(fonts('Text with `code`.\n')).toEqual([...text, 'OEBPS/styles/fonts/noto-sans-mono-latin-400-normal.woff2', 'OEBPS/styles/fonts/noto-sans-mono-latin-ext-400-normal.woff2']);
  });

  test('the print edition the page-list follows: title, series and part, page size (named or measured), ISBN', () => {
    const a5 = epubOf(load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'Text.\n') }), 0, { css: 'p{}', printPages: ONE_PAGE });
    expect(opfLines(a5, /print-source/)).toEqual(['<dc:source id="print-source">T (S, Part I), print edition, A5</dc:source>', '<meta refines="#print-source" property="source-of">pagination</meta>']);
    expect(opfLines(a5, /accessibilitySummary/)[0]).toContain('The page breaks of the print edition (T (S, Part I), print edition, A5) are marked in the text');
    const custom = epubOf(load({ 'pamphlet.yaml': 'series: S\npage: { width: 100mm, height: 150mm }\n', 'part-1.md': part('title: T\npart: 2', 'Text.\n') }), 0, { css: 'p{}', printPages: ONE_PAGE });
    expect(opfLines(custom, /^<dc:source/)).toEqual(['<dc:source id="print-source">T (S, Part II), print edition, 100mm × 150mm</dc:source>']);
    // With the print ISBN, the source is the ISBN and the summary names it.
    const isbn = epubOf(load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1\nisbn: { print: 978-3-16-148410-0 }', 'Text.\n') }), 0, { css: 'p{}', printPages: ONE_PAGE });
    expect(opfLines(isbn, /^<dc:source/)).toEqual(['<dc:source id="print-source">urn:isbn:9783161484100</dc:source>']);
    expect(opfLines(isbn, /accessibilitySummary/)[0]).toContain('(T (S, Part I), print edition, A5, ISBN 978-3-16-148410-0)');
    // Without a layout, no page-list and no source.
    expect(opfLines(epubOf(load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'Text.\n') })), /print-source|print edition/)).toEqual([]);
  });
});
