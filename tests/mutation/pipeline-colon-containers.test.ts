// Containers fenced by colons with a name (src/pipeline/remark-colon-containers.ts), in
// process: VitePress's own guide to them, its "Custom Containers" section as VitePress's docs
// write it (tests/fixtures/any-manuscript/vitepress-containers, MIT); HackMD's `:::success` and
// `:::spoiler`, Quarto's callouts and Pandoc's `::: Warning` as their manuals show them; and
// the same fences as an attacker would write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, calloutTitles, load, onePart, onePartRefused, outsideCode } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/vitepress-containers');
const vitepress = () => ({
  'pamphlet.yaml': readFileSync(path.join(FIXTURE, 'pamphlet.yaml'), 'utf8'),
  'markdown.md': readFileSync(path.join(FIXTURE, 'markdown.md'), 'utf8'),
});


describe("VitePress's containers, as its guide writes them", () => {
  test('each a note of its kind, titled by the words after its name or by the kind; no fence printed', () => {
    const loaded = load(vitepress());
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
    const html = body(loaded.manuscript.parts[0]!);
    expect(calloutTitles(html)).toEqual([
      'info: Info', 'tip: Tip', 'warning: Warning', 'danger: Danger', 'note: Details',
      'danger: STOP', 'note: Click me to toggle the code',
      // Nested: the outer fence longer than the inner.
      'info: Outer container', 'note: Inner container',
      // `{open}` and `{no-title}` are VitePress's attributes, no words of the title.
      'note: Click me to toggle the code', 'tip: Tip',
    ]);
    expect(outsideCode(html)).not.toContain(':::');
    // The folded code is inside its note, and the inner note inside the outer.
    expect(html).toContain('<p class="callout-title">Click me to toggle the code</p>\n<pre><code class="language-js">console.log(\'Hello, VitePress!\')\n</code></pre>\n</div>');
    expect(html).toMatch(/<p class="callout-title">Outer container<\/p>\n<p id="p\d+" data-pn="\d+">This box contains another container.<\/p>\n<div class="callout callout-note" role="note">\n<p class="callout-title">Inner container<\/p>/);
  });
});

describe('HackMD, Quarto and Pandoc', () => {
  test("HackMD's alert area and its spoiler: `success` a tip, the spoiler a note titled by its summary", () => {
    const { doc, messages } = onePart(':::success\nYes :tada:\n:::\n\n:::info\nThis is a message :mega:\n:::\n\n:::spoiler Click to show details\nYou found me :stuck_out_tongue_winking_eye:\n:::\n');
    expect(messages).toEqual([]);
    expect(calloutTitles(body(doc))).toEqual(['tip: Tip', 'info: Info', 'note: Click to show details']);
    expect(body(doc)).toContain('<p id="p3" data-pn="3">You found me 😜</p>');
  });

  test("Quarto's callouts: titled by `title=`, by a heading first inside, or by the kind", () => {
    const { doc } = onePart('::: {.callout-tip}\n## Tip with Title\n\nThis is an example of a callout with a title.\n:::\n\n::: {.callout-caution collapse="true" title="Expand To Learn"}\nHidden.\n:::\n\n::: {.callout-important}\nNo title.\n:::\n');
    expect(calloutTitles(body(doc))).toEqual(['tip: Tip with Title', 'caution: Expand To Learn', 'important: Important']);
    expect(body(doc)).not.toContain('<h2');
  });

  test("Pandoc's `::: Warning` is a warning; a div that names no kind is its text; a lazy closing line closes no note", () => {
    const { doc, messages } = onePart('::: Warning ::::::\nThis is a warning.\n:::\n\n::: {#special .sidebar}\nAside.\n:::\n\n::: tip\n- one\n- two\n:::\n');
    expect(messages).toEqual([]);
    expect(calloutTitles(body(doc))).toEqual(['warning: Warning']);
    // The list's item holds the closing line (CommonMark's laziness): no note, as Pandoc's divs pair.
    // The div's id is an anchor where it begins, as Pandoc's `<div id="special">` is.
    expect(body(doc)).toContain('<p id="p2" data-pn="2"><span id="special"></span>Aside.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });
});

describe('as an attacker writes them', () => {
  test("a title's and a body's HTML and links are checked at their places", () => {
    expect(onePartRefused('::: danger <img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n:::\n').sort()).toEqual([
      "part-1.md:6:12: error: event-handler attribute `onerror` is not allowed: the renderer never runs a manuscript's scripts",
      'part-1.md:7:1: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
    ]);
  });

  test('thousands nested, `:::` or `///`: an error at the fence past the bound, not a stack overflow', () => {
    const deep = (open: string, close: string) => `${Array(5000).fill(open).join('\n\n')}\n\nx\n\n${Array(5000).fill(close).join('\n\n')}\n`;
    // Line 6 is the first opening; each takes two lines; the 200th is past the bound of 200 levels.
    expect(onePartRefused(deep('::: tip', ':::'))).toEqual(['part-1.md:404:1: error: `:::` blocks nested over 200 levels deep (counting the blocks around them): close each before the next opens']);
    expect(onePartRefused(deep('/// tip', '///'))).toEqual(['part-1.md:404:1: error: `///` blocks nested over 200 levels deep (counting the blocks around them): close each before the next opens']);
  });
});
