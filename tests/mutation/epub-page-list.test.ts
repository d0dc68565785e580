// The print edition's page breaks in the EPUB (src/render/epub/page-list.ts), in process.
//
// Two layouts recorded from the real Chromium (tests/mutation/layouts/: what
// src/browser/print-pages.ts read off the laid-out pages of the page-list fixture and of the
// real manuscript) give where each printed page begins; every marker is written out with
// the words around it, which are the first words of that page in `pdftotext`'s reading of
// the PDF (tests/page-list.test.ts checks that through the CLI on every build). Then layouts
// written by hand, each reaching one rule: note calls and ¶ numbers not counted, a page
// beginning at an emphasis, a link, a heading, inside a word, a sample of letters that says
// the count is off, pages not found, out of order or at one place.
//
// Re-record a layout after changing its manuscript (the build cache keeps it):
//   node bin/pamphlet.js build tests/fixtures/page-list --out /tmp/pl --format pdf
//   then format /tmp/pl/.pamphlet-cache/page-breaks-everywhere-1.print-pages.json.* as the file here
// and check the new markers against `pdftotext -f N -l N` of the PDF before writing them in.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LaidOutPage } from '../../src/browser/print-pages.js';
import { epubOf, load, part, type Files } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A folder of the repository as the files a test manuscript is written from. */
function filesOf(dir: string): Files {
  return Object.fromEntries(readdirSync(path.join(ROOT, dir)).map((name) => [name, readFileSync(path.join(ROOT, dir, name))]));
}

function layout(name: string): LaidOutPage[] {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, 'layouts', `${name}.json`), 'utf8')) as LaidOutPage[];
}

const MARKER = /<span epub:type="pagebreak" role="doc-pagebreak" id="([^"]+)" aria-label="([^"]+)"><\/span>/g;

/** Each content document (not the navigation), its markers shown as ⟦label⟧ (⟦label#id⟧ where the id is not `page-label`). */
function shownDocuments(files: Record<string, string>): Array<[string, string]> {
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.xhtml') && !name.endsWith('nav.xhtml'))
    .map(([name, text]) => [name.replace('OEBPS/', ''), text.replace(MARKER, (_, id: string, label: string) => `⟦${label}${id === `page-${label}` ? '' : `#${id}`}⟧`)]);
}

/** The markers with `width` characters either side, by file. */
function markers(files: Record<string, string>, width: number): string[] {
  return shownDocuments(files).flatMap(([name, shown]) => {
      const found: string[] = [];
      for (let at = shown.indexOf('⟦'), end = 0; at !== -1; at = shown.indexOf('⟦', end)) {
        // Markers side by side are one place.
        end = shown.indexOf('⟧', at) + 1;
        while (shown[end] === '⟦') end = shown.indexOf('⟧', end) + 1;
        found.push(`${name}: ${shown.slice(Math.max(0, at - width), end + width)}`);
      }
      return found;
  });
}

/** The lines of the content documents that hold a marker. */
function markedLines(files: Record<string, string>): string[] {
  return shownDocuments(files).flatMap(([name, shown]) => shown.split('\n').filter((line) => line.includes('⟦')).map((line) => `${name}: ${line}`));
}

/** The navigation's page-list: "label href" per entry. */
function pageList(files: Record<string, string>): string[] {
  const nav = files['OEBPS/nav.xhtml'] ?? '';
  const at = nav.indexOf('epub:type="page-list"');
  if (at < 0) return [];
  return [...nav.slice(at, nav.indexOf('</nav>', at)).matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
}

describe('layouts recorded from Chromium', () => {
  test('the page-list fixture: a marker before the first words of each printed page', () => {
    const files = epubOf(load(filesOf('tests/fixtures/page-list')), 0, { css: 'p{}', printPages: layout('page-list') });
    // The first marker written out whole; the rest as ⟦label⟧.
    expect(files['OEBPS/text.xhtml']).toContain('<p id="p1" data-pn="1"><span epub:type="pagebreak" role="doc-pagebreak" id="page-5" aria-label="5"></span>Every printed page');
    expect(markers(files, 36)).toEqual([
      "text.xhtml: p>\n</header>\n<p id=\"p1\" data-pn=\"1\">⟦5⟧Every printed page of this pamphlet ",
      "text.xhtml: must be able to find it in the copy ⟦6⟧they hold, at the page the printed c",
      "text.xhtml: xactly.</p>\n\n<p id=\"p3\" data-pn=\"3\">⟦7⟧Counterrevolutionary, extraordinaril",
      "text.xhtml: py shows the first half of the word ⟦8⟧on one page and the second half on t",
      "text.xhtml: </li>\n\n<li>\n\n<p id=\"p7\" data-pn=\"7\">⟦9⟧Land to the peasants who worked it, ",
      "text.xhtml: d the Winter Palace fell to the Red ⟦10⟧Guards who had surrounded it since t",
      "text.xhtml: labelledby=\"a-table-and-some-code\">\n⟦11⟧<h2 id=\"a-table-and-some-code\">A tab",
      "text.xhtml: erse=True)\n\ndef share(parties):\n    ⟦12⟧total = sum(count for _, count in pa",
      "text.xhtml: -labelledby=\"after-a-forced-break\">\n⟦13⟧<h2 id=\"after-a-forced-break\">After ",
      "text.xhtml: he middle of a sentence to find, so ⟦14⟧that the page-list has one more plac",
      "bibliography.xhtml:  1950.</div>\n<div class=\"csl-entry\">⟦15⟧Rabinowitch, Alexander. <i>The Bolsh",
    ]);
    // The heading "Page 5" takes no page's id (Paged.js names its pages so); the marker of page 5 keeps its own.
    expect(files['OEBPS/text.xhtml']).toContain('<h2 id="section-page-5">Page 5</h2>');
    expect(pageList(files)).toEqual([
      '5 text.xhtml#page-5', '6 text.xhtml#page-6', '7 text.xhtml#page-7', '8 text.xhtml#page-8', '9 text.xhtml#page-9', '10 text.xhtml#page-10',
      '11 text.xhtml#page-11', '12 text.xhtml#page-12', '13 text.xhtml#page-13', '14 text.xhtml#page-14', '15 bibliography.xhtml#page-15',
    ]);
  });

  test('the real manuscript: twenty numbered pages, each marker before its page’s first words', () => {
    const files = epubOf(load(filesOf('manuscript')), 0, { css: 'p{}', printPages: layout('real-manuscript') });
    expect(markers(files, 36)).toEqual([
      "text.xhtml: p>\n</header>\n<p id=\"p1\" data-pn=\"1\">⟦3⟧“Red October” is not merely a compel",
      "text.xhtml: ul state that played an independent ⟦4⟧role on the world stage. In his magi",
      "text.xhtml: small number of factories for their ⟦5⟧production, the sparseness of railro",
      "text.xhtml:  to this, and they were followed by ⟦6⟧the workers\u00a0– Mensheviks and Social ",
      "text.xhtml: had formulated this summons. It had ⟦7⟧grown irresistibly out of the events",
      "text.xhtml:  which in the course of the day was ⟦8⟧filled out principally with former r",
      "text.xhtml: arty.</p>\n\n<p id=\"p24\" data-pn=\"24\">⟦9⟧The first three of the ten theses re",
      "text.xhtml: ties.</p>\n\n<p id=\"p34\" data-pn=\"34\">⟦10⟧8) It is not our immediate task to ‘",
      "text.xhtml: </figure>\n\n<p id=\"p39\" data-pn=\"39\">⟦11⟧The congress elected a “Central Exec",
      "text.xhtml:  hall. This was becoming a favorite ⟦12⟧tactic with the democrats; they bega",
      "text.xhtml: </figure>\n\n<p id=\"p46\" data-pn=\"46\">⟦13⟧Carr relates that the Bolshevik news",
      "text.xhtml: th Trotsky, Raskolnikov and others. ⟦14⟧‘Isn’t it time to arrest the governm",
      "text.xhtml: accord with that of the workers and ⟦15⟧peasants. It was in this manner that",
      "text.xhtml: </figure>\n\n<p id=\"p58\" data-pn=\"58\">⟦16⟧Almost of its own accord, the dual p",
      "text.xhtml: tponable. On the 18th the Petrograd ⟦17⟧Soviet held elections for the coming",
      "text.xhtml: reakers” of the revolution, but was ⟦18⟧unsuccessful in having them expelled",
      "text.xhtml: </figure>\n\n<p id=\"p69\" data-pn=\"69\">⟦19⟧Trotsky observed: “Armed insurrectio",
      "text.xhtml: many, confident that it is they who ⟦20⟧will ‘help us successfully carry thr",
      "text.xhtml: ct; how hard to imagine before. But ⟦21⟧the October Revolution was not simpl",
      "text.xhtml:  the Bolsheviks see the fate of the ⟦22⟧October Revolution as an internation",
    ]);
    expect(pageList(files)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 3} text.xhtml#page-${i + 3}`));
  });
});

// Line 7 `## Opening` (h2@7:1), line 9 a paragraph (p@9:1) with a note call, an emphasis
// and a link, line 13 a quotation (blockquote@13:1, its paragraph p@13:3), line 15 the last
// paragraph (p@15:1); the note's text follows in an aside.
const TEXT = '## Opening\n\nAlpha beta.[^a] Gamma delta *epsilon zeta* eta [theta iota](https://example.org) kappa.\n\n[^a]: A note, not in the flow.\n\n> The cat and the dog and the bird.\n\nLast words here.\n';
const P1 = '<p id="p1" data-pn="1">';
const CALL = '<a class="noteref" id="noteref-1" href="#note-1" data-note="1" epub:type="noteref" role="doc-noteref">1</a>';
const EM = '<em>epsilon zeta</em>';
const LINK = '<a href="https://example.org/">theta iota</a>';

function page(number: string | null, anchor?: string, letters = 0, text = ''): LaidOutPage {
  return { number, start: anchor === undefined ? null : { anchor, letters, text } };
}

function laidOut(pages: LaidOutPage[], yaml = 'series: S\n'): Record<string, string> {
  return epubOf(load({ 'pamphlet.yaml': yaml, 'part-1.md': part('title: Pages\npart: 1\nnext: false', TEXT) }), 0, { css: 'p{}', printPages: pages });
}

describe('layouts written by hand', () => {
  test('a note call’s number is not counted: the page after “Alpha beta.” begins at “Gamma”', () => {
    expect(markedLines(laidOut([page('1', 'p@9:1', 10)]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} ⟦1⟧Gamma delta ${EM} eta ${LINK} kappa.</p>`]);
  });

  test('a ¶ number shown in the EPUB is not counted either', () => {
    // Four letters into the quotation: inside “cat”, so after it.
    const files = laidOut([page('1', 'p@13:3', 4)], 'series: S\nparagraph-numbers: true\n');
    expect(markedLines(files)).toEqual(['text.xhtml: <p id="p2" data-pn="2"><span class="pn" aria-hidden="true">2</span> The cat ⟦1⟧and the dog and the bird.</p>']);
  });

  test('a page beginning at an emphasis or a link: the marker before it, not inside', () => {
    expect(markedLines(laidOut([page('1', 'p@9:1', 20, 'epsilonzeta')]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} Gamma delta ⟦1⟧${EM} eta ${LINK} kappa.</p>`]);
    expect(markedLines(laidOut([page('1', 'p@9:1', 34, 'thetaiota')]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} Gamma delta <em>epsilon zeta</em> eta ⟦1⟧${LINK} kappa.</p>`]);
  });

  test('a page beginning inside a word (“epsil-on”): after the word, inside the emphasis', () => {
    expect(markedLines(laidOut([page('1', 'p@9:1', 25, 'onzetaeta')]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} Gamma delta <em>epsilon ⟦1⟧zeta</em> eta ${LINK} kappa.</p>`]);
  });

  test('a heading beginning a page: the marker before the heading; a quotation’s paragraph: inside the paragraph', () => {
    expect(markedLines(laidOut([page('1', 'h2@7:1', 0, 'Opening')]))).toEqual(['text.xhtml: ⟦1⟧<h2 id="opening">Opening</h2>']);
    expect(markedLines(laidOut([page('1', 'blockquote@13:1', 0, 'Thecat')]))).toEqual(['text.xhtml: <p id="p2" data-pn="2">⟦1⟧The cat and the dog and the bird.</p>']);
  });

  test('where the letters that follow are not at the count, the nearest place they are', () => {
    // "kappa." is at letter 41, not 0; "Gam-" (a hyphen Paged.js added) at 10, not 13.
    expect(markedLines(laidOut([page('1', 'p@9:1', 0, 'kappa.')]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} Gamma delta ${EM} eta ${LINK} ⟦1⟧kappa.</p>`]);
    expect(markedLines(laidOut([page('1', 'p@9:1', 13, 'Gam-')]))).toEqual([`text.xhtml: ${P1}Alpha beta.${CALL} ⟦1⟧Gamma delta ${EM} eta ${LINK} kappa.</p>`]);
    // "the" is at letters 9 and 18 of the quotation: 13 is nearer 9, 14 nearer 18.
    expect(markedLines(laidOut([page('1', 'p@13:3', 0, 'The'), page('2', 'p@13:3', 13, 'the'), page('3', 'p@13:3', 14, 'the')]))).toEqual([
      'text.xhtml: <p id="p2" data-pn="2">⟦1⟧The cat and ⟦2⟧the dog and ⟦3⟧the bird.</p>',
    ]);
  });

  test('counts past either end of a block: its first letter, the next block’s first', () => {
    expect(markedLines(laidOut([page('1', 'p@9:1', -5), page('2', 'p@13:3', 999)]))).toEqual([
      `text.xhtml: ${P1}⟦1⟧Alpha beta.${CALL} Gamma delta ${EM} eta ${LINK} kappa.</p>`,
      'text.xhtml: <p id="p3" data-pn="3">⟦2⟧Last words here.</p>',
    ]);
    // Past the last block: after all the text, not inside the note that follows it.
    const files = laidOut([page('1', 'p@15:1', 999)]);
    expect(markedLines(files)).toEqual(['text.xhtml: ⟦1⟧</body>']);
    expect(files['OEBPS/text.xhtml']).toContain('</section>\n<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1"></span></body>');
  });

  test('pages not found, with no text or with no number', () => {
    // Unnumbered pages have no marker; a page not found goes where the next found page is, the last ones to the end.
    const files = laidOut([page(null), page('1', 'p@99:1', 0, 'x'), page(null, 'p@13:3'), page('2', 'p@15:1', 0, 'Last'), page('3', 'p@98:1', 0, 'y'), page('4')]);
    expect(markedLines(files)).toEqual(['text.xhtml: <p id="p3" data-pn="3">⟦1⟧⟦2⟧Last words here.</p>', 'text.xhtml: ⟦3⟧⟦4⟧</body>']);
    expect(pageList(files)).toEqual(['1 text.xhtml#page-1', '2 text.xhtml#page-2', '3 text.xhtml#page-3', '4 text.xhtml#page-4']);
    expect(markedLines(laidOut([page('1'), page('2', 'p@13:3', 0, 'The')]))).toEqual(['text.xhtml: <p id="p2" data-pn="2">⟦1⟧⟦2⟧The cat and the dog and the bird.</p>']);
  });

  test('pages keep their order: one found before the page before it goes to that page’s place; two at one place, in order', () => {
    expect(markedLines(laidOut([page('1', 'p@15:1', 0, 'Last'), page('2', 'p@13:3', 0, 'The')]))).toEqual(['text.xhtml: <p id="p3" data-pn="3">⟦1⟧⟦2⟧Last words here.</p>']);
    expect(markedLines(laidOut([page('i', 'p@13:3', 0, 'The'), page('ii', 'blockquote@13:1', 0, 'The')]))).toEqual(['text.xhtml: <p id="p2" data-pn="2">⟦i⟧⟦ii⟧The cat and the dog and the bird.</p>']);
  });

  test('across documents: a page in the Works Cited, then one found back in the text, both in the Works Cited', () => {
    const files = epubOf(
      load({
        'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n',
        'refs.bib': '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, publisher = {Macmillan}, address = {London}, year = {1950}}\n',
        'part-1.md': part('title: Pages\npart: 1\nnext: false', 'Text :cite[carr1950].\n'),
      }),
      0,
      { css: 'p{}', printPages: [page('7', 'p@7:1', 0, 'Text'), page('8', 'bibliography-1', 0, 'Carr'), page('9', 'p@7:1', 2, 'xt')] },
    );
    expect(markers(files, 24)).toEqual([
      'text.xhtml: \n<p id="p1" data-pn="1">⟦7⟧Text.<a class="noteref" ',
      'bibliography.xhtml: \n<div class="csl-entry">⟦8⟧⟦9⟧Carr, Edward Hallett. <i',
    ]);
    expect(pageList(files)).toEqual(['7 text.xhtml#page-7', '8 bibliography.xhtml#page-8', '9 bibliography.xhtml#page-9']);
  });
});
