// Issue 8's constructs, in manuscripts written as authors write them
// (tests/fixtures/any-manuscript/, whose README says what each holds): each builds —
// every word in the PDF's text and the EPUB's, the EPUB clean in epubcheck — or is
// refused at its line, as the README's format section says. The expectations are
// literal: words, places, captions and dates are written here, not computed by the code.
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { visit } from 'unist-util-visit';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadManuscript } from '../src/manuscript.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { describeResult, epubcheckAll } from './helpers/epubcheck-batch.js';
import { pagesRawText, pagesText, pagesWith, pdfImages, pdfinfo, pdfLinks, squash } from './helpers/poppler.js';
import { epubText } from './helpers/spec-corpus.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';
import { epubChapterText, letters, missingLetters } from './helpers/letters.js';

const fixture = (name: string) => copyFixture(`any-manuscript/${name}`);

interface Built {
  root: string;
  stderr: string;
  /** Text of each PDF page, by part number. */
  pdf: Record<number, string[]>;
  /** The EPUB's files, by part number. */
  epub: Record<number, Record<string, string>>;
  epubPaths: string[];
}

function buildAll(name: string, formats = 'pdf,epub,html'): Built {
  const root = fixture(name);
  const result = pamphlet(['build', 'manuscript', '--format', formats, '--out', 'dist', '--quiet', '--no-cache'], root);
  expect(result.stderr, result.stderr).not.toMatch(/ error: /);
  expect(result.status, result.stderr).toBe(0);
  const dist = path.join(root, 'dist');
  const built: Built = { root, stderr: result.stderr, pdf: {}, epub: {}, epubPaths: [] };
  for (const file of readdirSync(dist)) {
    const part = Number(/-(\d+)\.(pdf|epub)$/.exec(file)?.[1]);
    if (file.endsWith('.pdf') && !/-(handout|booklet)\.pdf$/.test(file)) built.pdf[part] = pagesText(path.join(dist, file));
    if (file.endsWith('.epub')) {
      built.epubPaths.push(path.join(dist, file));
      built.epub[part] = Object.fromEntries(Object.entries(unzipSync(readFileSync(path.join(dist, file)))).map(([k, v]) => [k, strFromU8(v)]));
    }
  }
  return built;
}

/** The words a reader reads in a part's Markdown: its text, without front matter or markup. */
function sourceWords(file: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(readFileSync(file, 'utf8'));
  tree.children = tree.children.filter((node) => node.type !== 'yaml' && node.type !== 'definition');
  const words: string[] = [];
  visit(tree, (node) => {
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html') words.push(...node.value.split(/[^\p{L}\p{N}]+/u));
  });
  return words.filter((word) => word.length > 0);
}

/** The one value of a record keyed by part number, for a fixture of one part. */
function only<T>(record: Record<number, T>): T {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0] as T;
}

/** The part file of a fixture of one part. */
function partFile(root: string): string {
  const files = readdirSync(path.join(root, 'manuscript')).filter((name) => name.endsWith('.md'));
  expect(files).toHaveLength(1);
  return path.join(root, 'manuscript', files[0] as string);
}

/** The words of `words` that `text` lacks, looked for in reading order (squashed: case, spaces, hyphens and punctuation aside). */
function missingInOrder(text: string, words: readonly string[]): string[] {
  const haystack = squash(text);
  const missing: string[] = [];
  let from = 0;
  for (const word of words) {
    const at = haystack.indexOf(squash(word), from);
    if (at < 0) missing.push(word);
    else from = at + squash(word).length;
  }
  return missing;
}

/**
 * The words of `words` the PDF's text lacks. Presence, not order: a table's cells or a
 * page's notes come in the text layer in the order they are laid out. A word broken at a
 * line end is read whole, with and without its hyphen.
 */
function missingFrom(pdfText: string, words: readonly string[]): string[] {
  const tokens = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const present = new Set([...tokens(pdfText.replace(/-\n\s*/g, '')), ...tokens(pdfText.replace(/-\n\s*/g, '-'))]);
  return words.filter((word) => !present.has(word.toLowerCase()));
}

const epubs: Array<{ name: string; path: string }> = [];

describe('constructs that build: every word in the PDF and the EPUB', () => {
  const plain = ['numbered-headings', 'colons-in-text', 'aligned-table', 'angle-brackets-in-prose', 'long-code-line', 'long-code-block', 'wide-table', 'title-repeated'];

  test.each(plain)('%s', (name) => {
    const built = buildAll(name);
    const words = sourceWords(partFile(built.root));
    expect(words.length).toBeGreaterThan(40);
    expect(missingFrom(only(built.pdf).join('\n'), words)).toEqual([]);
    const epub = readFileSync(built.epubPaths[0] as string);
    expect(missingInOrder(epubText(epub), words)).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name, path: file });
  });
});

describe('what the constructs become', () => {
  let headings: Built;
  let colons: Built;
  let angles: Built;
  let table: Built;
  beforeAll(() => {
    headings = buildAll('numbered-headings', 'epub,pdf');
    colons = buildAll('colons-in-text', 'epub');
    angles = buildAll('angle-brackets-in-prose', 'epub');
    table = buildAll('aligned-table', 'epub');
  });

  test('numbered and dated headings get ids valid in every format, listed in the contents and the navigation; the empty one is left out with a warning', () => {
    const text = headings.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    expect(text).toContain('<h2 id="section-1-introduction">1. Introduction</h2>');
    expect(text).toContain('<h2 id="section-2-causes-of-variability">2. Causes of Variability</h2>');
    expect(text).toContain('<h2 id="section-2024-01-01">2024-01-01</h2>');
    const nav = headings.epub[1]?.['OEBPS/nav.xhtml'] ?? '';
    expect(nav).toContain('<a href="text.xhtml#section-1-introduction">1. Introduction</a>');
    expect(nav).toContain('<a href="text.xhtml#section-2024-01-01">2024-01-01</a>');
    expect(headings.stderr).toContain('manuscript/part-1.md:31:1: warning: empty heading left out');
    // The PDF's contents give each its page (Paged.js resolved `#section-1-introduction`).
    const contents = (headings.pdf[1]?.[1] ?? '').replace(/\s+/g, ' ');
    expect(contents).toMatch(/1\. Introduction \d+/);
    expect(contents).toMatch(/2024-01-01 \d+/);
  });

  test('colons inside words and numbers are text, as typed', () => {
    const text = epubText(readFileSync(colons.epubPaths[0] as string));
    for (const phrase of ['at 10:30 the Palace fell', 'localhost:8080', 'Note:this', 'Result:carried']) expect(text).toContain(phrase);
    expect(colons.stderr).not.toMatch(/directive/);
  });

  test('Promise<Buffer> in prose is text, as typed, and in code too', () => {
    const text = angles.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    expect(text).toContain('Promise&#x3C;Buffer>');
    expect(text).toContain('<code>Promise&#x3C;Buffer></code>');
    expect(text).not.toMatch(/<buffer/i);
  });

  test('a GFM table keeps its alignment as classes, never the align attribute', () => {
    const text = only(table.epub)['OEBPS/text.xhtml'] ?? '';
    expect(text).toMatch(/<th class="align-left">/);
    expect(text).toMatch(/<th class="align-center">/);
    expect(text).toMatch(/<th class="align-right">/);
    expect(text).not.toMatch(/ align="/);
  });
});

describe('constructs that are refused at their place, by check and build alike', () => {
  const refused: Array<[string, string]> = [
    ['link-to-file', 'manuscript/part-1.md:9:38: error: link to `CHANGELOG.md`, a file that is not in the book: link to its web address, or give pamphlet.yaml a `base-url` where it is published'],
    ['link-missing-anchor', 'manuscript/part-1.md:14:61: error: link to `#setup`: no heading, anchor, ¶ or note in this part has that id'],
    ['reference-image-missing', 'manuscript/part-1.md:12:1: error: image file not found: images/missing.png'],
    ['reference-image-remote', 'manuscript/part-1.md:12:1: error: image from the network is not allowed'],
  ];

  test.each(refused)('%s', (name, line) => {
    const root = fixture(name);
    for (const args of [['check', 'manuscript'], ['build', 'manuscript', '--format', 'epub', '--out', 'dist']]) {
      const result = pamphlet(args, root);
      expect(result.status, `${args[0]}: ${result.stderr}`).toBe(1);
      expect(result.stderr.split('\n').filter((l) => / error: /.test(l))).toEqual([expect.stringContaining(line)]);
    }
  });
});

describe('links between parts and to published files', () => {
  test('without base-url a link to another part is its text, and the EPUB links nowhere outside itself', () => {
    const built = buildAll('link-to-part', 'epub');
    const text = built.epub[2]?.['OEBPS/text.xhtml'] ?? '';
    expect(text).toContain('We left the accounts of the first part with the house built');
    expect(text).toContain('the opening of Economy is two');
    expect(text).not.toContain('part-1.md');
    for (const file of built.epubPaths) epubs.push({ name: 'link-to-part', path: file });
  });

  test('with base-url, files and parts link to where they are published; an anchor in the part stays inside the book', () => {
    const built = buildAll('links-base-url', 'epub');
    const text = built.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    expect(text).toContain('<a href="https://printshop.example.org/guide/CHANGELOG.md">the changelog</a>');
    expect(text).toContain('<a href="https://printshop.example.org/guide/a-guide-for-volunteer-typesetters-2.epub">second part</a>');
    expect(text).toContain('<a href="#setting-up">setting up</a>');
    for (const file of built.epubPaths) epubs.push({ name: 'links-base-url', path: file });
  });
});

describe('web addresses as READMEs write them', () => {
  // Lines of rdflib's and scikit-rf's READMEs (PyPI): a Matrix room's address has a second `#`
  // (`https://matrix.to/#/#room:server`), which browsers follow and RFC 3986 forbids, and each
  // made an EPUB that epubcheck refuses (RSC-020). So did a raw <a href> with a space or `|`.
  const ROOM = 'https://matrix.to/#/%23RDFLib_rdflib:gitter.im';
  const CHANNEL = 'https://app.element.io/#/room/%23scikit-rf:matrix.org';
  const LIST = 'https://example.org/reading%20list%7Cautumn%202026';
  test('each link goes where its browser would, as a valid URI, in the EPUB, the web page and the PDF; its words are as written', () => {
    const built = buildAll('web-addresses');
    const links = (html: string) => {
      const found: Array<[string, string]> = [];
      visit(fromHtml(html), 'element', (node) => {
        const href = node.properties.href;
        if (node.tagName === 'a' && typeof href === 'string' && /^https?:/.test(href)) found.push([href, hastToString(node)]);
      });
      return found;
    };
    const expected: Array<[string, string]> = [
      ['https://gitter.im/RDFLib/rdflib', 'gitter'],
      [ROOM, '#RDFLib_rdflib:gitter.im'],
      ['https://join.slack.com/t/scikit-rf/shared_invite/zt-d82b62wg-0bdSJjZVhHBKf6687V80Jg', 'Slack'],
      [CHANNEL, 'Matrix'],
      [ROOM, 'https://matrix.to/#/#RDFLib_rdflib:gitter.im'],
      [CHANNEL, 'https://app.element.io/#/room/#scikit-rf:matrix.org'],
      [LIST, 'the reading list'],
    ];
    const epubLinks = links(built.epub[1]?.['OEBPS/text.xhtml'] ?? '');
    // The Next line, from front matter's `next.href`, ends the text.
    expect(epubLinks.slice(0, -1)).toEqual(expected);
    expect(epubLinks.at(-1)?.[0]).toBe(ROOM);
    const page = readFileSync(path.join(built.root, 'dist', readdirSync(path.join(built.root, 'dist')).find((file) => file.endsWith('.html')) as string), 'utf8');
    expect(links(page).slice(0, expected.length)).toEqual(expected);
    const pdf = readdirSync(path.join(built.root, 'dist')).find((file) => /-1\.pdf$/.test(file)) as string;
    expect(pdfLinks(path.join(built.root, 'dist', pdf))).toEqual([...new Set(expected.map(([href]) => href))]);
    // The browser's own reading of each address the author wrote leads to the same place.
    expect(new URL(ROOM).hash).toBe('#/%23RDFLib_rdflib:gitter.im');
    expect(decodeURIComponent(new URL(ROOM).hash)).toBe(decodeURIComponent(new URL('https://matrix.to/#/#RDFLib_rdflib:gitter.im').hash));
    expect(decodeURIComponent(new URL(LIST).pathname)).toBe('/reading list|autumn 2026');
    for (const file of built.epubPaths) epubs.push({ name: 'web-addresses', path: file });
  });
});

describe('Pandoc’s grid tables', () => {
  // Pandoc's manual (MANUAL.txt): its section on grid tables with its examples set as tables, and
  // its first table of defaults files (code blocks in cells). Until 2026-12-06 each printed as its
  // lines of `+---+` and `|`.
  test('each is a table in every format: caption, header rows, spans, alignment, a foot, lists and code in cells', () => {
    const built = buildAll('grid-tables', 'pdf,epub,html');
    expect(built.stderr).toBe('');
    const text = built.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    expect(text.match(/<table/g)).toHaveLength(7);
    expect(text).toContain('<caption>Sample grid table.</caption>');
    for (const made of ['colspan="2"', 'colspan="3"', 'rowspan="2"', 'rowspan="3"', '<tfoot>', 'class="align-right"', 'class="align-center"', '<pre><code class="language-yaml">input-files:']) expect(text).toContain(made);
    expect(text).toMatch(/<td>\s*<ul>\s*<li>built-in wrapper<\/li>/);
    const pdf = only(built.pdf).join('\n');
    // No border is printed, and every cell's words are.
    expect(pdf).not.toMatch(/\+-{3}|\+={3}|\|\s{3}/);
    for (const words of ['Sample grid table.', 'Antarctica', 'in degree Celsius', 'cures scurvy', 'input-files:', '$3.44']) expect(squash(pdf)).toContain(squash(words));
    for (const file of built.epubPaths) epubs.push({ name: 'grid-tables', path: file });
  });
});

describe('front matter as other tools write it', () => {
  // Pandoc's docs (doc/custom-readers.md: an author list; its free-form date made ISO, as the
  // error asks) and Jekyll's welcome post (layout, a date-time with its zone), each a part.
  test('each part names its own author and keeps its day, in the EPUB and the PDF; another tool’s key is a warning', () => {
    const built = buildAll('other-tools-front-matter', 'pdf,epub');
    expect(built.stderr.trim().split('\n')).toEqual([expect.stringMatching(/part-2\.md:2:1: warning: front matter key `layout` is not pamphlet's/)]);
    const opf = (part: number) => built.epub[part]?.['OEBPS/package.opf'] ?? '';
    expect(opf(1)).toContain('<dc:creator id="creator-1">John MacFarlane</dc:creator>');
    expect(opf(2)).toContain('<dc:creator id="creator-1">Jane Doe</dc:creator>');
    for (const part of [1, 2]) {
      expect(opf(part)).toContain('<dc:date>2021-11-18</dc:date>');
      expect(opf(part)).not.toContain('The Editors');
    }
    const dist = path.join(built.root, 'dist');
    const authorOf = (part: number) => pdfinfo(path.join(dist, readdirSync(dist).find((file) => file.endsWith(`-${part}.pdf`)) as string)).Author;
    expect([authorOf(1), authorOf(2)]).toEqual(['John MacFarlane', 'Jane Doe']);
    // The title page says who wrote the part.
    expect(squash(built.pdf[2]?.[0] ?? '')).toContain(squash('Welcome to Jekyll! Jane Doe'));
    for (const file of built.epubPaths) epubs.push({ name: 'other-tools-front-matter', path: file });
  });
});

describe('chapters of an mdBook book, kept under their own names', () => {
  // The Rust book (rust-lang/book, MIT or Apache-2.0): four chapters as they are in src/, each
  // given front matter. They link one another by the page mdBook publishes (`ch08-00-….html`),
  // and the standard library beside the book (`../std/collections/index.html`). Until
  // 2026-12-06 a chapter's page was an error without base-url, and a link out of the book's
  // folder an error with it.
  test('a chapter’s page is that part, a page beside the book is on base-url’s site; every letter printed, the EPUBs clean', () => {
    const built = buildAll('mdbook-chapters', 'pdf,epub');
    expect(built.stderr).toBe('');
    const text = (part: number) => built.epub[part]?.['OEBPS/text.xhtml'] ?? '';
    // ch12-00 links ch07-00 and ch08-00 (parts 1 and 3), and chapters not in this book.
    expect(text(4)).toContain('<a href="https://doc.rust-lang.org/book/the-rust-programming-language-1.epub">Chapter 7</a>');
    expect(text(4)).toContain('<a href="https://doc.rust-lang.org/book/the-rust-programming-language-3.epub">Chapter 8</a>');
    expect(text(4)).toContain('<a href="https://doc.rust-lang.org/book/ch09-00-error-handling.html">Chapter 9</a>');
    expect(text(2)).toContain('href="https://doc.rust-lang.org/book/ch01-02-hello-world.html#rust-program-basics"');
    expect(text(3)).toContain('<a href="https://doc.rust-lang.org/std/collections/index.html">the documentation</a>');
    const dist = path.join(built.root, 'dist');
    for (const part of [1, 2, 3, 4]) {
      const read = letters(epubChapterText(path.join(dist, `the-rust-programming-language-${part}.epub`)));
      expect(missingLetters(read, letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    }
    for (const file of built.epubPaths) epubs.push({ name: 'mdbook-chapters', path: file });
  });
});

describe('Markdown as Pandoc writes it from Word', () => {
  // Pandoc's own Word test documents (jgm/pandoc, test/docx: inline_formatting, alternate_document_path
  // and links, GPL-2.0-or-later) made Markdown by pandoc 2.17, as a publisher's Word workflow does.
  // Until 2026-12-06 `{.smallcaps}` and `{.underline}` were left out with a warning, and a
  // bookmark's `.anchor` warned too.
  test('small capitals from the text face’s whole font, underlines as <u>, a Word bookmark an anchor; no warning', async () => {
    const built = buildAll('pandoc-from-word', 'pdf,epub');
    expect(built.stderr).toBe('');
    const text = (part: number) => built.epub[part]?.['OEBPS/text.xhtml'] ?? '';
    expect(text(1)).toContain('This is <span class="smallcaps">Small Caps</span>, and this is <del>strikethrough</del>.');
    expect(text(1)).toContain('Some people use <u>single underlines for <em>emphasis</em></u>.');
    expect(text(1)).toContain('<strong><u>bold underlined</u></strong>');
    expect(text(2)).toContain('<a href="#my_bookmark">internal link</a>');
    expect(text(2)).toMatch(/id="my_bookmark"/);
    // In the PDF the words keep the text's size in a face of their own (EB Garamond's whole
    // font, which has small capitals), not the text's face, nor capitals scaled down.
    const file = path.join(built.root, 'dist', 'from-word-1.pdf');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0, isEvalSupported: false }).promise;
    const items = (await (await doc.getPage(3)).getTextContent()).items.filter((item) => 'str' in item);
    const run = (words: string) => items.find((item) => item.str === words);
    const caps = run('Small Caps');
    const body = run(', and this is');
    expect(caps?.fontName).toBeDefined();
    expect(caps?.fontName).not.toBe(body?.fontName);
    expect(caps?.transform[0]).toBeCloseTo(body?.transform[0] ?? 0, 2);
    for (const file of built.epubPaths) epubs.push({ name: 'pandoc-from-word', path: file });
  });
});

describe('MkDocs pages with PyMdown’s blocks and Python-Markdown’s admonitions', () => {
  // FastAPI's docs (fastapi/fastapi, docs/, MIT): tutorial/security/index.md in English and in
  // Chinese, and the end of tutorial/dependencies/sub-dependencies.md, whose `//// tab` blocks
  // hold code and a `/// tip`; and a section of Material for MkDocs's upgrade guide
  // (squidfunk/mkdocs-material, docs/upgrade.md, MIT) with Python-Markdown's `!!! warning`.
  // Until 2026-12-06 every fence printed as typed, and the `!!!` note as a line and a code block.
  test('each block a note set apart, titled as the author wrote or by its kind; no fence printed; every letter printed', () => {
    const built = buildAll('mkdocs-blocks', 'pdf,epub,handout');
    expect(built.stderr).toBe('');
    const text = (part: number) => built.epub[part]?.['OEBPS/text.xhtml'] ?? '';
    const titles = (part: number) => [...text(part).matchAll(/<div class="callout callout-(\w+)" role="note">\s*<p class="callout-title"[^>]*>([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(titles(1)).toEqual(['tip: Tip', 'tip: Tip']);
    expect(titles(2)).toEqual(['note: Python 3.10+', 'note: Python 3.10+ non-Annotated', 'tip: Tip', 'tip: Tip']);
    expect(titles(3)).toEqual(['tip: 提示', 'tip: 提示']);
    // Python-Markdown's `!!! warning "…"`, its body indented, with a list and reference links defined below it.
    expect(titles(4)).toEqual(['warning: Built-in plugins not working after upgrade?']);
    expect(text(4)).toContain('<a href="https://github.com/mkdocs/mkdocs/releases/tag/1.4.1">MkDocs 1.4.1</a> and above');
    expect(text(4)).toMatch(/<li><a href="https:\/\/github\.com\/squidfunk\/mkdocs-material\/blob\/master\/src\/templates\/partials\/header\.html"><code>header\.html<\/code><\/a><\/li>\s*<\/ul>\s*<\/div>/);
    // The tab's code and its tip are inside it.
    expect(text(2)).toMatch(/<p class="callout-title">Python 3\.10\+ non-Annotated<\/p>\s*<div class="callout callout-tip" role="note">\s*<p class="callout-title">Tip<\/p>\s*<p[^>]*>Prefer to use the <code>Annotated<\/code> version if possible\.<\/p>\s*<\/div>\s*<pre/);
    const dist = path.join(built.root, 'dist');
    for (const part of [1, 2, 3, 4]) {
      const printed = (built.pdf[part] ?? []).join('\n');
      expect(printed, `part ${part}`).not.toMatch(/\/\/\/|!!!/);
      expect(text(part), `part ${part}`).not.toContain('///');
      expect(missingLetters(letters(epubChapterText(path.join(dist, `fastapi-${part}.epub`))), letters(printed)), `part ${part}`).toEqual([]);
    }
    // The Chinese page set as Chinese books are (W3C clreq): every paragraph's first line two
    // characters in, the first after the title too, and a little space between Han and the
    // Latin letters its author did not space ("OAuth2是一个规范"). Until 2026-12-07 the first
    // line after a heading was not indented, the next one by 1.25 em, and "2是" touched.
    const words = pdfWords(path.join(dist, 'fastapi-3.pdf')).flat();
    const word = (start: string): Word => {
      const found = words.find((w) => w.text.startsWith(start));
      if (!found) throw new Error(`no word starting ${start} in fastapi-3.pdf`);
      return found;
    };
    const han = word('而且这通常是一个复杂而「困难」的话题。');
    const em = (han.xMax - han.xMin) / [...han.text].length;
    const edge = word('力和代码').xMin; // a paragraph's second line
    expect(word('有许多方法').xMin - edge).toBeCloseTo(2 * em, 0);
    expect(han.xMin - edge).toBeCloseTo(2 * em, 0);
    const latin = words.find((w) => w.text === 'OAuth2' && Math.abs(w.yMax - word('是一个规范').yMax) < 2);
    const gap = word('是一个规范').xMin - (latin?.xMax ?? Number.NaN);
    expect(gap).toBeGreaterThan(em / 10);
    expect(gap).toBeLessThan(em / 4);
    // The handout's paragraphs stay block paragraphs, none indented, in Chinese too.
    const handout = pdfWords(path.join(dist, 'fastapi-3-handout.pdf')).flat();
    const first = handout.findIndex((w) => w.text.startsWith('在许多框架')); // its second line is the next word
    expect(handout.find((w) => w.text.startsWith('有许多方法'))?.xMin).toBeCloseTo(handout[first + 1]?.xMin ?? Number.NaN, 0);
    expect(handout[first]?.xMin).toBeCloseTo(handout[first + 1]?.xMin ?? Number.NaN, 0);
    for (const file of built.epubPaths) epubs.push({ name: 'mkdocs-blocks', path: file });
  });
});

describe('README text with raw HTML blocks', () => {
  // The System Design Primer (donnemartin/system-design-primer, README.md, CC BY 4.0): each
  // picture and its credit in `<p align="center">` (`<img>`, `<br/>`, `<i><a>Source: …</a></i>`);
  // Coding Interview University (jwasham/coding-interview-university, README.md, CC BY-SA 4.0):
  // its translations folded in `<details><summary>` around Markdown lists. Until 2026-12-06 each
  // block was an error, "raw HTML blocks are not allowed".
  test('a centred picture is a figure with its credit under it, a <details> a note titled by its <summary>', async () => {
    const built = buildAll('readme-html', 'pdf,epub');
    expect(built.stderr.split('\n').filter((line) => line.includes('error'))).toEqual([]);
    const text = (part: number) => built.epub[part]?.['OEBPS/text.xhtml'] ?? '';
    expect(text(1)).toMatch(/<figure class="figure"><img src="media\/images\/bgLMI2u\.png" alt=""\s*\/><\/figure>\s*<p[^>]*><em><a href="https:\/\/robertgreiner\.com\/cap-theorem-revisited">Source: CAP theorem revisited<\/a><\/em><\/p>/);
    expect(text(1)).toContain('<a href="http://www.slideshare.net/srikrupa5/dns-security-presentation-issa">Source: DNS security presentation</a>');
    expect(text(1)).not.toContain('align');
    const notes = [...text(2).matchAll(/<div class="callout callout-note" role="note">\s*<p class="callout-title">([^<]*)<\/p>\s*<ul>([\s\S]*?)<\/ul>\s*<\/div>/g)];
    expect(notes.map((m) => m[1])).toEqual(['Translations:', 'Translations in progress:']);
    expect([...(notes[0]?.[2] ?? '').matchAll(/<li>/g)]).toHaveLength(16);
    expect(notes[0]?.[2]).toContain('<a href="https://github.com/jwasham/coding-interview-university/blob/main/translations/README-kh.md">ខ្មែរ - Khmer</a>');
    expect(text(2)).not.toMatch(/details|summary/);
    // Both pictures printed at their place, the credit on the page under it.
    const dist = path.join(built.root, 'dist');
    expect(pdfImages(path.join(dist, 'readmes-as-written-1.pdf')).map(({ width, height }) => [width, height])).toEqual([[500, 303], [638, 449]]);
    const printed = built.pdf[1] ?? [];
    expect(pagesWith(printed, 'Source: CAP theorem revisited')).toHaveLength(1);
    expect(squash((built.pdf[2] ?? []).join(' '))).toContain(squash('Translations in progress: Afrikaans'));
    for (const part of [1, 2]) expect(missingLetters(letters(epubChapterText(path.join(dist, `readmes-as-written-${part}.epub`))), letters(built.pdf[part]?.join('\n') ?? ''))).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'readme-html', path: file });
  });
});

describe('a picture named as another type', () => {
  // javascript-algorithms' READMEs (MIT licence) show PNGs named .jpeg 30 times over; browsers and
  // GitHub sniff them. Until 2026-12-06 each was an error, "give the file the extension of what it is".
  test('a PNG named .jpeg is printed, carried in the EPUB and the web page as the PNG it is, and warned about at its place', () => {
    const built = buildAll('misnamed-image');
    expect(built.stderr).toContain('part-1.md:12:1: warning: image ./images/array-representation.jpeg holds a PNG image, not JPEG: used as the PNG it is; give the file the extension of what it is');
    const epub = built.epub[1] ?? {};
    // epubcheck warns of an image whose name says another type (PKG-022): the package names it by what it holds.
    expect(epub['OEBPS/package.opf']).toContain('<item id="img-1" href="media/images/array-representation.png" media-type="image/png"/>');
    expect(epub['OEBPS/text.xhtml']).toContain('src="media/images/array-representation.png"');
    const bytes = readFileSync(path.join(built.root, 'manuscript', 'images', 'array-representation.jpeg'));
    const page = readFileSync(path.join(built.root, 'dist', readdirSync(path.join(built.root, 'dist')).find((file) => file.endsWith('.html')) as string), 'utf8');
    expect(page).toContain(`src="data:image/png;base64,${bytes.toString('base64')}"`);
    const pdf = readdirSync(path.join(built.root, 'dist')).find((file) => /-1\.pdf$/.test(file)) as string;
    expect(pdfImages(path.join(built.root, 'dist', pdf)).map(({ width, height }) => [width, height])).toEqual([[1519, 962]]);
    expect(only(built.pdf).join(' ')).toContain('called the root node');
    for (const file of built.epubPaths) epubs.push({ name: 'misnamed-image', path: file });
  });
});

describe('Markdown as Google Docs writes it', () => {
  // The gd2md-html test document (evbacher/markdown-playground, test-export.md, Apache-2.0) as
  // Google Docs' own "Download → Markdown" made it, its two pictures written as the export writes
  // every picture, `data:` URLs. Until 2026-12-07 each picture was an error; a table cell's line
  // breaks (U+000B) printed as boxes in the PDF and ran the lines together in the EPUB.
  test('its pictures printed and carried as files, a cell\'s lines on lines of their own, the Doc\'s heading link followed', () => {
    const built = buildAll('google-docs', 'pdf,epub,html');
    const warnings = [...built.stderr.matchAll(/part-1\.md:(\d+:\d+): warning: (.*)/g)].map((m) => `${m[1]} ${m[2]?.slice(0, 34)}`);
    expect(warnings).toEqual([
      '316:1 image without alt text: describe i',
      '316:1 image embedded as a data: URL prin',
      '322:1 image embedded as a data: URL prin',
      '88:1 empty heading left out',
      '90:1 empty heading left out',
      '92:1 empty heading left out',
      '94:1 empty heading left out',
    ]);
    const pdf = path.join(built.root, 'dist', 'docs-to-markdown-1.pdf');
    expect(pdfImages(pdf).map(({ width, height }) => [width, height])).toEqual([[500, 303], [638, 449]]);
    const printed = (built.pdf[1] ?? []).join('\n');
    expect(printed).not.toMatch(/[\u000B\uFFFD]/);
    expect(printed).toMatch(/#include<stdio\.h>\s*\n\s*main\(\)\s*\n\s*\{\s*\n\s*printf\(“Hello World”\);\s*\n\s*\}/);
    const epub = built.epub[1] ?? {};
    expect(Object.keys(epub).filter((name) => name.startsWith('OEBPS/media/'))).toHaveLength(2);
    expect(epub['OEBPS/text.xhtml']).toMatch(/#include&#x3C;stdio\.h><br\/>\s*main\(\)<br\/>/);
    expect(epub['OEBPS/text.xhtml']).toContain('<a href="#bugs">Bugs</a>');
    // The PDF's named destination for the link is on the page where "Bugs" is a heading, the last.
    const dests = execFileSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8' });
    const last = built.pdf[1]?.length ?? 0;
    expect(built.pdf[1]?.[last - 1]).toContain('Bugs');
    expect(dests).toMatch(new RegExp(`^\\s*${last} \\[[^\\]]*\\] "bugs"$`, 'm'));
    for (const file of built.epubPaths) epubs.push({ name: 'google-docs', path: file });
  });
});

describe('an Obsidian vault', () => {
  // Two notes of the Obsidian Tasks documentation (obsidian-tasks-group/obsidian-tasks, docs/,
  // MIT), a vault written in Obsidian, under their own names with the pictures they embed. Until
  // 2026-12-07 its callouts printed "[!tip]", its links and embeds their brackets (the pictures
  // lost), its highlight its equals signs, and its comment, a section the authors hid, in full.
  test('callouts set apart, pictures printed, highlights marked, links as words, the comment hidden; the EPUBs clean', () => {
    const built = buildAll('obsidian-tasks', 'pdf,epub');
    expect(built.stderr).not.toContain('error');
    const dist = path.join(built.root, 'dist');
    for (const part of [1, 2, 3]) {
      const printed = (built.pdf[part] ?? []).join('\n');
      // Code keeps what it shows: `[[` and `%%` in code blocks are the Tasks syntax taught.
      const text = (built.epub[part]?.['OEBPS/text.xhtml'] ?? '').replace(/<(code|pre)\b[\s\S]*?<\/\1>/g, '');
      expect(text, `part ${part}`).not.toMatch(/\[\[|\]\]|%%|==|\[!/);
      expect(printed, `part ${part}`).not.toContain('commented out');
      expect(missingLetters(letters(epubChapterText(path.join(dist, `obsidian-tasks-${part}.epub`))), letters(printed)), `part ${part}`).toEqual([]);
    }
    expect(pdfImages(path.join(dist, 'obsidian-tasks-1.pdf')).map(({ width, height }) => [width, height])).toEqual([[429, 125], [438, 116]]);
    expect(built.epub[1]?.['OEBPS/text.xhtml']).toMatch(/<div class="callout callout-note" role="note">\s*<p class="callout-title">Released<\/p>/);
    expect(built.epub[3]?.['OEBPS/text.xhtml']).toContain('<mark>the second task cannot be started until the first task is completed</mark>');
    // A screenshot 670 pixels tall in a line with its caption (Query File Defaults): set at most
    // six tenths of the text block high; it stopped the build until 2026-12-07 (no page could
    // hold the line).
    const screenshot = pdfImages(path.join(dist, 'obsidian-tasks-2.pdf'));
    expect(screenshot.map(({ width, height }) => [width, height])).toEqual([[443, 670]]);
    expect(screenshot[0]!.yPpi).toBeGreaterThan(96 / 0.6 * 0.7);
    expect((built.pdf[2] ?? []).join(' ')).toContain('widget, with checkboxes');
    for (const file of built.epubPaths) epubs.push({ name: 'obsidian-tasks', path: file });
  });
});

describe("API docs as Slate writes them", () => {
  // Slate's example (slatedocs/slate, source/, Apache-2.0) under its own names. Until 2026-12-07
  // each `<aside class="notice">`, `success` and `warning` was dropped and its text printed as a
  // paragraph like any other.
  test('each aside a note set apart, headed by its kind, in the PDF and the EPUB; every letter printed; the EPUBs clean', () => {
    const built = buildAll('slate-api', 'pdf,epub');
    expect(built.stderr).not.toMatch(/ error: /);
    const dist = path.join(built.root, 'dist');
    const printed = (built.pdf[2] ?? []).join('\n');
    for (const [title, words] of [['Note', 'You must replace meowmeowmeow'], ['Tip', 'Remember'], ['Warning', 'Inside HTML code blocks']] as const) {
      expect(printed).toMatch(new RegExp(`^${title}\\n${words}`, 'm'));
    }
    expect((built.pdf[1] ?? []).join('\n')).toMatch(/^Note\nThis error section is stored/m);
    for (const part of [1, 2]) {
      expect(built.epub[part]?.['OEBPS/text.xhtml'], `part ${part}`).not.toMatch(/<aside(?![^>]*epub:type="footnote")/);
      expect(missingLetters(letters(epubChapterText(path.join(dist, `kittn-api-${part}.epub`))), letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    }
    for (const file of built.epubPaths) epubs.push({ name: 'slate-api', path: file });
  });
});

describe("VitePress's containers", () => {
  // VitePress's guide to them (vuejs/vitepress, docs/en/guide/markdown.md, MIT). Until 2026-12-07
  // the ones with a title printed "::: danger STOP" above the text and ":::" below it.
  test('each a note of its kind in the PDF and the EPUB, headed by its title; no fence printed; every letter printed', () => {
    const built = buildAll('vitepress-containers', 'pdf,epub');
    expect(built.stderr).not.toMatch(/ (error|warning): /);
    const printed = (built.pdf[1] ?? []).join('\n');
    for (const [title, words] of [['STOP', 'Danger zone, do not proceed'], ['Outer container', 'This box contains another container.'], ['Inner container', "console.log('Hello, VitePress!')"]] as const) {
      expect(printed).toContain(`${title}\n${words}`);
    }
    // The guide shows each as its input in a code block, then as its output: only the input's fences print.
    expect(printed.match(/^::: danger STOP$/gm)).toHaveLength(1);
    expect(printed.match(/^:::: info Outer container$/gm)).toHaveLength(1);
    const dist = path.join(built.root, 'dist');
    expect(missingLetters(letters(epubChapterText(path.join(dist, 'vitepress-1.epub'))), letters(printed))).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'vitepress-containers', path: file });
  });
});

describe("Docusaurus's guide, in MDX: its admonitions and tabs", () => {
  // facebook/docusaurus, website/docs/guides/markdown-features (CC BY 4.0), two pages as they are.
  // Until 2026-12-08 an `.mdx` file was no part; read as Markdown, each `import` line printed as a
  // paragraph and each component's tags as typed (`<Tabs>`, `<TabItem value="apple" label="Apple">`).
  test("the `mdx-code-block` fences shown as what they hold; a tab's label before its text, an `<Admonition>` a note of its type; no tag, import or fence printed", () => {
    const built = buildAll('docusaurus-mdx', 'pdf,epub');
    const warnings = built.stderr.split('\n').filter((line) => / (error|warning): /.test(line));
    expect(warnings.filter((line) => / warning: MDX: /.test(line))).toEqual([
      expect.stringMatching(/admonitions\.mdx:9:1: warning: MDX: React components \(`<BrowserWindow>`, `<Tabs>`, `<TabItem>`, `<Admonition>`\)/),
      expect.stringMatching(/tabs\.mdx:8:1: warning: MDX: React components \(`<Tabs>`, `<TabItem>`\)/),
    ]);
    const admonitions = (built.pdf[1] ?? []).join('\n');
    const tabs = (built.pdf[2] ?? []).join('\n');
    // Each page shows its examples twice: as code (printed as written) and as what they show.
    for (const [title, words] of [['Your Title', 'Some content with Markdown syntax.'], ['Use tabs in admonitions', 'Apple\nThis is an apple'], ['Did you know…', 'Use plugins to introduce shorter syntax']] as const) {
      expect(admonitions).toContain(`${title}\n${words}`);
    }
    expect(tabs).toMatch(/And you will get the following:\nApple\nThis is an apple 🍎?\s*\nOrange\nThis is an orange/u);
    expect(tabs).toMatch(/Windows\nI am Windows\.\nMacOS\nI am macOS\.\nLinux\nI am Linux\./);
    // The `import` lines at the top of each page go; those in its code examples stay.
    expect(admonitions.match(/^import \w+ from/gm)).toEqual(['import Tabs from', 'import TabItem from', 'import Admonition from', 'import React from', 'import Admonition from', 'import MyCustomNoteIcon from', 'import React from', 'import DefaultAdmonitionTypes from']);
    expect(tabs.match(/^import \w+ from/gm)).toEqual(['import Tabs from', 'import TabItem from', 'import Tabs from', 'import TabItem from']);
    for (const printed of [admonitions, tabs]) expect(printed).not.toMatch(/mdx-code-block|BrowserWindow/);
    // Every `<TabItem` printed is one of the code examples' (six ```jsx fences, 20 of them).
    expect(tabs.match(/<TabItem/g)).toHaveLength(20);
    const dist = path.join(built.root, 'dist');
    for (const [part, printed] of [[1, admonitions], [2, tabs]] as const) {
      expect(missingLetters(letters(epubChapterText(path.join(dist, `docusaurus-markdown-features-${part}.epub`))), letters(printed)), `part ${part}`).toEqual([]);
    }
    for (const file of built.epubPaths) epubs.push({ name: 'docusaurus-mdx', path: file });
  });
});

describe("MyST-Parser's page on its admonitions", () => {
  // executablebooks/MyST-Parser, docs/syntax/admonitions.md (MIT). Until 2026-12-07 each fence and
  // option printed as typed (":::{tip}", ":class: myclass1 myclass2").
  test('each a note headed as Sphinx heads it in the PDF and the EPUB; no fence or option printed; every letter printed', () => {
    const built = buildAll('myst-admonitions', 'pdf,epub');
    // One warning: its `{{directive}}`, a MyST substitution, printed as typed.
    expect(built.stderr.split('\n').filter((line) => / (error|warning): /.test(line))).toEqual([expect.stringMatching(/admonitions\.md:10:35: warning: `\{\{directive\}\}` is a template's variable/)]);
    const printed = (built.pdf[1] ?? []).join('\n');
    for (const [title, words] of [['See also', 'The alert extension'], ['New in version 1.2.3', 'Explanation of the new feature.'], ['My custom title with Markdown!', 'This is a custom title for a tip admonition.']] as const) {
      expect(printed).toContain(`${title}\n${words}`);
    }
    expect(printed).not.toMatch(/:::|\{tip\}|:class: myclass1/);
    const dist = path.join(built.root, 'dist');
    expect(missingLetters(letters(epubChapterText(path.join(dist, 'myst-parser-1.epub'))), letters(printed))).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'myst-admonitions', path: file });
  });
});

describe("Jupyter Book's page on citations", () => {
  // jupyter-book/jupyter-book, docs/content/citations.md (BSD-3-Clause). Until 2026-12-07 each role
  // printed as "{cite:p}" and the key in code, and the part was titled by its file name.
  test('its roles are citations in the PDF and the EPUB, `{cite:t}` naming the authors; every letter printed', () => {
    const built = buildAll('jupyter-book-citations', 'pdf,epub');
    expect(built.stderr).not.toMatch(/ error: /);
    const printed = (built.pdf[1] ?? []).join('\n');
    expect(printed).toMatch(/results in Perez, Granger, and\s+Hunter/);
    expect(printed).toContain('Python: An Ecosystem for Scientific Computing');
    expect(printed).not.toMatch(/\(content:citations\)=|\(citations\/bibliography\)=/);
    const dist = path.join(built.root, 'dist');
    expect(missingLetters(letters(epubChapterText(path.join(dist, 'jupyter-book-1.epub'))), letters(printed))).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'jupyter-book-citations', path: file });
  });
});

describe("Hugo's documentation", () => {
  // gohugoio/hugoDocs, content/en/ (Apache-2.0). Until 2026-12-07 every shortcode printed as typed.
  test('its details a note and its video a link in the PDF and the EPUB; every letter printed', () => {
    const built = buildAll('hugo-docs', 'pdf,epub');
    expect(built.stderr).not.toMatch(/ error: /);
    expect((built.pdf[1] ?? []).join('\n')).toContain('See the details\nThis is a bold word.');
    expect((built.pdf[2] ?? []).join('\n')).toContain('https://www.youtube.com/watch?v=0RKpf3rK57I');
    expect((built.pdf[2] ?? []).join('\n')).not.toContain('{{<');
    const dist = path.join(built.root, 'dist');
    for (const part of [1, 2]) expect(missingLetters(letters(epubChapterText(path.join(dist, `hugo-${part}.epub`))), letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'hugo-docs', path: file });
  });
});

describe("Jekyll's own pages", () => {
  // jekyll/jekyll (MIT). Until 2026-12-07 `{% highlight %}`'s code printed as paragraphs, quotes curled, and `{% raw %}` and `{: .note}` as typed.
  test('the highlighted Ruby printed as written, the raw tags and attribute lists gone, the notes set apart; every letter of the EPUB printed', () => {
    const built = buildAll('jekyll-docs', 'pdf,epub');
    const first = (built.pdf[1] ?? []).join('\n');
    expect(first).toContain('puts "Hi, #{name}"');
    expect(first).toContain("#=> prints 'Hi, Tom' to STDOUT.");
    const second = (built.pdf[2] ?? []).join('\n');
    // (Its text names `{% raw %}`, written `{&#37; raw &#37;}`: that one prints.)
    expect(second).not.toMatch(/^\{% ?(?:end)?raw ?%\}$|\{:|relative_url/m);
    expect(second).toMatch(/place\s+\{% raw %\} and \{% endraw %\} tags/);
    expect(second).toMatch(/Warning\s+Using Pygments has been deprecated/);
    const dist = path.join(built.root, 'dist');
    for (const part of [1, 2]) expect(missingLetters(letters(epubChapterText(path.join(dist, `jekyll-${part}.epub`))), letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'jekyll-docs', path: file });
  });
});

describe("bookdown's demo book", () => {
  // rstudio/bookdown-demo (CC0), as `bookdown` starts a book. Until 2026-12-07 its `.Rmd` files were
  // no parts ("no parts"), and as `.md` its index was refused for its `bibliography:` list, its
  // chapter titled "Introduction {#intro}", `\@ref(intro)` printed as "@ref(intro)" and its
  // `include=FALSE` set-up cell printed.
  test('seven parts, index first; cells as R code, references resolved or ??, no label, option or fence printed; every letter of the EPUB printed', () => {
    const built = buildAll('bookdown-demo', 'pdf,epub');
    expect(Object.keys(built.pdf)).toHaveLength(7);
    expect((built.pdf[1] ?? []).join('\n')).toContain('A Minimal Book Example');
    const intro = (built.pdf[2] ?? []).join('\n');
    expect(intro).toMatch(/we can\s+reference\s+Chapter\s+II\./);
    expect(intro).toMatch(/see\s+Figure\s+\?\?\./);
    expect(intro).toContain("plot(pressure, type = 'b', pch = 19)");
    for (const part of [1, 2, 3, 4, 5, 6]) expect((built.pdf[part] ?? []).join('\n'), `part ${part}`).not.toMatch(/\{#intro\}|@ref|```|\{r|write_bib|\$\$/);
    expect(built.stderr).toMatch(/01-intro\.Rmd:7:1: warning: pamphlet runs no code/);
    const dist = path.join(built.root, 'dist');
    // (Parts 1 and 4 hold formulas, whose letters the PDF prints as mathematical italics.)
    for (const part of [2, 3, 5, 6]) expect(missingLetters(letters(epubChapterText(path.join(dist, `a-minimal-book-example-${part}.epub`))), letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'bookdown-demo', path: file });
  });
});

describe("The Jupyter Notebook's own example notebooks", () => {
  // jupyter/notebook, docs/source/examples/Notebook/ (BSD-3-Clause). Until 2026-12-07 a `.ipynb`
  // was no part, and read as Markdown its toolbar buttons were errors, and its
  // `$$\begin{equation*}` … `\end{equation*}$$` ran on to the end of the cell list.
  test('each notebook a part: its code and what it printed, its formulas set; every letter of the EPUB printed', () => {
    const built = buildAll('jupyter-notebooks', 'pdf,epub');
    expect(built.stderr).not.toMatch(/ (error|warning): /);
    const running = (built.pdf[1] ?? []).join('\n');
    expect(running).toMatch(/print\(a\)\s+10\s/);
    expect(running).not.toMatch(/cell_type|execution_count/);
    const equations = (built.pdf[2] ?? []).join('\n');
    expect(equations).toMatch(/∑/);
    const dist = path.join(built.root, 'dist');
    expect(missingLetters(letters(epubChapterText(path.join(dist, 'the-jupyter-notebook-1.epub'))), letters(running))).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'jupyter-notebooks', path: file });
  });
});

describe("Quarto's own test book", () => {
  // quarto-dev/quarto-cli, tests/docs/project/book (MIT), as `quarto create project book` lays a
  // book out. Until 2026-12-07 its chapters were read by their names (the references before the
  // summary), `_include.qmd` was a part of its own, `{{< include _include.qmd >}}` printed as
  // typed, `_quarto.yml`'s bibliography was not read (`[@afzal2020]` printed as typed), a link's
  // `{#fig-1}` printed, and index.qmd's `date: 3/24/2001` was an error.
  test("four parts in _quarto.yml's order, the include in place, the citation formatted; no brace or shortcode printed", () => {
    const built = buildAll('quarto-book', 'pdf,epub');
    expect(Object.keys(built.pdf)).toHaveLength(4);
    expect([1, 2, 3, 4].map((part) => /Part [IV]+\s+(\S+)/.exec((built.pdf[part] ?? []).join('\n'))?.[1])).toEqual(['index', 'Introduction', 'Summary', 'References']);
    const intro = (built.pdf[2] ?? []).join('\n');
    expect(intro).toContain('print("Hello, world")');
    expect(intro).toMatch(/Afzal, Shadma, Preeti Sirohi, and Nand K\. Singh/);
    expect(intro).toMatch(/A figure/);
    for (const part of [1, 2, 3, 4]) expect((built.pdf[part] ?? []).join('\n'), `part ${part}`).not.toMatch(/\{#|\{\{<|@afzal|#\||```/);
    expect((built.pdf[3] ?? []).join('\n')).toMatch(/A reference to \?\?\./);
    // The cell the include brought in is placed at the include's line.
    expect(built.stderr).toMatch(/intro\.qmd:9:1: warning: pamphlet runs no code/);
    expect(built.stderr).toMatch(/index\.qmd:2:7: warning: `date` “3\/24\/2001” is not a day/);
    const dist = path.join(built.root, 'dist');
    for (const part of [2, 3]) expect(missingLetters(letters(epubChapterText(path.join(dist, `book-${part}.epub`))), letters((built.pdf[part] ?? []).join('\n'))), `part ${part}`).toEqual([]);
    for (const file of built.epubPaths) epubs.push({ name: 'quarto-book', path: file });
  });
});

describe('TeX math: GitHub\'s help page and MyST-Parser\'s', () => {
  // github/docs (CC BY 4.0) and executablebooks/MyST-Parser (MIT). Until 2026-12-07 `$x^2$` printed as typed.
  test('formulas set in STIX Two Math in the PDF, MathML in a valid EPUB; no TeX or dollar fence printed; money kept', () => {
    for (const [name, stem] of [['github-math', 'writing-on-github-1'], ['myst-math', 'myst-parser-1']] as const) {
      const built = buildAll(name, 'pdf,epub');
      const dist = path.join(built.root, 'dist');
      const fonts = execFileSync('pdffonts', [path.join(dist, `${stem}.pdf`)], { encoding: 'utf8' });
      expect(fonts, name).toMatch(/\+STIXTwoMath-Regular +CID TrueType +Identity-H +yes yes yes/);
      const printed = (built.pdf[1] ?? []).join('\n');
      // (MyST's page shows `$$...$$` as code, on purpose.)
      expect(printed, name).not.toMatch(name === 'github-math' ? /\$\$|\\(?:sqrt|left|sum|frac)|```/ : /\\begin|:label:|\{math\}/);
      // The formulas' signs, as MathML's layout sets them (math italic letters, a radical, a sum).
      if (name === 'github-math') {
        expect(printed).toMatch(/√/);
        expect(printed).toMatch(/∑/);
        expect(printed).toMatch(/To split \$100\s+in half, we calculate/);
        expect(printed).toContain('This sentence uses $` and `$ delimiters');
      } else {
        expect(printed).toMatch(/𝑎\s*2\s*\+\s*𝑏\s*2\s*=\s*𝑐\s*2/u);
        expect(printed).toMatch(/renders\s+as \$a\$\./);
        expect(printed).toMatch(/renders\s+as 𝑎 = \$3\./u);
        // `$$ … $$ (mymath2)` numbered, as MyST numbers it: "(1)" at the measure's right, on the
        // formula's line, and `{eq}` to it that number (since 2026-12-08; before, unnumbered, "mymath2").
        expect(printed).toMatch(/The equation \(1\) is also a\s+quadratic equation/);
        const pages = pdfWords(path.join(dist, `${stem}.pdf`));
        const number = pages.flatMap((words, page) => words.filter((w) => w.text === '(1)').map((w) => ({ ...w, page }))).find((w) => !(pages[w.page] ?? []).some((o) => o.text === 'equation' && Math.abs(o.yMax - w.yMax) < 3));
        expect(number, 'the number set beside its formula').toBeDefined();
        const line = (pages[number!.page] ?? []).filter((w) => Math.abs((w.yMin + w.yMax) / 2 - (number!.yMin + number!.yMax) / 2) < 6 && w !== number);
        const textRight = Math.max(...(pages[number!.page] ?? []).map((w) => w.xMax));
        expect(number!.xMax).toBeGreaterThan(textRight - 2);
        // The formula's own signs stand left of it, on its line.
        expect(line.some((w) => w.xMax < number!.xMin - 20)).toBe(true);
      }
      expect(built.epub[1]?.['OEBPS/package.opf'], name).toContain('properties="mathml"');
      for (const file of built.epubPaths) epubs.push({ name, path: file });
    }
  });
});

describe('notes inside a quotation, a list item and a discussion question', () => {
  let built: Built;
  beforeAll(() => {
    built = buildAll('footnotes-in-containers');
    for (const file of built.epubPaths) epubs.push({ name: 'footnotes-in-containers', path: file });
  });

  const notes: Array<[string, string, string]> = [
    ['in a :::quote', 'hitherto existing society', 'That is, all written history'],
    ['in a list item', 'printed in London in February 1848', "Workers' Educational Association"],
    ['in a :::questions item', 'added his note on', 'August von Haxthausen'],
  ];

  test.each(notes)('%s: on the page of its call in the PDF', (_where, call, note) => {
    const pages = built.pdf[1] ?? [];
    const callPages = pagesWith(pages, call);
    const notePages = pagesWith(pages, note);
    expect(callPages.length).toBeGreaterThan(0);
    expect(notePages).toEqual([callPages[0]]);
  });

  test.each(notes)('%s: a pop-up note in the EPUB, linked both ways', (_where, _call, note) => {
    const text = built.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    const aside = [...text.matchAll(/<aside id="(note-\d+)" epub:type="footnote" role="doc-footnote" class="footnote">([\s\S]*?)<\/aside>/g)].find((m) => squash(m[2] ?? '').includes(squash(note)));
    expect(aside, note).toBeDefined();
    const id = aside?.[1] ?? '';
    expect(text).toContain(`href="#${id}" data-note="${id.slice(5)}" epub:type="noteref" role="doc-noteref"`);
    expect(aside?.[2]).toContain(`href="#noteref-${id.slice(5)}" role="doc-backlink"`);
  });

  test('the three notes are numbered in reading order, the question’s last', () => {
    const text = built.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    const order = [...text.matchAll(/<aside id="note-(\d+)"[^>]*>([\s\S]*?)<\/aside>/g)].map((m) => `${m[1]}: ${hastToStringOf(m[2] ?? '')}`);
    expect(order).toEqual([
      expect.stringMatching(/^1: 1\. Engels’s note to the English edition of 1888: “That is, all written history\./),
      expect.stringMatching(/^2: 2\. By the Workers’ Educational Association at 46 Liverpool Street/),
      expect.stringMatching(/^3: 3\. His note goes on to name August von Haxthausen/),
    ]);
  });
});

function hastToStringOf(xhtml: string): string {
  return xhtml.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

describe('Pandoc citations', () => {
  test('give the same notes, note by note, and the same Works Cited as the equivalent :cite', () => {
    const pandoc = loadManuscript(path.join(fixture('citations-pandoc'), 'manuscript'), { SOURCE_DATE_EPOCH: '0' }).parts[0];
    const cite = loadManuscript(path.join(fixture('citations-cite'), 'manuscript'), { SOURCE_DATE_EPOCH: '0' }).parts[0];
    const notes = (doc: typeof pandoc) => doc?.notes.map((note) => hastToString({ type: 'root', children: note.content })) ?? [];
    expect(notes(pandoc).length).toBeGreaterThan(3);
    expect(notes(pandoc)).toEqual(notes(cite));
    expect(pandoc?.bibliography?.entries.map((e) => hastToString(e))).toEqual(cite?.bibliography?.entries.map((e) => hastToString(e)));
  });

  test('narrative @key names the author in the sentence, [-@key] leaves the author out, ^[…] is a note, and an address or a handle stays text', () => {
    const doc = loadManuscript(path.join(fixture('citations-pandoc-only'), 'manuscript'), { SOURCE_DATE_EPOCH: '0' }).parts[0];
    const text = hastToString(doc?.body ?? { type: 'root', children: [] }).replace(/\u00A0/g, ' ');
    expect(text).toContain('Reed1 tells the story of the ten days');
    expect(text).toContain('films@westside.example.org');
    expect(text).toContain('@westside_films on the noticeboard');
    const notes = doc?.notes.map((note) => hastToString({ type: 'root', children: note.content }).replace(/\u00A0/g, ' ').replace(/\s+/g, ' ')) ?? [];
    expect(notes).toEqual([
      'John Reed, Ten Days That Shook the World (New York: Boni & Liveright, 1919).',
      // The same work as the note before: Chicago's "Ibid.", which names no author anyway.
      'Ibid., 5.',
      'He wrote it in exile on Prinkipo, and it appeared in Max Eastman’s translation in 1932.',
      expect.stringMatching(/^Leon Trotsky, The History of the Russian Revolution, trans\. Max Eastman .*1932\), vol\. 1, preface\.$/),
    ]);
  });
});

describe('a standalone image with a title', () => {
  let built: Built;
  beforeAll(() => {
    built = buildAll('figure-with-title');
    for (const file of built.epubPaths) epubs.push({ name: 'figure-with-title', path: file });
  });
  const caption = 'Walden Pond, after Thoreau’s survey of 1846';

  test('is a captioned figure in the EPUB and the web page, never a numbered paragraph', () => {
    const text = only(built.epub)['OEBPS/text.xhtml'] ?? '';
    expect(text).toMatch(new RegExp(`<figure class="figure">\\s*<img src="media/images/walden-pond\\.png" alt="[^"]+"/>\\s*<figcaption>${caption}</figcaption>\\s*</figure>`));
    const html = readFileSync(path.join(built.root, 'dist', 'walden-read-together-9.html'), 'utf8');
    expect(html).toMatch(new RegExp(`<figure class="figure"><img src="data:image/png;base64,[^"]+" alt="[^"]+"><figcaption>${caption}</figcaption></figure>`));
    expect(text).not.toMatch(/<p id="p\d+" data-pn="\d+"><img/);
  });

  test('is on one PDF page with its caption', () => {
    const pdf = path.join(built.root, 'dist', 'walden-read-together-9.pdf');
    const images = pdfImages(pdf);
    expect(images).toHaveLength(1);
    expect(pagesWith(pagesRawText(pdf), caption)).toEqual([images[0]?.page]);
  });
});

describe('a part whose first heading repeats its title', () => {
  test('shows the title once: not as a section in the PDF’s contents or outline, not nested in the EPUB navigation', () => {
    const built = buildAll('title-repeated', 'epub,pdf');
    const nav = built.epub[1]?.['OEBPS/nav.xhtml'] ?? '';
    expect([...nav.matchAll(/>Economy</g)]).toHaveLength(0);
    expect(nav).toContain('<a href="text.xhtml">Part I: Economy</a>');
    expect(nav).toContain('<a href="text.xhtml#the-cost-of-the-house">The cost of the house</a>');
    expect(nav).toContain('<a href="text.xhtml#notes-for-the-organiser">Notes for the organiser</a>');
    const text = built.epub[1]?.['OEBPS/text.xhtml'] ?? '';
    expect([...text.matchAll(/<h[1-6][^>]*>[^<]*Economy/g)]).toHaveLength(0);
    expect(text).toContain('<h2 id="notes-for-the-organiser">Notes for the organiser</h2>');
    const contents = (built.pdf[1]?.[1] ?? '').replace(/\s+/g, ' ');
    expect(contents).toMatch(/Contents The cost of the house \d+ Notes for the organiser \d+/i);
  });
});

describe('links to a first heading that repeats the title', () => {
  // Node's zlib.md begins "# Zlib" and links back to it, `[example](#zlib)`: with the heading
  // dropped (above) the link had nowhere to go, and the build stopped at it.
  test('land on the title in the EPUB, the web page and the PDF; a later heading by that name takes GitHub’s next slug', async () => {
    const root = fixture('title-repeated');
    const file = path.join(root, 'manuscript', 'part-1.md');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\nBack to [the start](#economy); on to [the second](#economy-1).\n\n## Economy\n\nThe second heading of that name.\n`);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub,html', '--out', 'dist', '--quiet'], root);
    expect(result.status, result.stderr).toBe(0);
    const dist = path.join(root, 'dist');
    const epubFile = readdirSync(dist).find((f) => f.endsWith('.epub')) as string;
    const text = strFromU8(unzipSync(readFileSync(path.join(dist, epubFile)))['OEBPS/text.xhtml'] as Uint8Array);
    const html = readFileSync(path.join(dist, readdirSync(dist).find((f) => f.endsWith('.html')) as string), 'utf8');
    for (const [name, doc] of [['EPUB', text], ['web page', html]] as const) {
      expect(doc, name).toMatch(/<h1 class="part-title" id="economy">/);
      expect(doc, name).toContain('<a href="#economy">the start</a>');
      expect(doc, name).toMatch(/<h[2-6] id="economy-1">Economy<\/h[2-6]>/);
      expect(doc, name).toContain('<a href="#economy-1">the second</a>');
    }
    const [check] = await epubcheckAll([path.join(dist, epubFile)]);
    expect(check?.errors, describeResult(check as never)).toBe(0);
    // The PDF's named destination for the link is on the title page.
    const dests = execFileSync('pdfinfo', ['-dests', path.join(dist, readdirSync(dist).find((f) => f.endsWith('.pdf')) as string)], { encoding: 'utf8' });
    expect(dests).toMatch(/^\s*1 \[[^\]]*\] "economy"$/m);
  });
});

describe('links to the top, and links with no address', () => {
  // READMEs end sections with "[Back to top](#)" (HTML scrolls to the top for `#` and for
  // `#top` when nothing has that id); CommonMark 485 and 486 are links with no address,
  // `[link]()` and `[link](<>)`, an author's link yet to be written. All four stopped the build.
  test('`#` and `#top` land on the title in every format; `[link]()` and `[link](<>)` print their words, with a warning at each', async () => {
    const root = fixture('link-missing-anchor');
    const file = path.join(root, 'manuscript', 'part-1.md');
    const source = readFileSync(file, 'utf8').replace('(#setup)', '(#setting-up)');
    writeFileSync(file, `${source}\n[Back to top](#)\n\nOr [to the top](#top) by name.\n\nThe spec's [link]() and [link](<>), in one paragraph.\n`);
    const line = readFileSync(file, 'utf8').split('\n').indexOf("The spec's [link]() and [link](<>), in one paragraph.") + 1;
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub,html', '--out', 'dist'], root);
    expect(result.status, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('link with no address'));
    expect(warnings.map((line) => /part-1\.md:(\d+:\d+): warning:/.exec(line)?.[1])).toEqual([`${line}:12`, `${line}:25`]);
    const dist = path.join(root, 'dist');
    const named = (ext: string) => path.join(dist, readdirSync(dist).find((f) => f.endsWith(ext)) as string);
    const text = strFromU8(unzipSync(readFileSync(named('.epub')))['OEBPS/text.xhtml'] as Uint8Array);
    const html = readFileSync(named('.html'), 'utf8');
    for (const [name, doc] of [['EPUB', text], ['web page', html]] as const) {
      expect(doc, name).toMatch(/<h1 class="part-title" id="top">(?:(?!<\/h1>).)*Your First Shift(?:<\/span>)?<\/h1>/s);
      expect(doc, name).toContain('<a href="#top">Back to top</a>');
      expect(doc, name).toContain('Or <a href="#top">to the top</a> by name.');
      expect(doc, name).toMatch(/The spec.s link and link, in one paragraph\./);
      expect(doc, name).not.toContain('href=""');
    }
    const [check] = await epubcheckAll([named('.epub')]);
    expect(check?.errors, describeResult(check as never)).toBe(0);
    expect(check?.warnings, describeResult(check as never)).toBe(0);
    // Both links of the PDF go to the title page.
    const dests = execFileSync('pdfinfo', ['-dests', named('.pdf')], { encoding: 'utf8' });
    expect(dests).toMatch(/^\s*1 \[[^\]]*\] "top"$/m);
    expect(squash(execFileSync('pdftotext', [named('.pdf'), '-'], { encoding: 'utf8' }))).toContain(squash("The spec's link and link, in one paragraph."));
  });
});

describe('metadata that lasts (a manuscript in git)', () => {
  test('correcting one word keeps the EPUB identifier and moves dcterms:modified to the correcting commit', () => {
    const root = fixture('title-repeated');
    const dir = path.join(root, 'manuscript');
    const git = (args: string[], date?: string) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } as NodeJS.ProcessEnv });
    git(['init', '-q']);
    git(['add', '.']);
    git(['commit', '-q', '-m', 'first'], '2024-01-02T03:04:05Z');
    const opf = () => {
      const result = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet', '--no-cache'], root);
      expect(result.status, result.stderr).toBe(0);
      return strFromU8(unzipSync(readFileSync(path.join(root, 'dist', 'walden-read-together-1.epub')))['OEBPS/package.opf'] as Uint8Array);
    };
    const before = opf();
    const part = path.join(dir, 'part-1.md');
    const corrected = readFileSync(part, 'utf8').replace('neighbor', 'neighbour');
    expect(corrected).toContain('neighbour');
    writeFileSync(part, corrected);
    git(['commit', '-q', '-am', 'spelling'], '2024-03-04T05:06:07Z');
    const after = opf();
    const identifier = (opf: string) => /<dc:identifier id="pub-id">([^<]+)<\/dc:identifier>/.exec(opf)?.[1];
    const modified = (opf: string) => /<meta property="dcterms:modified">([^<]+)<\/meta>/.exec(opf)?.[1];
    expect(identifier(after)).toBe(identifier(before));
    expect(identifier(before)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(modified(before)).toBe('2024-01-02T03:04:05Z');
    expect(modified(after)).toBe('2024-03-04T05:06:07Z');
  });
});

describe('inline tags on lines of their own, as READMEs write them', () => {
  // picomatch's and zod's READMEs space their sections with lines of `<br>` and `<br/>`, which
  // CommonMark reads as raw HTML blocks (its seventh kind): each stopped the build, "raw HTML
  // blocks are not allowed". Their other raw HTML (centred <p> and <div> blocks, badges) is
  // taken out as an author would after reading `check`; the `<br>` lines stay as they wrote them.
  const READMES = ['picomatch/README.md', 'zod/README.md'];
  const BREAKS = /^(?:<br\s*\/?>\s*)+$/i;
  test('build, each `<br>` line left out with a warning at its place; no ¶ is empty; every word is in the EPUB, every letter of it in the PDF', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-br-lines-'));
    const manuscript = path.join(dir, 'manuscript');
    mkdirSync(manuscript);
    writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    const expected: string[] = [];
    READMES.forEach((readme, i) => {
      const text = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', readme), path.dirname(readme), i + 1, { keepHtml: (html) => BREAKS.test(html.trim()) });
      writeFileSync(path.join(manuscript, `part-${i + 1}.md`), text);
      // Where the warnings must be: the `<br>` lines that CommonMark reads as blocks, by this test's own parse.
      visit(unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text), 'html', (node, _index, parent) => {
        if (parent && !['paragraph', 'heading', 'tableCell'].includes(parent.type) && BREAKS.test(node.value.trim())) expected.push(`part-${i + 1}.md:${node.position?.start.line}:${node.position?.start.column}`);
      });
    });
    expect(expected.length).toBeGreaterThan(10);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub', '--out', 'dist', '--no-cache'], dir);
    expect(result.stderr).not.toMatch(/ error: /);
    expect(result.status, result.stderr).toBe(0);
    const warned = result.stderr.split('\n').filter((line) => line.includes('[empty-paragraph]') || line.includes('a paragraph with nothing to read'));
    expect(warned.map((line) => /(part-\d+\.md:\d+:\d+): warning:/.exec(line)?.[1])).toEqual(expected);
    const dist = path.join(dir, 'dist');
    for (const [i] of READMES.entries()) {
      const name = readdirSync(dist).find((file) => file.endsWith(`-${i + 1}.epub`)) as string;
      const epub = path.join(dist, name);
      epubs.push({ name, path: epub });
      const body = strFromU8(unzipSync(readFileSync(epub))['OEBPS/text.xhtml'] as Uint8Array);
      const numbered: string[] = [];
      visit(fromHtml(body), 'element', (node) => {
        if (node.tagName === 'p' && node.properties.dataPn !== undefined) numbered.push(hastToString(node));
      });
      expect(numbered.length, name).toBeGreaterThan(5);
      expect(numbered.filter((text) => !/[\p{L}\p{N}]/u.test(text)), name).toEqual([]);
      const words = sourceWords(path.join(manuscript, `part-${i + 1}.md`));
      expect(missingInOrder(epubText(readFileSync(epub)), words), name).toEqual([]);
      // Letters, not words: code in a narrow cell breaks without a hyphen (`literal` / `Brackets`).
      expect(missingLetters(letters(epubChapterText(epub)), letters(pagesText(path.join(dist, name.replace(/\.epub$/, '.pdf'))).join(' '))), name).toEqual([]);
    }
  }, 300_000);
});

describe('GitHub’s alerts, as READMEs write them', () => {
  // `> [!NOTE]` and its kin in five READMEs of our dependencies (obug's, std-env's, minimatch's,
  // baseline-browser-mapping's and environment's): each printed "[!NOTE]" as the first words
  // of a quotation. GitHub shows a labelled box.
  const READMES = ['obug/README.md', 'std-env/README.md', 'minimatch/README.md', 'baseline-browser-mapping/README.md', 'environment/readme.md'];
  const LABELS: Record<string, string> = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' };
  test('each is a note headed by its label, in the EPUB and the PDF; no quotation begins "[!"; every letter of the EPUB is in the PDF', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-alerts-'));
    const manuscript = path.join(dir, 'manuscript');
    mkdirSync(manuscript);
    writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    /** Per part, the labels GitHub shows: a quotation whose first line is a marker and nothing else. */
    const expected: string[][] = READMES.map((readme, i) => {
      const text = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', readme), path.dirname(readme), i + 1);
      writeFileSync(path.join(manuscript, `part-${i + 1}.md`), text);
      const labels: string[] = [];
      visit(unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text), 'blockquote', (node) => {
        const start = node.position?.start.offset ?? 0;
        const kind = /^>[ \t]?\[!(\w+)\][ \t]*\n/.exec(text.slice(start))?.[1]?.toLowerCase();
        if (kind && LABELS[kind]) labels.push(LABELS[kind] as string);
      });
      return labels;
    });
    expect(expected.flat().length).toBeGreaterThan(8);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub', '--out', 'dist', '--no-cache'], dir);
    expect(result.stderr).not.toMatch(/ error: /);
    expect(result.status, result.stderr).toBe(0);
    const dist = path.join(dir, 'dist');
    for (const [i, labels] of expected.entries()) {
      const name = readdirSync(dist).find((file) => file.endsWith(`-${i + 1}.epub`)) as string;
      const epub = path.join(dist, name);
      epubs.push({ name, path: epub });
      const tree = fromHtml(strFromU8(unzipSync(readFileSync(epub))['OEBPS/text.xhtml'] as Uint8Array));
      const found: string[] = [];
      visit(tree, 'element', (node) => {
        const classes = node.properties.className;
        if (node.tagName === 'div' && Array.isArray(classes) && classes.includes('callout')) {
          expect(node.properties.role, name).toBe('note');
          const title = node.children.find((child) => child.type === 'element');
          found.push(title ? hastToString(title) : '');
        }
        if (node.tagName === 'blockquote') expect(hastToString(node).trim(), name).not.toMatch(/^\[!/);
      });
      expect(found, name).toEqual(labels);
      const pdf = pagesText(path.join(dist, name.replace(/\.epub$/, '.pdf'))).join('\n');
      for (const label of labels) expect(pdf, name).toContain(label);
      expect(missingLetters(letters(epubChapterText(epub)), letters(pdf)), name).toEqual([]);
    }
  }, 300_000);
});

describe('Docusaurus’s admonitions, as READMEs write them', () => {
  // @puppeteer/browsers's README warns with `:::caution` … `:::`, as Docusaurus (Puppeteer's
  // documentation site) writes an admonition: refused as an unknown directive until 2026-12-06.
  test('the caution is a note headed "Caution" in the EPUB and the PDF, and builds', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-admonitions-'));
    const manuscript = path.join(dir, 'manuscript');
    mkdirSync(manuscript);
    writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    const readme = '@puppeteer/browsers/README.md';
    const text = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', readme), path.dirname(readme), 1);
    expect(text).toMatch(/^:::caution\n/m);
    writeFileSync(path.join(manuscript, 'part-1.md'), text);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub', '--out', 'dist', '--no-cache'], dir);
    expect(result.stderr).not.toMatch(/ error: /);
    expect(result.status, result.stderr).toBe(0);
    const dist = path.join(dir, 'dist');
    const name = readdirSync(dist).find((file) => file.endsWith('-1.epub')) as string;
    const epub = path.join(dist, name);
    epubs.push({ name, path: epub });
    const found: string[][] = [];
    visit(fromHtml(strFromU8(unzipSync(readFileSync(epub))['OEBPS/text.xhtml'] as Uint8Array)), 'element', (node) => {
      const classes = node.properties.className;
      if (node.tagName === 'div' && Array.isArray(classes) && classes.includes('callout')) {
        expect(classes).toContain('callout-caution');
        expect(node.properties.role).toBe('note');
        found.push(node.children.filter((child) => child.type === 'element').map((child) => hastToString(child)));
      }
    });
    expect(found).toEqual([['Caution', 'Custom providers are NOT officially supported by Puppeteer. You accept full responsibility for binary compatibility, testing, and maintenance.']]);
    const pdf = pagesText(path.join(dist, name.replace(/\.epub$/, '.pdf'))).join(' ');
    expect(squash(pdf)).toContain(squash('Caution Custom providers are NOT officially supported by Puppeteer.'));
    expect(pdf).not.toContain(':::');
  }, 300_000);
});

describe('every EPUB built above', () => {
  test('passes epubcheck with 0 errors and 0 warnings', async () => {
    expect(epubs.length).toBeGreaterThan(10);
    const results = await epubcheckAll(epubs.map((e) => e.path));
    for (const [index, result] of results.entries()) {
      expect(result.fatal + result.errors + result.warnings, `${epubs[index]?.name}: ${describeResult(result)}`).toBe(0);
    }
  });
});
