// Raw HTML in a part (src/pipeline/remark-raw-html.ts, rehype-sanitize.ts), in process:
// each refusal at the exact column of its tag, in words an author understands, and the
// inline markup that is allowed kept as written.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused, onePartRefusedRules } from './helpers.js';

const INLINE = '<sup> <sub> <br> <wbr> <small> <mark> <kbd> <u> <s> <q> <cite> <b> <i> <em> <strong> <code> <del> <ins> <var> <samp> <bdi> <abbr> <dfn> <span> <time> <bdo> <a>';

const STYLE_PROPERTIES =
  'color, background-color, font-style, font-weight, font-variant, font-variant-caps, font-variant-numeric, font-variant-ligatures, font-feature-settings, font-kerning, text-decoration, text-decoration-line, text-decoration-style, text-decoration-color, text-transform, letter-spacing, word-spacing, vertical-align, white-space, font-size';

describe('raw HTML', () => {
  test('each refused tag, attribute, style and link at its own column', () => {
    expect(onePartRefused('Text <script>x</script> here and <b onclick="x()">b</b>, <span style="position: fixed">s</span>, <a href="javascript:alert(1)">j</a>, <a href="other.md">o</a>, <span draggable="true">d</span>, <iframe></iframe>.\n\n<div foo="x">\nblock\n</div>\n')).toEqual([
      // The block first (remark-html-blocks.ts), then the inline tags (remark-raw-html.ts).
      'part-1.md:8:1: error: attribute `foo` is not allowed on <div> (allowed: lang, dir, title, style, id)',
      `part-1.md:6:6: error: <script> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      "part-1.md:6:34: error: event-handler attribute `onclick` is not allowed: the renderer never runs a manuscript's scripts",
      'part-1.md:6:58: error: style refused: the property `position` (allowed: color, background-color, font-style, font-weight, font-variant, font-variant-caps, font-variant-numeric, font-variant-ligatures, font-feature-settings, font-kerning, text-decoration, text-decoration-line, text-decoration-style, text-decoration-color, text-transform, letter-spacing, word-spacing, vertical-align, white-space, font-size)',
      'part-1.md:6:98: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:6:135: error: link to `other.md` in raw HTML: write it as a Markdown link, [text](other.md), so it can be checked and placed',
      // The attribute as the author wrote it (it read `datax` before).
      'part-1.md:6:161: error: attribute `draggable` is not allowed on <span> (allowed: lang, dir, title, style, id)',
      `part-1.md:6:194: error: <iframe> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
    ]);
  });

  test('allowed inline markup is kept as written', () => {
    expect(body(onePart('A <em>b</em> <span lang="ru">печатники</span> <sup>2</sup> <abbr title="Union">USSR</abbr>.\n').doc)).toBe(
      '<p id="p1" data-pn="1">A <em>b</em> <span lang="ru">печатники</span> <sup>2</sup> <abbr title="Union">USSR</abbr>.</p>',
    );
  });
});

describe('raw HTML, construct by construct', () => {
  test('inline wherever phrasing goes: headings, cells, emphasis, strong, deletions, links, references, directives', () => {
    const { doc, messages } = onePart(
      '## H <sup>1</sup>\n\n| a |\n|---|\n| <sub>2</sub> |\n\n*<b>em</b>* **<i>s</i>** ~~<u>d</u>~~ [<small>l</small>](https://x.org) [<kbd>r</kbd>][ref] :span[<mark>t</mark>]{lang=de}\n\n[ref]: https://y.org\n',
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<h2 id="h-1">H <sup>1</sup></h2>',
        '<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><sub>2</sub></td>\n</tr>\n</tbody>\n</table>',
        '<p id="p1" data-pn="1"><em><b>em</b></em> <strong><i>s</i></strong> <del><u>d</u></del> <a href="https://x.org/"><small>l</small></a> <a href="https://y.org/"><kbd>r</kbd></a> <span lang="de"><mark>t</mark></span></p>',
      ].join('\n'),
    );
  });

  test('what follows a dropped comment is still checked; an attribute holding `</b>` is no end tag; `on` inside a name is no handler', () => {
    const text = 'x<!--c--><iframe></iframe> <span title="a</b>" onclick="x()">s</span> <span accesskey="m">m</span>\n\n<!-- a --> <!-- b -->\n';
    expect(onePartRefusedRules(text)).toEqual(['pamphlet:raw-html-script', 'pamphlet:raw-html-script', 'pamphlet:raw-html-attribute']);
    expect(onePartRefused(text)).toEqual([
      `part-1.md:6:10: error: <iframe> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      "part-1.md:6:28: error: event-handler attribute `onclick` is not allowed: the renderer never runs a manuscript's scripts",
      'part-1.md:6:71: error: attribute `accesskey` is not allowed on <span> (allowed: lang, dir, title, style, id)',
    ]);
  });

  test('comments go, declarations and unknown tags are text, links to the web and places stay', () => {
    const { doc, messages } = onePart(
      'A<!-- hidden --> <?php echo 1 ?> <!DOCTYPE html> <![CDATA[x]]> Promise<Buffer> and </Buffer> <a href="https://Example.org/x">w</a> <a href="#p1">here</a> <a href="mailto:a@b.org">m</a> <time datetime="1917-10-25">then</time> <bdo dir="rtl">ab</bdo>.\n\n<!-- a block comment -->\n\nEnd.\n',
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<p id="p1" data-pn="1">A &#x3C;?php echo 1 ?> &#x3C;!DOCTYPE html> &#x3C;![CDATA[x]]> Promise&#x3C;Buffer> and &#x3C;/Buffer> <a href="https://example.org/x">w</a> <a href="#p1">here</a> <a href="mailto:a@b.org">m</a> <time datetime="1917-10-25">then</time> <bdo dir="rtl">ab</bdo>.</p>\n<p id="p2" data-pn="2">End.</p>',
    );
  });

  test('elements that load or are not inline, handlers on allowed ones, each style problem', () => {
    const text =
      'A <img src="https://x.org/a.png" alt="a"> <object data="x"></object> <embed src="x"> <video></video> <abbr title="t" onmouseover="x()" ONCLICK="y()">A</abbr> <span style="color: red; background: url(x); position: absolute">s</span> <a href="../x.md">up</a> <a href="notes.md">n</a> <time datetime="1917" draggable="true">t</time>.\n\n<form>block</form>\n';
    expect(onePartRefusedRules(text)).toEqual([
      // The block first (remark-html-blocks.ts), the inline tags (remark-raw-html.ts), then the inline <img>'s address (remark-safety.ts).
      'pamphlet:raw-html-tag', 'pamphlet:raw-html-script', 'pamphlet:raw-html-script', 'pamphlet:raw-html-tag', 'pamphlet:raw-html-script', 'pamphlet:raw-html-script', 'pamphlet:raw-html-style', 'pamphlet:raw-html-style', 'pamphlet:raw-html-style', 'pamphlet:unsafe-url', 'pamphlet:link-outside-book', 'pamphlet:raw-html-attribute', 'pamphlet:remote-resource',
    ]);
    expect(onePartRefused(text)).toEqual([
      'part-1.md:8:1: error: <form> is not allowed in a manuscript (raw HTML blocks may hold paragraphs, <div>, <details>, headings, lists, tables, <img> and the inline tags)',
      `part-1.md:6:43: error: <object> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      `part-1.md:6:70: error: <embed> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      `part-1.md:6:86: error: <video> is not allowed in a manuscript (inline HTML may use ${INLINE})`,
      "part-1.md:6:102: error: event-handler attribute `onmouseover` is not allowed: the renderer never runs a manuscript's scripts",
      "part-1.md:6:102: error: event-handler attribute `ONCLICK` is not allowed: the renderer never runs a manuscript's scripts",
      `part-1.md:6:159: error: style refused: the property \`background\` (allowed: ${STYLE_PROPERTIES})`,
      "part-1.md:6:159: error: style refused: `url(x)`: a manuscript's style loads nothing",
      `part-1.md:6:159: error: style refused: the property \`position\` (allowed: ${STYLE_PROPERTIES})`,
      'part-1.md:6:233: error: link refused: `../x.md` lies outside the manuscript folder',
      'part-1.md:6:258: error: link to `notes.md` in raw HTML: write it as a Markdown link, [text](notes.md), so it can be checked and placed',
      'part-1.md:6:283: error: attribute `draggable` is not allowed on <time> (allowed: lang, dir, title, style, datetime)',
      // An inline <img> is the Markdown image it says, under the image policy: nothing is fetched.
      'part-1.md:6:3: error: image from the network is not allowed (https://x.org/a.png): the renderer never fetches; put the file in the manuscript folder',
    ]);
  });
});

describe('an attribute named as the author wrote it', () => {
  // JSX in a README (`className`, `onClick`): the parser lower-cases and maps names, and the
  // message said `class`, which the author never wrote (a sweep of real READMEs, 2026-12-04).
  test('`className` and `onClick` are refused by those names', () => {
    expect(onePartRefused('Text <a className="button" href="https://example.org/">Go</a> and <b onClick="go()">b</b>.\n')).toEqual([
      'part-1.md:6:6: error: attribute `className` is not allowed on <a> (allowed: lang, dir, title, style, href, id, name)',
      "part-1.md:6:67: error: event-handler attribute `onClick` is not allowed: the renderer never runs a manuscript's scripts",
    ]);
  });
});

describe('anchors an author writes, `<a id>` and `<a name>`', () => {
  test('a lone anchor goes into the heading below it; names no id may hold are renamed and still reached; a heading by an anchor’s name takes the next id', () => {
    const { doc, messages } = onePart(
      '<a name="usage"></a>\n## Usage\n\nSee [usage](#usage), [1.2.0](#1.2.0), [toc](#toc) and <a id="here">this</a>.\n\n<a name="1.2.0"></a>\n\n<a id="toc"></a>\n\n## 1.2.0\n\nText.\n\n<a id="end"></a>\n',
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<h2 id="usage-2"><a id="usage"></a>Usage</h2>',
        '<p id="p1" data-pn="1">See <a href="#usage">usage</a>, <a href="#anchor-1-2-0">1.2.0</a>, <a href="#anchor-toc">toc</a> and <a id="here">this</a>.</p>',
        '<h2 id="section-120"><a id="anchor-1-2-0"></a><a id="anchor-toc"></a>1.2.0</h2>',
        '<p id="p2" data-pn="2">Text.<a id="end"></a></p>',
      ].join('\n'),
    );
  });

  test('`<span id>` is an anchor too, around its words', () => {
    const { doc, messages } = onePart('The <span id="claim">claim</span> and <span id="9.1" lang="de">Satz</span>; see [it](#claim), [9.1](#9.1).\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<p id="p1" data-pn="1">The <span id="claim">claim</span> and <span id="anchor-9-1" lang="de">Satz</span>; see <a href="#claim">it</a>, <a href="#anchor-9-1">9.1</a>.</p>',
    );
  });

  test('a name given twice is a warning, and links go to the first', () => {
    const { doc, messages } = onePart('## <a name="parse"></a> `parse(txt)`\n\n## <a name="parse"></a> `parse.noExceptions(txt)`\n\n[p](#parse)\n');
    expect(messages).toEqual(['part-1.md:8:4: warning: anchor `parse` is named twice: links to `#parse` go to the first (line 6); this one is `parse-2`']);
    expect(body(doc)).toContain('<h2 id="parsenoexceptionstxt"><a id="parse-2"></a> <code>parse.noExceptions(txt)</code></h2>');
    expect(body(doc)).toContain('<a href="#parse">p</a>');
  });


  test('names no link could reach are refused at their places', () => {
    expect(onePartRefused('A <a name="two words"></a> <a id="p2"></a> <a id="note-1"></a> <a name=""></a> <a id="a" name="b"></a> <a id="x" draggable="true"></a>.\n')).toEqual([
      'part-1.md:6:3: error: anchor `name="two words"` refused: an anchor’s name is one word, without spaces',
      'part-1.md:6:28: error: anchor `id="p2"` refused: `#p2` already means a ¶ number in every format; give the anchor another name',
      'part-1.md:6:44: error: anchor `id="note-1"` refused: `#note-1` already means a note in every format; give the anchor another name',
      'part-1.md:6:64: error: anchor `name=""` refused: an anchor’s name is one word, without spaces',
      'part-1.md:6:80: error: <a> with id `a` and name `b`: an anchor has one name',
      'part-1.md:6:104: error: attribute `draggable` is not allowed on <a> (allowed: lang, dir, title, style, href, id, name)',
    ]);
  });
});

describe('inline tags on lines of their own (remark-inline-html-lines.ts)', () => {
  // CommonMark's seventh kind of HTML block: a line of only one tag of an inline element.
  test('a lone `<br>` is left out with a warning; a lone `<a name>` is an anchor on the heading below; the text between tags stays as typed', () => {
    const { doc, messages } = onePart('Intro\n\n<br>\n\n<a name="intro">\n\n## Intro\n\n<span lang="fr">\nC\'est *la vie* &amp; <b>bien</b>\n</span>\n\n[back](#intro)\n');
    expect(messages).toEqual(['part-1.md:8:1: warning: a paragraph with nothing to read (only line breaks (`<br>`): space between paragraphs is the theme’s) is left out']);
    expect(body(doc)).toBe(
      [
        '<p id="p1" data-pn="1">Intro</p>',
        '<h2 id="intro-2"><a id="intro"></a>Intro</h2>',
        '<p id="p2" data-pn="2"><span lang="fr">\nC’est *la vie* &#x26; <b>bien</b>\n</span></p>',
        '<p id="p3" data-pn="3"><a href="#intro">back</a></p>',
      ].join('\n'),
    );
  });

  test('each tag is checked at its own line and column, inside quotations and list items too', () => {
    expect(onePartRefused('Before.\n\n> <a href="https://x.org">\n>   <img src="a.png">\n> </a>\n\n- <span>\n  <object data="x.swf"></object>\n')).toEqual([
      `part-1.md:13:3: error: <object> is not allowed in a manuscript: the renderer never runs or loads embedded content (inline HTML may use ${INLINE})`,
      // The <img> is an image, its file looked for in the manuscript folder.
      'part-1.md:9:5: error: image file not found: a.png',
    ]);
    // An element CommonMark knows as a block (`<iframe>`) keeps the block a block, refused at the element.
    expect(onePartRefused('- <span>\n  <iframe></iframe>\n')).toEqual(['part-1.md:7:3: error: <iframe> is not allowed in a manuscript: the renderer never runs or loads embedded content']);
  });
});

describe('tags left open', () => {
  test('are closed at the end of the paragraph, emphasis or cell they were written in, never carried into the blocks after', () => {
    const { doc, messages } = onePart('Text <b>bold\n\nNext\n\n*a <i>b* c\n\n| <b>x | y |\n|---|---|\n| <a name="cell"> z | w |\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<p id="p1" data-pn="1">Text <b>bold</b></p>',
        '<p id="p2" data-pn="2">Next</p>',
        '<p id="p3" data-pn="3"><em>a <i>b</i></em> c</p>',
        '<table>\n<thead>\n<tr>\n<th><b>x</b></th>\n<th>y</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><a id="cell"> z</a></td>\n<td>w</td>\n</tr>\n</tbody>\n</table>',
      ].join('\n'),
    );
  });

  test('a paragraph of only empty tags is left out, and numbers no ¶', () => {
    const { doc, messages } = onePart('One\n\n<span></span>\n\nTwo <b>\n\n</b>\n');
    expect(messages).toEqual(['part-1.md:8:1: warning: a paragraph with nothing to read (only empty tags) is left out', 'part-1.md:12:1: warning: a paragraph with nothing to read (only empty tags) is left out']);
    expect(body(doc)).toBe('<p id="p1" data-pn="1">One</p>\n<p id="p2" data-pn="2">Two <b></b></p>');
  });
});

describe('`<a href="">`', () => {
  test('prints its words with the warning `[text]()` gets; an anchor with an empty href is still refused', () => {
    const { doc, messages } = onePart('A <a href="">raw</a> link and <a href=" ">spaced</a> one.\n');
    expect(messages).toEqual([
      'part-1.md:6:3: warning: link with no address (`href=""`): printed as plain text; give it its address, or remove the <a>',
      'part-1.md:6:31: warning: link with no address (`href=""`): printed as plain text; give it its address, or remove the <a>',
    ]);
    expect(body(doc)).toBe('<p id="p1" data-pn="1">A raw link and spaced one.</p>');
    expect(onePartRefused('An <a href="" id="x">anchor</a>.\n')).toEqual(['part-1.md:6:4: error: link refused: an empty URL']);
  });
});
