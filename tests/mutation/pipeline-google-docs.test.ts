// Markdown as Google Docs' "Download → Markdown" writes it, in process: the gd2md-html test
// document as Google's own export made it (tests/fixtures/any-manuscript/google-docs, Apache-2.0),
// its pictures `data:` URLs, a table cell's line breaks U+000B, a link to a heading by the Doc's
// own name for it; and the `data:` pictures an attacker would write.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, epubOf, onePart, onePartRefused } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/google-docs');
const IMAGES = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/readme-html/images');
const docs = readFileSync(path.join(FIXTURE, 'part-1.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const png = readFileSync(path.join(IMAGES, 'bgLMI2u.png'));
const jpeg = readFileSync(path.join(IMAGES, 'IOyLj4i.jpg'));
const manuscript = readFileSync(path.resolve(import.meta.dirname, '../../manuscript/part-1.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

/** A line of `onePart`'s part-1.md: its front matter and the blank line after it come first. */
const lineOf = (text: string, words: string) => text.slice(0, text.indexOf(words)).split('\n').length + 5;
const svg = (markup: string) => `data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}`;

describe('Google Docs\' Markdown', () => {
  test('its LaTeX equation, which the export escapes as Markdown (`$$e^{i\\\\pi } \\= \\-1$$`), is set as the Doc wrote it', () => {
    const html = body(onePart(docs).doc);
    const written = [...html.matchAll(/<math [^>]*alttext="([^"]*)"/g)].map((match) => match[1]);
    expect(written).toEqual(['e^{i\\pi } = -1', 'e^{i\\pi } = -1']);
  });

  test('its pictures, `data:` URLs, are the book\'s: in the text, and in the EPUB as files of their bytes', () => {
    const loaded = onePart(docs);
    // The export's own shortcomings are warned about; nothing is refused.
    expect(loaded.messages.map(String).filter((m) => / error: /.test(m))).toEqual([]);
    expect(loaded.messages.map(String).filter((m) => /image/.test(m))).toEqual([
      `part-1.md:${lineOf(docs, '![][image1]')}:1: warning: image without alt text: describe it for readers who cannot see it`,
      `part-1.md:${lineOf(docs, '![][image1]')}:1: warning: image embedded as a data: URL prints at 109 ppi (500 px over 4.57 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide`,
      `part-1.md:${lineOf(docs, '![IMG')}:1: warning: image embedded as a data: URL prints at 140 ppi (638 px over 4.57 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide`,
    ]);
    const html = body(loaded.doc);
    expect(html).toContain(`<img src="data:image/png;base64,${png.toString('base64')}" alt="">`);
    expect(html).toContain(`<img src="data:image/jpeg;base64,${jpeg.toString('base64')}" alt="IMG_20161231_153334114.jpg">`);
    const epub = epubOf(loaded);
    const media = Object.keys(epub).filter((name) => name.includes('/media/')).sort();
    expect(media).toEqual([expect.stringMatching(/^OEBPS\/media\/embedded-[0-9a-f]{12}\.jpg$/), expect.stringMatching(/^OEBPS\/media\/embedded-[0-9a-f]{12}\.png$/)]);
    expect(media.map((name) => epub[name])).toEqual([`${jpeg.length} bytes`, `${png.length} bytes`]);
    expect(epub['OEBPS/package.opf']).toMatch(/href="media\/embedded-[0-9a-f]{12}\.png" media-type="image\/png"/);
    expect(epub['OEBPS/package.opf']).toMatch(/href="media\/embedded-[0-9a-f]{12}\.jpg" media-type="image\/jpeg"/);
    expect(epub['OEBPS/text.xhtml']).not.toContain('data:');
  });

  test('one picture written twice, under two media types, is one file of the EPUB', () => {
    const url = `data:image/png;base64,${png.toString('base64')}`;
    const loaded = onePart(`![CAP theorem](${url})\n\n![CAP again](${url.replace('image/png', 'image/jpeg')})\n`);
    const epub = epubOf(loaded);
    expect(Object.keys(epub).filter((name) => name.includes('/media/'))).toEqual([expect.stringMatching(/embedded-[0-9a-f]{12}\.png$/)]);
    expect([...(epub['OEBPS/text.xhtml'] ?? '').matchAll(/<img src="(media\/[^"]+)"/g)].map((m) => m[1])).toEqual([expect.any(String), expect.any(String)]);
  });

  test('a table cell\'s line breaks (U+000B) are breaks, never a character of the text', () => {
    const html = body(onePart(docs).doc);
    expect(html).not.toContain('\u000B');
    expect(html).toContain('<th class="align-left">#include&#x3C;stdio.h><br>\nmain()<br>\n{<br>\n');
    // Word's Shift+Enter, pasted: the lines of an address.
    expect(body(onePart('200 Main St.\u000BBerkeley, CA 94718\n').doc)).toBe('<p class="verse" id="p1" data-pn="1">200 Main St.<br>\nBerkeley, CA 94718</p>');
    // In code, a line ending.
    expect(body(onePart('```\nint a;\u000Bint b;\n```\n').doc)).toContain('int a;\nint b;');
  });

  test('a link to a heading by the Doc\'s own name for it goes to the heading of its words; with none, the error says so', () => {
    expect(docs).toContain('[Bugs](\\#heading=h.s045t7da0oww)');
    expect(body(onePart(docs).doc)).toContain('<a href="#bugs">Bugs</a>');
    expect(onePartRefused('[Known bugs](#heading=h.s045t7da0oww)\n\n## Bugs\n')).toEqual([
      'part-1.md:6:1: error: link to `#heading=h.s045t7da0oww`, Google Docs\' own name for one of its headings, which its Markdown does not keep: no heading of this part reads “Known bugs”; link to the heading\'s id',
    ]);
  });

  test('paragraphs the export joins with breaks stay prose: three of the real manuscript\'s, as Docs writes a block', () => {
    const [a, b, c] = manuscript.split(/\n\n+/).filter((block) => /^[A-Z“]/.test(block) && block.length > 300 && !block.includes('\n'));
    expect(c).toBeDefined();
    const joined = `${a}  \n${b}  \n${c}\n`;
    expect(body(onePart(joined).doc)).not.toContain('verse');
    // With a short line ahead of them, as Docs writes a label and its paragraphs.
    expect(body(onePart(`Summary:  \n${a}  \n${b}\n`).doc)).not.toContain('verse');
  });
});

describe('`data:` pictures an attacker writes', () => {
  const png64 = png.toString('base64');
  const cases: [string, string][] = [
    [`![a](${svg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')})`, '<svg> has the event handler `onload`: a picture in a book runs no script'],
    [`![b](${svg('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')})`, 'script'],
    [`![c](${svg('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>')})`, '<image> loads “https://evil.example/x.png”'],
    ['![d](data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20onload%3D%22alert(1)%22%2F%3E)', '`onload`'],
    ['![e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'of type text/html: use PNG, JPEG, GIF or SVG'],
    ['![f](data:image/png;base64,@@@@)', 'not a valid data: URL'],
    [`![g](data:image/png;base64,${png.subarray(0, 300).toString('base64')})`, 'cut short'],
    // A drawing with a script, said to be a PNG, to pass the SVG's checks by.
    [`![h](${svg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').replace('image/svg+xml', 'image/png')})`, 'is not a PNG image'],
    [`<img src="${svg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')}" alt="raw">`, '`onload`'],
  ];
  test.each(cases)('%#: refused at its place', (markdown, reason) => {
    const errors = onePartRefused(`Before.\n\n${markdown}\n`);
    expect(errors).toEqual([expect.stringMatching(/^part-1\.md:8:1: error: /)]);
    expect(errors[0]).toContain(reason);
  });

  test('a picture of 900 megapixels in 67 bytes is refused before it is decoded', () => {
    const header = Buffer.from('89504e470d0a1a0a0000000d49484452000075300000753008020000000000000000', 'hex');
    expect(onePartRefused(`![big](data:image/png;base64,${header.toString('base64')})\n`)).toEqual([expect.stringContaining('30000 × 30000 pixels')]);
  });

  test('a `data:` link, in Markdown or in HTML, is refused; a `data:` picture is no link', () => {
    expect(onePartRefused('[click](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)\n')).toEqual([expect.stringContaining('link refused: `data:` URLs are not allowed')]);
    expect(onePartRefused('<a href="data:text/html,hi">click</a>\n')).toEqual([expect.stringContaining('`data:`')]);
    expect(onePartRefused(`[see](data:image/png;base64,${png64})\n`)).toEqual([expect.stringContaining('link refused')]);
  });
});
