// Every kind of bad file an author (or an attacker) can put in a manuscript folder:
// the real CLI answers with one plain error at its exact file:line:column, in `check` as
// in `build`, exit 1, and the EPUB built before stays byte for byte as it was.
import { describe, expect, test } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { pamphlet, outputsIn } from './helpers/cli.js';
import { builtManuscript, expectRefused } from './helpers/refusal.js';
import { strFromU8, unzipSync } from 'fflate';
import { epubcheck } from './helpers/epubcheck.js';

/** A real 2 × 2 PNG, made here so that the test owns every byte of it. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 0, 255]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The fixture's part is 18 lines long: text appended after a blank line is on line 20. */
function appendToPart(dir: string, markdown: string): void {
  appendFileSync(path.join(dir, 'part-1.md'), `\n${markdown}\n`);
}

function image(dir: string, name: string, bytes: Buffer | string): void {
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  writeFileSync(path.join(dir, 'images', name), bytes);
}

describe('the bibliography', () => {
  test('CSL-JSON `[null]` is an error at the null, not "Cannot read properties of null"', () => {
    const { root, dir } = builtManuscript();
    writeFileSync(path.join(dir, 'references.json'), '[\n  null\n]\n');
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('references.bib', 'references.json'));
    expectRefused(root, 'manuscript/references.json:2:3: error: a CSL-JSON item is an object with "id" and "type", not null');
  });

  test('a CSL-JSON item of the wrong shape is an error at the field', () => {
    const { root, dir } = builtManuscript();
    writeFileSync(path.join(dir, 'references.json'), `[
  {"id": "carr1950", "type": "book", "title": "The Bolshevik Revolution", "author": "Carr"}
]
`);
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('references.bib', 'references.json'));
    expectRefused(root, 'manuscript/references.json:2:85: error: CSL-JSON item field "author" must be a list of names: [{"family": "Carr", "given": "Edward Hallett"}] or [{"literal": "…"}]');
  });

  test('a duplicate CSL-JSON id is an error at the second one', () => {
    const { root, dir } = builtManuscript();
    writeFileSync(path.join(dir, 'references.json'), `[
  {"id": "carr1950", "type": "book", "title": "One"},
  {"id": "trotsky1932", "type": "book", "title": "Two"},
  {"id": "reed1919", "type": "book", "title": "Three"},
  {"id": "carr1950", "type": "book", "title": "Four"}
]
`);
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('references.bib', 'references.json'));
    expectRefused(root, 'manuscript/references.json:5:10: error: duplicate bibliography key `carr1950` (first at line 2): each entry needs its own key');
  });

  test('a duplicate BibTeX key is an error at the second entry, not the last one silently winning', () => {
    const { root, dir } = builtManuscript();
    appendFileSync(path.join(dir, 'references.bib'), '\n@book{trotsky1932,\n  title = {A Forgery},\n  year = {1999}\n}\n');
    expectRefused(root, 'manuscript/references.bib:28:7: error: duplicate bibliography key `trotsky1932` (first at line 11): each entry needs its own key');
  });

  test('an unclosed BibTeX brace is reported at the entry where it opens, not at the next entry', () => {
    const { root, dir } = builtManuscript();
    const bib = path.join(dir, 'references.bib');
    // The brace after `title =` in the first entry is never closed: it swallows the entry's own
    // closing brace, and the parser only notices at the next entry, on line 11.
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('title = {The Bolshevik Revolution, 1917--1923},', 'title = {The Bolshevik Revolution, 1917--1923,'));
    expectRefused(root, 'manuscript/references.bib:1:1: error: malformed BibTeX entry: it does not end where it should (an unclosed `{` or `"`, or a missing comma or `}`?); the parser stopped at line 11, column 1: unexpected text');
  });

  test('a Latin-1 bibliography is an error at the first byte that is not UTF-8', () => {
    const { root, dir } = builtManuscript();
    const bib = path.join(dir, 'references.bib');
    writeFileSync(bib, Buffer.from(readFileSync(bib, 'utf8').replace('{Reed, John}', '{Reed, Jöhn}'), 'latin1'));
    expectRefused(root, 'manuscript/references.bib:21:20: error: not UTF-8: byte 0xf6 cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8)');
  });
});

describe('nesting thousands of levels deep is an error at its place, not a stack overflow', () => {
  test('in CSL-JSON', () => {
    const { root, dir } = builtManuscript();
    writeFileSync(path.join(dir, 'references.json'), `[${'['.repeat(20_000)}${']'.repeat(20_000)}]\n`);
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('references.bib', 'references.json'));
    expectRefused(root, 'manuscript/references.json:1:65: error: malformed CSL-JSON: nested more than 64 levels deep (a bibliography needs five)');
  });

  test('in BibTeX', () => {
    const { root, dir } = builtManuscript();
    appendFileSync(path.join(dir, 'references.bib'), `\n@book{deep, title = ${'{'.repeat(20_000)}${'}'.repeat(20_000)}}\n`);
    expectRefused(root, 'manuscript/references.bib:28:1: error: malformed BibTeX entry: its braces are nested thousands of levels deep');
  });

  test('in pamphlet.yaml', () => {
    const { root, dir } = builtManuscript();
    appendFileSync(path.join(dir, 'pamphlet.yaml'), `x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expectRefused(root, 'manuscript/pamphlet.yaml:6:68: error: invalid YAML: nested more than 64 levels deep');
  });
});

describe('CSL styles', () => {
  function withStyle(xml: string): string {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(path.join(dir, 'styles', 'house.csl'), xml);
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('chicago-fullnote-bibliography-with-ibid', 'house'));
    return root;
  }

  test('a style that is not XML is an error at `citation-style`, with the place in the style', () => {
    const root = withStyle('{"this": "is JSON"}\n');
    expectRefused(root, 'manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl is not well-formed XML (its line 2, column 1: text data outside of root node)');
  });

  test('XML that is not a CSL style is an error at `citation-style`', () => {
    const root = withStyle('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>not a style</body></html>\n');
    expectRefused(root, 'manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl is not a CSL style: its root element is <html> in http://www.w3.org/1999/xhtml, not <style xmlns="http://purl.org/net/xbiblio/csl">');
  });

  test('an entity bomb in a style is refused, never expanded', () => {
    const entities = ['<!ENTITY a "lollollollollollollollollollol">', ...'bcdefghij'.split('').map((name, i) => `<!ENTITY ${name} "${`&${'abcdefghij'[i]};`.repeat(10)}">`)];
    const root = withStyle(`<?xml version="1.0"?>\n<!DOCTYPE style [${entities.join('')}]>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info><title>&j;</title></info></style>\n`);
    const started = Date.now();
    expectRefused(root, 'manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl is not well-formed XML (its line 3, column 90: undefined entity)');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a class that is neither note nor in-text, read from the element, not by a regex', () => {
    // The old regex took class="note" from a comment; a parser reads the real attribute.
    const root = withStyle('<?xml version="1.0"?>\n<!-- <style class="note"> -->\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="footnote"><info><title>x</title></info><citation><layout><text variable="title"/></layout></citation></style>\n');
    expectRefused(root, 'manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl is not a CSL style: <style class> must be "note" or "in-text", not “footnote”');
  });

  test('well-formed CSL that citeproc cannot use is an error at `citation-style`, not a citeproc message', () => {
    const root = withStyle('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info><title>x</title></info><citation><layout><text variable="title"/><blink/></layout></citation></style>\n');
    expectRefused(root, 'manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl cannot be used: Undefined node name "blink".');
  });

  test('a dependent style is followed to its parent, read from its <link> element', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(path.join(dir, 'styles', 'house.csl'), `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">
  <info>
    <title>House style</title>
    <id>house</id>
    <link href="http://www.zotero.org/styles/house" rel="self"/>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
  </info>
</style>
`);
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('chicago-fullnote-bibliography-with-ibid', 'house'));
    const result = pamphlet(['build', 'manuscript', '--format', 'html', '--out', 'dist'], root);
    expect(result.status).toBe(0);
    // APA, the parent: author-date in the text, no footnotes.
    expect(readFileSync(path.join(root, 'dist', 'citation-tests-1.html'), 'utf8')).toContain('(Carr, 1950, p.\u00A012)');
  });
});

describe('YAML', () => {
  const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');

  test('a billion-laughs bomb in pamphlet.yaml is a positioned error, fast', () => {
    const { root, dir } = builtManuscript();
    appendFileSync(path.join(dir, 'pamphlet.yaml'), `${BOMB}\n`);
    const started = Date.now();
    // Line 8 is `c:`, the first collection too big to expand; column 8 its first alias.
    expectRefused(root, 'manuscript/pamphlet.yaml:8:8: error: invalid YAML: too many aliases: the `*aliases` here expand to many copies of their anchors (a “billion laughs” YAML bomb), refused before they fill memory');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a bomb in front matter is a positioned error in the part', () => {
    const { root, dir } = builtManuscript();
    const part = path.join(dir, 'part-1.md');
    writeFileSync(part, readFileSync(part, 'utf8').replace('part: 1\n', `part: 1\n${BOMB}\n`));
    expectRefused(root, 'manuscript/part-1.md:6:8: error: invalid front matter: too many aliases: the `*aliases` here expand to many copies of their anchors (a “billion laughs” YAML bomb), refused before they fill memory');
  });

  test('a valid alias is resolved as YAML says, not rejected as "not a string"', () => {
    const { root, dir } = builtManuscript();
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('author: Ada Example', 'author: &me Ada Example\npublisher: *me'));
    const result = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist'], root);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
    const opf = strFromU8(unzipSync(readFileSync(path.join(root, 'dist', 'citation-tests-1.epub')))['OEBPS/package.opf'] as Uint8Array);
    expect(opf).toContain('<dc:publisher>Ada Example</dc:publisher>');
  });
});

describe('images', () => {
  test('a text file named .png is an error at the image', () => {
    const { root, dir } = builtManuscript();
    image(dir, 'photo.png', 'This is not a picture.\n');
    appendToPart(dir, 'See ![The square](images/photo.png).');
    expectRefused(root, 'manuscript/part-1.md:20:5: error: image images/photo.png is not a PNG image: its content is not an image at all (a renamed file?)');
  });

  test('an empty image is an error at the image', () => {
    const { root, dir } = builtManuscript();
    image(dir, 'empty.jpg', '');
    appendToPart(dir, '![Nothing](images/empty.jpg)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/empty.jpg is an empty file (0 bytes)');
  });

  test('a PNG whose header is damaged is an error at the image', () => {
    const { root, dir } = builtManuscript();
    const bytes = png();
    bytes.write('XXXX', 12, 'latin1'); // the IHDR chunk's name
    image(dir, 'damaged.png', bytes);
    appendToPart(dir, '![Damaged](images/damaged.png)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/damaged.png is a damaged PNG image: its header cannot be read');
  });

  test('a PNG cut short is an error at the image, though its header is whole', () => {
    const { root, dir } = builtManuscript();
    // The signature, the header chunk and 4 bytes of the compressed picture.
    image(dir, 'cut.png', png().subarray(0, 45));
    appendToPart(dir, '![Cut](images/cut.png)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/cut.png is a damaged PNG image: it is cut short (an interrupted download or copy?): copy the file again from where it came');
  });

  test('a PNG whose compressed picture is garbled, checksums and all, is an error at the image', () => {
    const { root, dir } = builtManuscript();
    const whole = png();
    const idat = whole.indexOf('IDAT', 0, 'latin1');
    const length = whole.readUInt32BE(idat - 4);
    // Bits flipped in the deflate data, then the chunk's checksum made right again.
    for (let at = idat + 6; at < idat + 4 + length; at++) whole[at] = (whole[at] as number) ^ 0x5a;
    whole.writeUInt32BE(crc32(whole.subarray(idat, idat + 4 + length)), idat + 4 + length);
    image(dir, 'garbled.png', whole);
    appendToPart(dir, '![Garbled](images/garbled.png)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/garbled.png is a damaged PNG image: its compressed image data cannot be read (invalid stored block lengths), so readers show no picture: copy the file again from where it came');
  });

  test('an SVG named .png is an error: it would be read past the SVG allow-list (a PNG named .jpg is used as a PNG, any-manuscript.test.ts)', () => {
    const { root, dir } = builtManuscript();
    image(dir, 'square.png', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n');
    appendToPart(dir, '![Square](images/square.png)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/square.png holds an SVG image, not PNG: give the file the extension of what it is');
  });

  test('.webp is refused by check exactly as by build (one table of media types)', () => {
    const { root, dir } = builtManuscript();
    image(dir, 'square.webp', png());
    appendToPart(dir, '![Square](images/square.webp)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/square.webp: use PNG, JPEG, GIF or SVG (the EPUB 3 core media types, which every output can carry)');
  });

  test('an SVG that is not XML is an error at the image', () => {
    const { root, dir } = builtManuscript();
    image(dir, 'chart.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>\n');
    appendToPart(dir, '![Chart](images/chart.svg)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image images/chart.svg is not well-formed SVG (its line 1, column 52: unexpected close tag)');
  });

  test('an invalid percent-escape is an error at the image, not "URI malformed"', () => {
    const { root, dir } = builtManuscript();
    appendToPart(dir, '![Half](images/half%E9.png)');
    expectRefused(root, 'manuscript/part-1.md:20:1: error: image path images/half%E9.png is not a valid URL path (a % must be followed by two hex digits of UTF-8)');
  });

  test('`%` in a file name is the file of that name, in every output', () => {
    const { root, dir } = builtManuscript();
    image(dir, '50%.png', png());
    appendToPart(dir, '![Half the square](images/50%.png)');
    // A 2 × 2 picture prints far under 300 ppi: that warning (lint `image-resolution`), and nothing else.
    const soft = 'manuscript/part-1.md:20:1: warning: image images/50%.png prints at 96 ppi (2 px over 0.02 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide\n';
    const checked = pamphlet(['check', 'manuscript'], root);
    expect(checked.stderr).toBe(soft);
    expect(checked.status).toBe(0);
    const built = pamphlet(['build', 'manuscript', '--format', 'epub,html', '--out', 'dist', '--quiet'], root);
    expect(built.stderr).toBe(soft);
    expect(built.status).toBe(0);
    const html = readFileSync(path.join(root, 'dist', 'citation-tests-1.html'), 'utf8');
    expect(html).toContain(`src="data:image/png;base64,${png().toString('base64')}"`);
    const report = epubcheck(path.join(root, 'dist', 'citation-tests-1.epub'));
    expect(report.output).not.toMatch(/ERROR|WARNING/);
    expect([report.errors, report.warnings]).toEqual([0, 0]);
    const epub = unzipSync(readFileSync(path.join(root, 'dist', 'citation-tests-1.epub')));
    expect(Buffer.from(epub['OEBPS/media/images/50_.png'] as Uint8Array).equals(png())).toBe(true);
  });
});

describe('encodings and odd files', () => {
  test('a Latin-1 part is an error at the line and column of the first byte that is not UTF-8', () => {
    const { root, dir } = builtManuscript();
    writeFileSync(path.join(dir, 'part-2.md'), Buffer.from('---\ntitle: Deuxième partie\npart: 2\n---\n\nLe café était fermé.\n', 'latin1'));
    // Line 2, "title: Deuxi" is 12 characters: the è is the 13th.
    expectRefused(root, 'manuscript/part-2.md:2:13: error: not UTF-8: byte 0xe8 cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8)');
  });

  test('a Latin-1 pamphlet.yaml is an error at its line', () => {
    const { root, dir } = builtManuscript();
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, Buffer.from(readFileSync(yaml, 'utf8').replace('Ada Example', 'Adà Example'), 'latin1'));
    expectRefused(root, 'manuscript/pamphlet.yaml:2:11: error: not UTF-8: byte 0xe0 cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8)');
  });

  test('a folder named part-2.md is a positioned error, never EISDIR', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'part-2.md'));
    expectRefused(root, 'manuscript/part-2.md:1:1: error: part-2.md is a folder, not a file: a part is a Markdown file');
  });

  test('a series title in Cyrillic gives transliterated file names, never "-1.pdf"', () => {
    const { root, dir } = builtManuscript();
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('series: Citation Tests', 'series: Празднуя Красный Октябрь'));
    const result = pamphlet(['build', 'manuscript', '--format', 'epub,html', '--out', 'dist', '--quiet'], root);
    expect(result.status).toBe(0);
    expect(outputsIn(path.join(root, 'dist')).sort()).toEqual(['citation-tests-1.epub', 'prazdnuya-krasnyy-oktyabr-1.epub', 'prazdnuya-krasnyy-oktyabr-1.html']);
  });

  test('a title with no transliteration keeps its own letters; one with no letters at all still gets a name', () => {
    const { root, dir } = builtManuscript();
    const yaml = path.join(dir, 'pamphlet.yaml');
    const original = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, original.replace('series: Citation Tests', 'series: ⵜⴰⵙⵏⵉⵍⵜ'));
    expect(pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet'], root).status).toBe(0);
    writeFileSync(yaml, original.replace('series: Citation Tests', 'series: "!!! ???"'));
    expect(pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet'], root).status).toBe(0);
    expect(outputsIn(path.join(root, 'dist')).sort()).toEqual(['citation-tests-1.epub', 'pamphlet-1.epub', 'ⵜⴰⵙⵏⵉⵍⵜ-1.epub']);
  });
});
