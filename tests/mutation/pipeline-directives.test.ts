// The directives (src/pipeline/remark-directives.ts), in process: each refusal and each
// warning at its own file:line:column, in the author's words, and what the accepted ones
// print. Written out, as `check` prints them.
import { describe, expect, test } from 'vitest';
import { body, load, notes, onePart, part, refused, refusedRules } from './helpers.js';

const BIB = '@book{carr1950, author = {Carr, Edward Hallett}, title = {The Bolshevik Revolution}, year = {1950}}\n';
const YAML = 'series: S\nbibliography: refs.bib\n';

describe('directives', () => {
  test('refused, each at its place: unknown, in the wrong form, an empty cite, a bad lang, unknown sources, a second ::next-part, questions without a list or twice', () => {
    const files = {
      'pamphlet.yaml': YAML,
      'refs.bib': BIB,
      'part-1.md': part('title: T\npart: 1', ':::sidebar\nx\n:::\n\n::quote\n\nA :cite[]{locator=1} b :span[x]{lang=123} c.\n\n:::quote{source=nobody via=noone}\nQ\n:::\n\n::next-part\n\n::next-part\n\n:::questions\nNo list.\n:::\n\n:::questions\n1. A?\n:::\n\n:::questions\n1. B?\n:::\n'),
      'part-2.md': part('title: U\npart: 2', 'Two.\n'),
    };
    expect(refusedRules(files)).toEqual([
      'pamphlet:unknown-directive',
      'pamphlet:directive-form',
      'pamphlet:cite-empty',
      'pamphlet:span-lang',
      'pamphlet:unknown-source',
      'pamphlet:unknown-source',
      'pamphlet:next-part-twice',
      'pamphlet:questions-list',
      'pamphlet:questions-twice',
    ]);
    expect(refused(files)).toEqual([
      'part-1.md:6:1: error: unknown directive `:::sidebar` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
      'part-1.md:10:1: error: `quote` is written `:::quote … :::`',
      'part-1.md:12:3: error: `:cite[…]` needs at least one citation key, e.g. `:cite[carr1950]`',
      'part-1.md:12:24: error: `lang` must be a BCP 47 language tag such as ru or de-CH, not “123”',
      'part-1.md:14:1: error: unknown quote source `nobody`: no entry with this key in the bibliography',
      'part-1.md:14:1: error: unknown `via` source `noone`: no entry with this key in the bibliography',
      'part-1.md:20:1: error: `::next-part` can appear once in a part',
      'part-1.md:22:1: error: `:::questions` holds a numbered list of questions',
      'part-1.md:30:1: error: a part has one `:::questions` block',
    ]);
  });

  test('warned, each at its place, and what prints: unknown attributes, no attribution, ::next-part with no next part, a page break, a questions title', () => {
    const { manuscript, messages, rules } = load({
      'pamphlet.yaml': YAML,
      'refs.bib': BIB,
      'part-1.md': part('title: T\npart: 1\nnext: false', 'A :cite[carr1950]{page=3 prefix=see locator="ch. 2" suffix=", passim"} b :span[x]{lang=ru class=y} c :cite[@carr1950]{suffix="and elsewhere"}.\n\n:::quote{colour=red}\nQ\n:::\n\n::next-part\n\n::pagebreak\n\n:::questions[Zum Nachdenken]\n1. A?\n:::\n'),
    });
    expect(rules).toEqual(['pamphlet:cite-attribute', 'pamphlet:span-attribute', 'pamphlet:quote-attribute', 'pamphlet:quote-unattributed', 'pamphlet:next-part-none']);
    expect(messages).toEqual([
      'part-1.md:7:3: warning: unknown attribute `page` on :cite (known: locator, prefix, suffix)',
      'part-1.md:7:74: warning: unknown attribute `class` (y) on a span, left out (known: lang, id, and the classes smallcaps, underline, mark)',
      'part-1.md:9:1: warning: unknown attribute `colour` on :::quote (known: source, locator, via, via-locator, author, title)',
      'part-1.md:9:1: warning: quotation without attribution: give `source=KEY`, or `author="…"`',
      'part-1.md:13:1: warning: `::next-part` but this part has no next part (the last of the series, or `next: false`)',
    ]);
    const doc = manuscript.parts[0]!;
    expect(body(doc).trimEnd()).toBe(
      '<p id="p1" data-pn="1">A<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a> b <span lang="ru">x</span> c.<a class="noteref" id="noteref-2" href="#note-2" data-note="2">2</a></p>\n' +
        '<figure class="quote"><blockquote>\n<p id="p2" data-pn="2">Q</p>\n</blockquote></figure>\n<div class="pagebreak"></div>',
    );
    // The prefix leads the cluster, the locator and a suffix starting with punctuation close it; another suffix after a space.
    expect(notes(doc)).toEqual([
      '1 citation: <p><span class="citation">See Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950, chap.\u00A02, passim.</span></p>',
      '2 citation: <p><span class="citation">Carr, <i>The Bolshevik Revolution</i> and elsewhere.</span></p>',
    ]);
    expect(doc.questions?.title).toBe('Zum Nachdenken');
  });
});

describe('a span\'s unknown class, written hundreds of times', () => {
  // Pandoc's Markdown of Standard Ebooks' Devil's Dictionary (CC0) writes each headword as
  // `[Ichor]{.dfn}`: 1,098 warnings over the book until 2026-12-07, now one a part for each class.
  test('one warning a part, at the first, with how many more; the words kept', () => {
    const text = '[Ichor]{.dfn}\n\nA fluid that serves the gods and goddesses in place of blood.\n\n[Iconoclast]{.dfn}\n\nA breaker of idols.\n\n[Idiot]{.dfn}\n\nA member of a large and powerful tribe.\n\n[Idleness]{.dfn epub:type="z3998:term"}\n\nA model farm.\n';
    const { doc, messages } = onePart(text);
    expect(messages).toEqual([
      'part-1.md:6:1: warning: unknown attribute `class` (dfn) on a span, left out (known: lang, id, and the classes smallcaps, underline, mark) (and 3 more spans like it in this part)',
      'part-1.md:18:1: warning: unknown attribute `epub:type` on a span, left out (known: lang, id, and the classes smallcaps, underline, mark)',
    ]);
    expect(body(doc)).toContain('<p id="p1" data-pn="1"><span>Ichor</span></p>');
  });
});

describe('directives, more', () => {
  test('`lang` is a whole language tag: a digit before it, an underscore in it or an empty one is refused, a long one kept', () => {
    // Before, `lang=""` was "unknown attribute `lang` on :span (known: lang)", a warning.
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'A :span[x]{lang=1de} b :span[y]{lang=de_CH} c :span[z]{lang=de-CH-1901} d :span[e]{lang=""}.\n') })).toEqual([
      'part-1.md:6:3: error: `lang` must be a BCP 47 language tag such as ru or de-CH, not “1de”',
      'part-1.md:6:24: error: `lang` must be a BCP 47 language tag such as ru or de-CH, not “de_CH”',
      'part-1.md:6:75: error: `lang` must be a BCP 47 language tag such as ru or de-CH, not “”',
    ]);
  });

  test('a quote source written with @, one cited only `via` another work, a label beside an author: captioned, no warning, the label not quoted', () => {
    const { manuscript, messages } = load({
      'pamphlet.yaml': YAML,
      'refs.bib': BIB,
      'part-1.md': part('title: T\npart: 1', ':::quote{source=@carr1950 locator=12}\nQ1\n:::\n\n:::quote{via=carr1950}\nQ2\n:::\n\n:::quote[A label]{author="Rosa Luxemburg"}\nQ3\n:::\n\n:span[w]{lang=de-CH-1901}\n'),
    });
    expect(messages).toEqual([]);
    expect(body(manuscript.parts[0]!).trimEnd()).toBe(
      '<figure class="quote"><blockquote>\n<p id="p1" data-pn="1">Q1</p>\n</blockquote><figcaption>— Edward Hallett Carr, <cite>The Bolshevik Revolution</cite>, 12</figcaption></figure>\n' +
        '<figure class="quote"><blockquote>\n<p id="p2" data-pn="2">Q2</p>\n</blockquote><figcaption>— Cited in Edward Hallett Carr, <cite>The Bolshevik Revolution</cite></figcaption></figure>\n' +
        '<figure class="quote"><blockquote>\n<p id="p3" data-pn="3">Q3</p>\n</blockquote><figcaption>— Rosa Luxemburg</figcaption></figure>\n' +
        '<p id="p4" data-pn="4"><span lang="de-CH-1901">w</span></p>',
    );
  });
});

describe('directives, edges', () => {
  test('each directive in the wrong form is told its right form; an unknown one is named with its colons', () => {
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', '::cite[carr1950]\n\n:::pagebreak\n:::\n\n::foo\n\nA :bar[x] b.\n') })).toEqual([
      'part-1.md:6:1: error: `cite` is written `:cite[…]`',
      'part-1.md:8:1: error: `pagebreak` is written `::pagebreak`',
      'part-1.md:11:1: error: unknown directive `::foo` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
      'part-1.md:13:3: error: unknown directive `:bar` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
    ]);
  });

  test('a suffix with a comma inside it still gets its space; questions without a label keep the default title, not their first paragraph, which is left out with a warning', () => {
    const { manuscript, messages } = load({ 'pamphlet.yaml': YAML, 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', 'A :cite[carr1950]{suffix="and so on, passim"}.\n\n:::questions\nAn intro.\n\n1. A?\n\n- a second list\n:::\n') });
    expect(messages).toEqual([
      'part-1.md:9:1: warning: only the numbered list of `:::questions` is printed; this is left out (put it before the block, or make it a question)',
      'part-1.md:13:1: warning: only the numbered list of `:::questions` is printed; this is left out (put it before the block, or make it a question)',
    ]);
    const doc = manuscript.parts[0]!;
    expect(notes(doc)).toEqual(['1 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950 and so on, passim.</span></p>']);
    expect(doc.questions?.title).toBe('Questions for discussion');
  });

  // Found by tests/fuzz.test.ts (a seed of 2026-12-01): the questions' block was taken out of
  // the text before its directives were read, so a :cite in a question stayed a directive, and
  // became a <div> inside the question's line, which epubcheck refuses (RSC-005).
  test('directives inside the questions are read as in the text: a :cite is a citation, an unknown one is refused at its place', () => {
    const { manuscript, messages } = load({ 'pamphlet.yaml': YAML, 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', 'Text.\n\n:::questions\n1. > Is Carr:cite[carr1950]{locator="p. 3"} right, and :span[why]{lang=de}?\n:::\n') });
    expect(messages).toEqual([]);
    const doc = manuscript.parts[0]!;
    const questions = doc.questions?.items.map((item) => body({ ...doc, body: { type: 'root', children: [item] } })).join('') ?? '';
    expect(questions).not.toContain('<div');
    expect(questions).toContain('<span lang="de">why</span>');
    expect(notes(doc)).toEqual(['1 citation: <p><span class="citation">Edward Hallett Carr, <i>The Bolshevik Revolution</i>, 1950, 3.</span></p>']);
    expect(refused({ 'pamphlet.yaml': YAML, 'refs.bib': BIB, 'part-1.md': part('title: T\npart: 1', ':::questions\n1. What is :foo[x]?\n:::\n') })).toEqual([
      'part-1.md:7:12: error: unknown directive `:foo` (known: cite, span, quote, questions, next-part, pagebreak; admonitions note, tip, info, important, warning, caution, danger)',
    ]);
  });
});


// Pandoc's bracketed spans, as Pandoc's own manuals write them: its Lua-filter manual
// (doc/lua-filters.md) anchors "Inlines filter" and "Alignment" so and links to them; its
// user's guide anchors each option. Until 2026-12-04 they printed as typed, brackets and
// braces, and every link to them was an error.
describe("Pandoc's bracketed spans", () => {
  test('an id is an anchor links reach, a language is set, the block follows the bracket directly', () => {
    const { doc, messages } = onePart(
      [
        '[`Inlines (inlines)`]{#inlines-filter}',
        '*[Alignment]{#type-alignment}* is a string value indicating the horizontal alignment.',
        '[`--reference-doc=`*FILE*|*URL*]{#option--reference-doc}',
        'The [печатники]{lang=ru} struck; see [the filter](#inlines-filter), [alignment](#type-alignment) and [the option](#option--reference-doc).',
        'Left as typed: [a] {#space}, \\[b]{#escaped}, [c]{not attributes}, [d]{#one #two}, and x[i]{ return i; }.',
        // The manual also defines `[Alignment]: #type-alignment`, which makes the brackets a link to CommonMark.
        'A [Cell]{#type-cell} holds blocks aligned by an [Alignment]{#type-align .x}: see [Alignment] and [Cell].',
        '[Alignment]: #type-align',
        '',
      ].join('\n\n'),
    );
    expect(messages).toEqual(['part-1.md:16:49: warning: unknown attribute `class` (x) on a span, left out (known: lang, id, and the classes smallcaps, underline, mark)']);
    expect(body(doc)).toBe(
      [
        '<p id="p1" data-pn="1"><span id="inlines-filter"><code>Inlines (inlines)</code></span></p>',
        '<p id="p2" data-pn="2"><em><span id="type-alignment">Alignment</span></em> is a string value indicating the horizontal alignment.</p>',
        '<p id="p3" data-pn="3"><span id="option--reference-doc"><code>--reference-doc=</code><em>FILE</em>|<em>URL</em></span></p>',
        '<p id="p4" data-pn="4">The <span lang="ru">печатники</span> struck; see <a href="#inlines-filter">the filter</a>, <a href="#type-alignment">alignment</a> and <a href="#option--reference-doc">the option</a>.</p>',
        '<p id="p5" data-pn="5">Left as typed: [a] {#space}, [b]{#escaped}, [c]{not attributes}, [d]{#one #two}, and x[i]{ return i; }.</p>',
        '<p id="p6" data-pn="6">A <span id="type-cell">Cell</span> holds blocks aligned by an <span id="type-align">Alignment</span>: see <a href="#type-align">Alignment</a> and [Cell].</p>',
      ].join('\n'),
    );
  });

  test('small caps, underline and mark as Pandoc writes them; what pamphlet has no use for is left out with a warning at the span; a bad language is an error', () => {
    const { doc, messages } = onePart('Set in [small capitals]{.smallcaps}, [underlined]{.underline custom-style="Emphatic"}, [marked]{.mark}, [boxed]{.box .smallcaps}; a bookmark []{#_Toc1 .anchor}.\n');
    expect(messages).toEqual([
      'part-1.md:6:38: warning: unknown attribute `custom-style` on a span, left out (known: lang, id, and the classes smallcaps, underline, mark)',
      'part-1.md:6:105: warning: unknown attribute `class` (box) on a span, left out (known: lang, id, and the classes smallcaps, underline, mark)',
    ]);
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Set in <span class="smallcaps">small capitals</span>, <u>underlined</u>, <mark>marked</mark>, <span class="smallcaps">boxed</span>; a bookmark <span id="_Toc1"></span>.</p>');
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'A [x]{lang=de_CH}.\n') })).toEqual([
      'part-1.md:6:3: error: `lang` must be a BCP 47 language tag such as ru or de-CH, not “de_CH”',
    ]);
  });
});

// Pandoc's attributes on code, as its user's guide (MANUAL.txt, "Fenced code blocks" and
// "Inline code") writes them. pamphlet highlights no code: the language only names it.
describe("Pandoc's attributes on code", () => {
  test('a fence’s first class is its language; the block after inline code is taken out of the text', () => {
    const { doc, messages } = onePart(
      [
        '~~~~ {#mycode .haskell .numberLines startFrom="100"}\nqsort []     = []\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '``` {.haskell}\nqsort [] = []\n```',
        '```{=html}\n<b>raw</b>\n```',
        'Use `<$>`{.haskell} and `x`{#x .lua}; `y` {.kept} and `z`{=html} stay as typed.',
        '',
      ].join('\n\n'),
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<pre><code class="language-haskell">qsort []     = []\n</code></pre>',
        '<pre><code class="language-haskell">qsort [] = []\n</code></pre>',
        '<pre><code>&#x3C;b>raw&#x3C;/b>\n</code></pre>',
        '<p id="p1" data-pn="1">Use <code>&#x3C;$></code> and <code>x</code>; <code>y</code> {.kept} and <code>z</code>{=html} stay as typed.</p>',
      ].join('\n'),
    );
  });
});

// Pandoc's fenced divs, as its user's guide ("Divs and Spans") and Quarto's callouts write them.
describe("Pandoc's fenced divs", () => {
  test('a div of a kind pamphlet has a note for is that note; the others are read as the text they hold, the fences gone where they pair up, nested as written', () => {
    const { doc, messages } = onePart(
      [
        '::::: {#special .sidebar}\nHere is a paragraph.\n\nAnd another.\n:::::',
        '::: Warning ::::::\nThis is a warning.\n\n::: Danger\nThis is a warning within a warning.\n:::\n::::::::::::::::::',
        '::: {.callout-note}\n## Note\n\n- one\n- two\n:::',
        'A ratio of 3:::4, and\n:::\nalone.',
        '::: {lang=fr}\nFirst.\n:::\nThen, with no blank line.',
        '',
      ].join('\n\n'),
    );
    expect(messages).toEqual(["part-1.md:28:1: warning: a fenced div's closing fence with no opening one, printed as typed: a fence is a line of its own, `:::` to close"]);
    expect(body(doc)).toBe(
      [
        // `:::: {#special .sidebar}`'s id: an anchor where the div begins, as in Pandoc's HTML.
        '<p id="p1" data-pn="1"><span id="special"></span>Here is a paragraph.</p>',
        '<p id="p2" data-pn="2">And another.</p>',
        // `::: Warning` is `::: {.Warning}`: a kind pamphlet has a note for (remark-colon-containers.ts).
        '<div class="callout callout-warning" role="note">\n<p class="callout-title">Warning</p>\n<p id="p3" data-pn="3">This is a warning.</p>',
        '<div class="callout callout-danger" role="note">\n<p class="callout-title">Danger</p>\n<p id="p4" data-pn="4">This is a warning within a warning.</p>\n</div>\n</div>',
        // Its closing fence is the lazy last line of the list's item: no note, the fences go.
        '<h2 id="note">Note</h2>',
        '<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
        '<p id="p5" data-pn="5">A ratio of 3:::4, and\n:::\nalone.</p>',
        // A fence ends a paragraph, as in Pandoc.
        '<p id="p6" data-pn="6">First.</p>',
        '<p id="p7" data-pn="7">Then, with no blank line.</p>',
      ].join('\n'),
    );
  });

  test('fences with no partner: one warning, at the first, with how many more', () => {
    const { messages } = onePart('A colon line:\n\n:::\n\n:::\n\n::: {.x}\n\nThe end.\n');
    expect(messages).toEqual(["part-1.md:8:1: warning: a fenced div's closing fence with no opening one, printed as typed (and 2 more fences with no partner after it): a fence is a line of its own, `:::` to close"]);
  });
});

// Pandoc's superscripts, as its user's guide ("Superscripts and subscripts") and academic
// prose write them (19^th^ century).
describe("Pandoc's superscripts", () => {
  test('the text between two carets, with no space, is a superscript; escaped, spaced or marked up, it is typed', () => {
    const { doc, messages } = onePart('The 19^th^ century, 2^10^ bytes; a^*hello*^, x^2 + y^2, \\^x^ and `c^x^` as typed; a note^[of 2^n^ ways].\n\n## E = mc^2^\n');
    expect(messages).toEqual([]);
    expect(body(doc).trimEnd()).toBe(
      [
        '<p id="p1" data-pn="1">The 19<sup>th</sup> century, 2<sup>10</sup> bytes; a^<em>hello</em>^, x^2 + y^2, ^x^ and <code>c^x^</code> as typed; a note<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a>.</p>',
        '<h2 id="e--mc2">E = mc<sup>2</sup></h2>',
      ].join('\n'),
    );
    expect(notes(doc)).toEqual(['1 footnote: <p>of 2<sup>n</sup> ways</p>']);
  });
});
