// Pandoc's citation syntax (src/pipeline/remark-pandoc-citations.ts), in process: the
// forms authors coming from Pandoc write — prefixes, locators with and without a label,
// ranges and lists, suffixes, braced keys, keys with inner punctuation, several works in
// one bracket — and the ones that are not citations (an address, a handle, a bracket with
// markup or with an item without a key), each with the note a reader gets.
import { describe, expect, test } from 'vitest';
import { body, notes, onePart, onePartRefusedRules } from './helpers.js';

const BIB = `@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, publisher = {Macmillan}, address = {London}, year = {1950}}
@book{trotsky1932, author = {Trotsky, Leon}, title = {The History of the Russian Revolution}, publisher = {Simon and Schuster}, address = {New York}, year = {1932}}
@article{lenin1917, author = {Lenin, V. I.}, title = {April Theses}, journal = {Pravda}, year = {1917}}
@book{key:with.dots, author = {Luxemburg, Rosa}, title = {Reform or Revolution}, year = {1900}}
`;
const WITH_BIB = (extra = '') => ({ yaml: `series: S\nbibliography: refs.bib\n${extra}`, files: { 'refs.bib': BIB } });
const call = (n: number) => `<a class="noteref" id="noteref-${n}" href="#note-${n}" data-note="${n}">${n}</a>`;
const CARR = 'Edward Hallett Carr, <i>The Bolshevik Revolution</i> (London: Macmillan, 1950)';
const TROTSKY = 'Leon Trotsky, <i>The History of the Russian Revolution</i> (New York: Simon and Schuster, 1932)';
const note = (n: number, text: string) => `${n} citation: <p><span class="citation">${text}</span></p>`;
const UNCITED = (...keys: string[]) => keys.map((key) => `refs.bib:${{ carr1950: 1, trotsky1932: 2, lenin1917: 3, 'key:with.dots': 4 }[key]}:1: warning: bibliography entry \`${key}\` is never cited`);

describe('Pandoc citations in a bracket', () => {
  test('a prefix to each work, a range and a list of pages, a chapter in roman numerals, a suffix after the locator', () => {
    const { doc, messages } = onePart('A [see @carr1950, pp. 33–35, 40; also @trotsky1932, ch. iv, emphasis added].\n', WITH_BIB());
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">A.${call(1)}</p>\n\n`);
    expect(notes(doc)).toEqual([note(1, `See ${CARR}, 33–35, 40; also ${TROTSKY}, chap.\u00A0iv, emphasis added.`)]);
    expect(messages).toEqual(UNCITED('lenin1917', 'key:with.dots'));
  });

  test('a suffix with no locator, with or without its comma; a braced key; § and a page with a letter; a bare page; text after the locator', () => {
    const { doc } = onePart(
      'B [@carr1950 and passim]. C [@carr1950, my translation]. D [@{carr1950}, p. 4]. E [@carr1950, § 3]. F [@carr1950, 12a]. G [@carr1950, 12]. H [@carr1950, p. 7. Translated].\n',
      WITH_BIB(),
    );
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">B.${call(1)} C.${call(2)} D.${call(3)} E.${call(4)} F.${call(5)} G.${call(6)} H.${call(7)}</p>\n\n`);
    expect(notes(doc)).toEqual([
      note(1, `${CARR} and passim.`),
      note(2, 'Ibid., my translation.'),
      note(3, 'Ibid., 4.'),
      note(4, 'Ibid., sec.\u00A03.'),
      note(5, 'Ibid., 12a.'),
      note(6, 'Ibid., 12.'),
      note(7, 'Ibid., 7. Translated.'),
    ]);
  });

  test('roman page ranges, a paragraph, "and" between pages, the author suppressed, a volume and a page', () => {
    const { doc } = onePart('P [@carr1950, xii-xiv]. Q [@carr1950, para. 4]. R [@carr1950, pp. 3 and 5]. S [-@carr1950]. T [@carr1950, vol. 2, p. 3].\n', WITH_BIB());
    expect(notes(doc)).toEqual([
      note(1, `${CARR}, xii-xiv.`),
      note(2, 'Ibid., para.\u00A04.'),
      note(3, 'Ibid., 3 and 5.'),
      note(4, '<i>The Bolshevik Revolution</i>.'),
      note(5, 'Ibid., vol.\u00A02, p.\u00A03.'),
    ]);
  });

  test('no space after the comma or the semicolon, spaces inside the bracket, a label run into its number, & in a list', () => {
    const { doc } = onePart('U [@carr1950,p. 9]. V [ @carr1950 ]. W [@carr1950;@trotsky1932]. X [@carr1950, ch.3]. Y [@carr1950, 3–4, 7 & 9].\n', WITH_BIB());
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">U.${call(1)} V.${call(2)} W.${call(3)} X.${call(4)} Y.${call(5)}</p>\n\n`);
    expect(notes(doc)).toEqual([
      note(1, `${CARR}, 9.`),
      // No locator after one with a page: the short form, not "Ibid." (which would mean page 9 again).
      note(2, 'Carr, <i>The Bolshevik Revolution</i>.'),
      note(3, `Ibid.; ${TROTSKY}.`),
      note(4, 'Carr, <i>The Bolshevik Revolution</i>, chap.\u00A03.'),
      note(5, 'Ibid., 3–4, 7 &#x26; 9.'),
    ]);
  });
});

describe('locators and suffixes written loosely', () => {
  test('pages with no comma after the key, a label run into a roman numeral, a suffix that holds a comma', () => {
    const { doc } = onePart('A [@carr1950 p. 3, 5]. B [@carr1950, ch.iv]. C [@carr1950, p. 12 my emphasis, again].\n', WITH_BIB());
    expect(notes(doc)).toEqual([note(1, `${CARR}, 3, 5.`), note(2, 'Ibid., chap.\u00A0iv.'), note(3, 'Ibid., 12 my emphasis, again.')]);
  });

  test('a range typed with a double hyphen, as Pandoc and LaTeX authors type it, is one locator: no space before its dash', () => {
    // Before, `12--14` was read as the page 12 and a suffix "--14", printed "12 –14".
    const { doc } = onePart('A :cite[carr1950]{locator="pp. 33--35"}. B [@trotsky1932, pp. 3--5, 7--9]. C [@carr1950, 12--14]. D [@trotsky1932, pp. 3--5 passim].\n', WITH_BIB());
    expect(notes(doc)).toEqual([
      note(1, `${CARR}, 33–35.`),
      note(2, `${TROTSKY}, 3–5, 7–9.`),
      note(3, 'Carr, <i>The Bolshevik Revolution</i>, 12–14.'),
      note(4, 'Trotsky, <i>The History of the Russian Revolution</i>, 3–5 passim.'),
    ]);
  });

  test('a suffix after a page that begins with a roman numeral’s letter ("my", "cited", "Marx’s") is a suffix: one page, "p.", not a list', () => {
    // Before, the "m" of "my" was read as the numeral M: the locator "12, my", printed "pp. 12, my translation".
    const text = 'A [@carr1950, p. 12, my translation]. B [@carr1950, ch. 3, cited in Marx]. C [@carr1950, p. 4, Marx’s emphasis]. D [@carr1950, p. 12, ix].\n';
    expect(body(onePart(text, WITH_BIB('citation-style: apa\n')).doc)).toBe(
      '<p id="p1" data-pn="1">A <span class="citation">(Carr, 1950, p.\u00A012, my translation)</span>. B <span class="citation">(Carr, 1950, Chapter 3, cited in Marx)</span>. C <span class="citation">(Carr, 1950, p.\u00A04, Marx’s emphasis)</span>. D <span class="citation">(Carr, 1950, pp.\u00A012, ix)</span>.</p>\n',
    );
  });

  test('without a label only numbers with digits are a page, as in Pandoc: words of roman-numeral letters, bare numerals and other words stay a suffix', () => {
    // Before, "did" (d, i, d) was read as a roman numeral: "(Carr, 1950, p. did not say)".
    const text = 'A [@carr1950, did not say]. B [@carr1950, xiv]. C [@carr1950, see 12]. D [@carr1950, Chap. IV]. E [@carr1950, P. 12, mild irony]. F [@carr1950, p. mix].\n';
    expect(body(onePart(text, WITH_BIB('citation-style: apa\n')).doc)).toBe(
      '<p id="p1" data-pn="1">A <span class="citation">(Carr, 1950, did not say)</span>. B <span class="citation">(Carr, 1950, xiv)</span>. C <span class="citation">(Carr, 1950, see 12)</span>. D <span class="citation">(Carr, 1950, Chapter\u00A0IV)</span>. E <span class="citation">(Carr, 1950, p.\u00A012, mild irony)</span>. F <span class="citation">(Carr, 1950, p.\u00A0mix)</span>.</p>\n',
    );
  });

  test('in strong and struck-out text too; a suffix that only mentions a page is a suffix', () => {
    const { doc } = onePart('A **[@carr1950]** and ~~[@trotsky1932]~~ and *see [@carr1950, see also p. 3]* and **@trotsky1932 says**.\n', WITH_BIB());
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">A <strong>${call(1)}</strong> and <del>${call(2)}</del> and <em>see${call(3)}</em> and <strong>Trotsky${call(4)} says</strong>.</p>\n\n`);
    expect(notes(doc)).toEqual([note(1, `${CARR}.`), note(2, `${TROTSKY}.`), note(3, 'Carr, <i>The Bolshevik Revolution</i>, see also p.\u00A03.'), note(4, 'Trotsky, <i>The History of the Russian Revolution</i>.')]);
  });

  test('a footnote the author began in lower case keeps it; only a note that is a citation is capitalised', () => {
    const { doc } = onePart('A.^[see the appendix, and [@carr1950].] B.[^1] C [see @trotsky1932].\n\n[^1]: lower case first, as typed.\n', WITH_BIB());
    expect(notes(doc)).toEqual([
      `1 footnote: <p>see the appendix, and <span class="citation">(${CARR})</span>.</p>`,
      '2 footnote: <p>lower case first, as typed.</p>',
      note(3, `See ${TROTSKY}.`),
    ]);
  });

  test('the rule ids: a bracket of unknown keys is a warning, an unknown key beside a known one an error', () => {
    expect(onePart('A [@nobody].\n', WITH_BIB()).rules).toEqual(['pamphlet:citation-not-a-key', 'pamphlet:uncited-entry', 'pamphlet:uncited-entry', 'pamphlet:uncited-entry', 'pamphlet:uncited-entry']);
    expect(onePartRefusedRules('D [@trotsky1932; @nobody].\n', WITH_BIB())).toEqual(['pamphlet:unknown-citation']);
  });
});

describe('what is not a Pandoc citation', () => {
  test('markup in the bracket, a bracket inside a bracket, an address, a handle after a letter', () => {
    const { doc } = onePart('I [*see* @carr1950]. J [a [@carr1950] b]. K write to x@carr1950.org and name@carr1950 or @carr1950.\n', WITH_BIB());
    // The bracket with markup stays as written; its @key is still a narrative citation.
    expect(body(doc)).toBe(
      `<p id="p1" data-pn="1">I [<em>see</em> Carr${call(1)}]. J [a${call(2)} b]. K write to <a href="mailto:x@carr1950.org">x@carr1950.org</a> and name@carr1950 or Carr${call(3)}.</p>\n\n`,
    );
    expect(notes(doc)).toEqual([note(1, `${CARR}.`), note(2, 'Ibid.'), note(3, 'Ibid.')]);
  });

  test('a bracket of unknown keys is text, with a warning at its place; one with an item without a key is text around a narrative citation', () => {
    const { doc, messages } = onePart('L [@nobody]. M [@carr1950; junk].\n', WITH_BIB());
    expect(body(doc)).toBe(`<p id="p1" data-pn="1">L [@nobody]. M [Carr${call(1)}; junk].</p>\n\n`);
    expect(messages[0]).toBe('part-1.md:6:3: warning: `[@nobody]` looks like a Pandoc citation, but no key in it is in the bibliography; left as text');
  });
});

describe('narrative citations', () => {
  test('in emphasis, a key with inner punctuation before a full stop, a table cell, a heading and a footnote', () => {
    const { doc, messages } = onePart(
      'N *@carr1950 wrote* and @key:with.dots. said.\n\n| a |\n|---|\n| @trotsky1932 cell |\n\n# Head @lenin1917\n\nO.[^1]\n\n[^1]: Note @carr1950 and [@trotsky1932, p. 2].\n',
      WITH_BIB(),
    );
    expect(body(doc)).toBe(
      `<p id="p1" data-pn="1">N <em>Carr${call(1)} wrote</em> and Luxemburg${call(2)}. said.</p>\n` +
        `<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Trotsky${call(3)} cell</td>\n</tr>\n</tbody>\n</table>\n` +
        `<h2 id="head-lenin">Head Lenin${call(4)}</h2>\n<p id="p2" data-pn="2">O.${call(5)}</p>\n\n`,
    );
    expect(notes(doc)).toEqual([
      note(1, `${CARR}.`),
      note(2, 'Rosa Luxemburg, <i>Reform or Revolution</i>, 1900.'),
      note(3, `${TROTSKY}.`),
      note(4, 'V.\u00A0I.\u00A0Lenin, “April Theses,” <i>Pravda</i>, 1917.'),
      // Inside a note, citations are parenthetical, and a narrative one names its author in the text.
      '5 footnote: <p>Note Carr <span class="citation">(<i>The Bolshevik Revolution</i>)</span> and <span class="citation">(Trotsky, <i>The History of the Russian Revolution</i>, 2)</span>.</p>',
    ]);
    expect(messages).toEqual([]);
  });

  test('in an author-date style: the name in the text, the year in parentheses', () => {
    const { doc } = onePart('Z @carr1950 and [@carr1950].\n', WITH_BIB('citation-style: apa\n'));
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Z Carr <span class="citation">(1950)</span> and <span class="citation">(Carr, 1950)</span>.</p>\n');
  });

  test('without a bibliography every @ is text', () => {
    const { doc, messages } = onePart('Z @carr1950 and [@carr1950].\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Z @carr1950 and [@carr1950].</p>');
    expect(messages).toEqual([]);
  });
});
