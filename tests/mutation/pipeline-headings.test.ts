// Headings and two lints (src/pipeline/rehype-heading-ids.ts, lint-heading-levels.ts,
// lint-straight-quotes.ts), in process: the id each heading gets whatever it says, the
// GitHub-style link that still finds it, and each warning at its place, written out.
import { describe, expect, test } from 'vitest';
import { body, html, onePart } from './helpers.js';

describe('heading ids', () => {
  test('valid in every format, never one of pamphlet’s own, unique, found by their GitHub slug', () => {
    const { doc, messages, rules } = onePart(
      [
        '## 1. Introduction',
        '## 2024-01-01',
        '## 🎉',
        '## Capitalist Development & World War',
        '## P1',
        '## Notes',
        '## Section',
        '## Toc',
        '## Same',
        '## Same',
        '## Same',
        '## Бухарин и Ленин',
        '## Head[^n]',
        '## Bol\u00ADshe\u00ADvik',
        '## _under_',
        '##',
        'See [one](#1-introduction), [two](#2024-01-01), [same](#same-1) and [head](#head).',
        '[^n]: A note.',
        '',
      ].join('\n\n'),
    );
    expect(rules).toEqual(['pamphlet:empty-heading']);
    expect(messages).toEqual([
      'part-1.md:36:1: warning: empty heading left out',
    ]);
    expect(body(doc)).toBe(
      [
        '<h2 id="section-1-introduction">1. Introduction</h2>',
        '<h2 id="section-2024-01-01">2024-01-01</h2>',
        // No letter left: the fallback, which no other heading can take ("Section" below).
        '<h2 id="section">🎉</h2>',
        '<h2 id="capitalist-development--world-war">Capitalist Development &#x26; World War</h2>',
        '<h2 id="section-p1">P1</h2>',
        '<h2 id="notes">Notes</h2>',
        '<h2 id="section-section">Section</h2>',
        '<h2 id="section-toc">Toc</h2>',
        '<h2 id="same">Same</h2>',
        '<h2 id="same-1">Same</h2>',
        '<h2 id="same-2">Same</h2>',
        '<h2 id="бухарин-и-ленин">Бухарин и Ленин</h2>',
        '<h2 id="head">Head<a class="noteref" id="noteref-1" href="#note-1" data-note="1">1</a></h2>',
        '<h2 id="bolshevik">Bol\u00ADshe\u00ADvik</h2>',
        '<h2 id="under"><em>under</em></h2>',
        '',
        '<p id="p1" data-pn="1">See <a href="#section-1-introduction">one</a>, <a href="#section-2024-01-01">two</a>, <a href="#same-1">same</a> and <a href="#head">head</a>.</p>',
        '',
      ].join('\n'),
    );
  });
});

describe('heading ids as GitHub makes them', () => {
  test('spaces as written: two spaces are two hyphens, and the contents line written for GitHub finds its heading', () => {
    // 30-Days-Of-Python's day 25 (25_Day_Pandas/25_pandas.md), its contents line and its heading as written.
    const { doc, messages } = onePart('- [Creating  Pandas Series with custom index](#creating--pandas-series-with-custom-index)\n\n## Creating  Pandas Series with custom index\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toContain('<a href="#creating--pandas-series-with-custom-index">Creating  Pandas Series with custom index</a>');
    expect(body(doc)).toContain('<h2 id="creating--pandas-series-with-custom-index">Creating  Pandas Series with custom index</h2>');
  });
});

describe('heading ids that would clash', () => {
  test('each id pamphlet keeps for itself is prefixed; a prefixed id already taken is numbered', () => {
    const headings = ['P12', 'Note-3', 'Noteref-2', 'Noteref-2-1', 'Pamphlet-x', 'Toc', 'Toc-title', 'Landmarks', 'Questions', 'Questions-title', 'Questions-2', 'Bibliography', 'Bibliography-title', 'Cover', 'Title-block', 'Section P12', '-- Dash', 'Cafe\u0301', 'End\u00A0', '1917', 'Section 1917 2', 'Section 1917', 'Note 12', 'Noteref 12', 'Noteref 2 34', 'Pamphlet xy'];
    const { doc } = onePart(`${headings.map((h) => `## ${h}`).join('\n\n')}\n`);
    expect([...body(doc).matchAll(/<h2 id="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'section-p12',
      'section-note-3',
      'section-noteref-2',
      'section-noteref-2-1',
      'section-pamphlet-x',
      'section-toc',
      'section-toc-title',
      'section-landmarks',
      'section-questions',
      'section-questions-title',
      'section-questions-2',
      'section-bibliography',
      'section-bibliography-title',
      'section-cover',
      'section-title-block',
      // "Section P12" slugs to the id "P12" was given: numbered.
      'section-p12-2',
      'section-dash',
      'cafe\u0301',
      'end',
      'section-1917',
      'section-1917-2',
      // Its slug is "1917"'s id, and the next number is taken too.
      'section-1917-3',
      // Numbers of more than one digit, a word of more than one letter after "pamphlet-".
      'section-note-12',
      'section-noteref-12',
      'section-noteref-2-34',
      'section-pamphlet-xy',
    ]);
  });

  test('a heading inside a note is the note’s, not the contents’', () => {
    const { doc } = onePart('Text[^a].\n\n## Real\n\n[^a]: ## Inside\n');
    expect(doc.sections).toEqual([{ id: 'real', title: 'Real', depth: 2 }]);
    expect(doc.notes.map((n) => html(n.content))).toEqual(['<h2>Inside</h2>']);
  });
});

describe('heading-skip', () => {
  test('each skip, from the part title or from the heading before', () => {
    const { messages, rules } = onePart('### Too deep\n\n## Back\n\n#### Skips\n\n### Fine\n\n###### Far\n\n## \n\n#### After an empty one\n');
    // The empty heading is left out, so the one after it follows `######`.
    expect(rules).toEqual(['pamphlet:heading-skip', 'pamphlet:heading-skip', 'pamphlet:heading-skip', 'pamphlet:empty-heading']);
    expect(messages).toEqual([
      'part-1.md:6:1: warning: heading level skips from the part title to `###`: use `##`',
      'part-1.md:10:1: warning: heading level skips from `##` to `####`: use `###`',
      'part-1.md:14:1: warning: heading level skips from `###` to `######`: use `####`',
      'part-1.md:16:1: warning: empty heading left out',
    ]);
  });
});

describe('heading-skip, empty headings', () => {
  test('a heading of no-break spaces is empty: left out, and no level to skip from', () => {
    const { messages } = onePart('## A\n\n###### \u00A0\n\n### B\n');
    expect(messages).toEqual(['part-1.md:8:1: warning: empty heading left out']);
  });
});

describe('straight-quotes', () => {
  test('with smart off: one warning per run of text at its first straight quote; code left alone', () => {
    const { messages, rules } = onePart('He said "no" and \'yes\'.\n\nA line\nand it\'s here, `"code"` too.\n\n> "Quoted"\n', { yaml: 'series: Test Series\nsmart: false\n' });
    expect(rules).toEqual(['pamphlet:straight-quotes', 'pamphlet:straight-quotes', 'pamphlet:straight-quotes']);
    expect(messages).toEqual([
      'part-1.md:6:9: warning: straight double quote `"` with smart punctuation off (`smart: false`): type “ ” or turn `smart` on',
      "part-1.md:9:7: warning: straight single quote `'` with smart punctuation off (`smart: false`): type ‘ ’ (’ for an apostrophe) or turn `smart` on",
      'part-1.md:11:3: warning: straight double quote `"` with smart punctuation off (`smart: false`): type “ ” or turn `smart` on',
    ]);
  });

  test('code, keyboard, sample, variable and preformatted text keep their straight quotes unremarked', () => {
    const { messages } = onePart('A `"c"` <kbd>"k"</kbd> <samp>"s"</samp> <var>"v"</var>.\n\n```\n"pre"\n```\n', { yaml: 'series: Test Series\nsmart: false\n' });
    expect(messages).toEqual([]);
  });
});

// Pandoc's, kramdown's, Docusaurus's and mdBook's `## Heading {#id}`: until 2026-12-04 the
// braces printed in the heading and `[…](#id)` was an error (a sweep of real Markdown:
// yangshun/tech-interview-handbook writes seven such headings).
describe('an id written after a heading', () => {
  test('is the heading’s id, out of its words; links find it; elsewhere `{#x}` is text', () => {
    const { doc, messages } = onePart(
      [
        '## 2. Plan your time {#plan}',
        '## Unnumbered {#extra .unnumbered .unlisted}',
        '## One {#1}',
        '## Again {#plan}',
        '## Code `{#x}`',
        '## Glued{#no}',
        'A paragraph with {#x} inside, and [the plan](#plan), [one](#1), [again](#plan-2), [extra](#extra).',
        '',
      ].join('\n\n'),
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<h2 id="plan">2. Plan your time</h2>',
        '<h2 id="extra">Unnumbered</h2>',
        // `1` is no id in every format: the heading keeps its own, and `#1` leads to it.
        '<h2 id="one">One</h2>',
        '<h2 id="plan-2">Again</h2>',
        '<h2 id="code-x">Code <code>{#x}</code></h2>',
        '<h2 id="gluedno">Glued{#no}</h2>',
        '<p id="p1" data-pn="1">A paragraph with {#x} inside, and <a href="#plan">the plan</a>, <a href="#one">one</a>, <a href="#plan-2">again</a>, <a href="#extra">extra</a>.</p>',
      ].join('\n'),
    );
  });

  // Pandoc's own manual (MANUAL.txt) writes `## Reader options {.options}` and, sections later,
  // links to the next "Reader options" as `#reader-options-1`; `{-}` is Pandoc's short
  // `.unnumbered`. Until 2026-12-04 a block without an id printed in the heading.
  test('a block with no id, in any order, is dropped from the heading; two ids are text', () => {
    const { doc, messages } = onePart(
      [
        '## Reader options {.options}',
        '## Reader options',
        '## References {-}',
        "## En français {lang=fr .x title='a b'}",
        '## Last {.unnumbered #last data-x=1}',
        '## Two ids {#a #b}',
        '## Not a block {x}',
        '### Extension: `styles` ### {#ext-styles}',
        '## C# {#c-sharp}',
        'Setext # {#setext}\n---',
        'See [the options](#reader-options), [the next](#reader-options-1), [last](#last), [references](#references).',
        '',
      ].join('\n\n'),
    );
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<h2 id="reader-options">Reader options</h2>',
        '<h2 id="reader-options-1">Reader options</h2>',
        '<h2 id="references">References</h2>',
        '<h2 id="en-français">En français</h2>',
        '<h2 id="last">Last</h2>',
        '<h2 id="two-ids-a-b">Two ids {#a #b}</h2>',
        '<h2 id="not-a-block-x">Not a block {x}</h2>',
        '<h3 id="ext-styles">Extension: <code>styles</code></h3>',
        '<h2 id="c-sharp">C#</h2>',
        '<h2 id="setext">Setext #</h2>',
        '<p id="p1" data-pn="1">See <a href="#reader-options">the options</a>, <a href="#reader-options-1">the next</a>, <a href="#last">last</a>, <a href="#references">references</a>.</p>',
      ].join('\n'),
    );
  });
});
