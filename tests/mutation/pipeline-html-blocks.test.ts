// Raw HTML blocks read as the Markdown they say (src/pipeline/remark-html-blocks.ts), in
// process: the shapes READMEs write, copied from them, and blocks written as an attacker would.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused, onePartRefusedRules, PNG_1x1 } from './helpers.js';

describe('raw HTML blocks read as Markdown', () => {
  test('a centred picture and its credit (the System Design Primer, CC BY 4.0): a figure, the credit a paragraph under it', () => {
    const text = '<p align="center">\n  <img src="images/map.png">\n  <br/>\n  <i><a href="https://robertgreiner.com/cap-theorem-revisited">Source: CAP theorem revisited</a></i>\n</p>\n';
    // No picture in the folder: the image policy speaks, at the <img>'s own line and column.
    expect(onePartRefused(text)).toEqual(['part-1.md:7:3: error: image file not found: images/map.png']);
  });

  test('Markdown between `<div align="center">` and `</div>`, and a `<details>` (Coding Interview University, CC BY-SA 4.0)', () => {
    const { doc, messages } = onePart('<div align="center" markdown="1">\n\n**Centred** and [linked](https://example.org/).\n\n</div>\n\n<details>\n<summary>Translations:</summary>\n\n- [Bulgarian](https://example.org/bg)\n- [Español](https://example.org/es)\n</details>\n\n<details>\n\nNo summary.\n\n</details>\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<p id="p1" data-pn="1"><strong>Centred</strong> and <a href="https://example.org/">linked</a>.</p>',
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Translations:</p>',
        '<ul>',
        '<li><a href="https://example.org/bg">Bulgarian</a></li>',
        '<li><a href="https://example.org/es">Español</a></li>',
        '</ul>',
        '</div>',
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Note</p>',
        '<p id="p2" data-pn="2">No summary.</p>',
        '</div>',
      ].join('\n'),
    );
  });

  test('a logo in `<picture>` with its `<source>`s for dark screens, on lines of its own: its `<img>`, a figure', () => {
    const { doc, messages } = onePart('<picture>\n  <source media="(prefers-color-scheme: dark)" srcset="logo-dark.png">\n  <img alt="The logo" src="logo.png">\n</picture>\n', { files: { 'logo.png': PNG_1x1 } });
    expect(messages.filter((m) => !m.includes('image-resolution') && !m.includes('ppi'))).toEqual([]);
    expect(body(doc)).toMatch(/^<figure class="figure"><img src="[^"]+" alt="The logo"><\/figure>$/);
  });

  test('a `<figure>` with its `<figcaption>` (You Don\'t Know JS Yet, © Kyle Simpson, CC BY-NC-ND 4.0): one figure, the caption\'s marks kept, the `<br>`s under it dropped', () => {
    const text = 'See Figure 1.\n\n<figure>\n    <img src="images/fig1.png" width="650" alt="Interpreting a script to execute it" align="center">\n    <figcaption><em>Fig. 1: Interpreted/Scripted Execution</em></figcaption>\n    <br><br>\n</figure>\n\nAfter.\n';
    const { doc, messages } = onePart(text, { files: { 'images/fig1.png': PNG_1x1 } });
    expect(messages.filter((m) => !m.includes('ppi'))).toEqual([]);
    expect(body(doc)).toMatch(/^<p id="p1" data-pn="1">See Figure 1\.<\/p>\n<figure class="figure"><img src="[^"]+" alt="Interpreting a script to execute it"><figcaption><em>Fig\. 1: Interpreted\/Scripted Execution<\/em><\/figcaption><\/figure>\n<p id="p2" data-pn="2">After\.<\/p>$/);
  });

  test('a `<figure>` that is not one picture and its words stays what it holds; a caption\'s link is checked at its place; loose `<br>`s are warned of at their line', () => {
    const { doc } = onePart('<figure><img src="a.png" alt="a"><p>Two</p><p>paragraphs</p></figure>\n', { files: { 'a.png': PNG_1x1 } });
    expect(body(doc)).toMatch(/^<figure class="figure"><img src="[^"]+" alt="a"><\/figure>\n<p id="p1" data-pn="1">Two<\/p>\n<p id="p2" data-pn="2">paragraphs<\/p>$/);
    expect(onePartRefused('<figure>\n<img src="a.png" alt="a">\n<figcaption>From <a href="javascript:alert(1)">here</a></figcaption>\n</figure>\n', { files: { 'a.png': PNG_1x1 } })).toEqual([
      'part-1.md:8:18: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
    ]);
    const { messages } = onePart('Text.\n\n<div><br><br></div>\n');
    expect(messages).toEqual(['part-1.md:8:1: warning: a paragraph with nothing to read (only empty tags) is left out']);
  });

  test('a heading, a list, a table and the inline tags Markdown has no syntax for; `target` and `rel` dropped', () => {
    const { doc, messages } = onePart('<h2 align="center">Day 2</h2>\n\n<ul><li>one <sup>2</sup></li><li><kbd>Ctrl</kbd></li></ul>\n\n<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><abbr title="two">2</abbr></td></tr></table>\n\nSee <a href="https://example.org/" target="_blank" rel="noopener noreferrer">the site</a>.\n');
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toMatch(/<h2 id="day-2">Day 2<\/h2>/);
    expect(html).toContain('one <sup>2</sup>');
    expect(html).toContain('<kbd>Ctrl</kbd>');
    expect(html).toMatch(/<th>a<\/th>\s*<th>b<\/th>/);
    expect(html).toContain('<abbr title="two">2</abbr>');
    expect(html).toContain('See <a href="https://example.org/">the site</a>.');
    expect(html).not.toMatch(/align|target|rel=/);
  });

  test('a block\'s `id` (Pandoc\'s README: `<div id="input-formats">`) is an anchor links reach; a name no anchor may hold is refused', () => {
    const { doc, messages } = onePart('<div id="input-formats">\n\n## Input formats\n\nText.\n\n</div>\n\n<h2 id="out">Output</h2>\n\n[in](#input-formats) [out](#out)\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toContain('<h2 id="input-formats-2"><a id="input-formats"></a>Input formats</h2>');
    expect(body(doc)).toContain('<h2 id="output"><a id="out"></a>Output</h2>');
    expect(body(doc)).toContain('<a href="#input-formats">in</a> <a href="#out">out</a>');
    expect(onePartRefused('<p id="p1">x</p>\n')).toEqual(['part-1.md:6:1: error: anchor `id="p1"` refused: `#p1` already means a ¶ number in every format; give the anchor another name']);
  });
});

describe('attributes that only style or script a web page', () => {
  // FastAPI's docs (`<div class="termy">` around a console session), 30 Days of Python's header
  // (`<a class="header-badge" target="_blank">`), the Rust book's `<span class="filename">`:
  // the class, `data-*`, `aria-*` and `role` are dropped, inline and in blocks alike, and never
  // reach the book, whose own classes (`callout`, `pagebreak`, `smallcaps`) they could name.
  test('are dropped, inline and in blocks; the words stay', () => {
    const { doc, messages } = onePart('<div class="termy" data-termynal role="region" aria-label="console">\n\n```console\n$ pip install fastapi\n```\n\n</div>\n\n<span class="filename">Filename: src/main.rs</span>\n\nBy <a class="header-badge callout" target="_blank" href="https://example.org/">Asabeneh</a>, <span class="smallcaps pagebreak" data-x="1">Second Edition</span>.\n\n<p class="callout" hidden><sub class="pagebreak">Author</sub></p>\n');
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toContain('<code class="language-console">$ pip install fastapi\n</code>');
    expect(html).toContain('<span>Filename: src/main.rs</span>');
    expect(html).toContain('By <a href="https://example.org/">Asabeneh</a>, <span>Second Edition</span>.');
    expect(html).toContain('<sub>Author</sub>');
    expect(html).not.toMatch(/termy|header-badge|smallcaps|pagebreak|callout|data-(?!pn)|aria-|role=|hidden|target/);
  });

  test("EPUB's `epub:type`, as Pandoc writes it making GFM of an e-book (Standard Ebooks' Sherlock Holmes, CC0): dropped, the words kept", () => {
    const text = '<div id="a-scandal-in-bohemia-1" class="section chapter" epub:type="chapter">\n\nTo Sherlock Holmes she is always *the* woman.\n\n</div>\n\n<span class="z3998-salutation" epub:type="z3998:salutation">My dear Mr. Sherlock Holmes</span>,—\n';
    const { doc, messages } = onePart(text);
    expect(messages).toEqual([]);
    const html = body(doc);
    expect(html).toContain('To Sherlock Holmes she is always <em>the</em> woman.');
    expect(html).toContain('<span>My dear Mr. Sherlock Holmes</span>');
    expect(html).not.toMatch(/epub:type|z3998|chapter/);
    // An event handler beside it is still refused.
    expect(onePartRefused('<span epub:type="z3998:salutation" onmouseover="steal()">Dear</span>\n')).toEqual([
      "part-1.md:6:1: error: event-handler attribute `onmouseover` is not allowed: the renderer never runs a manuscript's scripts",
    ]);
  });
});

describe('embedded web pages, as the sites that make them give their code', () => {
  // YouTube's "Share → Embed", Vimeo's and Google Maps' "Embed a map" code, as each writes it.
  const YOUTUBE = '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=2zXkqZ3d" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>';
  const VIMEO = '<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" style="position:absolute;top:0;left:0;width:100%;height:100%;" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe></div>';
  const MAPS = '<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12" width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>';

  test('each a link to its page, titled by its `title` with its address after it, and a warning at its place; nothing loaded', () => {
    const { doc, messages } = onePart(`Watch:\n\n${YOUTUBE}\n\n${VIMEO}\n\n${MAPS}\n`);
    expect(body(doc)).toBe(
      [
        '<p id="p1" data-pn="1">Watch:</p>',
        '<p id="p2" data-pn="2"><a href="https://www.youtube.com/embed/dQw4w9WgXcQ?si=2zXkqZ3d">YouTube video player</a> (https://www.youtube.com/embed/dQw4w9WgXcQ?si=2zXkqZ3d)</p>',
        '<p id="p3" data-pn="3"><a href="https://player.vimeo.com/video/76979871?h=8272103f6e">https://player.vimeo.com/video/76979871?h=8272103f6e</a></p>',
        '<p id="p4" data-pn="4"><a href="https://www.google.com/maps/embed?pb=!1m18!1m12">https://www.google.com/maps/embed?pb=!1m18!1m12</a></p>',
      ].join('\n'),
    );
    expect(messages).toEqual([
      'part-1.md:8:1: warning: <iframe> shows a web page, which paper cannot and an e-book may not: printed as a link to it, https://www.youtube.com/embed/dQw4w9WgXcQ?si=2zXkqZ3d',
      'part-1.md:10:54: warning: <iframe> shows a web page, which paper cannot and an e-book may not: printed as a link to it, https://player.vimeo.com/video/76979871?h=8272103f6e',
      'part-1.md:12:1: warning: <iframe> shows a web page, which paper cannot and an e-book may not: printed as a link to it, https://www.google.com/maps/embed?pb=!1m18!1m12',
    ]);
  });

  test('one that names no web page, or carries its own document or a handler, stays an error', () => {
    expect(onePartRefusedRules('<iframe src="javascript:alert(1)"></iframe>\n\n<iframe src="https://x.org/" onload="alert(1)"></iframe>\n\n<iframe srcdoc="&lt;script>alert(1)&lt;/script>" src="https://x.org/"></iframe>\n\n<iframe src="file:///etc/passwd"></iframe>\n\n<iframe src="data:text/html,x"></iframe>\n\n<iframe src="//x.org/"></iframe>\n')).toEqual(Array(6).fill('pamphlet:raw-html-script'));
  });
});

describe('raw HTML blocks written as an attacker would', () => {
  test('each element, handler and address refused at its own place; the Markdown inside still checked', () => {
    expect(onePartRefused('<div onclick="steal()">\n\n[x](javascript:alert(1))\n\n</div>\n\n<details><summary>s</summary>\n<script>new WebSocket("ws://127.0.0.1:9/")</script>\n</details>\n\n<p>\n<img src="../../etc/passwd.png" alt="x">\n<a href="javascript:alert(2)">y</a>\n</p>\n')).toEqual([
      "part-1.md:6:1: error: event-handler attribute `onclick` is not allowed: the renderer never runs a manuscript's scripts",
      'part-1.md:13:1: error: <script> is not allowed in a manuscript: the renderer never runs or loads embedded content',
      // The images, then the links (remark-safety.ts).
      'part-1.md:17:1: error: image outside the manuscript folder is not allowed: ../../etc/passwd.png',
      'part-1.md:8:1: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:18:1: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
    ]);
  });

  test('the element that holds the Markdown\'s place, written by the author, is no element', () => {
    expect(onePartRefused('<div>\n<pamphlet-slot data-index="0"></pamphlet-slot>\n</div>\n\nText.\n')).toEqual([
      'part-1.md:7:1: error: <pamphlet-slot>, which is no HTML element, is not allowed in a manuscript (raw HTML blocks may hold paragraphs, <div>, <details>, headings, lists, tables, <img> and the inline tags)',
    ]);
  });

  test('a block left open, and `<p>` left open around Markdown', () => {
    expect(onePartRefused('Text.\n\n<details>\n<summary>open</summary>\n\nNever closed.\n')).toEqual(['part-1.md:8:1: error: <details> is opened here and never closed: close it with </details> after the Markdown it holds']);
    expect(onePartRefusedRules('<div>\n<p align="center">\n\n**x**\n\n</p>\n</div>\n')).toEqual(['pamphlet:raw-html-block']);
  });

  test('50,000 levels in one block, or opened by 50,000 blocks: one error each, at its place, no overflow', () => {
    const n = 50_000;
    expect(onePartRefused(`Text.\n\n${'<div>'.repeat(n)}x${'</div>'.repeat(n)}\n`)).toEqual(['part-1.md:8:1: error: raw HTML nested over 200 levels deep: close each element before the next opens']);
    expect(onePartRefused(`Text.\n\n${'<table><tr><td>'.repeat(n)}x\n`)).toEqual(['part-1.md:8:1: error: raw HTML nested over 200 levels deep: close each element before the next opens']);
    // A line of one inline tag starts a block that runs on (remark-inline-html-lines.ts): this one overflowed the stack before.
    expect(onePartRefused(`Text.\n\n<span>\n${'<b>'.repeat(n)}x\n`)).toEqual(['part-1.md:8:1: error: raw HTML nested over 200 levels deep: close each element before the next opens']);
    expect(onePartRefused(`Text.\n\n${'<div>\n\n'.repeat(n)}x\n`)).toEqual([`part-1.md:8:1: error: <div> is opened here and never closed: close it with </div> after the Markdown it holds (and ${n - 1} more blocks after it open one they never close)`]);
    expect(onePartRefusedRules(`Text.\n\n${'<div>\n\n'.repeat(300)}x\n\n${'</div>\n\n'.repeat(300)}`)).toEqual(['pamphlet:nesting']);
  });
});
