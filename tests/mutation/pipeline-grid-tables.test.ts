// Pandoc's grid tables (src/pipeline/grid-tables.ts), in process: the tables of Pandoc's own
// manual as it writes them, and what a cell holds in the file's places (an error in a cell at its
// line and column, a note call and a citation in a cell), written out.
import { describe, expect, test } from 'vitest';
import { body, notes, onePart, onePartRefused } from './helpers.js';

/** Pandoc's manual (MANUAL.txt), "Extension: grid_tables", its first example, set as a table. */
const FRUIT = [
  '+---------------+---------------+--------------------+',
  '| Fruit         | Price         | Advantages         |',
  '+===============+===============+====================+',
  '| Bananas       | $1.34         | - built-in wrapper |',
  '|               |               | - bright color     |',
  '+---------------+---------------+--------------------+',
  '| Oranges       | $2.10         | - cures scurvy     |',
  '|               |               | - tasty            |',
  '+---------------+---------------+--------------------+',
].join('\n');

describe('grid tables', () => {
  test('Pandoc’s example: a header row, lists in cells, its caption', () => {
    const { doc, messages } = onePart(`: Sample grid table.\n\n${FRUIT}\n`);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<table><caption>Sample grid table.</caption>\n<thead><tr><th>Fruit</th><th>Price</th><th>Advantages</th></tr></thead><tbody><tr><td>Bananas</td><td>$1.34</td><td><ul> <li>built-in wrapper</li> <li>bright color</li> </ul></td></tr><tr><td>Oranges</td><td>$2.10</td><td><ul> <li>cures scurvy</li> <li>tasty</li> </ul></td></tr></tbody></table>',
    );
  });

  test('what a cell holds is in the file’s places: an error at its line and column, a note call, a citation', () => {
    const table = (cell: string) => ['Before.', '', '+-------+--------------------------+', '| Term  | Said                     |', '+=======+==========================+', `| Power | ${cell.padEnd(24)} |`, '+-------+--------------------------+', ''].join('\n');
    // Line 11 of the file (five of front matter and a blank line before the text), column 15: the link's `[`.
    expect(onePartRefused(table('see [there](#nowhere)'))).toEqual(['part-1.md:11:15: error: link to `#nowhere`: no heading, anchor, ¶ or note in this part has that id']);
    const noted = onePart(`${table('dual power[^dp]')}\n[^dp]: Lenin's phrase of April 1917.\n`);
    expect(noted.messages).toEqual([]);
    expect(body(noted.doc)).toContain('<td>dual power<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a></td>');
    expect(notes(noted.doc)).toEqual([expect.stringContaining('Lenin’s phrase of April 1917.')]);
    // Escaped, it is the text it was typed as, and no call.
    const escaped = onePart(`${table('dual power\\[^dp]')}\n[^dp]: Lenin's phrase.\n`);
    expect(body(escaped.doc)).toContain('<td>dual power[^dp]</td>');
    expect(escaped.messages).toEqual(['part-1.md:14:1: warning: footnote `[^dp]` is never referenced']);
    const cited = onePart(table('[@carr1950, p. 12]'), { yaml: 'series: S\nbibliography: refs.bib\n', files: { 'refs.bib': '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n' } });
    expect(cited.messages).toEqual([]);
    expect(notes(cited.doc)).toEqual([expect.stringContaining('Carr')]);
  });

  test('a border alone is a paragraph, a `+` list a list; rows left without their closing border are still read as a table', () => {
    const { doc, messages } = onePart('+---+---+\n\n+ item\n+ item\n\n+---+\n| a |\n| b |\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe('<p id="p1" data-pn="1">+—+—+</p>\n<ul>\n<li>item</li>\n<li>item</li>\n</ul>\n<table><tbody><tr><td>a b</td></tr></tbody></table>');
  });

  test("a row wider than its border, as Quarto's guide writes one: what follows the table is read as before, quotations, lists and note definitions", () => {
    // quarto-web, docs/authoring/article-layout.qmd: the note call pushed the row's `|` one column out.
    const guide = [
      '+----------------------+-----------------------------------------------------+',
      '| Option               | Description                                         |',
      '+======================+=====================================================+',
      '| `reference-location` | Where to place footnotes. Defaults to `document`.[^2]\\ |',
      '|                      | \\[`document` \\| `section` \\| `block` \\| `margin` \\]   |',
      '+----------------------+-----------------------------------------------------+',
      '| `citation-location`  | Where to place citations. Defaults to `document`.\\  |',
      '|                      | \\[`document` \\| `margin` \\]                          |',
      '+----------------------+-----------------------------------------------------+',
    ].join('\n');
    const { doc, messages } = onePart(`${guide}\n\n> A quotation.\n\n- a list\n\n[^2]: Typst does not support \`block\` or \`section\` for \`reference-location\`.\n`);
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<li>a list</li>');
    expect(html).not.toContain('[^2]');
    expect(notes(doc)).toEqual([expect.stringContaining('Typst does not support')]);
  });
});
