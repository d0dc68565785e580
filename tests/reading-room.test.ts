// A series of three parts in one folder (tests/fixtures/reading-room) that uses every feature
// the README lists — :cite and Pandoc citations, quotations with a source, a `via` and a
// free-text author, ::pagebreak, ::next-part placed in the text, `next: false`,
// `bibliography: false`, a part in German, paragraph numbers, two authors — with the
// facts a reader would check written here literally, for the EPUB and the web page (built
// in process, so the mutation run sees them) and for the PDF and the handout (the CLI).
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Root } from 'hast';
import { loadManuscript } from '../src/manuscript.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderHtml } from '../src/render/html.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { pagesText } from './helpers/poppler.js';

const REPO = path.resolve(import.meta.dirname, '..');
/** What a reader sees: a no-break space is a space. */
// The EPUB shows each paragraph's ¶ number before it (paragraph-numbers: true), hidden from screen readers.
const seen = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ').trim();
const textOf = (tree: Root, selector: string) => selectAll(selector, tree).map((node) => seen(toString(node)));

let root: string;
const epub: Record<number, Record<string, string>> = {};
const xhtml: Record<number, Root> = {};
const html: Record<number, Root> = {};

beforeAll(() => {
  root = copyFixture('reading-room');
  const dir = path.join(root, 'manuscript');
  // No SOURCE_DATE_EPOCH and no git: the dates come from the parts' `date:`.
  const { config, parts } = loadManuscript(dir, {});
  const css = readFileSync(path.join(REPO, 'styles', 'epub.css'), 'utf8');
  for (const doc of parts) {
    const files = unzipSync(renderEpub(doc, config, { css }));
    epub[doc.meta.part] = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
    xhtml[doc.meta.part] = fromHtml(epub[doc.meta.part]?.['OEBPS/text.xhtml'] ?? '');
    html[doc.meta.part] = fromHtml(renderHtml(doc, config, { css }));
  }
});

describe('part I (English, every directive)', () => {
  test('its title block names the series, the part, and both authors as English joins them', () => {
    for (const tree of [xhtml[1], html[1]] as Root[]) {
      expect(textOf(tree, 'header.title-block p')).toEqual(['Notes from the Reading Room', 'Three Evenings on 1917', 'Maria Ortiz and Jonas Weber']);
      expect(textOf(tree, 'h1.part-title')).toEqual(['Part I: How the Working Class came to Power']);
    }
  });

  test('its quotations carry a source, a free-text author, and a source cited at second hand', () => {
    expect(textOf(xhtml[1] as Root, 'figure.quote figcaption')).toEqual([
      '— Leon Trotsky, The History of the Russian Revolution, vol. 1, ch. 7',
      '— Jules Guesde',
      '— V. I. Lenin, “The Tasks of the Proletariat in the Present Revolution”, cited in E. H. Carr, The Bolshevik Revolution, 1917–1923, p. 79',
    ]);
  });

  test('its notes: a footnote, then a :cite and a Pandoc citation as full Chicago notes', () => {
    expect(textOf(xhtml[1] as Root, 'aside.footnote')).toEqual([
      '1. A month earlier, Lenin, in exile in Switzerland, famously speculated that he might not live to see the revolution.',
      '2. E. H. Carr, The Bolshevik Revolution, 1917–1923, vol. 1, A History of Soviet Russia (London: Macmillan, 1950), 77.',
      '3. V. I. Lenin, “The Tasks of the Proletariat in the Present Revolution,” in Collected Works, vol. 24 (1917; repr., Moscow: Progress Publishers, 1964), 21.',
    ]);
    // `blunt [@lenin1917, p. 21]:` — the call goes against the word, after the colon.
    expect(seen(toString(select('#p6', xhtml[1] as Root)!))).toBe('6 Lenin’s arrival at the Finland Station in Petrograd in April 1917 marked a turning point.2 His first thesis was blunt:3');
  });

  test('::next-part puts the series line where it stands, linked to the next part under base-url', () => {
    const line = select('p.next-part', xhtml[1] as Root);
    expect(seen(toString(line!))).toBe('Next: Part II: Das Gespenst');
    expect(select('p.next-part a', xhtml[1] as Root)?.properties.href).toBe('https://readingroom.example.org/notes/notes-from-the-reading-room-2.epub');
    // Before the paragraph that follows it in the part, not at the end.
    const order = selectAll('p[data-pn], p.next-part', xhtml[1] as Root).map((p) => String(p.properties.id ?? p.properties.className));
    expect(order.slice(-2)).toEqual(['next-part', 'p8']);
  });

  test('::pagebreak means nothing in the EPUB; straight quotes and -- are typeset', () => {
    expect(selectAll('.pagebreak', xhtml[1] as Root)).toEqual([]);
    expect(seen(toString(select('#p4', xhtml[1] as Root)!))).toBe('4 French socialist leader Jules Guesde once remarked that “war is the mother of revolution.”');
    expect(seen(toString(select('#p1', xhtml[1] as Root)!))).toContain('the logic of their development – shaped not only');
  });

  test('its questions, and its Works Cited in a document of its own', () => {
    expect(textOf(xhtml[1] as Root, 'section.questions h2')).toEqual(['Questions for discussion']);
    expect(textOf(xhtml[1] as Root, 'section.questions li')).toEqual(['Why did the February Revolution begin “from below”?', 'What made dual power unstable?']);
    const bibliography = fromHtml(epub[1]?.['OEBPS/bibliography.xhtml'] ?? '');
    expect(textOf(bibliography, 'h2')).toEqual(['Works Cited']);
    expect(textOf(bibliography, '.csl-entry')).toEqual([
      'Carr, E. H. The Bolshevik Revolution, 1917–1923. Vol. 1. A History of Soviet Russia. London: Macmillan, 1950.',
      'Lenin, V. I. “The Tasks of the Proletariat in the Present Revolution.” In Collected Works, 24:19–26. 1917. Reprint, Moscow: Progress Publishers, 1964.',
      'Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman. 3 vols. New York: Simon and Schuster, 1932.',
    ]);
  });

  test('its package: identifier, dates, authors, series position', () => {
    const opf = epub[1]?.['OEBPS/package.opf'] ?? '';
    expect(opf).toContain('<dc:identifier id="pub-id">urn:uuid:7824ec03-2ea2-52a1-8f07-1cfe451c1f27</dc:identifier>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:date>2017-10-23</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2017-10-23T00:00:00Z</meta>');
    expect(opf).toContain('<dc:creator id="creator-1">Maria Ortiz</dc:creator>');
    expect(opf).toContain('<dc:creator id="creator-2">Jonas Weber</dc:creator>');
    expect(opf).toContain('<meta property="belongs-to-collection" id="c01">Notes from the Reading Room</meta>');
    expect(opf).toContain('<meta refines="#c01" property="group-position">1</meta>');
  });

  test('the web page has the same reading text and its own title', () => {
    expect(textOf(html[1] as Root, 'title')).toEqual(['Part I: How the Working Class came to Power — Notes from the Reading Room']);
    expect(textOf(html[1] as Root, 'aside.footnote').length).toBe(3);
    expect(textOf(html[1] as Root, 'p.next-part')).toEqual(['Next: Part II: Das Gespenst']);
  });
});

describe('part II (German, next: false, bibliography: false)', () => {
  test('is German throughout: its language, quotes, note, questions heading, byline', () => {
    expect(epub[2]?.['OEBPS/package.opf']).toContain('<dc:language>de</dc:language>');
    expect(textOf(xhtml[2] as Root, 'header.title-block p.author')).toEqual(['Maria Ortiz und Jonas Weber']);
    expect(seen(toString(select('#p3', xhtml[2] as Root)!))).toBe('3 Freier und Sklave, Patrizier und Plebejer, Baron und Leibeigener, Zunftbürger und Gesell, kurz, „Unterdrücker und Unterdrückte“ standen in stetem Gegensatz zueinander.');
    expect(textOf(xhtml[2] as Root, 'aside.footnote')).toEqual(['1. Karl Marx und Friedrich Engels, Manifest der Kommunistischen Partei (London: Office der Bildungs-Gesellschaft für Arbeiter, 1848), Kap. 1.']);
    expect(textOf(xhtml[2] as Root, 'section.questions h2')).toEqual(['Fragen']);
  });

  test('has no "Next:" line and no Works Cited, as its front matter says', () => {
    expect(selectAll('p.next-part', xhtml[2] as Root)).toEqual([]);
    expect(epub[2]?.['OEBPS/bibliography.xhtml']).toBeUndefined();
    expect(epub[2]?.['OEBPS/package.opf']).not.toContain('bibliography.xhtml');
  });
});

describe('part III (the last)', () => {
  test('a narrative citation names the author in the sentence, with its note', () => {
    expect(seen(toString(select('#p1', xhtml[3] as Root)!))).toBe('1 Reed1 tells the story of the ten days from the streets and the meeting halls, written in a few months of 1918 from notes and from the posters he had torn off the walls.');
    expect(textOf(xhtml[3] as Root, 'aside.footnote')[0]).toBe('1. John Reed, Ten Days That Shook the World (New York: Boni and Liveright, 1919).');
  });

  test('ends without a "Next:" line, being the last', () => {
    expect(selectAll('p.next-part', xhtml[3] as Root)).toEqual([]);
    expect(epub[3]?.['OEBPS/package.opf']).toContain('<meta refines="#c01" property="group-position">3</meta>');
  });
});

describe('the print edition of part I', () => {
  let pages: string[];
  let handout: string[];
  beforeAll(() => {
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,handout', '--out', 'dist', '--quiet', '--no-cache'], root);
    expect(result.status, result.stderr).toBe(0);
    pages = pagesText(path.join(root, 'dist', 'notes-from-the-reading-room-1.pdf')).map(seen);
    handout = pagesText(path.join(root, 'dist', 'notes-from-the-reading-room-1-handout.pdf')).map(seen);
  });

  test('its title page names both authors as English joins them', () => {
    expect(pages[0]).toContain('Maria Ortiz and Jonas Weber');
    expect(pages[0]).toContain('Reading Room Press');
  });

  test('::pagebreak starts “Lenin’s Return” on a page of its own', () => {
    // Page 2 is the contents, which names it too.
    const at = pages.findIndex((page, index) => index > 1 && page.includes('Lenin’s Return'));
    expect(at).toBeGreaterThan(1);
    // The section is the first text of its page: only the running head and folio come before it.
    expect(pages[at]?.replace(/^.*?(?=Lenin’s Return)/, '')).toMatch(/^Lenin’s Return & the April Theses/);
    expect(pages[at - 1]).not.toContain('April Theses');
  });

  test('paragraph-numbers: the ¶ numbers of the EPUB stand in the margin, and the handout has them too', () => {
    const text = pages.join(' ');
    expect(text).toMatch(/\b8\b.*The months that followed/);
    expect(handout.join(' ')).toMatch(/\b8\b.*The months that followed/);
  });

  test('the “Next:” line stands where ::next-part put it, before the last paragraph', () => {
    const text = pages.join(' ');
    expect(text.indexOf('Next: Part II: Das Gespenst')).toBeGreaterThan(0);
    expect(text.indexOf('Next: Part II: Das Gespenst')).toBeLessThan(text.indexOf('The months that followed'));
  });
});
