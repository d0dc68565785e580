// `<aside>`, in process: Slate's example API documentation as Slate writes it
// (tests/fixtures/any-manuscript/slate-api, Apache-2.0), its `<aside class="notice">`,
// `success` and `warning`; Notion's callouts as its Markdown export writes them, an icon and
// the text on the lines after `<aside>`, or the icon alone and the Markdown after a blank line;
// and the same shapes written by an attacker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, epubOf, load, onePart, onePartRefused } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/slate-api');
const slate = () => ({
  'pamphlet.yaml': readFileSync(path.join(FIXTURE, 'pamphlet.yaml'), 'utf8'),
  'index.html.md': readFileSync(path.join(FIXTURE, 'index.html.md'), 'utf8'),
  '_errors.md': readFileSync(path.join(FIXTURE, '_errors.md'), 'utf8'),
});

const callouts = (html: string) => [...html.matchAll(/<div class="callout callout-(\w+)" role="note">\n<p class="callout-title">([^<]*)<\/p>\n([\s\S]*?)\n<\/div>/g)].map((m) => [m[1], m[2], m[3]!.replace(/ id="p\d+" data-pn="\d+"/g, '')]);

describe("Slate's asides", () => {
  test('each is a note set apart, of the kind its class names, its HTML kept; nothing else of the book changes', () => {
    const loaded = load(slate());
    expect(loaded.messages.filter((m) => / error: /.test(m))).toEqual([]);
    const [errors, index] = loaded.manuscript.parts;
    expect(callouts(body(errors!))).toEqual([
      ['note', 'Note', '<p>This error section is stored in a separate file in <code>includes/_errors.md</code>. Slate allows you to optionally separate out your docs into many files…just save them to the <code>includes</code> folder and add them to the top of your <code>index.md</code>’s frontmatter. Files are included in the order listed.</p>'],
    ]);
    expect(callouts(body(index!))).toEqual([
      ['note', 'Note', '<p>You must replace <code>meowmeowmeow</code> with your personal API key.</p>'],
      ['tip', 'Tip', '<p>Remember\u00A0— a happy kitten is an authenticated kitten!</p>'],
      ['warning', 'Warning', '<p>Inside HTML code blocks like this one, you can’t use Markdown, so use <code>&#x3C;code></code> blocks to denote code.</p>'],
    ]);
    // The class is the kind, never the book's: no `notice` or `success` class, no <aside> left.
    const epub = epubOf(loaded, 1)['OEBPS/text.xhtml'] ?? '';
    expect(epub).not.toMatch(/<aside(?![^>]*epub:type="footnote")|class="(?:notice|success|warning)"/);
    expect(epub).toContain('<p class="callout-title">Tip</p>');
    // Slate's quotation lines beside the code stay quotations.
    expect(body(index!)).toContain('<blockquote>\n<p id="p4" data-pn="4">To authorize, use this code:</p>\n</blockquote>');
  });

  test("an aside's kind from any admonition name; a class that names none, or none, a note", () => {
    const kinds = (text: string) => callouts(body(onePart(text).doc)).map(([kind, title]) => `${kind} ${title}`);
    expect(kinds('<aside class="danger">Hot.</aside>\n\n<aside class="sidebar wide">Aside.</aside>\n\n<aside class="hint">Try.</aside>\n')).toEqual(['danger Danger', 'note Note', 'tip Tip']);
  });
});

describe("Notion's callouts", () => {
  test('the icon and the text on the lines after `<aside>`: the text read as the Markdown Notion wrote', () => {
    const { doc, messages } = onePart('Before.\n\n<aside>\n💡 **Tip:** the *first* line\nand a [link](https://example.org/).\n\n</aside>\n\nAfter.\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toBe(
      '<p id="p1" data-pn="1">Before.</p>\n<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<p id="p2" data-pn="2">💡 <strong>Tip:</strong> the <em>first</em> line\nand a <a href="https://example.org/">link</a>.</p>\n</div>\n<p id="p3" data-pn="3">After.</p>',
    );
  });

  test('the icon alone, then the Markdown after a blank line: the icon begins the first paragraph, where Notion shows it', () => {
    const { doc } = onePart('<aside>\n⚠️\n\n`./gradlew run` 는 IDE에서 debug 실행하는 것\n\nSecond paragraph.\n\n</aside>\n');
    expect(callouts(body(doc))).toEqual([['note', 'Note', '<p>⚠️ <code>./gradlew run</code> 는 IDE에서 debug 실행하는 것</p>\n<p>Second paragraph.</p>']]);
    // Only an icon moves: words on their own line stay a paragraph.
    expect(callouts(body(onePart('<aside>\nHeads up\n\nThe text.\n\n</aside>\n').doc))).toEqual([['note', 'Note', '<p>Heads up</p>\n<p>The text.</p>']]);
    // A flag, a person with a skin tone, a family joined by ZWJ.
    for (const icon of ['🇫🇷', '👩🏽‍💻', '👨‍👩‍👧']) expect(callouts(body(onePart(`<aside>\n${icon}\n\nText.\n\n</aside>\n`).doc))[0]?.[2]).toBe(`<p>${icon} Text.</p>`);
  });

  test('closed on the line after its text, and inside a list item', () => {
    const { doc } = onePart('1. Step one:\n\n   <aside>\n   🔑 Keep **this** key safe.\n   </aside>\n\n2. Step two.\n');
    expect(body(doc)).toContain('<li>\n<p id="p1" data-pn="1">Step one:</p>\n<div class="callout callout-note" role="note">\n<p class="callout-title">Note</p>\n<p id="p2" data-pn="2">🔑 Keep <strong>this</strong> key safe.</p>\n</div>\n</li>');
  });

  test("what the text refuses is refused at its own place in the file, in a list's indent too", () => {
    expect(onePartRefused('- item\n\n  <aside>\n  💡 see [x](javascript:alert(1)) and ![p](../../etc/passwd.png)\n  </aside>\n').sort()).toEqual([
      'part-1.md:9:10: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
      'part-1.md:9:39: error: image outside the manuscript folder is not allowed: ../../etc/passwd.png',
    ]);
  });

  test('an aside whose lines hold a tag is HTML, read as HTML, and its scripts refused', () => {
    expect(onePartRefused('<aside>\n💡 <img src=x onerror=alert(1)>\n</aside>\n')).toEqual([
      "part-1.md:7:4: error: event-handler attribute `onerror` is not allowed: the renderer never runs a manuscript's scripts",
    ]);
    // The author's own HTML, with attributes: not Notion's; its asterisks stay as written.
    expect(callouts(body(onePart('<aside class="notice">\nUse **this** <code>x</code>.\n</aside>\n').doc))).toEqual([['note', 'Note', '<p>Use **this** <code>x</code>.</p>']]);
  });

  test('a long line with a tag at its end is read at once as HTML (no backtracking over the line)', () => {
    const line = `${'word '.repeat(40_000)}<b>`;
    const { doc } = onePart(`<aside>\n${line}\n</aside>\n`);
    expect(body(doc)).toContain('word word');
  });
});
