// The reading text of a part in the EPUB (src/render/epub/text.ts, next-part.ts), in process,
// written out: `::pagebreak` gone wherever it stood, `::next-part` where the author put it and
// linked under `base-url` (with or without its closing slash), or to the part's own `href`,
// or plain text; notes at the end of the section that calls them, the questions' notes in
// the questions; no questions with `questions: handout-only`.
import { describe, expect, test } from 'vitest';
import { bodyOf, epubOf, load, part } from './helpers.js';

/** A folder of two parts; part 1 as given. */
function twoParts(yaml: string, text: string, frontmatter = 'title: One\npart: 1') {
  return load({
    'pamphlet.yaml': yaml,
    'part-1.md': part(frontmatter, text),
    'part-2.md': part('title: Two\npart: 2\nnext: false', 'Second.\n'),
  });
}

function textOf(files: Record<string, string>): string {
  return bodyOf(files['OEBPS/text.xhtml']);
}

describe('the reading text', () => {
  test('page breaks dropped, the "Next:" line where it was placed, each note in its section, the questions last', () => {
    const text = [
      'Intro[^i].', '', '[^i]: Intro note.', '', '::pagebreak', '',
      '> Quoted.', '>', '> ::pagebreak', '>', '> More.', '',
      '## Head', '', 'Text[^h].', '', '[^h]: Head note.', '', '::next-part', '', 'After.', '',
      ':::questions', '1. Why[^q]?', ':::', '', '[^q]: Question note.', '',
    ].join('\n');
    const files = epubOf(twoParts('series: S\nbase-url: https://example.org/series\n', text));
    expect(textOf(files)).toBe("<header class=\"title-block\">\n<p class=\"series\">S</p>\n<h1 class=\"part-title\"><span class=\"part-label\">Part I:</span> <span class=\"title\">One</span></h1>\n</header>\n<p id=\"p1\" data-pn=\"1\">Intro<a class=\"noteref\" id=\"noteref-1\" href=\"#note-1\" data-note=\"1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a>.</p>\n\n\n<blockquote>\n\n<p id=\"p2\" data-pn=\"2\">Quoted.</p>\n\n\n<p id=\"p3\" data-pn=\"3\">More.</p>\n\n</blockquote>\n<aside id=\"note-1\" epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\">\n<p><a href=\"#noteref-1\" role=\"doc-backlink\" class=\"note-backlink\">1.</a> Intro note.</p>\n</aside>\n\n<section aria-labelledby=\"head\">\n<h2 id=\"head\">Head</h2>\n\n<p id=\"p4\" data-pn=\"4\">Text<a class=\"noteref\" id=\"noteref-2\" href=\"#note-2\" data-note=\"2\" epub:type=\"noteref\" role=\"doc-noteref\">2</a>.</p>\n\n<p class=\"next-part\">Next: <a href=\"https://example.org/series/s-2.epub\">Part II: Two</a></p>\n\n<p id=\"p5\" data-pn=\"5\">After.</p>\n<aside id=\"note-2\" epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\">\n<p><a href=\"#noteref-2\" role=\"doc-backlink\" class=\"note-backlink\">2.</a> Head note.</p>\n</aside>\n\n\n</section>\n<section id=\"questions\" class=\"questions\" aria-labelledby=\"questions-title\">\n<h2 id=\"questions-title\">Questions for discussion</h2>\n<ol>\n<li>Why<a class=\"noteref\" id=\"noteref-3\" href=\"#note-3\" data-note=\"3\" epub:type=\"noteref\" role=\"doc-noteref\">3</a>?</li>\n</ol>\n<aside id=\"note-3\" epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\">\n<p><a href=\"#noteref-3\" role=\"doc-backlink\" class=\"note-backlink\">3.</a> Question note.</p>\n</aside>\n</section>");
    // Placed in the text, the line does not close the book a second time.
    expect(files['OEBPS/bibliography.xhtml']).toBeUndefined();
    expect(Object.values(files).join('').split('class="next-part"').length).toBe(2);
  });

  test('with `questions: handout-only` no questions; the closing "Next:" line under `base-url/`', () => {
    expect(textOf(epubOf(twoParts('series: S\nbase-url: https://example.org/series/\nquestions: handout-only\n', 'Text.\n\n:::questions\n1. Why?\n:::\n')))).toBe("<header class=\"title-block\">\n<p class=\"series\">S</p>\n<h1 class=\"part-title\"><span class=\"part-label\">Part I:</span> <span class=\"title\">One</span></h1>\n</header>\n<p id=\"p1\" data-pn=\"1\">Text.</p>\n\n<p class=\"next-part\">Next: <a href=\"https://example.org/series/s-2.epub\">Part II: Two</a></p>");
  });

  test('the part’s own `next: { href }` is the link; without `href` or `base-url` the line is plain text', () => {
    const own = twoParts('series: S\n', 'Text.\n', 'title: One\npart: 1\nnext: { title: "Elsewhere", href: "https://example.net/elsewhere" }');
    expect(textOf(epubOf(own))).toBe("<header class=\"title-block\">\n<p class=\"series\">S</p>\n<h1 class=\"part-title\"><span class=\"part-label\">Part I:</span> <span class=\"title\">One</span></h1>\n</header>\n<p id=\"p1\" data-pn=\"1\">Text.</p>\n<p class=\"next-part\">Next: <a href=\"https://example.net/elsewhere\">Elsewhere</a></p>");
    expect(textOf(epubOf(twoParts('series: S\n', 'Text.\n')))).toBe("<header class=\"title-block\">\n<p class=\"series\">S</p>\n<h1 class=\"part-title\"><span class=\"part-label\">Part I:</span> <span class=\"title\">One</span></h1>\n</header>\n<p id=\"p1\" data-pn=\"1\">Text.</p>\n<p class=\"next-part\">Next: Part II: Two</p>");
  });
});
