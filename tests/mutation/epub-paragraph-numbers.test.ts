// ¶ numbers in the EPUB (`paragraph-numbers: true`, src/render/epub/paragraph-numbers.ts), in
// process: each numbered paragraph starts with its number, hidden from screen readers; notes and
// list items are not numbered; the accessibility summary says so. Written out.
import { describe, expect, test } from 'vitest';
import { bodyOf, epubOf, load, part } from './helpers.js';

describe('¶ numbers in the EPUB', () => {
  test('shown before each numbered paragraph, aria-hidden, and said in the accessibility summary', () => {
    const files = epubOf(
      load({
        'pamphlet.yaml': 'series: S\nparagraph-numbers: true\n',
        'part-1.md': part('title: T\npart: 1', 'First paragraph.\n\n> Quoted paragraph.\n\n- an item\n\n## Head\n\nSecond[^a].\n\n[^a]: A note paragraph.\n'),
      }),
    );
    expect(bodyOf(files['OEBPS/text.xhtml'])).toBe(
      "<header class=\"title-block\">\n<p class=\"series\">S</p>\n<h1 class=\"part-title\"><span class=\"part-label\">Part I:</span> <span class=\"title\">T</span></h1>\n</header>\n<p id=\"p1\" data-pn=\"1\"><span class=\"pn\" aria-hidden=\"true\">1</span> First paragraph.</p>\n\n<blockquote>\n\n<p id=\"p2\" data-pn=\"2\"><span class=\"pn\" aria-hidden=\"true\">2</span> Quoted paragraph.</p>\n\n</blockquote>\n\n<ul>\n\n<li>an item</li>\n\n</ul>\n\n<section aria-labelledby=\"head\">\n<h2 id=\"head\">Head</h2>\n\n<p id=\"p3\" data-pn=\"3\"><span class=\"pn\" aria-hidden=\"true\">3</span> Second<a class=\"noteref\" id=\"noteref-1\" href=\"#note-1\" data-note=\"1\" epub:type=\"noteref\" role=\"doc-noteref\">1</a>.</p>\n<aside id=\"note-1\" epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\">\n<p><a href=\"#noteref-1\" role=\"doc-backlink\" class=\"note-backlink\">1.</a> A note paragraph.</p>\n</aside>\n\n</section>",
    );
    expect(files['OEBPS/package.opf']).toContain(
      'Paragraph numbers are shown at the start of each paragraph and are not read aloud; each paragraph can be reached by its number.',
    );
  });

  test('without the setting, no number is shown', () => {
    const files = epubOf(load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'First paragraph.\n') }));
    expect(bodyOf(files['OEBPS/text.xhtml'])).toContain('<p id="p1" data-pn="1">First paragraph.</p>');
    expect(files['OEBPS/package.opf']).not.toContain('Paragraph numbers');
  });
});
