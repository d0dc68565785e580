// Footnotes, Pandoc inline notes and the bracket matcher (src/pipeline/remark-notes.ts,
// remark-inline-notes.ts, bracket-spans.ts), in process: the calls in the text and
// the text of each note, as a reader gets them, and the exact diagnostics.
import { describe, expect, test } from 'vitest';
import { body, notes, onePart, onePartRefused, onePartRefusedRules } from './helpers.js';

const call = (n: number, repeat = 1) =>
  repeat > 1
    ? `<a class="noteref noteref-repeat" id="noteref-${n}-${repeat}" href="#note-${n}" data-note="${n}">${n}</a>`
    : `<a class="noteref" id="noteref-${n}" href="#note-${n}" data-note="${n}">${n}</a>`;

describe('footnotes', () => {
  test('numbered in reading order, wherever defined; a note called twice has two calls', () => {
    const { doc, messages } = onePart('One[^a], two[^b], one again[^a].\n\n[^b]: Note B with a [link](https://example.org).\n\n[^a]: Note A.\n\n    Second para of A.\n');
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">One${call(1)}, two${call(2)}, one again${call(1, 2)}.</p>\n`);
    expect(notes(doc)).toEqual(['1 footnote: <p>Note A.</p><p>Second para of A.</p>', '2 footnote: <p>Note B with a <a href="https://example.org/">link</a>.</p>']);
    expect(doc.notes.map((n) => [n.id, n.calls])).toEqual([['note-1', ['noteref-1', 'noteref-1-2']], ['note-2', ['noteref-2']]]);
    expect(messages).toEqual([]);
  });

  test('defined inside a quotation or a list item, called from there', () => {
    const { doc } = onePart('> Quote[^q].\n>\n> [^q]: Defined in a quote.\n\n- Item[^i]\n\n  [^i]: In a list.\n');
    expect(body(doc)).toBe(`<blockquote>\n<p id="p1" data-pn="1">Quote${call(1)}.</p>\n</blockquote>\n<ul>\n<li>\n<p id="p2" data-pn="2">Item${call(2)}</p>\n</li>\n</ul>\n`);
    expect(notes(doc)).toEqual(['1 footnote: <p>Defined in a quote.</p>', '2 footnote: <p>In a list.</p>']);
  });

  test('a call after a space is held to the word before it', () => {
    expect(body(onePart('Text [^x] here.\n\n[^x]: X.\n').doc)).toBe(`<p id="p1" data-pn="1">Text\u00A0${call(1)} here.</p>\n`);
  });

  test('a call inside a link follows the link', () => {
    const { doc } = onePart('See [the *site*[^x] now](https://example.org).\n\n[^x]: In a link.\n');
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">See <a href="https://example.org/">the <em>site</em> now</a>${call(1)}.</p>\n`);
  });

  test('a note with a call to another note', () => {
    expect(onePartRefused('Text[^a] and[^b].\n\n[^a]: Note A with [^b].\n\n[^b]: Note B.\n')).toEqual(['part-1.md:8:19: error: a footnote cannot hold another footnote']);
    expect(onePartRefusedRules('Text[^a] and[^b].\n\n[^a]: Note A with [^b].\n\n[^b]: Note B.\n')).toEqual(['pamphlet:nested-footnote']);
  });

  test('defined twice: an error at the second definition', () => {
    expect(onePartRefused('Text[^a].\n\n[^a]: One.\n\n[^a]: Two.\n')).toEqual(['part-1.md:10:1: error: footnote `[^a]` is defined twice']);
    expect(onePartRefusedRules('Text[^a].\n\n[^a]: One.\n\n[^a]: Two.\n')).toEqual(['pamphlet:footnote-twice']);
  });

  test('never called, or called without a definition: warnings at their places', () => {
    const { doc, messages, rules } = onePart('See [^nodef] and [^y].\n\n[^y]: Y.\n\n[^unused]: Never called.\n');
    expect(rules).toEqual(['pamphlet:footnote-undefined', 'pamphlet:footnote-unused']);
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">See [^nodef] and\u00A0${call(1)}.</p>\n`);
    expect(messages).toEqual([
      'part-1.md:6:5: warning: footnote `[^nodef]` has no definition (add a line `[^nodef]: …`); printed as typed',
      'part-1.md:10:1: warning: footnote `[^unused]` is never referenced',
    ]);
    expect(onePart('Two [^a] and [^b-c] on a line.\n').messages).toEqual([
      'part-1.md:6:5: warning: footnote `[^a]` has no definition (add a line `[^a]: …`); printed as typed',
      'part-1.md:6:14: warning: footnote `[^b-c]` has no definition (add a line `[^b-c]: …`); printed as typed',
    ]);
    expect(onePart('No [^ space] and [^] here.\n').messages).toEqual([]);
  });

  test('labels are matched as CommonMark matches them, and shown as written', () => {
    const { doc, messages } = onePart('Text[^NoteOne].\n\n[^noteone]: Case.\n\n[^Other]: Unused.\n');
    expect(notes(doc)).toEqual(['1 footnote: <p>Case.</p>']);
    expect(messages).toEqual(['part-1.md:10:1: warning: footnote `[^Other]` is never referenced']);
  });

  test('a note inside the questions is numbered after the text’s', () => {
    const { doc } = onePart(':::questions\n1. Why[^q]?\n\n[^q]: In a question.\n:::\n\nText[^t].\n\n[^t]: In the text.\n');
    expect(notes(doc)).toEqual(['1 footnote: <p>In the text.</p>', '2 footnote: <p>In a question.</p>']);
    expect(doc.questions?.items.map((item) => body({ ...doc, body: { type: 'root', children: [item] } }))).toEqual([`<li>Why${call(2)}?</li>`]);
  });
});

describe('Pandoc inline notes', () => {
  test('each becomes a note where it stands, with its markup', () => {
    const { doc } = onePart('Inline^[An *inline* note with `x[0]` and [l](https://e.org)] and ^[second] end.\n');
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">Inline${call(1)} and\u00A0${call(2)} end.</p>\n`);
    expect(notes(doc)).toEqual(['1 footnote: <p>An <em>inline</em> note with <code>x[0]</code> and <a href="https://e.org/">l</a></p>', '2 footnote: <p>second</p>']);
  });

  test('numbered with the footnotes in one order; an author’s label that looks generated is kept apart', () => {
    const { doc } = onePart('First^[inline] then[^inline-note-1] then ^[another].\n\n[^inline-note-1]: Taken id.\n');
    expect(notes(doc)).toEqual(['1 footnote: <p>inline</p>', '2 footnote: <p>Taken id.</p>', '3 footnote: <p>another</p>']);
    expect(doc.notes.map((n) => n.calls)).toEqual([['noteref-1'], ['noteref-2'], ['noteref-3']]);
  });

  test('brackets inside are matched; one left open is text', () => {
    const { doc } = onePart('A ^[note with [brackets] inside] end. And ^[unclosed\n');
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">A\u00A0${call(1)} end. And ^[unclosed</p>\n`);
    expect(notes(doc)).toEqual(['1 footnote: <p>note with [brackets] inside</p>']);
  });

  test('in a heading, a table cell, emphasis; the bracket in code never closes one', () => {
    const { doc } = onePart('## Head^[in head]\n\n| a |\n|---|\n| cell^[in cell] |\n\n*em^[in em]* and ^[`]` code] end\n');
    expect(notes(doc)).toEqual(['1 footnote: <p>in head</p>', '2 footnote: <p>in cell</p>', '3 footnote: <p>in em</p>', '4 footnote: <p><code>]</code> code</p>']);
    // The note call is no part of the heading's words: the contents and the navigation say "Head".
    expect(doc.sections).toEqual([{ id: 'head', title: 'Head', depth: 2 }]);
    expect(body(doc)).toContain('<h2 id="head">Head<a class="noteref"');
  });

  test('several on one line, and text around them kept', () => {
    const { doc } = onePart('a^[1]b^[2]c^[3]\n');
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">a${call(1)}b${call(2)}c${call(3)}</p>\n`);
  });

  test('a caret alone is text', () => {
    const { doc } = onePart('Odd x^y and ^ [x] and [^ x].\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Odd x^y and ^ [x] and [^ x].</p>');
  });

  test('an inline note inside another is its text', () => {
    expect(notes(onePart('Nested ^[outer ^[inner]] end.\n').doc)).toEqual(['1 footnote: <p>outer ^[inner]</p>']);
  });

  test('an inline note that spans lines', () => {
    const { doc } = onePart('Start ^[a note\nover two lines] end.\n');
    expect(notes(doc)).toEqual(['1 footnote: <p>a note\nover two lines</p>']);
  });
});

describe('note calls, edges', () => {
  const BIB = '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n';
  const withBib = (extra = '') => ({ yaml: `series: S\nbibliography: refs.bib\n${extra}`, files: { 'refs.bib': BIB } });

  test('a call against its word after several spaces, after all the punctuation that follows; a call inside emphasis inside a link goes after the link', () => {
    expect(body(onePart('A word  [@carr1950]?! B.\n', withBib()).doc)).toBe(`<p id="p1" data-pn="1">A word?!${call(1)} B.</p>\n\n`);
    expect(body(onePart('See [*word:cite[carr1950]*](https://example.org) now.\n', withBib()).doc)).toBe(`<p id="p1" data-pn="1">See <a href="https://example.org/"><em>word</em></a>${call(1)} now.</p>\n\n`);
  });

  test('an in-text citation gets its space after a word even when a parenthesis came earlier in the text', () => {
    expect(body(onePart('A (note) and:cite[carr1950] b.\n', withBib('citation-style: apa\n')).doc)).toBe('<p id="p1" data-pn="1">A (note) and <span class="citation">(Carr, 1950)</span> b.</p>\n');
  });

  test('the text before a narrative citation is read once: one warning for an undefined call in it, in note and in-text styles', () => {
    for (const style of ['', 'citation-style: apa\n']) {
      expect(onePart('See [^nope] and @carr1950 says.\n', withBib(style)).messages).toEqual(['part-1.md:6:5: warning: footnote `[^nope]` has no definition (add a line `[^nope]: …`); printed as typed']);
    }
  });

  test('a footnote defined twice is named as the author typed its label', () => {
    expect(onePartRefused('A[^Note].\n\n[^Note]: one.\n\n[^Note]: two.\n')).toEqual(['part-1.md:10:1: error: footnote `[^Note]` is defined twice']);
  });
});

