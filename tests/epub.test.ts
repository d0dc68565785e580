import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PartDocument } from '../src/document.js';
import { renderEpub, type EpubOptions } from '../src/render/epub/index.js';
import { sampleConfig, sampleDocument } from './fixtures/epub-sample.js';
import { epubcheck } from './helpers/epubcheck.js';

const NEXT = 'Next: Part II: The Evolution of Revolution';
// A valid 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

const out = mkdtempSync(join(tmpdir(), 'pamphlet-epub-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Each of these runs epubcheck (a JVM) once or more: the suite's own time limit, not a shorter one.
const SLOW = { timeout: 180_000 };

let written = 0;
/** Writes the EPUB to the temp folder and expects epubcheck to find nothing at all. */
function expectValid(bytes: Uint8Array): void {
  const path = join(out, `book-${++written}.epub`);
  writeFileSync(path, bytes);
  const report = epubcheck(path);
  expect({ errors: report.errors, warnings: report.warnings }, report.output).toEqual({ errors: 0, warnings: 0 });
}

/** Builds, checks with epubcheck, and returns the files of the EPUB. */
function buildAndCheck(doc: PartDocument, options?: EpubOptions): Record<string, Uint8Array> {
  const bytes = renderEpub(doc, sampleConfig, options);
  expectValid(bytes);
  return unzipSync(bytes);
}

const textOf = (files: Record<string, Uint8Array>, path: string): string => {
  const file = files[path];
  if (!file) throw new Error(`${path} is not in the EPUB`);
  return strFromU8(file);
};
const parse = (files: Record<string, Uint8Array>, path: string): Root => fromHtml(textOf(files, path));
const attr = (el: Element, name: string): unknown => el.properties[name];
/** Text with runs of white space made single spaces (the XHTML breaks lines between blocks). */
const words = (value: string): string => value.replace(/\s+/g, ' ').trim();
const epubType = (el: Element): unknown => attr(el, 'epub:type');

const STORED = 0;
const DEFLATED = 8;
/** Each entry's compression method, as the zip's central directory records it (APPNOTE 4.3.12). */
function zipMethods(bytes: Uint8Array): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const methods = new Map<string, number>();
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    methods.set(strFromU8(bytes.subarray(at + 46, at + 46 + nameLength)), view.getUint16(at + 10, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return methods;
}

describe('EPUB of the sample part', () => {
  const bytes = renderEpub(sampleDocument(), sampleConfig);
  let files: Record<string, Uint8Array> = {};
  let text: Root = { type: 'root', children: [] };
  let opf = '';
  beforeAll(() => {
    files = unzipSync(bytes);
    text = parse(files, 'OEBPS/text.xhtml');
    opf = textOf(files, 'OEBPS/package.opf');
  });

  it('passes epubcheck with 0 errors and 0 warnings', SLOW, () => {
    expectValid(bytes);
  });

  it('is an OCF container: mimetype first and stored, then container.xml pointing at the OPF', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50); // local file header
    expect(view.getUint16(8, true)).toBe(0); // stored
    expect(view.getUint16(26, true)).toBe('mimetype'.length);
    expect(view.getUint16(28, true)).toBe(0); // no extra field
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
    expect(strFromU8(bytes.subarray(38, 58))).toBe('application/epub+zip');
    expect(textOf(files, 'META-INF/container.xml')).toContain('full-path="OEBPS/package.opf"');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'OEBPS/nav.xhtml',
        'OEBPS/text.xhtml',
        'OEBPS/cover.xhtml',
        'OEBPS/cover.svg',
        'OEBPS/bibliography.xhtml',
        'OEBPS/styles/epub.css',
      ]),
    );
  });

  it('turns every note into one pop-up aside, linked both ways and numbered in reading order', () => {
    const doc = sampleDocument();
    const calls = selectAll('a', text).filter((a) => epubType(a) === 'noteref');
    const asides = selectAll('aside', text);
    expect(calls.map((a) => toString(a))).toEqual(['1', '2', '3']);
    expect(asides.map((aside) => attr(aside, 'id'))).toEqual(['note-1', 'note-2', 'note-3']);

    for (const note of doc.notes) {
      const call = calls.find((a) => attr(a, 'href') === `#${note.id}`);
      const matching = asides.filter((aside) => attr(aside, 'id') === note.id);
      expect(matching, note.id).toHaveLength(1);
      const aside = matching[0] as Element;
      expect(call && attr(call, 'role')).toBe('doc-noteref');
      expect(call && attr(call, 'id')).toBe(`noteref-${note.number}`);
      expect(epubType(aside)).toBe('footnote');
      expect(attr(aside, 'role')).toBe('doc-footnote');
      const back = select('a[role="doc-backlink"]', aside);
      expect(back && attr(back, 'href')).toBe(`#noteref-${note.number}`);
      expect(toString(aside).trim().startsWith(`${note.number}.`)).toBe(true);
      expect(words(toString(aside))).toContain(words(note.content.map((node) => toString(node)).join(' ')));
    }
    // Once each in the whole book, not also in another document.
    for (const path of ['OEBPS/bibliography.xhtml', 'OEBPS/nav.xhtml']) {
      expect(selectAll('aside', parse(files, path))).toHaveLength(0);
    }
  });

  it('places each note at the end of the section that calls it', () => {
    const sections = selectAll('section', text);
    expect(selectAll('aside', sections[0]).map((a) => attr(a, 'id'))).toEqual(['note-1']);
    expect(selectAll('aside', sections[1]).map((a) => attr(a, 'id'))).toEqual(['note-2', 'note-3']);
    const last = sections[1]?.children.filter((node) => node.type === 'element').at(-1);
    expect(last).toMatchObject({ tagName: 'aside', properties: { id: 'note-3' } });
  });

  it('keeps quotations as figures with their attribution', () => {
    const figure = select('figure.quote', text);
    expect(figure && select('blockquote', figure)).toBeTruthy();
    expect(toString(select('figcaption', figure) ?? { type: 'root', children: [] })).toBe(
      '— Leon Trotsky, The History of the Russian Revolution, vol. 1, ch. 1',
    );
  });

  it('reads title block, body, questions, then the Works Cited, and ends with the next part', () => {
    const body = select('body', text) as Element;
    const all = toString(body);
    // The "Next:" line ends the book, after the Works Cited, as it ends the printed pamphlet.
    expect(all).not.toContain(NEXT);
    expect(words(toString(select('body', parse(files, 'OEBPS/bibliography.xhtml')) as Element)).endsWith(NEXT)).toBe(true);
    const order = [
      'Celebrating Red October',
      'The Russian Revolution in Historical Perspective',
      'Part I: How the Working Class came to Power',
      'International Bolshevik Tendency',
      '“Red October” is not merely',
      'Capitalist Development & World War',
      'The February Revolution & Dual Power',
      'Questions for discussion',
      'What was “dual power,” and why could it not last?',
    ].map((needle) => all.indexOf(needle));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(select('h1', text)).toBeTruthy();
    expect(selectAll('section.questions li', text)).toHaveLength(3);
    expect(select('.pagebreak', text)).toBeUndefined();
  });

  it('writes the bibliography as its own back-matter document', () => {
    const bibliography = parse(files, 'OEBPS/bibliography.xhtml');
    const section = select('section', bibliography) as Element;
    expect(epubType(section)).toBe('bibliography');
    expect(attr(section, 'role')).toBe('doc-bibliography');
    expect(toString(select('h2', section) as Element)).toBe('Works Cited');
    expect(selectAll('.csl-entry', section)).toHaveLength(2);
  });

  it('carries metadata from the document, series included', () => {
    expect(opf).toContain('unique-identifier="pub-id"');
    expect(opf).toContain('<dc:identifier id="pub-id">urn:uuid:6f1c1f4e-3b0a-5c6e-9d2b-7a8e4c1d2f30</dc:identifier>');
    expect(opf).toContain('<dc:title id="title">How the Working Class came to Power</dc:title>');
    expect(opf).toMatch(/<dc:title id="subtitle">The Russian Revolution in Historical Perspective<\/dc:title>\s*<meta refines="#subtitle" property="title-type">subtitle<\/meta>/);
    expect(opf).toContain('<dc:creator id="creator-1">International Bolshevik Tendency</dc:creator>');
    expect(opf).toContain('<dc:publisher>International Bolshevik Tendency</dc:publisher>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:date>2017-10-23</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2017-10-23T12:00:00Z</meta>');
    expect(opf).toContain('<meta property="belongs-to-collection" id="c01">Celebrating Red October</meta>');
    expect(opf).toContain('<meta refines="#c01" property="collection-type">series</meta>');
    expect(opf).toContain('<meta refines="#c01" property="group-position">1</meta>');
  });

  it('never hard-codes metadata: another part gets its own', () => {
    const doc = sampleDocument();
    Object.assign(doc.meta, {
      series: 'Another Series',
      title: 'A Different Title',
      part: 3,
      partLabel: 'Part III',
      authors: ['Ada Author', 'Ben Writer'],
      publisher: undefined,
      lang: 'de',
      identifier: 'urn:isbn:9780000000002',
      date: undefined,
      modified: '2030-01-02T03:04:05Z',
    });
    const other = strFromU8(unzipSync(renderEpub(doc, { ...sampleConfig, publisher: undefined }))['OEBPS/package.opf'] as Uint8Array);
    expect(other).toContain('<dc:title id="title">A Different Title</dc:title>');
    expect(other).toContain('<meta property="belongs-to-collection" id="c01">Another Series</meta>');
    expect(other).toContain('<meta refines="#c01" property="group-position">3</meta>');
    expect(other).toContain('<dc:creator id="creator-2">Ben Writer</dc:creator>');
    expect(other).toContain('<dc:language>de</dc:language>');
    expect(other).toContain('urn:isbn:9780000000002');
    expect(other).toContain('2030-01-02T03:04:05Z');
    expect(other).not.toContain('dc:publisher');
    expect(other).not.toContain('dc:date');
    expect(other).not.toMatch(/Red October|Bolshevik|2017/);
  });

  it('states accessibility metadata that is true of the book', () => {
    const values = (property: string): string[] =>
      [...opf.matchAll(new RegExp(`<meta property="schema:${property}"[^>]*>([^<]*)</meta>`, 'g'))].map((m) => m[1] ?? '');
    expect(values('accessMode')).toEqual(['textual', 'visual']);
    expect(values('accessModeSufficient')).toEqual(['textual']);
    expect(values('accessibilityFeature')).toEqual(
      expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText']),
    );
    expect(values('accessibilityHazard')).toEqual(['none']);
    expect(values('accessibilitySummary')).toEqual([
      'This publication is structured with headings, a table of contents and landmarks, and follows a single reading order. Notes are linked from their reference in the text and link back to it. The cover and all images have text alternatives. Text size, fonts and colours can be changed in the reading system.',
    ]);
  });

  it('has a table of contents and landmarks', () => {
    const nav = parse(files, 'OEBPS/nav.xhtml');
    const toc = selectAll('nav', nav).find((n) => epubType(n) === 'toc') as Element;
    const links = selectAll('a', toc).map((a) => [toString(a), attr(a, 'href')]);
    expect(links).toEqual([
      ['Part I: How the Working Class came to Power', 'text.xhtml'],
      ['Capitalist Development & World War', 'text.xhtml#capitalist-development--world-war'],
      ['The February Revolution & Dual Power', 'text.xhtml#the-february-revolution--dual-power'],
      ['Questions for discussion', 'text.xhtml#questions'],
      ['Works Cited', 'bibliography.xhtml'],
    ]);
    for (const [, href] of links.slice(1, 4)) {
      const id = String(href).split('#')[1];
      expect(select(`[id="${id}"]`, text), String(href)).toBeTruthy();
    }
    const landmarks = selectAll('nav', nav).find((n) => epubType(n) === 'landmarks') as Element;
    expect(selectAll('a', landmarks).map((a) => [epubType(a), attr(a, 'href')])).toEqual([
      ['cover', 'cover.xhtml'],
      ['toc', '#toc'],
      ['bodymatter', 'text.xhtml'],
      ['bibliography', 'bibliography.xhtml'],
    ]);
  });

  it('has a cover made from the metadata', () => {
    // The SVG is shown; the PNG is the cover-image, which Kindle and Kobo conversions need.
    expect(opf).toContain('<item id="cover-svg" href="cover.svg" media-type="image/svg+xml"/>');
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
    expect([...(files['OEBPS/cover.png'] ?? []).slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = textOf(files, 'OEBPS/cover.svg');
    for (const words of ['CELEBRATING', 'RED OCTOBER', 'PART I', 'Working Class', 'BOLSHEVIK']) {
      expect(svg).toContain(words);
    }
    expect(svg).toContain('font-family="serif"');
    const cover = parse(files, 'OEBPS/cover.xhtml');
    const img = select('img', cover) as Element;
    expect(attr(img, 'src')).toBe('cover.svg');
    expect(String(attr(img, 'alt'))).toContain('How the Working Class came to Power');
  });

  it('marks the language on every content document', () => {
    for (const path of ['OEBPS/text.xhtml', 'OEBPS/nav.xhtml', 'OEBPS/cover.xhtml', 'OEBPS/bibliography.xhtml']) {
      expect(textOf(files, path), path).toMatch(/<html [^>]*\blang="en" xml:lang="en"/);
    }
  });

  it('ships e-reader CSS that leaves fonts, sizes and colours to the reader', () => {
    const css = textOf(files, 'OEBPS/styles/epub.css');
    // pamphlet's sheet, then the imprint's rules (house-epub.css); the classic theme adds none.
    const own = (name: string): string => readFileSync(new URL(`../styles/${name}`, import.meta.url), 'utf8');
    expect(css).toBe(`${own('epub.css')}\n${own('house-epub.css')}`);
    expect(css).not.toMatch(/\d(px|pt)\b/);
    expect(css).not.toMatch(/(^|[\s;{])(color|background(-color)?)\s*:/);
    expect(css).not.toMatch(/display\s*:\s*none/);
    expect(css).toMatch(/figcaption[^}]*text-align:\s*right/);
    const custom = unzipSync(renderEpub(sampleDocument(), sampleConfig, { css: 'p { margin: 0; }' }));
    expect(textOf(custom, 'OEBPS/styles/epub.css')).toBe('p { margin: 0; }');
  });

  it('leaves the PartDocument it was given unchanged', () => {
    const doc = sampleDocument();
    const before = JSON.stringify(doc);
    renderEpub(doc, sampleConfig);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('reproducible builds', () => {
  it('gives byte-identical EPUBs at different times, in different folders and time zones', () => {
    const tz = process.env.TZ;
    try {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2024-03-31T01:30:00Z'));
      process.env.TZ = 'UTC';
      const first = renderEpub(sampleDocument(), sampleConfig);
      vi.setSystemTime(new Date('2031-11-07T18:00:00Z'));
      process.env.TZ = 'America/New_York';
      expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()).toBe(300); // the switch took effect
      const second = renderEpub(sampleDocument(), { ...sampleConfig, dir: '/elsewhere', configPath: '/elsewhere/pamphlet.yaml' });
      process.env.TZ = 'Asia/Kolkata';
      const third = renderEpub(sampleDocument(), sampleConfig);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      expect(Buffer.from(third).equals(Buffer.from(first))).toBe(true);
    } finally {
      vi.useRealTimers();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('stamps zip entries with the modification time, clamped to the zip era', () => {
    const files = (modified: string): Uint8Array => {
      const doc = sampleDocument();
      doc.meta.modified = modified;
      return renderEpub(doc, sampleConfig);
    };
    const dosDate = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset).getUint16(12, true);
    // 2017-10-23: (2017 - 1980) << 9 | 10 << 5 | 23
    expect(dosDate(files('2017-10-23T12:00:00Z'))).toBe((37 << 9) | (10 << 5) | 23);
    // SOURCE_DATE_EPOCH=0 gives 1970, which zip cannot store.
    expect(dosDate(files('1970-01-01T00:00:00Z'))).toBe((0 << 9) | (1 << 5) | 1);
  });
});

describe('variants', SLOW, () => {
  it('packages images from the manuscript folder with their media type', () => {
    const doc = sampleDocument();
    doc.body.children.splice(
      2,
      0,
      h('figure', [
        h('img', { src: 'images/map%20of%20russia.png', alt: 'Map of the Russian Empire in 1914' }),
        h('figcaption', 'The Russian Empire in 1914.'),
      ]),
    );
    const asked: string[] = [];
    const files = buildAndCheck(doc, {
      readAsset: (relPath) => {
        asked.push(relPath);
        return PNG;
      },
    });
    expect(asked).toEqual(['images/map of russia.png']);
    expect(files['OEBPS/media/images/map_of_russia.png']).toEqual(PNG);
    const opf = textOf(files, 'OEBPS/package.opf');
    expect(opf).toContain('href="media/images/map_of_russia.png" media-type="image/png"');
    expect(attr(select('img', parse(files, 'OEBPS/text.xhtml')) as Element, 'src')).toBe('media/images/map_of_russia.png');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
  });

  it('stores a photograph as it is and deflates the text and the PNG cover', () => {
    // A JPEG nobody here made for this test (the house-imprint fixture's cover picture).
    const jpeg = Uint8Array.from(readFileSync(join(import.meta.dirname, 'fixtures', 'house-imprint', 'images', 'cover.jpg')));
    const doc = sampleDocument();
    doc.body.children.splice(2, 0, h('figure', [h('img', { src: 'images/dusk.jpg', alt: 'A street at dusk' }), h('figcaption', 'Dusk.')]));
    const bytes = renderEpub(doc, sampleConfig, { readAsset: () => jpeg });
    expectValid(bytes);
    const methods = zipMethods(bytes);
    expect(methods.get('OEBPS/media/images/dusk.jpg')).toBe(STORED);
    expect(unzipSync(bytes)['OEBPS/media/images/dusk.jpg']).toEqual(jpeg);
    for (const name of ['OEBPS/text.xhtml', 'OEBPS/package.opf', 'OEBPS/styles/epub.css', 'OEBPS/cover.png']) expect(methods.get(name), name).toBe(DEFLATED);
    expect(methods.get('mimetype')).toBe(STORED);
  });

  it('refuses images it cannot package', () => {
    const doc = sampleDocument();
    doc.body.children.push(h('img', { src: '../secret.png', alt: '' }));
    expect(() => renderEpub(doc, sampleConfig, { readAsset: () => PNG })).toThrow(/outside the manuscript folder/);
    const remote = sampleDocument();
    remote.body.children.push(h('img', { src: 'https://example.org/x.png', alt: '' }));
    expect(() => renderEpub(remote, sampleConfig, { readAsset: () => PNG })).toThrow(/inside the manuscript folder/);
  });

  it('keeps a next-part line placed in the body last, after the notes of its section', () => {
    const doc = sampleDocument();
    const line = doc.nextPart as Element;
    doc.body.children.push(line);
    doc.nextPartInBody = true;
    doc.questionsInText = false;
    const files = buildAndCheck(doc);
    const text = parse(files, 'OEBPS/text.xhtml');
    expect(toString(select('body', text) as Element).trim().endsWith(NEXT)).toBe(true);
    expect(selectAll('p.next-part', text)).toHaveLength(1);
    expect(selectAll('aside', text)).toHaveLength(3);
    expect(select('section.questions', text)).toBeUndefined();
  });

  it('links the next part to its href, or to its EPUB under base-url', () => {
    const withHref = sampleDocument();
    withHref.meta.next = { lead: 'Next:', label: 'Part II: The Evolution of Revolution', href: 'https://example.org/parts/2.html' };
    // After the Works Cited, as in the pamphlet.
    const a = select('p.next-part a', parse(buildAndCheck(withHref), 'OEBPS/bibliography.xhtml')) as Element;
    expect(attr(a, 'href')).toBe('https://example.org/parts/2.html');
    expect(toString(a)).toBe('Part II: The Evolution of Revolution');

    const sibling = sampleDocument();
    sibling.meta.next = { lead: 'Next:', label: 'Part II: The Evolution of Revolution', slug: 'celebrating-red-october-2' };
    const linked = unzipSync(renderEpub(sibling, { ...sampleConfig, baseUrl: 'https://example.org/pamphlets' }));
    const b = select('p.next-part a', parse(linked, 'OEBPS/bibliography.xhtml')) as Element;
    expect(attr(b, 'href')).toBe('https://example.org/pamphlets/celebrating-red-october-2.epub');

    // A relative link would point inside this EPUB (epubcheck RSC-007), so without base-url it stays text.
    const plain = buildAndCheck(sibling);
    const line = select('p.next-part', parse(plain, 'OEBPS/bibliography.xhtml')) as Element;
    expect(select('a', line)).toBeUndefined();
    expect(toString(line)).toBe(NEXT);
  });

  it('places a note called from inside another note after it, and an uncalled note once', () => {
    const doc = sampleDocument();
    const first = doc.notes[0]?.content[0] as Element;
    first.children.push(
      { type: 'text', value: ' See ' },
      h('a', { className: ['noteref'], id: 'noteref-4', href: '#note-4', dataNote: '4' }, '4'),
      { type: 'text', value: '.' },
    );
    doc.notes.push(
      { id: 'note-4', number: 4, kind: 'citation', content: [h('p', 'A note called from note 1.')], calls: ['noteref-4'] },
      { id: 'note-5', number: 5, kind: 'footnote', content: [h('p', 'A note nobody calls.')], calls: [] },
    );
    const files = buildAndCheck(doc);
    const text = parse(files, 'OEBPS/text.xhtml');
    const sections = selectAll('section', text);
    expect(selectAll('aside', sections[0]).map((a) => attr(a, 'id'))).toEqual(['note-1', 'note-4']);
    expect(selectAll('aside', text).map((a) => attr(a, 'id'))).toEqual(['note-1', 'note-4', 'note-2', 'note-3', 'note-5']);
    const inner = select('aside#note-1 a[href="#note-4"]', text) as Element;
    expect(epubType(inner)).toBe('noteref');
    expect(attr(select('aside#note-4 a[role="doc-backlink"]', text) as Element, 'href')).toBe('#noteref-4');
    expect(toString(select('aside#note-5', text) as Element).trim()).toBe('5. A note nobody calls.');
    // The notes stay in the text; the "Next:" line comes after the Works Cited.
    expect(toString(select('body', text) as Element)).not.toContain(NEXT);
    expect(words(toString(select('body', parse(files, 'OEBPS/bibliography.xhtml')) as Element)).endsWith(NEXT)).toBe(true);
  });

  it('builds a part without bibliography, questions, notes or next part', () => {
    const doc = sampleDocument();
    doc.bibliography = null;
    doc.questions = null;
    doc.notes = [];
    doc.nextPart = null;
    doc.meta.next = null;
    removeNoteCalls(doc.body);
    const files = buildAndCheck(doc);
    expect(files['OEBPS/bibliography.xhtml']).toBeUndefined();
    const nav = textOf(files, 'OEBPS/nav.xhtml');
    expect(nav).not.toContain('bibliography');
    expect(nav).not.toContain('Questions');
  });
});

function removeNoteCalls(parent: Root | Element): void {
  parent.children = parent.children.filter(
    (node) => !(node.type === 'element' && node.tagName === 'a' && node.properties.className?.includes('noteref')),
  );
  for (const node of parent.children) if (node.type === 'element') removeNoteCalls(node);
}
