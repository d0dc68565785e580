// What an author escapes is typed as is (src/pipeline/bracket-spans.ts, remark-pandoc-citations,
// remark-inline-notes, remark-notes), in process. mdast keeps `\[` only as `[`, so the source
// says which brackets, carets and at signs the author meant literally: `\[@key]` is a bracket
// and then Pandoc's narrative citation, `\@key` an at sign, `^\[` no note, `\[^x]` no call and
// no warning. And every place after an escape, a character reference or an indented line is
// the column the author's editor shows.
import { describe, expect, test } from 'vitest';
import { body, load, messagesOf, notes, part } from './helpers.js';

const BIB = '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n';
const YAML = 'series: S\nbibliography: refs.bib\n';
/** A one-part manuscript with the bibliography above, its part's text `text`. */
const withText = (text: string) => load({ 'pamphlet.yaml': YAML, 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', text) });
const call = (n: number) => `<a class="noteref" id="noteref-${n}" href="#note-${n}" data-note="${n}">${n}</a>`;

describe('escaped brackets, carets and at signs', () => {
  test('stay as typed, as in Pandoc; an even run of backslashes escapes nothing', () => {
    const { manuscript, messages } = withText('Typed \\[@carr1950] and \\[@nobody] and \\@carr1950 and *x* &amp; \\\\[@carr1950] and x^\\[not a note] and x\\^[nor this] and y^[a note] and &#91;@carr1950] and a\\*b [@carr1950].\n');
    const doc = manuscript.parts[0]!;
    expect(body(doc).trimEnd()).toBe(
      `<p id="p1" data-pn="1">Typed [Carr${call(1)}] and [@nobody] and @carr1950 and <em>x</em> &#x26; \\${call(2)} and x^[not a note] and x^[nor this] and y${call(3)} and [Carr${call(4)}] and a*b.${call(5)}</p>`,
    );
    expect(notes(doc)).toEqual([
      '1 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950.</span></p>',
      '2 citation: <p><span class="citation">Ibid.</span></p>',
      '3 footnote: <p>a note</p>',
      '4 citation: <p><span class="citation">Carr, <i>The Bolshevik Revolution</i>.</span></p>',
      '5 citation: <p><span class="citation">Ibid.</span></p>',
    ]);
    // `\[@nobody]` is what the citation-not-a-key warning tells an author to write: no warning for it.
    expect(messages).toEqual([]);
  });
});

describe('places after escapes, character references and indented lines', () => {
  test('each warning at the column of its bracket in the source', () => {
    const { manuscript, messages } = withText('A \\*b\\* [@nobody] c &amp; &copy; &foo; [^x1] d\n   and &#x10330; [^x2] and \\[^x3] e^[note [@nobody2]] f.\n\nStill @carr1950.\n');
    expect(messages).toEqual([
      'part-1.md:6:9: warning: `[@nobody]` looks like a Pandoc citation, but no key in it is in the bibliography; left as text',
      'part-1.md:7:43: warning: `[@nobody2]` looks like a Pandoc citation, but no key in it is in the bibliography; left as text',
      'part-1.md:6:40: warning: footnote `[^x1]` has no definition (add a line `[^x1]: …`); printed as typed',
      'part-1.md:7:18: warning: footnote `[^x2]` has no definition (add a line `[^x2]: …`); printed as typed',
      'part-1.md:6:1: warning: no embedded font has the character “𐌰” (U+10330): the PDF would set it in a system face; use another character, or an image',
    ]);
    const doc = manuscript.parts[0]!;
    expect(body(doc).trimEnd()).toBe(`<p id="p1" data-pn="1">A *b* [@nobody] c &#x26; © &#x26;foo; [^x1] d\nand 𐌰 [^x2] and [^x3] e${call(1)} f.</p>\n<p id="p2" data-pn="2">Still Carr${call(2)}.</p>`);
    expect(notes(doc)).toEqual(['1 footnote: <p>note [@nobody2]</p>', '2 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950.</span></p>']);
  });
});

describe('where a citation begins and ends, and the text around it', () => {
  /** Each message as `check --format json` places it: start, and end when it has one, with its rule id. */
  const placesOf = (text: string, yaml = YAML): string[] =>
    messagesOf({ 'pamphlet.yaml': yaml, 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', text) }).map(
      (m) => `${m.place && 'start' in m.place ? `${m.place.start.line}:${m.place.start.column}-${m.place.end.line}:${m.place.end.column}` : `${m.line}:${m.column}`} ${m.ruleId}`,
    );

  test('an unknown key beside a known one: the whole bracket, after a character reference, an escape and a character outside the BMP, or across lines', () => {
    // 😀 is two UTF-16 units wide, as editors and the LSP count columns.
    expect(placesOf('A &#x1F600; \\* [@nobody] and 😀 x [@carr1950; @nobody2, p. 3] y.\n')).toEqual(['6:35-6:62 unknown-citation']);
    expect(placesOf('Multi [@carr1950,\n   p. 3; @nobody3] end.\n')).toEqual(['6:7-7:19 unknown-citation']);
    // A bracket that ends its paragraph, after an escape: its end is the end of the text.
    expect(placesOf('A \\* &amp; [@carr1950; @nobody]\n')).toEqual(['6:12-6:32 unknown-citation']);
    // After a bare web address (GFM splits the text around its link) and inside an inline note.
    expect(placesOf('Para one.\n\nSee www.example.org and [@carr1950; @nobody] x.\n')).toEqual(['8:25-8:45 unknown-citation']);
    expect(placesOf('Para one.\n\nSee https://example.org/a and ^[a note [@carr1950; @nobody]] x.\n')).toEqual(['8:40-8:60 unknown-citation']);
  });

  test('the text before and after a bracket or a narrative citation keeps its columns (straight quotes with smart off)', () => {
    const SMART_OFF = `${YAML}smart: false\n`;
    expect(placesOf('Before "q" [@carr1950] after "r" and @carr1950 then "s".\n\nTwo [@carr1950] [@carr1950] "t".\n', SMART_OFF)).toEqual([
      '6:8 straight-quotes',
      '6:30 straight-quotes',
      '6:53 straight-quotes',
      '8:29 straight-quotes',
    ]);
    expect(placesOf('Here^[inline "u" note] and "v".\n', SMART_OFF)).toEqual(['6:28 straight-quotes', '6:14 straight-quotes', '1:1 uncited-entry']);
  });
});
