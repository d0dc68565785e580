// The pipeline's plugins on small parts, in process (src/pipeline): front matter, the
// part title, headings and their ids, links to anchors, ¶ numbers, figures, tables,
// reference-style links, colons that are text, and the lints. Each test writes a
// manuscript, loads it as `check` does, and reads the text flow a renderer gets (as
// HTML) or the exact diagnostic a user gets.
import { describe, expect, test } from 'vitest';
import { body, load, onePart, onePartRefused, part, PNG_1x1, refused, SERIES } from './helpers.js';

const IMAGE = { 'p.png': PNG_1x1 };

describe('front matter', () => {
  test('a part without front matter: numbered by its name where no part gives `part:`, titled by its first heading or its name', () => {
    const loaded = load({ 'pamphlet.yaml': SERIES, 'part-10.md': '# **The Tenth**\n\nText.\n', 'part-2.md': 'Text without front matter.\n', 'notes.md': '---\npublish: true\n---\nNotes.\n' });
    expect(loaded.manuscript.parts.map((p) => `${p.meta.part}: ${p.meta.title}`)).toEqual(['1: notes', '2: part-2', '3: The Tenth']);
    // Told once, at the first part, as Obsidian's own keys are (`publish`).
    expect(loaded.messages).toEqual([
      "notes.md:2:1: warning: front matter key `publish` is not pamphlet's (another tool's, such as Jekyll's `layout` or Hugo's `tags`): left out (pamphlet's: title, part, author, authors, lang, identifier, date, modified, next, bibliography, subtitle, rights, isbn, edition, publisher-address, printer, description, subjects, source, cover)",
      "notes.md:1:1: info: no `title:` or `part:`: part 1 by its file name's place in the folder, titled “notes” from its file name; write them in its front matter to say otherwise (and in 2 more parts)",
    ]);
    // The heading that gave the title is the title, not printed twice.
    expect(body(loaded.manuscript.parts[2]!)).toBe('<p id="p1" data-pn="1">Text.</p>');
    // A title of its own, and no number: numbered still.
    expect(load({ 'pamphlet.yaml': SERIES, 'b.md': '---\ntitle: Bee\n---\nB.\n', 'a.md': 'A.\n' }).manuscript.parts.map((p) => `${p.meta.part}: ${p.meta.title}`)).toEqual(['1: a', '2: Bee']);
  });

  test('where one part gives `part:`, every part must; one that gives `part:` gives `title:`', () => {
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': part('title: One\npart: 1', 'x\n'), 'part-2.md': 'Text without front matter.\n' })).toEqual([
      'part-2.md:1:1: error: a part starts with YAML front matter giving at least `title:` and `part:` (another part of the folder gives `part:`, so every part must)',
    ]);
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': part('title: One\npart: 1', 'x\n'), 'part-2.md': '---\ntitle: Two\n---\ny\n' })).toEqual([
      'part-2.md:1:1: error: `part` is required: the position in the series, a whole number from 1 to 9999 (another part of the folder gives `part:`, so every part must)',
    ]);
  });

  test('a part and pamphlet.yaml saved with classic Mac OS line ends (CR alone) read as with LF', () => {
    // "Nested mappings are not allowed in compact mappings" at 2:8: the yaml package took each file for one line.
    const files = { 'pamphlet.yaml': 'series: Test Series\rlang: en\r', 'part-1.md': '---\rtitle: Old Mac\rpart: 1\r---\r\r## Section\r\rText *in* two\rlines.\r' };
    const loaded = load(files);
    expect(loaded.messages).toEqual([]);
    expect(loaded.manuscript.parts[0]?.meta.title).toBe('Old Mac');
    const withLf = load(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.replaceAll('\r', '\n')])));
    expect(body(loaded.manuscript.parts[0]!)).toBe(body(withLf.manuscript.parts[0]!).replace('two\nlines', 'two\rlines'));
    expect(body(loaded.manuscript.parts[0]!)).toContain('<p id="p1" data-pn="1">Text <em>in</em> two');
  });

  test('front matter that is not YAML, or not a mapping', () => {
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\ntitle: [x\n---\nText\n' })).toEqual([
      'part-1.md:2:10: error: invalid front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\n- a\n---\nText\n' })).toEqual(['part-1.md:1:1: error: front matter must be a mapping with `title:` and `part:`']);
  });

  test('title and part, required and of their kind, each at its value', () => {
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\ntitle: ""\npart: 0\nmodifed: 1\n---\nText\n' })).toEqual([
      'part-1.md:4:1: error: unknown front matter key `modifed` (did you mean `modified`?)',
      'part-1.md:2:8: error: `title` is required and must be text',
      'part-1.md:3:7: error: `part` is required: the position in the series, a whole number from 1 to 9999',
    ]);
    const partError = (value: string) => refused({ 'pamphlet.yaml': SERIES, 'part-1.md': `---\ntitle: T\npart: ${value}\n---\n` });
    for (const value of ['1.5', '10000', '"1"', '-1']) expect(partError(value)).toEqual(['part-1.md:3:7: error: `part` is required: the position in the series, a whole number from 1 to 9999']);
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\npart: 1\n---\n' })).toEqual(['part-1.md:1:1: error: `title` is required and must be text']);
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\ntitle: "  "\n---\n' })).toEqual(['part-1.md:2:8: error: `title` is required and must be text']);
    // The edges of the range are parts.
    expect(load({ 'pamphlet.yaml': SERIES, 'part-1.md': part('title: A\npart: 1', 'x\n'), 'part-2.md': part('title: B\npart: 9999', 'y\n') }).manuscript.parts.map((p) => p.meta.partLabel)).toEqual(['Part I', 'Part MMMMMMMMMCMXCIX']);
  });

  test('another tool’s keys are left out with a warning; a misspelt key of ours is an error', () => {
    // Jekyll's welcome post (its template's front matter), and Pandoc's own docs' (doc/custom-readers.md, its date made ISO).
    const jekyll = load({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\nlayout: post\ntitle:  "Welcome to Jekyll!"\ndate:   2015-11-10 21:48:21 +0000\ncategories: jekyll update\npart: 1\n---\nText\n' }, {});
    expect(jekyll.messages).toEqual([
      "part-1.md:2:1: warning: front matter key `layout` is not pamphlet's (another tool's, such as Jekyll's `layout` or Hugo's `tags`): left out (pamphlet's: title, part, author, authors, lang, identifier, date, modified, next, bibliography, subtitle, rights, isbn, edition, publisher-address, printer, description, subjects, source, cover)",
      "part-1.md:5:1: warning: front matter key `categories` is not pamphlet's (another tool's, such as Jekyll's `layout` or Hugo's `tags`): left out (pamphlet's: title, part, author, authors, lang, identifier, date, modified, next, bibliography, subtitle, rights, isbn, edition, publisher-address, printer, description, subjects, source, cover)",
    ]);
    expect(jekyll.manuscript.parts[0]?.meta).toMatchObject({ title: 'Welcome to Jekyll!', date: '2015-11-10' });
    const pandoc = load({ 'pamphlet.yaml': SERIES, 'part-1.md': "---\nauthor:\n- John MacFarlane\ndate: '2021-11-18'\ntitle: Creating Custom Pandoc Readers in Lua\npart: 1\n---\nText\n" }, {});
    expect(pandoc.messages).toEqual([]);
    expect(pandoc.manuscript.parts[0]?.meta).toMatchObject({ authors: ['John MacFarlane'], date: '2021-11-18' });
    const one = (line: string) => refused({ 'pamphlet.yaml': SERIES, 'part-1.md': `---\ntitle: T\npart: 1\n${line}\n---\nText\n` });
    expect(one('data: 2017')).toEqual(['part-1.md:4:1: error: unknown front matter key `data` (did you mean `date`?)']);
    expect(one('bibliograpy: false')).toEqual(['part-1.md:4:1: error: unknown front matter key `bibliograpy` (did you mean `bibliography`?)']);
  });

  test('a part’s own author: a name, a list (Pandoc’s), or `authors`; the series’ otherwise', () => {
    const meta = (frontmatter: string) => load({ 'pamphlet.yaml': 'series: S\nauthor: The Editors\n', 'part-1.md': part(`title: T\npart: 1\n${frontmatter}`, 'x\n') }, {}).manuscript.parts[0]?.meta;
    expect(meta('')?.authors).toEqual(['The Editors']);
    expect(meta('author: Rosa Luxemburg')?.authors).toEqual(['Rosa Luxemburg']);
    expect(meta('author: [Karl Marx, Friedrich Engels]')?.authors).toEqual(['Karl Marx', 'Friedrich Engels']);
    expect(meta('authors: [Karl Marx]')?.authors).toEqual(['Karl Marx']);
    // The identifier is the series': a contributor named later does not make the part another book.
    expect(meta('author: Rosa Luxemburg')?.identifier).toBe(meta('')?.identifier);
    const one = (line: string) => refused({ 'pamphlet.yaml': SERIES, 'part-1.md': `---\ntitle: T\npart: 1\n${line}\n---\nText\n` });
    expect(one('author: [{ name: Jane, affiliation: X }]')).toEqual(['part-1.md:4:9: error: `author` is a name, or a list of names (written as text: `author: Rosa Luxemburg`)']);
    expect(one('authors: Jane')).toEqual(['part-1.md:4:10: error: `authors` is a list of names (written as text: `author: Rosa Luxemburg`)']);
    expect(one('author: A\nauthors: [B]')).toEqual(['part-1.md:5:10: error: give `author` or `authors`, not both']);
    expect(one('author: ""')).toEqual(['part-1.md:4:9: error: `author` is a name, or a list of names (written as text: `author: Rosa Luxemburg`)']);
  });

  test('the optional keys, each wrong', () => {
    expect(refused({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\ntitle: T\npart: 1\nidentifier: 5\ndate: 17\nlang: "en_US"\nmodified: yesterday\nsubtitle: 3\nnext: true\nbibliography: true\n---\nText\n' })).toEqual([
      'part-1.md:4:13: error: `identifier` must be text (urn:uuid:… or an ISBN)',
      'part-1.md:5:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)',
      'part-1.md:6:7: error: `lang` must be a BCP 47 language tag such as de or en-GB',
      'part-1.md:7:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time',
      'part-1.md:8:11: error: `subtitle` must be text',
      'part-1.md:9:7: error: `next` is `false` or `{ title: …, href: … }`',
      'part-1.md:10:15: error: `bibliography` in a part is `false` (no bibliography for this part), or the file Pandoc reads it from (`refs.bib`, or a list of them)',
    ]);
    const one = (line: string) => refused({ 'pamphlet.yaml': SERIES, 'part-1.md': `---\ntitle: T\npart: 1\n${line}\n---\nText\n` });
    expect(one('next: { title: N, href: "ftp://x.org", extra: 1 }')).toEqual([
      'part-1.md:4:7: error: unknown key in `next`: extra (known: title, href)',
      'part-1.md:4:7: error: `next.href` must be an http or https URL (where the next part is published)',
    ]);
    expect(one('next: { href: "https://x.org" }')).toEqual(['part-1.md:4:7: error: `next` is `false` or `{ title: …, href: … }`']);
    expect(one('next: { title: N, href: 5 }')).toEqual(['part-1.md:4:7: error: `next.href` must be an http or https URL (where the next part is published)']);
    // A key with no value, as Obsidian's properties leave an unfilled one (`description:`), gives none.
    expect(load({ 'pamphlet.yaml': SERIES, 'part-1.md': '---\ntitle: T\npart: 1\nnext: ~\ndescription:\n---\nText\n' }).messages).toEqual([]);
    expect(one('date: 2017-1-5')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('date: 2017-10-23x')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('lang: e')).toEqual(['part-1.md:4:7: error: `lang` must be a BCP 47 language tag such as de or en-GB']);
    expect(one('lang: en-')).toEqual(['part-1.md:4:7: error: `lang` must be a BCP 47 language tag such as de or en-GB']);
    expect(one('lang: [de]')).toEqual(['part-1.md:4:7: error: `lang` must be a BCP 47 language tag such as de or en-GB']);
    expect(one('lang: " de"')).toEqual(['part-1.md:4:7: error: `lang` must be a BCP 47 language tag such as de or en-GB']);
    expect(one('modified: 2024-03-01T10')).toEqual(['part-1.md:4:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time']);
    expect(one('modified: 2024-13-45')).toEqual(['part-1.md:4:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time']);
    expect(one('modified: x2024-03-01')).toEqual(['part-1.md:4:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time']);
    // No such day: it passed `check`, then the PDF's metadata stopped `build` without a place (13th month),
    // or the EPUB said 30 February and the PDF 2 March.
    expect(one('date: 2021-13-45')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('date: 2021-02-29')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('date: 2021-00')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('date: 2021-11-18T24:00:00Z')).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(one('modified: 2021-02-30')).toEqual(['part-1.md:4:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time']);
    expect(one('modified: 2024-03-01T10:00:00+01:00x')).toEqual(['part-1.md:4:11: error: `modified` must be a day of the calendar (YYYY-MM-DD) or an ISO date-time']);
  });

  test('the optional keys, each right, as the book’s metadata', () => {
    const { manuscript } = load({
      'pamphlet.yaml': 'series: Notes\nsubtitle: Series Sub\nauthors: [Ada, Bob]\npublisher: Press\n',
      'part-1.md': part('title: One\npart: 1\nidentifier: urn:isbn:9780000000002\ndate: 2017-10\nsubtitle: Own Sub\nlang: de-CH\nnext: { title: "Part II: Elsewhere", href: "https://example.org/two" }', 'Text.\n'),
    }, {});
    expect(manuscript.parts[0]?.meta).toEqual({
      series: 'Notes',
      subtitle: 'Own Sub',
      title: 'One',
      part: 1,
      partLabel: 'Teil I',
      authors: ['Ada', 'Bob'],
      publisher: 'Press',
      lang: 'de-CH',
      identifier: 'urn:isbn:9780000000002',
      date: '2017-10',
      modified: '2017-10-01T00:00:00Z',
      next: { lead: 'Weiter:', label: 'Part II: Elsewhere', href: 'https://example.org/two' },
      slug: 'notes-1',
      sourcePath: expect.stringMatching(/\/part-1\.md$/),
    });
  });

  test('dates written as YAML dates, and modified times', () => {
    const meta = (frontmatter: string) => load({ 'pamphlet.yaml': 'series: S\nauthor: A\n', 'part-1.md': part(`title: T\npart: 1\n${frontmatter}`, 'x\n') }, {}).manuscript.parts[0]?.meta;
    expect(meta('date: 2017-10-23')).toMatchObject({ date: '2017-10-23', modified: '2017-10-23T00:00:00Z' });
    expect(meta('date: 1917')).toMatchObject({ date: '1917', modified: '1917-01-01T00:00:00Z' });
    expect(meta('modified: 2024-03-01')).toMatchObject({ modified: '2024-03-01T00:00:00Z' });
    expect(meta('modified: 2024-03-01T10:20:30+02:00')).toMatchObject({ modified: '2024-03-01T08:20:30Z' });
    expect(meta('modified: "2024-03-01 10:20:30Z"')).toMatchObject({ modified: '2024-03-01T10:20:30Z' });
    expect(meta('modified: 2024-03-01T10:20')).toMatchObject({ modified: expect.stringMatching(/^2024-03-01T\d\d:20:00Z$/) });
    expect(meta('date: 2017-10-23\nmodified: 2024-03-01')).toMatchObject({ date: '2017-10-23', modified: '2024-03-01T00:00:00Z' });
    // As Hugo and Jekyll write them: the day as written is the date, whatever the time zone says.
    expect(meta('date: 2021-11-18T23:30:00-05:00')).toMatchObject({ date: '2021-11-18', modified: '2021-11-18T00:00:00Z' });
    expect(meta('date: 2021-11-18 10:00:00 +0000')).toMatchObject({ date: '2021-11-18' });
    expect(meta('modified: 2021-11-18 10:00:00 +0000')).toMatchObject({ modified: '2021-11-18T10:00:00Z' });
    expect(meta('date: 2020-02-29')).toMatchObject({ date: '2020-02-29' });
    // Pandoc's docs write their dates in words (doc/custom-readers.md): a warning, and no date.
    const pandoc = load({ 'pamphlet.yaml': 'series: S\nauthor: A\n', 'part-1.md': part("title: T\npart: 1\ndate: 'November 18, 2021'", 'x\n') }, {});
    expect(pandoc.messages).toEqual(["part-1.md:4:7: warning: `date` “November 18, 2021” is not a day pamphlet reads (YYYY-MM-DD): left out of the EPUB's metadata"]);
    expect(pandoc.manuscript.parts[0]?.meta.date).toBeUndefined();
    // Quarto's test book (quarto-cli tests/docs/project/book/index.qmd) writes the month first: the same.
    const quarto = load({ 'pamphlet.yaml': 'series: S\nauthor: A\n', 'part-1.md': part('title: T\npart: 1\ndate: 3/24/2001', 'x\n') }, {});
    expect(quarto.messages).toEqual(["part-1.md:4:7: warning: `date` “3/24/2001” is not a day pamphlet reads (YYYY-MM-DD): left out of the EPUB's metadata"]);
    expect(quarto.manuscript.parts[0]?.meta.date).toBeUndefined();
    // Written year first, it must be a day.
    expect(refused({ 'pamphlet.yaml': 'series: S\nauthor: A\n', 'part-1.md': part('title: T\npart: 1\ndate: 2021-13-45', 'x\n') }, {})).toEqual(['part-1.md:4:7: error: `date` must be a day of the calendar written YYYY, YYYY-MM or YYYY-MM-DD (or an ISO date-time: its day is kept)']);
    expect(meta('')).toMatchObject({ modified: '2000-01-01T00:00:00Z' });
    expect(meta('')?.date).toBeUndefined();
  });
});

describe('parts of a series', () => {
  test('ordered by `part:`, linked by "Next:", a part twice an error', () => {
    const { manuscript } = load({
      'pamphlet.yaml': 'series: The Long Road\n',
      'a.md': part('title: Second Steps\npart: 2', 'Two.\n'),
      'b.md': part('title: First Steps\npart: 1', 'One.\n'),
      'c.md': part('title: Last\npart: 4\nnext: false', 'Four.\n'),
      'README.md': 'Not a part.\n',
    });
    expect(manuscript.parts.map((p) => [p.meta.slug, p.meta.partLabel, p.meta.next, p.nextPart ? body({ ...p, body: { type: 'root', children: [p.nextPart] } }) : null])).toEqual([
      ['the-long-road-1', 'Part I', { lead: 'Next:', label: 'Part II: Second Steps', slug: 'the-long-road-2' }, '<p class="next-part">Next: Part II: Second Steps</p>'],
      ['the-long-road-2', 'Part II', { lead: 'Next:', label: 'Part IV: Last', slug: 'the-long-road-4' }, '<p class="next-part">Next: Part IV: Last</p>'],
      ['the-long-road-4', 'Part IV', null, null],
    ]);
    expect(refused({ 'pamphlet.yaml': SERIES, 'a.md': part('title: A\npart: 3', 'x\n'), 'b.md': part('title: B\npart: 3', 'y\n') })).toEqual([
      'b.md:3:7: error: part 3 appears twice (also in a.md)',
    ]);
  });

  test('in the series’ language: "Teil I", "Weiter:", and `next:` titles checked against "Teil II" as printed', () => {
    const { manuscript, messages } = load({
      'pamphlet.yaml': 'series: Rote Fahne\nlang: de\n',
      'a.md': part('title: Anfang\npart: 1\nnext: { title: "Teil II: Alter Titel" }', '# Teil I: Anfang\n\nEins.\n'),
      'b.md': part('title: Fortsetzung\npart: 2\nnext: { title: "Teil III: Schluss", href: "https://example.org/3" }', '# Part II: Fortsetzung\n\nZwei.\n'),
      'c.md': part('title: Schluss\npart: 3\nlang: ru', 'Три.\n'),
      'd.md': part('title: Nachwort\npart: 4\nlang: xx', 'Vier.\n'),
    });
    expect(manuscript.parts.map((p) => [p.meta.partLabel, p.nextPart ? body({ ...p, body: { type: 'root', children: [p.nextPart] } }) : null])).toEqual([
      ['Teil I', '<p class="next-part">Weiter: Teil II: Alter Titel</p>'],
      ['Teil II', '<p class="next-part">Weiter: <a href="https://example.org/3">Teil III: Schluss</a></p>'],
      ['Часть III', '<p class="next-part">Далее: Часть IV: Nachwort</p>'],
      ['Part IV', null],
    ]);
    // The title the author repeated as a heading, with the label as printed or in English, is dropped.
    expect(manuscript.parts.slice(0, 2).map((p) => body(p))).toEqual(['<p id="p1" data-pn="1">Eins.</p>', '<p id="p1" data-pn="1">Zwei.</p>']);
    expect(messages).toEqual(['a.md:4:16: warning: `next:` says “Teil II: Alter Titel”, but b.md is “Teil II: Fortsetzung”: correct the title, or remove `next:` to name the next part as it is']);
  });

  test('a folder with no parts', () => {
    expect(refused({ 'pamphlet.yaml': SERIES, 'readme.md': 'x' })).toEqual([expect.stringMatching(/^pamphlet\.yaml:1:1: error: no parts: put one Markdown file per part in \//)]);
  });

  test('the derived identifier depends on series, part and authors only', () => {
    const id = (yaml: string, partNumber: number, text: string) => load({ 'pamphlet.yaml': yaml, 'part-1.md': part(`title: T\npart: ${partNumber}`, text) }).manuscript.parts[0]?.meta.identifier;
    const first = id('series: S\nauthor: A\n', 1, 'One text.\n');
    expect(first).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id('series: S\nauthor: A\n', 1, 'Another text.\n')).toBe(first);
    expect(id('series: S\nauthor: B\n', 1, 'One text.\n')).not.toBe(first);
    expect(id('series: T\nauthor: A\n', 1, 'One text.\n')).not.toBe(first);
    expect(id('series: S\nauthor: A\n', 2, 'One text.\n')).not.toBe(first);
  });
});

describe('the part title and the headings', () => {
  test('a first heading repeating the title goes; levels start at h2; a skip is a warning', () => {
    const { doc, messages } = onePart('# The Title\n\nText.\n\n## Sub\n\n#### Deep\n', { frontmatter: 'title: The Title\npart: 2' });
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Text.</p>\n<h2 id="sub">Sub</h2>\n<h4 id="deep">Deep</h4>');
    expect(doc.sections).toEqual([{ id: 'sub', title: 'Sub', depth: 2 }, { id: 'deep', title: 'Deep', depth: 4 }]);
    expect(messages).toEqual(['part-1.md:12:1: warning: heading level skips from `##` to `####`: use `###`']);
  });

  test('a title heading with its part label and other punctuation goes too; only the first heading', () => {
    const { doc } = onePart('# Part II: The Title!\n\n# Other\n\nText.\n\n## Two\n', { frontmatter: 'title: The Title\npart: 2' });
    expect(body(doc)).toBe('<h2 id="other">Other</h2>\n<p id="p1" data-pn="1">Text.</p>\n<h3 id="two">Two</h3>');
    expect(body(onePart('# THE  title\n\nText.\n', { frontmatter: 'title: The Title\npart: 2' }).doc)).toBe('<p id="p1" data-pn="1">Text.</p>');
    // Not the title: kept (and shifted, being level 1).
    expect(body(onePart('# Part III: The Title\n\nText.\n', { frontmatter: 'title: The Title\npart: 2' }).doc)).toBe('<h2 id="part-iii-the-title">Part\u00A0III: The Title</h2>\n<p id="p1" data-pn="1">Text.</p>');
    expect(body(onePart('Text.\n\n# The Title\n', { frontmatter: 'title: The Title\npart: 2' }).doc)).toBe('<p id="p1" data-pn="1">Text.</p>');
    expect(body(onePart('## The Title\n\nText.\n', { frontmatter: 'title: The Title\npart: 2' }).doc)).toBe('<h2 id="the-title">The Title</h2>\n<p id="p1" data-pn="1">Text.</p>');
  });

  test('headings that start deeper keep their levels; an empty one is left out with a warning; a skip from the title', () => {
    const { doc, messages } = onePart('### Only\n\nText.\n\n#### Deeper\n\n##\n\n###### Six\n', { frontmatter: 'title: T\npart: 1' });
    expect(body(doc)).toBe('<h3 id="only">Only</h3>\n<p id="p1" data-pn="1">Text.</p>\n<h4 id="deeper">Deeper</h4>\n\n<h6 id="six">Six</h6>');
    // The empty heading is not there for the reader: the skip is from `####`.
    expect(messages).toEqual([
      'part-1.md:6:1: warning: heading level skips from the part title to `###`: use `##`',
      'part-1.md:14:1: warning: heading level skips from `####` to `######`: use `#####`',
      'part-1.md:12:1: warning: empty heading left out',
    ]);
    expect(onePart('## A\n\n### B\n\n## C\n\n### D\n').messages).toEqual([]);
  });

  test('a level-1 text under a level-6 heading is shifted, never past h6', () => {
    expect(body(onePart('# One\n\n###### Six\n', { frontmatter: 'title: T\npart: 1' }).doc)).toBe('<h2 id="one">One</h2>\n<h6 id="six">Six</h6>');
  });

  test('ids valid in every format, never one pamphlet uses itself, unique', () => {
    const { doc } = onePart('## 1. Intro\n\n## Intro\n\n## Intro\n\n## p1\n\n## 2024-01-01\n\n## 🙂\n\n## Note-3\n\n## toc\n\n## Section\n\n## Ünïcode ß\n\n## _under\n\n## -dash\n');
    expect(doc.sections.map((s) => [s.id, s.title])).toEqual([
      ['section-1-intro', '1. Intro'],
      ['intro', 'Intro'],
      ['intro-1', 'Intro'],
      ['section-p1', 'p1'],
      ['section-2024-01-01', '2024-01-01'],
      ['section', '🙂'],
      ['section-note-3', 'Note-3'],
      ['section-toc', 'toc'],
      ['section-section', 'Section'],
      ['ünïcode-ß', 'Ünïcode ß'],
      ['_under', '_under'],
      ['section-dash', '-dash'],
    ]);
  });

  test('a soft hyphen and runs of spaces do not reach the contents; the id is GitHub’s slug of the words as written', () => {
    // GitHub makes a hyphen of each space and drops a tab, as github-slugger does.
    expect(onePart('## Revo\u00ADlution  and\tall\n').doc.sections).toEqual([{ id: 'revolution--andall', title: 'Revolution and all', depth: 2 }]);
  });

  test('the contents show the typeset title; the id is made from the words as typed, before the typography', () => {
    // The no-break space before "I" and the en dash of "24–25" are the typography's; GitHub sees "World War I" and "24-25".
    expect(onePart("## World War I and pages 24-25\n\n## Lenin's \"April Theses\" -- 1917\n").doc.sections).toEqual([
      { id: 'world-war-i-and-pages-24-25', title: 'World War I and pages 24–25', depth: 2 },
      { id: 'lenins-april-theses----1917', title: 'Lenin’s “April Theses” – 1917', depth: 2 },
    ]);
  });
});

describe('links to places in the part', () => {
  test('to a heading by id or by its GitHub slug, to a ¶; a missing anchor is an error', () => {
    const { doc } = onePart('[a](#intro) [b](#1-intro) [d](#p1) [f](#INTRO)\n\n## Intro\n\n## 1. Intro\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1"><a href="#intro">a</a> <a href="#section-1-intro">b</a> <a href="#p1">d</a> <a href="#intro">f</a></p>\n<h2 id="intro">Intro</h2>\n<h2 id="section-1-intro">1. Intro</h2>');
    expect(onePartRefused('[c](#missing) and [e](#note-1)\n\n## Intro\n')).toEqual([
      'part-1.md:6:1: error: link to `#missing`: no heading, anchor, ¶ or note in this part has that id',
      'part-1.md:6:19: error: link to `#note-1`: no heading, anchor, ¶ or note in this part has that id',
    ]);
  });

  test('a link to a note that exists; inline HTML links are placed at their ancestor', () => {
    expect(body(onePart('[see](#note-1) x[^1]\n\n[^1]: N.\n').doc)).toBe('<p id="p1" data-pn="1"><a href="#note-1">see</a> x<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a></p>\n');
    expect(onePartRefused('Text.\n\nSee <a href="#nowhere">this</a>.\n')).toEqual(['part-1.md:8:5: error: link to `#nowhere`: no heading, anchor, ¶ or note in this part has that id']);
  });
});

describe('¶ numbers', () => {
  test('paragraphs of the text and of quotations; not captions, notes, questions or the "Next:" line', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'part-1.md': part('title: T\npart: 1', 'One[^n].\n\n> Quoted.\n\n- item\n\n  Loose item paragraph.\n\n![A](p.png "Cap")\n\n::next-part\n\n:::questions\n1. Q?\n\n   More.\n:::\n\n[^n]: Note.\n'),
      'part-2.md': part('title: U\npart: 2', 'x\n'),
      ...IMAGE,
    });
    const first = loaded.manuscript.parts[0];
    expect(first && body(first)).toBe([
      '<p id="p1" data-pn="1">One<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a>.</p>',
      '<blockquote>',
      '<p id="p2" data-pn="2">Quoted.</p>',
      '</blockquote>',
      '<ul>',
      '<li>',
      '<p id="p3" data-pn="3">item</p>',
      '<p id="p4" data-pn="4">Loose item paragraph.</p>',
      '</li>',
      '</ul>',
      '<figure class="figure"><img src="p.png" alt="A"><figcaption>Cap</figcaption></figure>',
      '<p class="next-part">Next: Part\u00A0II: U</p>',
      '',
      '',
    ].join('\n'));
    expect(first?.paragraphCount).toBe(4);
    expect(first?.nextPartInBody).toBe(true);
    expect(first?.nextPart).toBeNull();
  });
});

describe('figures and tables', () => {
  test('an image alone is a figure with its title as caption; inline images stay', () => {
    const { doc, messages } = onePart('![A pond](p.png "The pond") \n\n![](p.png)\n\nText ![inline](p.png) here.\n', { files: IMAGE });
    expect(body(doc)).toBe([
      '<figure class="figure"><img src="p.png" alt="A pond"><figcaption>The pond</figcaption></figure>',
      '<figure class="figure"><img src="p.png" alt=""></figure>',
      '<p id="p1" data-pn="1">Text <img src="p.png" alt="inline"> here.</p>',
    ].join('\n'));
    expect(messages).toEqual([
      'part-1.md:8:1: warning: image without alt text: describe it for readers who cannot see it',
      'part-1.md:6:1: warning: image p.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
      'part-1.md:8:1: warning: image p.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
      'part-1.md:10:6: warning: image p.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
    ]);
  });

  test('two images in a paragraph are no figure; a title of spaces is no caption', () => {
    expect(body(onePart('![a](p.png) ![b](p.png)\n\n![c](p.png "  ")\n', { files: IMAGE }).doc)).toBe([
      '<p id="p1" data-pn="1"><img src="p.png" alt="a"> <img src="p.png" alt="b"></p>',
      '<figure class="figure"><img src="p.png" alt="c"></figure>',
    ].join('\n'));
  });

  test('`Table:` or `:` captions before or after a table; alignment as classes', () => {
    const { doc } = onePart('| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTable: The *first* caption\n\n: Second caption\n\n| c | d |\n|:-:|---|\n| 3 | 4 |\n\nTable:no space is text\n');
    expect(body(doc)).toBe([
      '<table><caption>The <em>first</em> caption</caption>',
      '',
      '<thead>',
      '<tr>',
      '<th class="align-left">a</th>',
      '<th class="align-right">b</th>',
      '</tr>',
      '</thead>',
      '<tbody>',
      '<tr>',
      '<td class="align-left">1</td>',
      '<td class="align-right">2</td>',
      '</tr>',
      '</tbody>',
      '</table>',
      '<table><caption>Second caption</caption>',
      '',
      '<thead>',
      '<tr>',
      '<th class="align-center">c</th>',
      '<th>d</th>',
      '</tr>',
      '</thead>',
      '<tbody>',
      '<tr>',
      '<td class="align-center">3</td>',
      '<td>4</td>',
      '</tr>',
      '</tbody>',
      '</table>',
      '<p id="p1" data-pn="1">Table:no space is text</p>',
    ].join('\n'));
  });

  test('a table with no caption beside it, and a caption paragraph away from any table', () => {
    expect(body(onePart('Table: not beside a table\n\nText.\n\n| a |\n|---|\n| 1 |\n').doc)).toBe([
      '<p id="p1" data-pn="1">Table: not beside a table</p>',
      '<p id="p2" data-pn="2">Text.</p>',
      '<table>',
      '<thead>',
      '<tr>',
      '<th>a</th>',
      '</tr>',
      '</thead>',
      '<tbody>',
      '<tr>',
      '<td>1</td>',
      '</tr>',
      '</tbody>',
      '</table>',
    ].join('\n'));
  });
});

describe('reference-style links and images', () => {
  test('resolved where used, the first definition winning; a missing one stays text', () => {
    const { doc } = onePart('[x][r] and ![y][img] and [r][] and [z][missing]\n\n[r]: https://example.org "T"\n[r]: https://other.org\n[img]: p.png\n', { files: IMAGE });
    expect(body(doc)).toBe('<p id="p1" data-pn="1"><a href="https://example.org/" title="T">x</a> and <img src="p.png" alt="y"> and <a href="https://example.org/" title="T">r</a> and [z][missing]</p>');
  });

  test('a definition’s URL is checked where it is used', () => {
    expect(onePartRefused('Go [there][bad].\n\n[bad]: javascript:alert(1)\n')).toEqual([
      'part-1.md:6:4: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
    ]);
    expect(body(onePart('Nothing uses it.\n\n[bad]: javascript:alert(1)\n').doc)).toBe('<p id="p1" data-pn="1">Nothing uses it.</p>');
  });
});

describe('colons that are text', () => {
  test('times, ports and words with a colon stay as written; `:name[…]` is a directive', () => {
    expect(body(onePart('At 10:30 and localhost:8080, Note:this and :span[ru]{lang=ru}.\n').doc)).toBe('<p id="p1" data-pn="1">At 10:30 and localhost:8080, Note:this and <span lang="ru">ru</span>.</p>');
    expect(body(onePart('Ratio 3:2:1 *and* a:b\n').doc)).toBe('<p id="p1" data-pn="1">Ratio 3:2:1 <em>and</em> a:b</p>');
  });
});

describe('lints', () => {
  test('straight quotes with `smart: false`, at the first quote of each run; code is left alone', () => {
    const { doc, messages } = onePart('He said "no" and `"code"`.\n\nIt\'s *"here"*\nand \'there\'.\n', { yaml: 'series: S\nsmart: false\n' });
    expect(body(doc)).toBe('<p id="p1" data-pn="1">He said "no" and <code>"code"</code>.</p>\n<p id="p2" data-pn="2">It\'s <em>"here"</em>\nand \'there\'.</p>');
    expect(messages).toEqual([
      'part-1.md:6:9: warning: straight double quote `"` with smart punctuation off (`smart: false`): type “ ” or turn `smart` on',
      "part-1.md:8:3: warning: straight single quote `'` with smart punctuation off (`smart: false`): type ‘ ’ (’ for an apostrophe) or turn `smart` on",
      'part-1.md:8:7: warning: straight double quote `"` with smart punctuation off (`smart: false`): type “ ” or turn `smart` on',
      "part-1.md:9:5: warning: straight single quote `'` with smart punctuation off (`smart: false`): type ‘ ’ (’ for an apostrophe) or turn `smart` on",
    ]);
    expect(onePart('He said "no".\n').messages).toEqual([]);
  });

  test('characters no print face has, once per script, at the first one’s place', () => {
    // Emoji are set in the embedded Noto Emoji (since 2026-12-02).
    expect(onePart('One 🙂 and 🙂 again, ☃.\n\n## 🙂\n').messages).toEqual([]);
    // A musical note is set in the embedded DejaVu Sans Mono (since 2026-12-06), a circled o in
    // Noto Serif SC, Chinese and Korean in Noto Serif SC and Nanum Myeongjo (since 2026-12-06);
    // a circled x is in no face of ours.
    expect(onePart('A note ♪, a sign ⓞ, 中文 and 한국어.\n').messages).toEqual([]);
    expect(onePart('Runes ᚠ, a sign ⓧ, runes ᛟ and ᚱ.\n').messages).toEqual([
      'part-1.md:6:7: warning: no embedded font has these 3 Runic characters: “ᚠ” (U+16A0), “ᛟ” (U+16DF), “ᚱ” (U+16B1); the PDF would set them in a system face; use other characters, or an image',
      'part-1.md:6:17: warning: no embedded font has the character “ⓧ” (U+24E7): the PDF would set it in a system face; use another character, or an image',
    ]);
  });

  test('an image under 300 ppi at the text width, and one wide enough', () => {
    const wide = Buffer.alloc(33);
    // A PNG header claiming 1400 × 10 pixels: image-size reads only the header.
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(wide, 0);
    wide.writeUInt32BE(1400, 16);
    wide.writeUInt32BE(10, 20);
    expect(onePart('![A](wide.png)\n', { files: { 'wide.png': PNG_1x1 } }).messages).toEqual([
      'part-1.md:6:1: warning: image wide.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
    ]);
  });
});

describe('the text flow a renderer gets', () => {
  test('nothing but the text: no front matter, stores taken out', () => {
    const { doc } = onePart('Plain.\n');
    expect(doc).toMatchObject({ sections: [], notes: [], bibliography: null, questions: null, questionsInText: true, nextPart: null, nextPartInBody: false, paragraphCount: 1 });
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Plain.</p>');
  });

  test('`questions: handout-only` keeps them out of the text formats', () => {
    expect(onePart(':::questions\n1. Why?\n:::\n', { yaml: 'series: S\nquestions: handout-only\n' }).doc.questionsInText).toBe(false);
  });
});
