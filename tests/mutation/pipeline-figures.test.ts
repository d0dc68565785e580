// Figures and table captions (src/pipeline/remark-figures.ts), in process, as Pandoc reads
// them: an image alone in its paragraph is a figure, captioned by its title; `Table: …` or
// `: …` just before or after a table is its caption (one before wins; a caption between two
// tables goes to the first that has none, as in Pandoc's reader). Written out.
import { describe, expect, test } from 'vitest';
import { body, notes, onePart, PNG_1x1 } from './helpers.js';

describe('figures and table captions', () => {
  test('alt text keeps every `:word` in it: remark-directive once read each as a directive with no words, and it went', () => {
    // Alt text as people write it: a ratio, a time, a label and a note's "Source:".
    const { doc, messages } = onePart('![Ratio 3:2 at 10:30, see:this and Source:Wikipedia](img.png)\n\nText with a:b stays too, and :span[mot]{lang=fr} is a directive still.\n', { files: { 'img.png': PNG_1x1 } });
    const text = body(doc);
    expect(text).toContain('alt="Ratio 3:2 at 10:30, see:this and Source:Wikipedia"');
    expect(text).toContain('Text with a:b stays too');
    expect(text).toContain('<span lang="fr">mot</span> is a directive still.');
    expect(messages.filter((m) => / (error|warning): /.test(m) && !m.includes(' ppi '))).toEqual([]);
  });

  test('images alone in their paragraph, inline images, captions before, after and between tables', () => {
    const text = [
      '![A map](img.png "The map of 1917")',
      '![No title](img.png)',
      '![Blank title](img.png "  ")',
      '  ![Indented](img.png "Indented caption")  ',
      'Text and ![inline](img.png "Not a caption") together.',
      '![One](img.png) ![Two](img.png)',
      'Table: Deputies, *by party*.',
      '| Party | Deputies |\n|---|--:|\n| Bolsheviks | 390 |',
      '| A | B |\n|---|---|\n| 1 | 2 |',
      ': After the table',
      'Table:NoSpace',
      '| C |\n|:-:|\n| 3 |',
      'Table: Before',
      '| D |\n|---|\n| 4 |',
      ': After too',
      'Table: Alone, no table here.',
    ].join('\n\n');
    const { doc } = onePart(`${text}\n`, { files: { 'img.png': PNG_1x1 } });
    expect(body(doc)).toBe("<figure class=\"figure\"><img src=\"img.png\" alt=\"A map\"><figcaption>The map of 1917</figcaption></figure>\n<figure class=\"figure\"><img src=\"img.png\" alt=\"No title\"></figure>\n<figure class=\"figure\"><img src=\"img.png\" alt=\"Blank title\"></figure>\n<figure class=\"figure\"><img src=\"img.png\" alt=\"Indented\"><figcaption>Indented caption</figcaption></figure>\n<p id=\"p1\" data-pn=\"1\">Text and <img src=\"img.png\" alt=\"inline\" title=\"Not a caption\"> together.</p>\n<p id=\"p2\" data-pn=\"2\"><img src=\"img.png\" alt=\"One\"> <img src=\"img.png\" alt=\"Two\"></p>\n<table><caption>Deputies, <em>by party</em>.</caption>\n\n<thead>\n<tr>\n<th>Party</th>\n<th class=\"align-right\">Deputies</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Bolsheviks</td>\n<td class=\"align-right\">390</td>\n</tr>\n</tbody>\n</table>\n<table><caption>After the table</caption>\n\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n<p id=\"p3\" data-pn=\"3\">Table:NoSpace</p>\n<table><caption>Before</caption>\n\n<thead>\n<tr>\n<th class=\"align-center\">C</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class=\"align-center\">3</td>\n</tr>\n</tbody>\n</table>\n<table><caption>After too</caption>\n\n<thead>\n<tr>\n<th>D</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>4</td>\n</tr>\n</tbody>\n</table>\n<p id=\"p4\" data-pn=\"4\">Table: Alone, no table here.</p>");
  });
});

describe('a table caption’s notes and citations', () => {
  const BIB = '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n';

  test('a note and a citation in a caption before the table are numbered where they stand, before the cells’ notes', () => {
    // Refused before: the caption left the tree before the notes were read, and its call
    // became a link to `#user-content-fn-1`, which no part has.
    const { doc } = onePart('Table: "Deputies" [^1] and [@carr1950]\n\n| a |\n|---|\n| b [^2] |\n\n[^1]: N.\n\n[^2]: M.\n', {
      yaml: 'series: S\nbibliography: refs.bib\n',
      files: { 'refs.bib': BIB },
    });
    expect(body(doc).replace(/\u00A0/g, '~').trimEnd()).toBe(
      '<table><caption>“Deputies”~<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a> and<a class="noteref" id="noteref-2" href="#note-2" data-note="2">2</a></caption>\n\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b~<a class="noteref" id="noteref-3" href="#note-3" data-note="3">3</a></td>\n</tr>\n</tbody>\n</table>',
    );
    expect(notes(doc)).toEqual(['1 footnote: <p>N.</p>', '2 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950.</span></p>', '3 footnote: <p>M.</p>']);
  });

  test('a caption after the table keeps the number of where it was written', () => {
    const { doc } = onePart('| a [^2] |\n|---|\n| b |\n\n: After "x" [^1]\n\n[^1]: N.\n\n[^2]: M.\n');
    expect(body(doc).replace(/\u00A0/g, '~').trimEnd()).toBe(
      '<table><caption>After “x”~<a class="noteref" id="noteref-2" href="#note-2" data-note="2">2</a></caption>\n\n<thead>\n<tr>\n<th>a~<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>',
    );
    expect(notes(doc)).toEqual(['1 footnote: <p>M.</p>', '2 footnote: <p>N.</p>']);
  });
});

describe('a caption that starts with markup', () => {
  test('emphasis, a span or a citation right after `Table:` or `:` still make a caption; `Table:` and a comment alone do not', () => {
    // Before, the caption was recognised only when plain text followed `Table: ` in the same text node.
    const { doc } = onePart('Table: *Deputies* by party\n\n| a |\n|---|\n| b |\n\n| c |\n|---|\n| d |\n\n: :span[Wort]{lang=de} and :cite[carr1950]\n\nTable: <!-- later -->\n\n| e |\n|---|\n| f |\n', {
      yaml: 'series: S\nbibliography: refs.bib\n',
      files: { 'refs.bib': '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n' },
    });
    expect(body(doc).trimEnd()).toBe(
      '<table><caption><em>Deputies</em> by party</caption>\n\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n' +
        '<table><caption><span lang="de">Wort</span> and<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a></caption>\n\n<thead>\n<tr>\n<th>c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n' +
        '<p id="p1" data-pn="1">Table: </p>\n<table>\n<thead>\n<tr>\n<th>e</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>f</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  test('more than one space after `Table:` or `:` is a caption; a paragraph that only holds a colon, "Source: …" or "Our Table: …", is not', () => {
    const { doc } = onePart('| a |\n|---|\n| b |\n\nTable:  Two spaces\n\n| c |\n|---|\n| d |\n\n:  two spaces\n\n| e |\n|---|\n| f |\n\nSource: Census of 1897.\n\n| g |\n|---|\n| h |\n\nOur Table: not one\n');
    const table = (head: string, cell: string, caption = '') =>
      `<table>${caption ? `<caption>${caption}</caption>\n\n` : '\n'}<thead>\n<tr>\n<th>${head}</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>${cell}</td>\n</tr>\n</tbody>\n</table>`;
    expect(body(doc).trimEnd()).toBe(
      [table('a', 'b', 'Two spaces'), table('c', 'd', 'two spaces'), table('e', 'f'), '<p id="p1" data-pn="1">Source: Census of 1897.</p>', table('g', 'h'), '<p id="p2" data-pn="2">Our Table: not one</p>'].join('\n'),
    );
  });
});
