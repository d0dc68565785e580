// Anchors an author writes in HTML, on documents nobody here wrote: safer-buffer's porting
// guide puts `<a id="variant-1"></a>` above each heading its contents list links to, and
// rxjs's changelog (conventional-changelog) `<a name="6.3.3"></a>` above each version.
// Both were refused before ("attribute `id` is not allowed on <a>"). A reader must land where
// the author pointed, in the PDF and in the EPUB, and see no trace of the anchors.
import { beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFDocument, PDFString, PDFHexString } from 'pdf-lib';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pdfWords } from './helpers/pdf-words.js';
import { pagesText } from './helpers/poppler.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';

const PORTING = 'safer-buffer/Porting-Buffer.md';
const CHANGELOG = 'rxjs/CHANGELOG.md';

let dir: string;
let out: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-anchors-'));
  mkdirSync(path.join(dir, 'manuscript'));
  writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
  [PORTING, CHANGELOG].forEach((file, i) => {
    const text = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', file), path.dirname(file), i + 1, { anchors: true });
    writeFileSync(path.join(dir, 'manuscript', `part-${i + 1}.md`), text);
  });
  const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf,epub', '--no-cache', '--quiet'], dir);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).not.toMatch(/error/);
  out = path.join(dir, 'out');
}, 240_000);

function epubText(name: string): Root {
  const files = unzipSync(new Uint8Array(readFileSync(path.join(out, name))));
  return fromHtml(strFromU8(files['OEBPS/text.xhtml']!));
}

function elements(tree: Root): Element[] {
  const all: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    all.push(node);
  });
  return all;
}

/** Each internal link of the PDF: the words it covers and the page (1-based) and height it leads to. */
async function pdfLinks(file: string): Promise<Array<{ page: number; text: string; target: { page: number; y: number } }>> {
  const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const pages = pdf.getPages();
  const indexOf = new Map(pages.map((page, i) => [page.ref.toString(), i]));
  const dests = pdf.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const words = pdfWords(file);
  const links: Array<{ page: number; text: string; target: { page: number; y: number } }> = [];
  pages.forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
    for (const ref of annots) {
      const annot = pdf.context.lookup(ref, PDFDict);
      const dest = annot.get(PDFName.of('Dest'));
      if (!dest) continue;
      const name = dest instanceof PDFName ? dest : dest instanceof PDFString || dest instanceof PDFHexString ? PDFName.of(dest.decodeText()) : undefined;
      const array = name ? dests?.lookupMaybe(name, PDFArray) : dest instanceof PDFArray ? dest : undefined;
      if (!array) continue;
      const targetPage = indexOf.get(array.get(0).toString());
      const y = array.lookupMaybe(3, PDFNumber)?.asNumber() ?? 0;
      const [x1, y1, x2, y2] = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()) as [number, number, number, number];
      const height = page.getHeight();
      // pdftotext measures from the top; the annotation from the bottom.
      const text = (words[i] ?? [])
        .filter((w) => w.xMin >= x1 - 1 && w.xMax <= x2 + 1 && height - w.yMax >= y1 - 2 && height - w.yMin <= y2 + 2)
        .map((w) => w.text)
        .join(' ');
      if (targetPage !== undefined) links.push({ page: i + 1, text, target: { page: targetPage + 1, y: height - y } });
    }
  });
  return links;
}

describe('anchors written in HTML', () => {
  test('the porting guide’s links land on the headings below their anchors, in the PDF', async () => {
    const file = path.join(out, 'read-me-1.pdf');
    const words = pdfWords(file);
    const links = (await pdfLinks(file)).filter((link) => /^Variant \d/.test(link.text));
    // The contents list's three and the text's own ("consider using Variant 2 or Variant 3").
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of links) {
      const variant = /^Variant (\d)/.exec(link.text)![1]!;
      // Where "Variant N:" (or "Variant 3 —") begins a heading, on the page the link leads to.
      const heading = words.flatMap((page, i) =>
        page.flatMap((word, j) => (word.text === 'Variant' && (page[j + 1]?.text === `${variant}:` || (page[j + 1]?.text === variant && page[j + 2]?.text === '—')) ? [{ page: i + 1, top: word.yMin }] : [])),
      );
      const found = heading.find((h) => h.page === link.target.page);
      expect(found, `${link.text} (page ${link.page}) leads to page ${link.target.page}`).toBeDefined();
      // The top of the heading's line, as a link to the heading itself (which lands 0.75 pt above the anchor).
      expect(Math.abs(link.target.y - found!.top), `${link.text}`).toBeLessThan(2);
    }
  });

  test('in the EPUB each anchor is inside the heading it was written above, and no numbered ¶ is empty', () => {
    const guide = epubText('read-me-1.epub');
    const all = elements(guide);
    for (const [id, heading] of [
      ['variant-1', /^Variant 1: Drop support/],
      ['variant-2', /^Variant 2: Use a polyfill/],
      ['variant-3', /^Variant 3\s—\smanual detection/],
      ['faq', /^FAQ$/],
    ] as const) {
      const anchor = all.find((el) => el.properties.id === id);
      expect(anchor?.tagName, id).toBe('a');
      const parent = all.find((el) => el.children.includes(anchor!));
      expect(parent?.tagName).toMatch(/^h[2-6]$/);
      expect(toString(parent!).trim()).toMatch(heading);
    }
    for (const link of all.filter((el) => el.tagName === 'a' && String(el.properties.href ?? '').startsWith('#variant'))) {
      expect(all.some((el) => el.properties.id === String(link.properties.href).slice(1))).toBe(true);
    }
    for (const tree of [guide, epubText('read-me-2.epub')]) {
      const numbered = elements(tree).filter((el) => el.tagName === 'p' && el.properties.dataPn !== undefined);
      expect(numbered.filter((p) => !toString(p).trim())).toEqual([]);
    }
  });

  test('the changelog’s version anchors, not ids in any format as written, are renamed and sit in their versions’ headings', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '..', 'node_modules', CHANGELOG), 'utf8');
    const versions = [...source.matchAll(/<a name="([^"]+)"><\/a>/g)].map((m) => m[1]!);
    expect(versions.length).toBeGreaterThan(50);
    const all = elements(epubText('read-me-2.epub'));
    for (const version of versions) {
      const id = `anchor-${version.replace(/[^\p{L}\p{N}_-]/gu, '-')}`;
      const anchor = all.filter((el) => el.properties.id === id || el.properties.id === version);
      expect(anchor, version).toHaveLength(1);
      const parent = all.find((el) => el.children.includes(anchor[0]!));
      expect(parent?.tagName, version).toMatch(/^h[1-6]$/);
      expect(toString(parent!), version).toContain(version);
    }
  });

  test('both EPUBs pass epubcheck with 0 errors and 0 warnings', () => {
    for (const name of ['read-me-1.epub', 'read-me-2.epub']) {
      const result = epubcheck(path.join(out, name));
      expect({ errors: result.errors, warnings: result.warnings }, result.output).toEqual({ errors: 0, warnings: 0 });
    }
  });
});

describe('an anchor named like a global of the print page (DOM clobbering)', () => {
  // An id is a property of `window` in the page that lays the book out. Chromium's own
  // properties cannot be shadowed so; the page's own globals are set before they are read.
  test('PagedConfig, Paged and pamphlet’s page globals as anchors change nothing printed', () => {
    const globals = ['PagedConfig', 'Paged', 'PagedPolyfill', '__pamphletBlocks', '__pamphletKnuthPlass', '__pamphletPageLaidOut', 'onload', 'addEventListener'];
    const texts = [globals, globals.map((_, i) => `harmless-${i}`)].map((ids, n) => {
      const root = copyFixture('basic');
      const file = path.join(root, 'manuscript', 'part-1.md');
      const source = readFileSync(file, 'utf8');
      // After the front matter, before the first paragraph of text.
      const end = source.indexOf('\n---\n', 4) + 5;
      writeFileSync(file, `${source.slice(0, end)}\n${ids.map((id) => `<a id="${id}"></a>`).join('')}\n${source.slice(end)}`);
      const result = pamphlet(['build', 'manuscript', '--out', `out-${n}`, '--format', 'pdf', '--no-cache', '--quiet'], root);
      expect(result.status, result.stderr).toBe(0);
      const [pdf] = readdirSync(path.join(root, `out-${n}`)).filter((name) => name.endsWith('.pdf'));
      return pagesText(path.join(root, `out-${n}`, pdf!));
    });
    expect(texts[0]!.length).toBeGreaterThan(1);
    expect(texts[0]).toEqual(texts[1]);
  }, 120_000);
});

describe('links to headings in another script', () => {
  // micromark percent-encodes a link's non-ASCII letters (`#%D0%BA…`): every link to a
  // heading in Russian, Greek or Chinese was refused as going nowhere.
  test('a contents line in Russian, linked to the headings of Lenin’s text, lands on them in the PDF and passes epubcheck', async () => {
    const root = copyFixture('russian');
    const file = path.join(root, 'manuscript', 'part-1.md');
    const source = readFileSync(file, 'utf8');
    const end = source.indexOf('\n---\n', 4) + 5;
    const contents = 'Оглавление: [Классовое общество и государство](#классовое-общество-и-государство), [Государство --- продукт непримиримости](#государство--продукт-непримиримости-классовых-противоречий).';
    writeFileSync(file, `${source.slice(0, end)}\n${contents}\n${source.slice(end)}`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf,epub', '--no-cache', '--quiet'], root);
    expect(result.status, result.stderr).toBe(0);
    const pdf = path.join(root, 'out', 'biblioteka-marksizma-1.pdf');
    const words = pdfWords(pdf);
    const links = await pdfLinks(pdf);
    for (const heading of ['Классовое', 'Государство']) {
      const link = links.find((l) => l.text.startsWith(heading));
      expect(link, heading).toBeDefined();
      // The heading's first word, the first on its line, where the link leads.
      const found = words[link!.target.page - 1]!.find((w, i, page) => w.text === heading && (i === 0 || page[i - 1]!.yMin < w.yMin - 5));
      expect(found, `${heading}: page ${link!.target.page}`).toBeDefined();
      // The top of the heading's line box, a few points inside the face's tall ascent (2.6 pt), not a line off.
      expect(Math.abs(link!.target.y - found!.yMin)).toBeLessThan(4);
    }
    const checked = epubcheck(path.join(root, 'out', 'biblioteka-marksizma-1.epub'));
    expect({ errors: checked.errors, warnings: checked.warnings }, checked.output).toEqual({ errors: 0, warnings: 0 });
  }, 120_000);
});
