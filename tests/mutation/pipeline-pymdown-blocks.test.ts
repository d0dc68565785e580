// PyMdown's blocks as MkDocs Material sites write them (src/pipeline/remark-pymdown-blocks.ts), in
// process: FastAPI's docs' own lines (fastapi/fastapi, docs/en/docs, MIT), and the forms PyMdown's
// documentation gives (a block with no blank lines, nesting by more slashes), written out.
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused } from './helpers.js';

const TIP = 'You are free to use each operation (HTTP method) as you wish.';

describe('PyMdown blocks', () => {
  test('FastAPI’s `/// tip`, `/// note | Technical Details` and a title with emphasis, each a note set apart', () => {
    const { doc, messages } = onePart(`/// tip\n\n${TIP}\n\n///\n\n/// note | Technical Details\n\nThe **Starlette** \`Request\` object.\n\n* one\n* two\n\n///\n\n/// tip | Inspired **FastAPI**\n\nIt was.\n\n///\n`);
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<div class="callout callout-tip" role="note">',
        '<p class="callout-title">Tip</p>',
        `<p id="p1" data-pn="1">${TIP}</p>`,
        '</div>',
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Technical Details</p>',
        '<p id="p2" data-pn="2">The <strong>Starlette</strong> <code>Request</code> object.</p>',
        '<ul>',
        '<li>one</li>',
        '<li>two</li>',
        '</ul>',
        '</div>',
        '<div class="callout callout-tip" role="note">',
        '<p class="callout-title">Inspired <strong>FastAPI</strong></p>',
        '<p id="p3" data-pn="3">It was.</p>',
        '</div>',
      ].join('\n'),
    );
  });

  test('PyMdown’s own forms: no blank lines, nesting by more slashes, a name pamphlet has no style for', () => {
    const { doc, messages } = onePart('//// note | Some title\n/// details | Summary\nContent.\n///\nAfter.\n////\n\n/// example\nShown.\n///\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      [
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Some title</p>',
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Summary</p>',
        '<p id="p1" data-pn="1">Content.</p>',
        '</div>',
        '<p id="p2" data-pn="2">After.</p>',
        '</div>',
        '<div class="callout callout-note" role="note">',
        '<p class="callout-title">Example</p>',
        '<p id="p3" data-pn="3">Shown.</p>',
        '</div>',
      ].join('\n'),
    );
  });

  test('a file written with Windows line endings reads the same', () => {
    const crlf = onePart('/// tip\r\nShown.\r\n///\r\n');
    expect(crlf.messages).toEqual([]);
    expect(body(crlf.doc)).toMatch(/^<div class="callout callout-tip" role="note">\n<p class="callout-title">Tip<\/p>\n<p id="p1" data-pn="1">Shown\.<\/p>\n<\/div>$/);
  });

  test('inside a list item; the kind’s word in the part’s language', () => {
    const german = onePart('- Punkt\n\n  /// warning\n\n  Vorsicht damit.\n\n  ///\n', { frontmatter: 'title: T\npart: 1\nlang: de' });
    expect(german.messages).toEqual([]);
    expect(body(german.doc)).toBe('<ul>\n<li>\n<p id="p1" data-pn="1">Punkt</p>\n<div class="callout callout-warning" role="note">\n<p class="callout-title">Warnung</p>\n<p id="p2" data-pn="2">Vorsicht damit.</p>\n</div>\n</li>\n</ul>');
  });

  test('what is no block stays as typed: a fence with no partner (a warning at it), more words, slashes alone', () => {
    const left = onePart('Before.\n\n/// tip\n\nNever closed.\n');
    expect(left.messages).toEqual(["part-1.md:8:1: warning: a `///` block's fence with no partner, printed as typed: a block opens with `/// name` and closes with as many slashes alone on a line"]);
    expect(body(left.doc)).toContain('<p id="p2" data-pn="2">/// tip</p>');
    const prose = onePart('/// Returns the value.\n\n///\n\nText.\n');
    expect(prose.messages).toEqual([]);
    expect(body(prose.doc)).toContain('/// Returns the value.');
    expect(body(onePart('```\n/// tip\ncode\n///\n```\n').doc)).toContain('<pre><code>/// tip\ncode\n///\n</code></pre>');
  });

  test('fences by the thousand that close nothing: one warning, with the count, and the text as typed', () => {
    const { doc, messages } = onePart(`${'/// tip\n\n'.repeat(300)}${'////\n\n'.repeat(300)}`);
    expect(messages).toEqual(["part-1.md:6:1: warning: a `///` block's fence with no partner, printed as typed (and 299 more after it): a block opens with `/// name` and closes with as many slashes alone on a line"]);
    expect(body(doc).match(/<p[^>]*>\/\/\/ tip<\/p>/g)).toHaveLength(300);
  });

  test('what a block holds keeps its place: an error in it at its line and column', () => {
    // Line 8 of the file (five of front matter and a blank line before the text), column 5.
    expect(onePartRefused('/// tip\n\nSee [there](#nowhere).\n\n///\n')).toEqual(['part-1.md:8:5: error: link to `#nowhere`: no heading, anchor, ¶ or note in this part has that id']);
  });
});
