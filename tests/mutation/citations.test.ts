// Citations, quotation captions and the bibliography (src/citations), in process: the
// notes, captions and Works Cited a reader gets, and each refused bibliography's
// exact `file:line:column` error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseLocator, resolveStyle, StyleError, StyleNotFoundError } from '../../src/citations/engine.js';
import { body, EPOCH, folder, html, notes, onePart, onePartRefusedRules, part, refused, refusedRules } from './helpers.js';
import { loadManuscript } from '../../src/manuscript.js';
import { formatMessage, type ManuscriptError } from '../../src/diagnostics.js';
import type { PartDocument } from '../../src/document.js';

const BIB = `@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, publisher = {Macmillan}, address = {London}, year = {1950}}
@book{trotsky1932, author = {Trotsky, Leon}, title = {The History of the Russian Revolution}, publisher = {Simon and Schuster}, address = {New York}, year = {1932}}
@article{lenin1917, author = {Lenin, V. I.}, title = {April Theses}, journal = {Pravda}, year = {1917}}
`;
const WITH_BIB = (extra = '') => ({ yaml: `series: S\nbibliography: refs.bib\n${extra}`, files: { 'refs.bib': BIB } });
const call = (n: number) => `<a class="noteref" id="noteref-${n}" href="#note-${n}" data-note="${n}">${n}</a>`;

describe('notes in the default style (Chicago, full note with ibid)', () => {
  test('full, then ibid. with and without a page, several works, narrative, author suppressed', () => {
    const { doc, messages } = onePart(
      'Carr put it:cite[carr1950]{locator="p. 12"}. Again [@carr1950, p. 13]. Same [@carr1950, p. 13]. Both [see @carr1950; @trotsky1932, ch. 3]. @trotsky1932 argues. [-@lenin1917, vol. 1]\n',
      WITH_BIB(),
    );
    expect(body(doc).trimEnd()).toBe(`<p id="p1" data-pn="1">Carr put it.${call(1)} Again.${call(2)} Same.${call(3)} Both.${call(4)} Trotsky${call(5)} argues.${call(6)}</p>`);
    expect(notes(doc)).toEqual([
      '1 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i> (London: Macmillan, 1950), 12.</span></p>',
      '2 citation: <p><span class="citation">Ibid., 13.</span></p>',
      '3 citation: <p><span class="citation">Ibid.</span></p>',
      '4 citation: <p><span class="citation">See Carr, <i>The Bolshevik Revolution</i>; Leon Trotsky, <i>The History of the Russian Revolution</i> (New York: Simon and Schuster, 1932), chap.\u00A03.</span></p>',
      '5 citation: <p><span class="citation">Trotsky, <i>The History of the Russian Revolution</i>.</span></p>',
      '6 citation: <p><span class="citation">“April Theses,” <i>Pravda</i>, 1917, vol.\u00A01.</span></p>',
    ]);
    expect(html(doc.bibliography?.entries)).toBe(
      '<div class="csl-entry">Carr, Edward Hallett. <i>The Bolshevik Revolution</i>. London: Macmillan, 1950.</div><div class="csl-entry">Lenin, V.\u00A0I. “April Theses.” <i>Pravda</i>, 1917.</div><div class="csl-entry">Trotsky, Leon. <i>The History of the Russian Revolution</i>. New York: Simon and Schuster, 1932.</div>',
    );
    expect(doc.bibliography?.title).toBe('Works Cited');
    expect(messages).toEqual([]);
  });

  test('quotation captions from the same bibliography: source, locator, via; free text', () => {
    const { doc } = onePart(
      ':::quote{source=trotsky1932 locator="vol. 1, ch. 7"}\nQuoted.\n:::\n\n:::quote{source=lenin1917 locator="p. 3" via=carr1950 via-locator="p. 5"}\nQ2.\n:::\n\n:::quote{author="Rosa" title="Reform"}\nQ3.\n:::\n',
      WITH_BIB(),
    );
    expect(body(doc)).toBe(
      '<figure class="quote"><blockquote>\n<p id="p1" data-pn="1">Quoted.</p>\n</blockquote><figcaption>— Leon Trotsky, <cite>The History of the Russian Revolution</cite>, vol.\u00A01, ch.\u00A07</figcaption></figure>\n' +
        '<figure class="quote"><blockquote>\n<p id="p2" data-pn="2">Q2.</p>\n</blockquote><figcaption>— V.\u00A0I.\u00A0Lenin, <cite>“April Theses,”</cite> p.\u00A03, cited in Edward Hallett Carr, <cite>The Bolshevik Revolution</cite>, p.\u00A05</figcaption></figure>\n' +
        '<figure class="quote"><blockquote>\n<p id="p3" data-pn="3">Q3.</p>\n</blockquote><figcaption>— Rosa, <cite>Reform</cite></figcaption></figure>\n',
    );
  });

  test('an author-date style in German: in the text, with the locale’s words', () => {
    const { doc } = onePart('Carr (see :cite[carr1950]{locator="p. 12"}) and [@trotsky1932, pp. 3-4].\n', WITH_BIB('citation-style: apa\nlang: de\n'));
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Carr (see <span class="citation">(Carr, 1950, S.\u00A012)</span>) and <span class="citation">(Trotsky, 1932, S.\u00A03–4)</span>.</p>\n');
    expect(notes(doc)).toEqual([]);
    expect(html(doc.bibliography?.entries)).toBe(
      '<div class="csl-entry">Carr, E.\u00A0H. (1950). <i>The Bolshevik Revolution</i>. Macmillan.</div><div class="csl-entry">Trotsky, L. (1932). <i>The History of the Russian Revolution</i>. Simon and Schuster.</div>',
    );
  });

  test('an in-text citation gets a space after a word, none after an opening parenthesis or bracket', () => {
    const { doc } = onePart('Carr (:cite[carr1950]) and [@carr1950] and (see [@carr1950]) and [:cite[carr1950]] and @carr1950 says, as did Carr:cite[carr1950].\n', WITH_BIB('citation-style: apa\n'));
    expect(body(doc)).toBe(
      '<p id="p1" data-pn="1">Carr (<span class="citation">(Carr, 1950)</span>) and <span class="citation">(Carr, 1950)</span> and (see <span class="citation">(Carr, 1950)</span>) and [<span class="citation">(Carr, 1950)</span>] and Carr <span class="citation">(1950)</span> says, as did Carr <span class="citation">(Carr, 1950)</span>.</p>\n',
    );
  });

  test('a key the bibliography lacks is an error at its citation, in either syntax, even beside a known one', () => {
    expect(refused({ 'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n', 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', 'A :cite[nobody; carr1950] b.\n\nC [@carr1950; @nobody2] d.\n') })).toEqual([
      // In the order the plugins find them (Pandoc's syntax first); `check` sorts them by place.
      'part-1.md:8:3: error: unknown citation key `nobody2`: no entry with this key in the bibliography',
      'part-1.md:6:3: error: unknown citation key `nobody`: no entry with this key in the bibliography',
    ]);
  });

  test('the locale follows `lang`, a region falling back to its language, an unknown one to US English', () => {
    const BIB2 = '@book{me, author = {Marx, Karl and Engels, Friedrich}, title = {Manifest}, year = {1848}}\n';
    const noteIn = (lang: string) => notes(onePart('See [@me, p. 3].\n', { yaml: `series: S\nbibliography: refs.bib\nlang: ${lang}\n`, files: { 'refs.bib': BIB2 } }).doc);
    const AND: Array<[string, string]> = [
      ['en', 'and'], ['de', 'und'], ['fr', 'et'], ['es', 'y'], ['it', 'e'], ['ru', 'и'], ['pt', 'e'], ['nl', 'en'], ['de-AT', 'und'], ['pt-BR', 'e'], ['xx', 'and'],
    ];
    for (const [lang, and] of AND) {
      expect(noteIn(lang), lang).toEqual([`1 citation: <p><span class="citation">Karl Marx ${and} Friedrich Engels, <i>Manifest</i>, 1848, 3.</span></p>`]);
    }
  });

  test('no citation, no Works Cited', () => {
    const { doc } = onePart('No citation here.\n', WITH_BIB());
    expect(doc.bibliography).toBeNull();
  });
});

const NO_BIBLIOGRAPHY = 'See :cite[carr1950].\n\n:::quote{source=trotsky1932 via=carr1950}\nQ.\n:::\n';

describe('refused bibliographies, at their place', () => {
  test('each refusal carries its rule id', () => {
    const rulesWith = (name: string, text: string | Uint8Array) => refusedRules({ 'pamphlet.yaml': `series: S\nbibliography: ${name}\n`, 'part-1.md': '---\ntitle: T\npart: 1\n---\nx\n', [name]: text });
    expect([
      rulesWith('refs.bib', '@book{a title={A}}\n'),
      rulesWith('refs.bib', `@book{a, title=${'{'.repeat(20_000)}${'}'.repeat(20_000)}}\n`),
      rulesWith('refs.bib', '@book{a, title={A}}\n@book{a, title={B}}\n'),
      rulesWith('refs.bib', Uint8Array.from([0x40, 0x62, 0x6f, 0x6f, 0x6b, 0x7b, 0x61, 0x2c, 0x20, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0x7b, 0xe9, 0x7d, 0x7d, 0x0a])),
      rulesWith('refs.json', '[{"id": "a", "type": "book"},\n {"id": "a", "type": "book"}]'),
      rulesWith('refs.json', '{"id": "a"}'),
      rulesWith('refs.json', '[1, {"type": "book"}]'),
      rulesWith('refs.json', '[{"id": "a" "type": "book"}]'),
      rulesWith('refs.json', `[${'['.repeat(70)}${']'.repeat(71)}`),
      rulesWith('refs.txt', 'x'),
      onePartRefusedRules('See [@nobody] and :cite[nobody].\n', { yaml: 'series: S\nbibliography: refs.bib\n', files: { 'refs.bib': '@book{a, title={A}}\n' } }),
      onePartRefusedRules(NO_BIBLIOGRAPHY),
    ]).toEqual([
      ['pamphlet:bibtex-syntax'],
      ['pamphlet:bibtex-syntax'],
      ['pamphlet:duplicate-key'],
      ['pamphlet:encoding'],
      ['pamphlet:duplicate-key'],
      ['pamphlet:csl-json'],
      ['pamphlet:csl-json', 'pamphlet:csl-json'],
      ['pamphlet:csl-json-syntax'],
      ['pamphlet:csl-json-syntax'],
      ['pamphlet:config'],
      ['pamphlet:unknown-citation'],
      ['pamphlet:no-bibliography', 'pamphlet:no-bibliography', 'pamphlet:no-bibliography'],
    ]);
  });

  test('a citation or a quote source with no bibliography named says so', () => {
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': `---\ntitle: T\npart: 1\n---\n${NO_BIBLIOGRAPHY}` })).toEqual([
      // In the order the plugins find them (quotes before notes); `check` sorts them by place.
      'part-1.md:7:1: error: quote source `trotsky1932`, but pamphlet.yaml names no `bibliography` to find it in',
      'part-1.md:7:1: error: `via` source `carr1950`, but pamphlet.yaml names no `bibliography` to find it in',
      'part-1.md:5:5: error: citation `carr1950`, but pamphlet.yaml names no `bibliography` to find it in',
    ]);
  });

  const refusedWith = (name: string, text: string) => refused({ 'pamphlet.yaml': `series: S\nbibliography: ${name}\n`, 'part-1.md': '---\ntitle: T\npart: 1\n---\nx\n', [name]: text });
  const UNCLOSED = 'malformed BibTeX entry: it does not end where it should (an unclosed `{` or `"`, or a missing comma or `}`?); the parser stopped at';

  test('BibTeX: an unclosed brace at its entry, a missing comma, junk, braces thousands deep, a key twice', () => {
    expect(refusedWith('refs.bib', '@book{ok,\n  title = {Fine},\n  year = 1950\n}\n\n@book{broken,\n  title = {Unclosed,\n  year = 1950\n}\n')).toEqual([`refs.bib:6:1: error: ${UNCLOSED} line 10, column 1: expected \`}\`, found the end of the file`]);
    expect(refusedWith('refs.bib', '@book{a title={A}}\n')).toEqual([`refs.bib:1:1: error: ${UNCLOSED} line 1, column 9: expected a comma, found an entry key`]);
    expect(refusedWith('refs.bib', 'junk @@ {\n')).toEqual([`refs.bib:1:6: error: ${UNCLOSED} line 1, column 7: unexpected text`]);
    expect(refusedWith('refs.bib', `@book{a, title=${'{'.repeat(20_000)}${'}'.repeat(20_000)}}\n`)).toEqual(['refs.bib:1:1: error: malformed BibTeX entry: its braces are nested thousands of levels deep']);
    expect(refusedWith('refs.bib', '@book{a, title={A}}\n@book{a, title={B}}\n')).toEqual(['refs.bib:2:7: error: duplicate bibliography key `a` (first at line 1): each entry needs its own key']);
  });

  test('CSL-JSON: syntax, shape, and every field of the wrong kind', () => {
    expect(refusedWith('refs.json', '[{"id": "a", "type": "book"},\n {"id": "a", "type": "book"}]')).toEqual(['refs.json:2:9: error: duplicate bibliography key `a` (first at line 1): each entry needs its own key']);
    expect(refusedWith('refs.json', '{"id": "a"}')).toEqual(['refs.json:1:1: error: a CSL-JSON bibliography is an array of items: [{"id": "carr1950", "type": "book", …}, …]']);
    expect(refusedWith('refs.json', '[1, null, {"type": "book"}, {"id": "x"}, {"id": "", "type": 3}, {"id": 7, "type": "book", "author": "Carr", "issued": 1950, "custom": 1, "title": null, "note": [1], "x": {}}]')).toEqual([
      'refs.json:1:2: error: a CSL-JSON item is an object with "id" and "type", not a number',
      'refs.json:1:5: error: a CSL-JSON item is an object with "id" and "type", not null',
      'refs.json:1:11: error: a CSL-JSON item needs an "id" (its citation key)',
      'refs.json:1:29: error: a CSL-JSON item needs a "type" (book, article-journal, chapter, …)',
      'refs.json:1:49: error: CSL-JSON item field "id" must be a non-empty string or a number',
      'refs.json:1:61: error: CSL-JSON item field "type" must be a string such as "book"',
      'refs.json:1:101: error: CSL-JSON item field "author" must be a list of names: [{"family": "Carr", "given": "Edward Hallett"}] or [{"literal": "…"}]',
      'refs.json:1:119: error: CSL-JSON item field "issued" must be a date: {"date-parts": [[1950, 4, 1]]} or {"raw": "1950"}',
      'refs.json:1:135: error: CSL-JSON item field "custom" must be an object',
      'refs.json:1:147: error: CSL-JSON item field "title" must be a string or a number, not null',
      'refs.json:1:161: error: CSL-JSON item field "note" must be a string or a number, not an array',
      'refs.json:1:171: error: CSL-JSON item field "x" must be a string or a number, not an object',
    ]);
    const DATE = 'must be a date: {"date-parts": [[1950, 4, 1]]} or {"raw": "1950"}';
    expect(refusedWith('refs.json', '[{"id": "a", "type": "book", "author": [{"family": "C", "given": {"x": 1}}], "issued": {"date-parts": [[1950, 1, 2, 3]]}, "accessed": {"date-parts": []}, "submitted": {"raw": "x", "season": 1}, "original-date": {"date-parts": [[]]}, "event-date": {"date-parts": [1950]}}]')).toEqual([
      'refs.json:1:40: error: CSL-JSON item field "author" must be a list of names: [{"family": "Carr", "given": "Edward Hallett"}] or [{"literal": "…"}]',
      `refs.json:1:88: error: CSL-JSON item field "issued" ${DATE}`,
      `refs.json:1:135: error: CSL-JSON item field "accessed" ${DATE}`,
      `refs.json:1:212: error: CSL-JSON item field "original-date" ${DATE}`,
      `refs.json:1:248: error: CSL-JSON item field "event-date" ${DATE}`,
    ]);
    expect(refusedWith('refs.json', '[{"id": "a", "type": "book"},]')).toEqual(['refs.json:1:30: error: malformed CSL-JSON: a value was expected']);
    expect(refusedWith('refs.json', '[{"id": "a" "type": "book"}]')).toEqual(['refs.json:1:13: error: malformed CSL-JSON: a comma was expected']);
    expect(refusedWith('refs.json', '// c\n[]')).toEqual(['refs.json:1:1: error: malformed CSL-JSON: comments are not JSON']);
    expect(refusedWith('refs.json', `\n[${'['.repeat(70)}${']'.repeat(71)}`)).toEqual(['refs.json:2:65: error: malformed CSL-JSON: nested more than 64 levels deep (a bibliography needs five)']);
  });

  test('CSL-JSON: each syntax error in the author’s words, at its place', () => {
    // One bibliography per error jsonc-parser reports; the wording is pamphlet's own table.
    const cases: Array<[string, string]> = [
      ['[x]', '1:2: error: malformed CSL-JSON: unexpected character'],
      ['[1.]', '1:2: error: malformed CSL-JSON: a number is cut short'],
      ['[{1: 2}]', '1:3: error: malformed CSL-JSON: a field name in double quotes was expected'],
      ['[{"a" 1}]', '1:7: error: malformed CSL-JSON: a colon was expected'],
      ['[{"id": "a", "type": "book"}', '1:29: error: malformed CSL-JSON: a closing ] was expected'],
      ['[] []', '1:4: error: malformed CSL-JSON: text after the end of the JSON'],
      ['/* c', '1:1: error: malformed CSL-JSON: comments are not JSON'],
      ['["abc', '1:2: error: malformed CSL-JSON: a string is not closed'],
      ['["\\u12"]', '1:2: error: malformed CSL-JSON: malformed \\u escape'],
      ['["\\q"]', '1:2: error: malformed CSL-JSON: malformed escape sequence'],
      ['["a\tb"]', '1:2: error: malformed CSL-JSON: a control character in a string'],
      ['', '1:1: error: malformed CSL-JSON: a value was expected'],
    ];
    for (const [text, message] of cases) expect(refusedWith('refs.json', text), text).toEqual([`refs.json:${message}`]);
  });

  test('CSL-JSON: every CSL name variable must be a list of names, every date variable a date', () => {
    const NAMES: Array<[string, number]> = [
      ['author', 40], ['chair', 54], ['collection-editor', 80], ['compiler', 97], ['composer', 114], ['container-author', 139],
      ['contributor', 159], ['curator', 175], ['director', 192], ['editor', 207], ['editorial-director', 234], ['executive-producer', 261],
      ['guest', 275], ['host', 288], ['interviewer', 308], ['illustrator', 328], ['narrator', 345], ['organizer', 363],
      ['original-author', 387], ['performer', 405], ['producer', 422], ['recipient', 440], ['reviewed-author', 464],
      ['script-writer', 486], ['series-creator', 509], ['translator', 528],
    ];
    const LIST = 'must be a list of names: [{"family": "Carr", "given": "Edward Hallett"}] or [{"literal": "…"}]';
    expect(refusedWith('refs.json', `[{"id": "a", "type": "book", ${NAMES.map(([name]) => `"${name}": "X"`).join(', ')}}]`)).toEqual(
      NAMES.map(([name, column]) => `refs.json:1:${column}: error: CSL-JSON item field "${name}" ${LIST}`),
    );
    const DATES: Array<[string, number]> = [['accessed', 42], ['available-date', 68], ['event-date', 90], ['issued', 108], ['original-date', 133], ['submitted', 154]];
    const DATE = 'must be a date: {"date-parts": [[1950, 4, 1]]} or {"raw": "1950"}';
    expect(refusedWith('refs.json', `[{"id": "a", "type": "book", ${DATES.map(([name]) => `"${name}": "1950"`).join(', ')}}]`)).toEqual(
      DATES.map(([name, column]) => `refs.json:1:${column}: error: CSL-JSON item field "${name}" ${DATE}`),
    );
  });

  test('BibTeX: each parser stop named in the author’s words', () => {
    const at = (where: string, what: string) => [`refs.bib:1:1: error: ${UNCLOSED} ${where}: ${what}`];
    expect(refusedWith('refs.bib', '@book{a, title = {A} b}\n')).toEqual(at('line 1, column 22', 'expected `}`, found a field name'));
    expect(refusedWith('refs.bib', '@book{a, title = "A}\n')).toEqual(at('line 2, column 1', 'expected text, found the end of the file'));
    expect(refusedWith('refs.bib', '@book{a, title = {A} # }\n')).toEqual(at('line 1, column 24', 'expected `{`, found `}`'));
    expect(refusedWith('refs.bib', '@book{, title={A}}\n')).toEqual(at('line 1, column 7', 'expected an entry key, found a comma'));
    expect(refusedWith('refs.bib', '@book{a, title {A}}\n')).toEqual(at('line 1, column 16', 'expected `=`, found `{`'));
    expect(refusedWith('refs.bib', '@book{a, title = = {A}}\n')).toEqual(at('line 1, column 18', 'expected `{`, found `=`'));
    expect(refusedWith('refs.bib', '@book a\n')).toEqual(at('line 1, column 7', 'expected `{`, found an entry key'));
    expect(refusedWith('refs.bib', '@{a, title={A}}\n')).toEqual(at('line 1, column 2', 'unexpected text'));
    expect(refusedWith('refs.bib', '@book{a, 12 = {A}}\n')).toEqual(at('line 1, column 10', 'expected `}`, found a number'));
    expect(refusedWith('refs.bib', '@book{a, title = {A}} @\n')).toEqual([`refs.bib:1:23: error: ${UNCLOSED} line 2, column 1: expected an entry type, found the end of the file`]);
  });

  test('a bibliography that is not UTF-8, or lies outside the folder, is refused at its place', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('@book{a,\n  title = {Caf'), 0xe9, ...new TextEncoder().encode('}}\n')]);
    expect(refused({ 'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n', 'part-1.md': '---\ntitle: T\npart: 1\n---\nx\n', 'refs.bib': bytes })).toEqual([
      'refs.bib:2:15: error: not UTF-8: byte 0xe9 cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8)',
    ]);
  });

  test('a bibliography edited between two loads is read again', () => {
    const files = { 'pamphlet.yaml': 'series: S\nbibliography: refs.bib\n', 'part-1.md': '---\ntitle: T\npart: 1\n---\nSee [@a].\n', 'refs.bib': '@book{a, title = {Before}}\n' };
    const dir = folder(files);
    const noteOf = () => notes(loadManuscript(dir, EPOCH).parts[0] as PartDocument);
    expect(noteOf()).toEqual(['1 citation: <p><span class="citation"><i>Before</i>, n.d.</span></p>']);
    expect(noteOf()).toEqual(['1 citation: <p><span class="citation"><i>Before</i>, n.d.</span></p>']);
    writeFileSync(path.join(dir, 'refs.bib'), '@book{a, title = {After}}\n');
    expect(noteOf()).toEqual(['1 citation: <p><span class="citation"><i>After</i>, n.d.</span></p>']);
  });

  test('CSL-JSON that is right: names, dates, numbers, a citation-key, a custom object', () => {
    const json = '[{"id": 7, "citation-key": "carr", "type": "book", "title": "T", "author": [{"family": "Carr", "given": "E. H."}], "issued": {"date-parts": [[1950, "4"]]}, "accessed": {"raw": "2020"}, "volume": 2, "custom": {"x": [1]}}]';
    const { doc } = onePart('See [@carr].\n', { yaml: 'series: S\nbibliography: refs.json\n', files: { 'refs.json': json } });
    expect(notes(doc)).toEqual(['1 citation: <p><span class="citation">E.\u00A0H.\u00A0Carr, <i>T</i>, vol.\u00A02, 1950.</span></p>']);
  });
});

describe('locators, as authors write them', () => {
  test('each label and its plural, spaces after it or not; anything else is a page', () => {
    const LOCATORS: Array<[string, string, string]> = [
      ['p. 12', 'page', '12'], ['pp.  3–4', 'page', '3–4'], ['p.12', 'page', '12'], ['page  7', 'page', '7'], ['pages 7-9', 'page', '7-9'],
      ['ch.  7', 'chapter', '7'], ['chap. 7', 'chapter', '7'], ['chs.2', 'chapter', '2'], ['chapter  4', 'chapter', '4'], ['chapters 4-5', 'chapter', '4-5'],
      ['vol.  2', 'volume', '2'], ['vols.1-2', 'volume', '1-2'], ['§  4', 'section', '4'], ['§§4-5', 'section', '4-5'],
      ['sec.  3', 'section', '3'], ['sect.3', 'section', '3'], ['secs. 3-4', 'section', '3-4'],
      ['para.  2', 'paragraph', '2'], ['paras.2-3', 'paragraph', '2-3'], ['¶  5', 'paragraph', '5'], ['¶5', 'paragraph', '5'],
      ['n.  3', 'note', '3'], ['nn.3-4', 'note', '3-4'], ['l.  10', 'line', '10'], ['ll.10-12', 'line', '10-12'],
      ['fig.  2', 'figure', '2'], ['figs.2-3', 'figure', '2-3'], ['bk.  1', 'book', '1'], ['bk.1', 'book', '1'], ['pt.  2', 'part', '2'], ['pt.2', 'part', '2'],
      [' 43 ', 'page', '43'], ['pages7', 'page', 'pages7'], ['chapter7', 'page', 'chapter7'],
    ];
    for (const [text, label, locator] of LOCATORS) expect(parseLocator(text), text).toEqual({ label, locator });
    // A label only counts at the start.
    for (const text of ['xp. 1', 'xpages 1', 'xch. 1', 'xchapter 1', 'xvol. 1', 'x§ 1', 'xsec. 1', 'xpara. 1', 'x¶ 1', 'xn. 1', 'xl. 1', 'xfig. 1', 'xbk. 1', 'xpt. 1']) {
      expect(parseLocator(text), text).toEqual({ label: 'page', locator: text });
    }
  });
});

describe('CSL styles', () => {
  const STYLE = (attrs: string, inner = '<citation><layout><text variable="title"/></layout></citation>') => `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" ${attrs}><info/>${inner}</style>`;
  const dirOf = (files: Record<string, string>) => {
    const dir = folder({});
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  };
  const failure = (run: () => unknown): string => {
    try {
      run();
    } catch (cause) {
      return `${(cause as Error).constructor.name}: ${(cause as Error).message}`;
    }
    return 'accepted';
  };

  test('found by id in the first folder that has it, a dependent style through its parent', () => {
    const a = dirOf({ 'mine.csl': STYLE('class="note"'), 'dependent/dep.csl': STYLE('class="in-text"', '<info><link rel="independent-parent" href="http://www.zotero.org/styles/mine?x#y"/></info>') });
    const b = dirOf({ 'mine.csl': STYLE('class="in-text"') });
    expect(resolveStyle('mine', [a, b])).toMatchObject({ kind: 'note', path: path.join(a, 'mine.csl') });
    expect(resolveStyle('mine', [b, a])).toMatchObject({ kind: 'in-text', path: path.join(b, 'mine.csl') });
    // The dependent style takes its parent's class and XML.
    expect(resolveStyle('dep', [a])).toEqual({ xml: STYLE('class="note"'), kind: 'note', path: path.join(a, 'dependent', 'dep.csl') });
    expect(resolveStyle(path.join(b, 'mine.csl'), [])).toMatchObject({ kind: 'in-text' });
  });

  test('only <info>’s own independent-parent link makes a style dependent; a trailing slash is read', () => {
    const CITE = '<citation><layout><text variable="title"/></layout></citation>';
    const selfLink = STYLE('class="note"', `<info><link rel="self" href="http://x/styles/mine"/></info>${CITE}`);
    const inCitation = STYLE('class="note"', '<info/><citation><link rel="independent-parent" href="http://x/styles/mine"/><layout/></citation>');
    const deeper = STYLE('class="note"', `<info><x><link rel="independent-parent" href="http://x/styles/mine"/></x></info>${CITE}`);
    const foreign = STYLE('class="note" xmlns:o="http://example.org/o"', `<info><o:link rel="independent-parent" href="http://x/styles/mine"/></info>${CITE}`);
    const dir = dirOf({ 'mine.csl': STYLE('class="in-text"'), 'self.csl': selfLink, 'incite.csl': inCitation, 'deeper.csl': deeper, 'foreign.csl': foreign, 'slash.csl': STYLE('class="note"', '<info><link rel="independent-parent" href="http://x/styles/mine/"/></info>') });
    expect(resolveStyle('self', [dir])).toEqual({ xml: selfLink, kind: 'note', path: path.join(dir, 'self.csl') });
    expect(resolveStyle('incite', [dir])).toEqual({ xml: inCitation, kind: 'note', path: path.join(dir, 'incite.csl') });
    expect(resolveStyle('deeper', [dir])).toEqual({ xml: deeper, kind: 'note', path: path.join(dir, 'deeper.csl') });
    expect(resolveStyle('foreign', [dir])).toEqual({ xml: foreign, kind: 'note', path: path.join(dir, 'foreign.csl') });
    expect(resolveStyle('slash', [dir])).toEqual({ xml: STYLE('class="in-text"'), kind: 'in-text', path: path.join(dir, 'slash.csl') });
  });

  test('refused: a path for an id, missing, not CSL, no class, no citation, a dependent parent', () => {
    const dir = dirOf({
      'html.csl': '<html/>',
      'other.csl': '<style xmlns="http://example.org/x" class="note"/>',
      'broken.csl': '<style',
      'noclass.csl': STYLE(''),
      'badclass.csl': STYLE('class="footnote"'),
      'nocite.csl': STYLE('class="note"', '<bibliography/>'),
      'deep.csl': STYLE('class="note"', '<macro><citation/></macro>'),
      'dep1.csl': STYLE('class="note"', '<info><link rel="independent-parent" href="http://x/styles/dep2"/></info>'),
      'dep2.csl': STYLE('class="note"', '<info><link rel="independent-parent" href="http://x/styles/html"/></info>'),
      'badparent.csl': STYLE('class="note"', '<info><link rel="independent-parent" href="http://x/styles/.."/></info>'),
      'badid.csl': STYLE('class="note"', '<info><link rel="independent-parent" href="http://x/styles/-x"/></info>'),
    });
    const at = (name: string) => path.join(dir, name);
    expect(failure(() => resolveStyle('../x', [dir]))).toBe("StyleError: CSL style id “../x” is not a style name (letters, digits, '.', '-', '_'; no path)");
    expect(failure(() => resolveStyle('a..b', [dir]))).toBe("StyleError: CSL style id “a..b” is not a style name (letters, digits, '.', '-', '_'; no path)");
    expect(failure(() => resolveStyle('-a', [dir]))).toBe("StyleError: CSL style id “-a” is not a style name (letters, digits, '.', '-', '_'; no path)");
    expect(failure(() => resolveStyle('a/b', [dir]))).toBe("StyleError: CSL style id “a/b” is not a style name (letters, digits, '.', '-', '_'; no path)");
    expect(failure(() => resolveStyle('badid', [dir]))).toBe(`StyleError: CSL style ${at('badid.csl')}: its independent-parent link “http://x/styles/-x” does not end in a style id`);
    expect(failure(() => resolveStyle('nope', [dir]))).toBe(`StyleNotFoundError: CSL style “nope” not found in ${dir} (install Debian's citation-style-language-styles, put nope.csl in the manuscript's styles/ folder, or give a path to a .csl file)`);
    expect(failure(() => resolveStyle('html', [dir]))).toBe(`StyleError: CSL style ${at('html.csl')} is not a CSL style: its root element is <html>, not <style xmlns="http://purl.org/net/xbiblio/csl">`);
    expect(failure(() => resolveStyle('other', [dir]))).toBe(`StyleError: CSL style ${at('other.csl')} is not a CSL style: its root element is <style> in http://example.org/x, not <style xmlns="http://purl.org/net/xbiblio/csl">`);
    expect(failure(() => resolveStyle('broken', [dir]))).toMatch(new RegExp(`^StyleError: CSL style ${at('broken.csl')} is not well-formed XML \\(its line 1, column \\d+: `));
    expect(failure(() => resolveStyle('noclass', [dir]))).toBe(`StyleError: CSL style ${at('noclass.csl')} is not a CSL style: <style class> must be "note" or "in-text", not missing`);
    expect(failure(() => resolveStyle('badclass', [dir]))).toBe(`StyleError: CSL style ${at('badclass.csl')} is not a CSL style: <style class> must be "note" or "in-text", not “footnote”`);
    expect(failure(() => resolveStyle('nocite', [dir]))).toBe(`StyleError: CSL style ${at('nocite.csl')} is not a CSL style: an independent style needs a <citation> element`);
    expect(failure(() => resolveStyle('deep', [dir]))).toBe(`StyleError: CSL style ${at('deep.csl')} is not a CSL style: an independent style needs a <citation> element`);
    expect(failure(() => resolveStyle('dep1', [dir]))).toBe(`StyleError: CSL style ${at('dep2.csl')}: its parent is itself a dependent style`);
    expect(failure(() => resolveStyle('badparent', [dir]))).toBe(`StyleError: CSL style ${at('badparent.csl')}: its independent-parent link “http://x/styles/..” does not end in a style id`);
    expect(new StyleNotFoundError('x')).toBeInstanceOf(StyleError);
  });

  test('a style named in pamphlet.yaml that citeproc cannot use is an error there', () => {
    const style = STYLE('class="note"', '<citation><layout><nonsense/></layout></citation>');
    const files = { 'pamphlet.yaml': 'series: S\nbibliography: refs.bib\ncitation-style: styles/bad.csl\n', 'styles/bad.csl': style, 'refs.bib': BIB, 'part-1.md': '---\ntitle: T\npart: 1\n---\nSee [@carr1950].\n' };
    const dir = folder(files);
    let errors: string[] = [];
    try {
      loadManuscript(dir, EPOCH);
    } catch (cause) {
      errors = (cause as ManuscriptError).messages.map((m) => formatMessage(m, dir));
    }
    // citeproc's own words, without its "citeproc-js error: " prefix.
    expect(errors).toEqual([`pamphlet.yaml:3:17: error: CSL style ${path.join(dir, 'styles/bad.csl')} cannot be used: Undefined node name "nonsense".`]);
  });
});
