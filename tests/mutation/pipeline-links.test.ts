// Links and images under the URL policy (src/pipeline/remark-safety.ts, rehype-links.ts), in
// process: each refusal in an author's words at its place, and where each link that is kept
// points, written out.
import { describe, expect, test } from 'vitest';
import { body, epubOf, load, onePart, onePartRefused, onePartRefusedRules, part, PNG_1x1 } from './helpers.js';

const REFUSED =
  '![a](../x.png) ![b](https://example.org/x.png) ![c](mailto:a@b.org) ![d](javascript:x) ![e](#frag) ![f](/etc/x.png)\n\n[g](../notes.txt) [h](javascript:alert(1)) [i](notes.txt) [j](//evil.example/x) [k](https://u:p@example.org/)\n';

/** Two parts under `yaml`; part 1 is `text`, part 2 has a heading `End`. */
const twoParts = (yaml: string, text: string) =>
  load({
    'pamphlet.yaml': `series: Test Series\n${yaml}`,
    'part-1.md': part('title: One\npart: 1', text),
    'part-2.md': part('title: Two\npart: 2', '## End\n\nText.\n'),
  });

describe('links and images', () => {
  test('refused: outside the folder, from the network, not a file, a script, a file not in the book', () => {
    expect(onePartRefusedRules(REFUSED)).toEqual(['pamphlet:outside-folder', 'pamphlet:remote-resource', 'pamphlet:unsafe-url', 'pamphlet:unsafe-url', 'pamphlet:unsafe-url', 'pamphlet:outside-folder', 'pamphlet:link-outside-book', 'pamphlet:unsafe-url', 'pamphlet:link-outside-book', 'pamphlet:unsafe-url', 'pamphlet:unsafe-url']);
    expect(onePartRefused(REFUSED)).toEqual([
      'part-1.md:6:1: error: image outside the manuscript folder is not allowed: ../x.png',
      'part-1.md:6:16: error: image from the network is not allowed (https://example.org/x.png): the renderer never fetches; put the file in the manuscript folder',
      'part-1.md:6:48: error: an image is a file inside the manuscript folder, not `mailto:a@b.org`',
      'part-1.md:6:69: error: image refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:6:88: error: an image is a file inside the manuscript folder, not `#frag`',
      'part-1.md:6:100: error: image outside the manuscript folder is not allowed: /etc/x.png',
      'part-1.md:8:1: error: link to `../notes.txt`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published',
      'part-1.md:8:19: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:8:44: error: link to `notes.txt`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published',
      'part-1.md:8:59: error: link refused: `//evil.example/x` points to another host (write https://…)',
      'part-1.md:8:81: error: link refused: `https://u:p@example.org/` carries a user name or password',
    ]);
  });

  test('kept: web and mail addresses as a browser writes them, places in the part, other parts and files under base-url', () => {
    const loaded = twoParts('base-url: https://example.org/rf\n', '## Sec\n\n[w](<HTTPS://Example.org/a b>) [m](MAILTO:x@y.org) [f](#sec) [self](part-1.md) [selfh](part-1.md#sec) [p2](part-2.md#end) [p2b](part-2.md) [file](<docs/a b.pdf#p3>) [dot](./#sec)\n');
    expect(loaded.messages).toEqual([]);
    expect(body(loaded.manuscript.parts[0]!)).toBe(
      '<h2 id="sec">Sec</h2>\n<p id="p1" data-pn="1"><a href="https://example.org/a%20b">w</a> <a href="mailto:x@y.org">m</a> <a href="#sec">f</a> self <a href="#sec">selfh</a> <a href="https://example.org/rf/test-series-2.epub#end">p2</a> <a href="https://example.org/rf/test-series-2.epub">p2b</a> <a href="https://example.org/rf/docs/a%20b.pdf#p3">file</a> <a href="#sec">dot</a></p>',
    );
  });

  // The Rust book's own links (rust-lang/book, src/ch07-01-packages-and-crates.md and
  // ch08-00-common-collections.md): a chapter by the page mdBook publishes it as, and the
  // standard library's pages beside the book.
  test('a part by the page it is published as (`part-2.html`), and `../` pages of the site base-url names', () => {
    const links = '[p2][modules] [p2h](part-2.htm#end) [self](part-1.html#sec) [the documentation][collections] [root](/std/index.html)\n\n[modules]: part-2.html\n[collections]: ../std/collections/index.html\n';
    const loaded = twoParts('base-url: https://doc.rust-lang.org/book\n', `## Sec\n\n${links}`);
    expect(loaded.messages).toEqual([]);
    expect(body(loaded.manuscript.parts[0]!)).toBe(
      '<h2 id="sec">Sec</h2>\n<p id="p1" data-pn="1"><a href="https://doc.rust-lang.org/book/test-series-2.epub">p2</a> <a href="https://doc.rust-lang.org/book/test-series-2.epub#end">p2h</a> <a href="#sec">self</a> <a href="https://doc.rust-lang.org/std/collections/index.html">the documentation</a> <a href="https://doc.rust-lang.org/std/index.html">root</a></p>',
    );
    // Without base-url the part is plain text, and the site's page an error at its place.
    expect(twoParts('', '[p2][modules] [p2h](part-2.htm#end)\n\n[modules]: part-2.html\n').messages).toEqual([
      'part-1.md:6:1: info: link to part-2.html is plain text: give pamphlet.yaml a `base-url` to link the parts where they are published',
      'part-1.md:6:15: info: link to part-2.htm is plain text: give pamphlet.yaml a `base-url` to link the parts where they are published',
    ]);
    expect(onePartRefused('[the documentation][collections] [root](/std/index.html)\n\n[collections]: ../std/collections/index.html\n')).toEqual([
      'part-1.md:6:1: error: link to `../std/collections/index.html`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published',
      'part-1.md:6:34: error: link to `/std/index.html`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published',
    ]);
  });

  test('the top: `#` and `#top` (any case) go to the title, unless an element is named top; a link with no address is its words', () => {
    const plain = onePart('[a](#) [b](#TOP) [c](#Top) [d]() [e](<>)\n');
    expect(plain.messages).toEqual([
      'part-1.md:6:28: warning: link with no address: printed as plain text; give it its address, or remove the brackets',
      'part-1.md:6:34: warning: link with no address: printed as plain text; give it its address, or remove the brackets',
    ]);
    expect(plain.doc.meta.titleId).toBe('top');
    expect(body(plain.doc)).toBe('<p id="p1" data-pn="1"><a href="#top">a</a> <a href="#top">b</a> <a href="#top">c</a> d e</p>');
    // HTML goes to an element named top before the top of the document; the title takes the next id.
    const named = onePart('## Top\n\n[a](#) [b](#top)\n');
    expect(named.doc.meta.titleId).toBe('top-2');
    expect(body(named.doc)).toBe('<h2 id="top">Top</h2>\n<p id="p1" data-pn="1"><a href="#top-2">a</a> <a href="#top">b</a></p>');
    // No link to the top, no id on the title.
    expect(onePart('Text.\n').doc.meta.titleId).toBeUndefined();
  });

  test('a place named in Cyrillic, Greek or Chinese, as typed or percent-encoded, by its id or GitHub’s slug', () => {
    const loaded = twoParts('', '## Введение\n\n## 1. Ἀρχή\n\n## 第一章\n\n[a](#введение) [b](#%D0%B2%D0%B2%D0%B5%D0%B4%D0%B5%D0%BD%D0%B8%D0%B5) [c](#1-ἀρχή) [d](#第一章) [e](#%E7%AC%AC%E4%B8%80%E7%AB%A0)\n');
    // No message: Noto Serif SC prints the Han characters.
    expect(loaded.messages).toEqual([]);
    expect(body(loaded.manuscript.parts[0]!)).toContain(
      '<p id="p1" data-pn="1"><a href="#введение">a</a> <a href="#введение">b</a> <a href="#section-1-ἀρχή">c</a> <a href="#第一章">d</a> <a href="#第一章">e</a>',
    );
    // A `%` that encodes nothing is read as written, and that place does not exist.
    expect(onePartRefused('## A\n\n[f](#%zz)\n')).toEqual(['part-1.md:8:1: error: link to `#%zz`: no heading, anchor, ¶ or note in this part has that id']);
  });

  test('an index written for another renderer’s slugs: accents dropped (Czech), a zero-width non-joiner kept (Persian); two places alike stay unresolved', () => {
    // The index links of free-programming-books' Czech and Persian lists (books/free-programming-books-cs.md, -fa_IR.md), as written; their headings are `####` and `###` there.
    const cs = onePart('* [Algoritmy a datové struktury](#algoritmy-a-datove-struktury)\n* [Právo](#pravo)\n\n## Algoritmy a datové struktury\n\n## Právo\n');
    expect(cs.messages).toEqual([]);
    expect(body(cs.doc)).toContain('<a href="#algoritmy-a-datové-struktury">Algoritmy a datové struktury</a>');
    expect(body(cs.doc)).toContain('<a href="#právo">Právo</a>');
    const fa = twoParts('', '* [مهندسی نرم‌افزار](#%D9%85%D9%87%D9%86%D8%AF%D8%B3%DB%8C-%D9%86%D8%B1%D9%85%E2%80%8C%D8%A7%D9%81%D8%B2%D8%A7%D8%B1)\n\n## مهندسی نرم‌افزار\n');
    expect(fa.messages).toEqual([]);
    expect(body(fa.manuscript.parts[0]!)).toMatch(/<a href="#([^"]+)">مهندسی نرم‌افزار<\/a>(?:(?!<h2).)*<h2[^>]* id="\1"[^>]*>/s);
    expect(onePartRefused('## Résumé\n\n## Resumé\n\n[r](#resume)\n')).toEqual(['part-1.md:10:1: error: link to `#resume`: no heading, anchor, ¶ or note in this part has that id']);
    // Pandoc's slugs keep the full stops GitHub's drop: its Lua-filter manual (doc/lua-filters.md) links its modules so.
    const pandoc = onePart('See [pandoc.utils](#module-pandoc.utils) and [list](#module-pandoc.list).\n\n# Module pandoc.utils\n\n# Module pandoc.list\n');
    expect(pandoc.messages).toEqual([]);
    expect(body(pandoc.doc)).toContain('<a href="#module-pandocutils">pandoc.utils</a> and <a href="#module-pandoclist">list</a>');
  });

  test('an index made by an editor’s or a site generator’s slugs: emoji and `¿?` kept, one hyphen or none where GitHub has two, apostrophes as hyphens', () => {
    // Contents lines and headings as 30-Days-Of-Python's translations write them (Spanish day 2 and 12,
    // French day 20, Uzbek day 27, Chinese day 15), and coding-interview-university's Uzbek README,
    // which keeps one of three apostrophes GitHub drops. Each link lands on its heading.
    const lines = [
      // GitHub's slug begins with a hyphen, which is no id in every format: prefixed.
      ['- [💻 Ejercicios - Día 2](#💻-ejercicios---día-2)', '## 💻 Ejercicios - Día 2', 'section-ejercicios---día-2'],
      ['- [¿Qué es un módulo?](#¿qué-es-un-módulo?)', '### ¿Qué es un módulo?', 'qué-es-un-módulo'],
      ['- [Exercices : Jour 20](#exercices-jour-20)', '## Exercices : Jour 20', 'exercices--jour-20'],
      ["- [Ma'lumot o'qish — find()](#ma-lumot-o-qish--find)", "## Ma'lumot o'qish — find()", 'malumot-oqish--find'],
      ["- [Ba'zi mavzular](#bazi-mavzular-bo'yicha-qoshimcha-malumotlar)", "## Ba'zi mavzular bo'yicha qo'shimcha ma'lumotlar", 'bazi-mavzular-boyicha-qoshimcha-malumotlar'],
      ['- [Python 错误类型](#python错误类型)', '## Python 错误类型', 'python-错误类型'],
    ];
    const loaded = twoParts('', `${lines.map(([link]) => link).join('\n')}\n\n${lines.map(([, heading]) => heading).join('\n\n')}\n`);
    // No message: Noto Serif SC prints the Han characters.
    expect(loaded.messages).toEqual([]);
    const html = body(loaded.manuscript.parts[0]!);
    for (const [, , id] of lines) {
      expect(html).toContain(`id="${id}"`);
      expect(html).toContain(`href="#${id}"`);
    }
  });

  test('a link to no place names the nearest one, if one is near: index entries left behind by a renamed heading', () => {
    // free-programming-books' list of languages links `#roq-prover` under its heading "Rocq Prover";
    // the Spanish the-art-of-command-line (README-es.md, CC BY-SA 4.0) links `#osbcuro-pero-útil` for "Obscuro, pero útil".
    expect(onePartRefused('[Rocq](#roq-prover)\n\n## Rocq Prover\n\n- [Obscuro pero útil](#osbcuro-pero-útil)\n\n## Obscuro, pero útil\n\n[y](#far-away)\n\n## C\n\n[z](#cpp)\n')).toEqual([
      'part-1.md:6:1: error: link to `#roq-prover`: no heading, anchor, ¶ or note in this part has that id (did you mean `#rocq-prover`?)',
      'part-1.md:10:3: error: link to `#osbcuro-pero-útil`: no heading, anchor, ¶ or note in this part has that id (did you mean `#obscuro-pero-útil`?)',
      'part-1.md:14:1: error: link to `#far-away`: no heading, anchor, ¶ or note in this part has that id',
      // Too short to guess: C++ is not C.
      'part-1.md:18:1: error: link to `#cpp`: no heading, anchor, ¶ or note in this part has that id',
    ]);
  });

  test('guesses are bounded: none for a fragment over 100 letters, none past the 20th guess of a part', () => {
    const long = 'a'.repeat(101);
    const errors = onePartRefused(`## ${long}b\n\n[x](#${long})\n\n## Rocq Prover\n\n${'[r](#roq-prover)\n\n'.repeat(21)}`);
    expect(errors).toHaveLength(22);
    expect(errors[0]).not.toContain('did you mean');
    expect(errors.slice(1, 21).every((line) => line.endsWith('(did you mean `#rocq-prover`?)'))).toBe(true);
    expect(errors[21]).not.toContain('did you mean');
  });

  // The opening lines of free-programming-books' README (CC BY 4.0) and Pandoc's (GPL-2.0-or-later).
  test('a badge, a picture on the network that is all its link holds, is its alt text, never fetched, with a warning', () => {
    const { doc, messages } = onePart(
      '[![Awesome](https://cdn.rawgit.com/sindresorhus/awesome/d7305f38d29fed78fa85652e3a63e154dd8e8829/media/badge.svg)](https://github.com/sindresorhus/awesome)&#160;\n[![License: CC BY 4.0](https://img.shields.io/github/license/EbookFoundation/free-programming-books)](https://creativecommons.org/licenses/by/4.0/)&#160;\n\n[![github release](https://img.shields.io/github/release/jgm/pandoc.svg?label=current+release)](https://github.com/jgm/pandoc/releases) [![](https://img.shields.io/hackage/v/pandoc.svg)](https://hackage.haskell.org/package/pandoc)\n',
    );
    expect(messages).toEqual([
      'part-1.md:6:2: warning: badge from the network (https://cdn.rawgit.com/sindresorhus/awesome/d7305f38d29fed78fa85652e3a63e154dd8e8829/media/badge.svg) not fetched: its alt text “Awesome” is printed as the link\'s words; download the picture into the manuscript folder if the book should show it',
      'part-1.md:7:2: warning: badge from the network (https://img.shields.io/github/license/EbookFoundation/free-programming-books) not fetched: its alt text “License: CC BY 4.0” is printed as the link\'s words; download the picture into the manuscript folder if the book should show it',
      'part-1.md:9:2: warning: badge from the network (https://img.shields.io/github/release/jgm/pandoc.svg?label=current+release) not fetched: its alt text “github release” is printed as the link\'s words; download the picture into the manuscript folder if the book should show it',
      'part-1.md:9:138: warning: badge from the network (https://img.shields.io/hackage/v/pandoc.svg) not fetched: its alt text, none, is printed as the link\'s words; download the picture into the manuscript folder if the book should show it',
    ]);
    const html = body(doc);
    expect(html).toContain('<a href="https://github.com/sindresorhus/awesome">Awesome</a>\u00a0\n<a href="https://creativecommons.org/licenses/by/4.0/">License: CC BY 4.0</a>');
    // Without alt text, its link has nothing to show, and goes too.
    expect(html).toContain('<a href="https://github.com/jgm/pandoc/releases">github release</a> </p>');
    expect(html).not.toContain('hackage');
    expect(html).not.toMatch(/<img|shields|rawgit/);
    // A picture on the network anywhere else is still refused: alone, or beside words in its link.
    expect(onePartRefusedRules('![x](https://example.org/x.png)\n\n[see ![x](https://example.org/x.png) here](https://example.org/)\n')).toEqual(['pamphlet:remote-resource', 'pamphlet:remote-resource']);
  });

  test('a base-url ending in a slash gives the same addresses', () => {
    const loaded = twoParts('base-url: https://example.org/rf/\n', '[p2](part-2.md#end) [file](docs/a.pdf)\n');
    expect(body(loaded.manuscript.parts[0]!)).toBe('<p id="p1" data-pn="1"><a href="https://example.org/rf/test-series-2.epub#end">p2</a> <a href="https://example.org/rf/docs/a.pdf">file</a></p>');
  });

  test('without base-url a link to another part is its text, a note at each', () => {
    const loaded = twoParts('', 'See [the next part](part-2.md) and [its end](part-2.md#end).\n');
    expect(loaded.rules).toEqual(['pamphlet:part-link-text', 'pamphlet:part-link-text']);
    expect(loaded.messages).toEqual([
      'part-1.md:6:5: info: link to part-2.md is plain text: give pamphlet.yaml a `base-url` to link the parts where they are published',
      'part-1.md:6:36: info: link to part-2.md is plain text: give pamphlet.yaml a `base-url` to link the parts where they are published',
    ]);
    expect(body(loaded.manuscript.parts[0]!)).toBe('<p id="p1" data-pn="1">See the next part and its end.</p>');
  });

  test('alt text of spaces is no alt text', () => {
    expect(onePart('![ \u00A0](images/a.png)\n', { files: { 'images/a.png': PNG_1x1 } }).messages[0]).toBe('part-1.md:6:1: warning: image without alt text: describe it for readers who cannot see it');
  });

  test("alt text an editor wrote in the picture's place is a warning: Notion's, GitHub's, VS Code's, Typora's, the file's name; words that describe it are not", () => {
    const files = { 'Untitled 1.png': PNG_1x1, 'images/chart.png': PNG_1x1 };
    const text = ['![Untitled](Untitled%201.png)', '![image](images/chart.png)', '![alt text](images/chart.png)', '![image-20231010153000123](images/chart.png)', '![chart.png](images/chart.png)', '![Chart](images/chart.png)', '![A chart of the strikes, 1905–1917](images/chart.png)'].join('\n\n');
    const { messages } = onePart(`${text}\n`, { files });
    expect(messages.filter((m) => /alt text/.test(m))).toEqual(['Untitled', 'image', 'alt text', 'image-20231010153000123', 'chart.png', 'Chart'].map((alt, i) => `part-1.md:${6 + 2 * i}:1: warning: image whose alt text “${alt}” is what an editor wrote in its place, not what it shows: describe it for readers who cannot see it`));
    // Nor does the EPUB claim a text alternative for every picture; with words that describe them, it does.
    const opf = (markdown: string) => epubOf(onePart(markdown, { files }))['OEBPS/package.opf'] ?? '';
    expect(opf('![Untitled](Untitled%201.png)\n')).toContain('some images do not');
    expect(opf('![Untitled](Untitled%201.png)\n')).not.toContain('alternativeText');
    expect(opf('![A chart of the strikes](images/chart.png)\n')).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>');
  });

  test('an image without alt text is a warning; a picture in the folder is kept', () => {
    const { messages, rules, doc } = onePart('![](images/a.png)\n\n![A map](images/a.png "Petrograd")\n', { files: { 'images/a.png': PNG_1x1 } });
    expect(rules).toEqual(['pamphlet:image-alt', 'pamphlet:image-resolution', 'pamphlet:image-resolution']);
    expect(messages).toEqual([
      'part-1.md:6:1: warning: image without alt text: describe it for readers who cannot see it',
      'part-1.md:6:1: warning: image images/a.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
      'part-1.md:8:1: warning: image images/a.png prints at 96 ppi (1 px over 0.01 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide',
    ]);
    // A picture alone in its paragraph is a figure; its title is the caption.
    expect(body(doc)).toBe('<figure class="figure"><img src="images/a.png" alt=""></figure>\n<figure class="figure"><img src="images/a.png" alt="A map"><figcaption>Petrograd</figcaption></figure>');
  });
});
