// The real manuscript is a test too: "Celebrating Red October, Part I", built once by
// the real CLI into a temporary folder, then read back as a reader would see it.
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument, PDFDict, PDFName, PDFString, PDFHexString, PDFRef } from 'pdf-lib';
import { loadManuscript } from '../src/manuscript.js';
import type { PartDocument } from '../src/document.js';
import { toString } from 'hast-util-to-string';
import { pamphlet } from './helpers/cli.js';
import { epubcheckCommandLine } from './helpers/epubcheck.js';
import { pagesText, pagesWith, pdffonts, pdfinfo, squash } from './helpers/poppler.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SLUG = 'celebrating-red-october-1';
let out: string;
let doc: PartDocument;

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-real-'));
  const result = pamphlet(['build', 'manuscript', '--out', out, '--quiet'], REPO);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  doc = loadManuscript(path.join(REPO, 'manuscript')).parts[0] as PartDocument;
});

function epubFiles(file: string): Record<string, string> {
  const entries = unzipSync(readFileSync(file));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Plain text of an XHTML document, tags dropped and entities of the XML kind decoded. */
function textOf(xhtml: string): string {
  return xhtml
    .replace(/<head>[\s\S]*?<\/head>/, '')
    // Block boundaries are spaces; inline markup (<i>, <a>, <cite>) is not.
    .replace(/<\/?(p|div|h[1-6]|li|ol|ul|aside|section|figure|figcaption|blockquote|nav|br|body|header|footer)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The manuscript's paragraphs as an author wrote them, with Markdown and directive syntax removed. */
function manuscriptParagraphs(): string[] {
  const source = readFileSync(path.join(REPO, 'manuscript', 'part-1.md'), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
  return source
    .split(/\n\s*\n/)
    .map((block) => block
      .split('\n')
      .filter((line) => !/^:::/.test(line) && !/^::[a-z]/.test(line))
      .map((line) => line.replace(/^\d+\.\s+/, ''))
      .join(' ')
      .replace(/:cite\[[^\]]*\](\{[^}]*\})?/g, '')
      .replace(/^#+\s+/, '')
      .replace(/^\d+\.\s+/, '')
      .replace(/\\/g, '')
      .replace(/[*_]/g, '')
      .trim())
    .filter(Boolean);
}

describe('EPUB of the real manuscript', () => {
  const epub = () => path.join(out, `${SLUG}.epub`);

  test('passes epubcheck with 0 errors and 0 warnings', () => {
    // epubcheck's own command line, as a publisher would run it on the real manuscript.
    const result = epubcheckCommandLine(epub());
    expect(result.output).toMatch(/No errors or warnings detected/);
    expect([result.errors, result.warnings]).toEqual([0, 0]);
  });

  test('every paragraph of manuscript/part-1.md appears in the EPUB text', () => {
    const files = epubFiles(epub());
    // Without the note calls' numbers, which are not the author's words.
    const withoutCalls = (xhtml: string) => xhtml.replace(/<a [^>]*epub:type="noteref"[^>]*>[^<]*<\/a>/g, '');
    const all = squash(Object.entries(files).filter(([name]) => name.endsWith('.xhtml')).map(([, text]) => textOf(withoutCalls(text))).join(' '));
    const paragraphs = manuscriptParagraphs();
    expect(paragraphs.length).toBeGreaterThan(70);
    const missing = paragraphs.filter((p) => !all.includes(squash(p)));
    expect(missing).toEqual([]);
  });

  test('every footnote and citation note appears once, linked both ways, numbered in order', () => {
    const text = epubFiles(epub())['OEBPS/text.xhtml'] ?? '';
    const calls = [...text.matchAll(/<a [^>]*epub:type="noteref"[^>]*>/g)].map((m) => m[0]);
    expect(calls.length).toBe(doc.notes.length);
    calls.forEach((call, i) => {
      const n = i + 1;
      expect(call).toContain(`href="#note-${n}"`);
      expect(call).toContain(`id="noteref-${n}"`);
      expect(call).toContain('role="doc-noteref"');
      const asides = text.match(new RegExp(`<aside [^>]*id="note-${n}"[^>]*>[\\s\\S]*?</aside>`, 'g')) ?? [];
      expect(asides).toHaveLength(1);
      expect(asides[0]).toMatch(/epub:type="footnote"/);
      expect(asides[0]).toMatch(/role="doc-footnote"/);
      expect(asides[0]).toContain(`href="#noteref-${n}"`);
    });
    // The "(cited in …)" parenthetical of the seed is a citation note from the bibliography.
    expect(textOf(text)).toContain('Cited in E. H. Carr, The Bolshevik Revolution, 1917–1923, vol. 1');
  });

  test.each([
    ['the Izvestia passage', 'Izvestia [controlled by opponents of the Bolsheviks]', ['Leon Trotsky', 'The History of the Russian Revolution', 'vol. 2']],
    ['Carr’s account of 25 October', 'In the early morning of October 25, 1917', ['E. H. Carr', 'The Bolshevik Revolution, 1917–1923']],
    ['Lenin’s first thesis', 'In our attitude towards the war', ['V. I. Lenin', 'The Tasks of the Proletariat in the Present Revolution']],
    ['the February days', 'The 23rd of February was International Woman’s Day', ['Leon Trotsky', 'vol. 1, ch. 7']],
  ])('%s carries its author and work in the figcaption', (_name, opening, expected) => {
    const text = epubFiles(epub())['OEBPS/text.xhtml'] ?? '';
    const figure = [...text.matchAll(/<figure class="quote">[\s\S]*?<\/figure>/g)].map((m) => m[0]).find((f) => textOf(f).includes(opening));
    expect(figure).toBeDefined();
    const caption = textOf(/<figcaption>[\s\S]*?<\/figcaption>/.exec(figure ?? '')?.[0] ?? '');
    for (const part of expected) expect(caption).toContain(part);
  });

  test('the book ends with the series link, after the Works Cited, as the pamphlet does; the OPF carries the series and position 1', () => {
    const files = epubFiles(epub());
    expect(textOf(files['OEBPS/text.xhtml'] ?? '')).not.toContain('Next: Part II');
    expect(textOf(files['OEBPS/bibliography.xhtml'] ?? '')).toMatch(/Next: Part II: The Evolution of Revolution$/);
    const opf = files['OEBPS/package.opf'] ?? '';
    expect(opf).toMatch(/<meta property="belongs-to-collection" id="([^"]+)">Celebrating Red October<\/meta>/);
    expect(opf).toMatch(/<meta refines="#[^"]+" property="collection-type">series<\/meta>/);
    expect(opf).toMatch(/<meta refines="#[^"]+" property="group-position">1<\/meta>/);
    expect(opf).toContain('<dc:title id="title">How the Working Class came to Power</dc:title>');
    expect(opf).toContain('International Bolshevik Tendency');
  });

  test('the bibliography is its own document, a landmark, with the Chicago entries', () => {
    const files = epubFiles(epub());
    const bibliography = files['OEBPS/bibliography.xhtml'] ?? '';
    expect(bibliography).toMatch(/<section epub:type="bibliography" role="doc-bibliography"/);
    expect(textOf(bibliography)).toContain('Works Cited Carr, E. H. The Bolshevik Revolution, 1917–1923. Vol. 1.');
    expect(files['OEBPS/nav.xhtml']).toMatch(/<a epub:type="bibliography" href="bibliography.xhtml">Works Cited<\/a>/);
    expect(files['OEBPS/nav.xhtml']).toMatch(/<a epub:type="toc" href="#toc">/);
    expect(files['OEBPS/nav.xhtml']).toMatch(/<a epub:type="cover" href="cover.xhtml">/);
    expect(files['OEBPS/nav.xhtml']).toMatch(/<a epub:type="bodymatter" href="text.xhtml">/);
  });

  test('two builds, at different times and in different folders, are byte-identical (EPUB and PDFs)', () => {
    // Same sources, same history: the build in the repository takes its dates from the
    // last commit of the manuscript, and so does this one.
    const since = spawnSync('git', ['log', '-1', '--format=%ct', '--', 'manuscript'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-again-'));
    cpSync(path.join(REPO, 'manuscript'), path.join(elsewhere, 'manuscript'), { recursive: true });
    const result = pamphlet(['build', 'manuscript', '--format', 'epub,pdf,handout', '--out', 'dist', '--quiet'], elsewhere, { TZ: 'Pacific/Auckland', SOURCE_DATE_EPOCH: since });
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'dist', `${SLUG}.epub`)).equals(readFileSync(epub()))).toBe(true);
    // The PDFs too: no random note names (Paged.js's UUIDs are renamed) and no clock.
    for (const name of [`${SLUG}.pdf`, `${SLUG}-handout.pdf`]) {
      expect(readFileSync(path.join(elsewhere, 'dist', name)).equals(readFileSync(path.join(out, name))), name).toBe(true);
    }
  });
});

describe('print PDF of the real manuscript', () => {
  const pdf = () => path.join(out, `${SLUG}.pdf`);
  let pages: string[];
  beforeAll(() => {
    pages = pagesText(pdf());
  });

  test('is A5, with the manuscript’s Title and Author, tagged', () => {
    const info = pdfinfo(pdf());
    // A5 is 419.53 x 595.28 pt; Chromium rounds to the nearest CSS pixel.
    const [width, height] = (info['Page size'] ?? '').split(/ x | pts/).map(Number);
    expect(Math.abs((width ?? 0) - 419.53)).toBeLessThan(0.5);
    expect(Math.abs((height ?? 0) - 595.28)).toBeLessThan(0.5);
    expect(info.Title).toBe('How the Working Class came to Power');
    expect(info.Author).toBe('International Bolshevik Tendency');
    expect(info.Tagged).toBe('yes');
  });

  test('every footnote’s text is on the same page as its reference mark', () => {
    expect(doc.notes.length).toBeGreaterThan(0);
    for (const note of doc.notes) {
      const host = textBeforeCall(doc, note.number);
      const notePages = pagesWith(pages, toString({ type: 'root', children: note.content }).slice(0, 60));
      // The sentence of a call may begin on the page before: the call's page is the one
      // with the longest end of the text before it.
      let callPages: number[] = [];
      for (let keep = host.length; keep >= 12 && callPages.length === 0; keep--) callPages = pagesWith(pages, host.slice(-keep));
      expect(squash(host).length, `text before call ${note.number}`).toBeGreaterThan(10);
      expect(callPages.length, `call ${note.number}: “${host}”`).toBeGreaterThan(0);
      expect(notePages, `note ${note.number}`).toContain(callPages[0]);
    }
  });

  test('a page that opens inside a paragraph reads its first word whole, ligature and all', () => {
    // Paged.js styles the ::first-letter of a continued paragraph; left in, it split the
    // letter from its word and page 8's "filled" (an fi ligature) read "flled".
    const words = new Set(manuscriptParagraphs().join(' ').toLowerCase().match(/\p{L}+/gu));
    const lines = (page: string): string[] => page.split('\n').map((line) => line.trim()).filter(Boolean);
    const heads = new Set(pages.flatMap((page) => lines(page).slice(0, 1)).filter((line, _, all) => all.filter((other) => other === line).length >= 3));
    let continued = 0;
    pages.forEach((page, index) => {
      const first = lines(page).find((line) => !heads.has(line));
      // Only a page whose text runs on from the page before, and not from a word hyphenated across the break.
      const lastBefore = lines(pages[index - 1] ?? '').filter((line) => !/^\d+$/.test(line)).at(-1) ?? '';
      if (!first || !/^\p{Ll}/u.test(first) || lastBefore.endsWith('-')) return;
      const word = (first.match(/^\p{L}+/u) ?? [''])[0].toLowerCase();
      expect(words.has(word), `page ${index + 1} opens with “${word}”, a word the manuscript does not have`).toBe(true);
      continued++;
    });
    expect(continued).toBeGreaterThan(5);
  });

  test('every quotation’s attribution is on the same page as the quotation’s last line', () => {
    let checked = 0;
    visitFigures(doc, (quoteEnd, caption) => {
      const endPages = pagesWith(pages, quoteEnd);
      expect(endPages.length, `quote ending “${quoteEnd}”`).toBeGreaterThan(0);
      const page = pages[(endPages.at(-1) as number) - 1] ?? '';
      expect(squash(page), `caption “${caption}” on page ${endPages.at(-1)}`).toContain(squash(caption));
      checked += 1;
    });
    expect(checked).toBe(22);
  });

  test('each contents entry’s page number is the page where that section starts', () => {
    const contentsPage = pages.findIndex((p) => /^\s*Contents\s*$/im.test(p));
    expect(contentsPage).toBeGreaterThanOrEqual(0);
    const layout = execFileSync('pdftotext', ['-layout', '-f', String(contentsPage + 1), '-l', String(contentsPage + 1), pdf(), '-'], { encoding: 'utf8' });
    for (const section of doc.sections) {
      const line = layout.split('\n').find((l) => squash(l).startsWith(squash(section.title).slice(0, 20)));
      expect(line, section.title).toBeDefined();
      const printed = Number(/(\d+)\s*$/.exec(line ?? '')?.[1]);
      const starts = pagesWith(pages, section.title).filter((p) => p > contentsPage + 1)[0];
      expect(printed, section.title).toBe(starts);
    }
  });

  test('every font is embedded and none is Type 3', () => {
    const fonts = pdffonts(pdf());
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toBe('Type 3');
    }
  });

  test('the outline lists the sections', async () => {
    const titles = await outlineTitles(readFileSync(pdf()));
    for (const section of doc.sections) expect(titles).toContain(section.title);
  });

  test('the questions and the Works Cited close the part', () => {
    const questions = pagesWith(pages, 'Questions for discussion').at(-1) as number;
    const worksCited = pagesWith(pages, 'Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman').at(-1) as number;
    expect(questions).toBeGreaterThan(pagesWith(pages, 'Could the world ever be the same again?')[0] as number - 1);
    expect(worksCited).toBeGreaterThanOrEqual(questions);
    for (const item of doc.questions?.items ?? []) expect(pagesWith(pages, toString(item).slice(0, 50)).length).toBeGreaterThan(0);
  });

  test('the last text of the part is “Next: Part II: The Evolution of Revolution”', () => {
    const last = pages.map((p) => p.trim()).filter(Boolean).at(-1) ?? '';
    const lines = last.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+$/.test(l));
    expect(lines.at(-1)).toBe('Next: Part II: The Evolution of Revolution');
  });
});

describe('web HTML of the real manuscript', () => {
  test('one self-contained file: every paragraph, notes, captions, Works Cited, and no script', () => {
    const html = readFileSync(path.join(out, `${SLUG}.html`), 'utf8');
    expect(html).not.toMatch(/<script|<link /);
    const all = squash(textOf(html.replace(/<a [^>]*class="noteref"[^>]*>[^<]*<\/a>/g, '')));
    expect(manuscriptParagraphs().filter((p) => !all.includes(squash(p)))).toEqual([]);
    expect(html.match(/<aside [^>]*role="doc-footnote"/g)).toHaveLength(doc.notes.length);
    expect(html.match(/<figcaption>/g)).toHaveLength(22);
    expect(html).toContain('role="doc-bibliography"');
    expect(textOf(html)).toContain('Next: Part II: The Evolution of Revolution');
  });
});

describe('handout and booklet of the real manuscript', () => {
  test('both are built beside the PDF and EPUB', () => {
    expect(existsSync(path.join(out, `${SLUG}-handout.pdf`))).toBe(true);
    expect(existsSync(path.join(out, `${SLUG}-booklet.pdf`))).toBe(true);
  });
});

type Node = { type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };

/** ~40 letters of the text just before note `n`'s call, within its paragraph. */
function textBeforeCall(part: PartDocument, n: number): string {
  let before = '';
  let found: string | undefined;
  const walk = (node: Node): void => {
    if (found !== undefined) return;
    if (node.type === 'element' && node.tagName === 'p') before = '';
    if (node.type === 'element' && node.tagName === 'a' && Number(node.properties?.dataNote) === n) {
      found = before.slice(-40);
      return;
    }
    if (node.type === 'text') before += node.value ?? '';
    for (const child of node.children ?? []) walk(child);
  };
  walk(part.body as unknown as Node);
  return found ?? '';
}

function visitFigures(part: PartDocument, callback: (quoteEnd: string, caption: string) => void): void {
  const walk = (node: { type: string; tagName?: string; children?: unknown[] }) => {
    if (node.type === 'element' && node.tagName === 'figure') {
      const children = (node.children ?? []) as Array<{ type: string; tagName?: string }>;
      const quote = children.find((c) => c.tagName === 'blockquote');
      const caption = children.find((c) => c.tagName === 'figcaption');
      if (quote && caption) {
        const text = toString(quote as never).trim();
        callback(text.slice(-40), toString(caption as never).replace(/^— /, '').slice(0, 50));
      }
      return;
    }
    for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(part.body as never);
}

async function outlineTitles(bytes: Uint8Array): Promise<string[]> {
  const pdfDoc = await PDFDocument.load(bytes);
  const outlines = pdfDoc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const walk = (ref: unknown) => {
    let item = ref instanceof PDFRef ? pdfDoc.context.lookup(ref, PDFDict) : undefined;
    while (item) {
      const title = item.get(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) titles.push(title.decodeText());
      walk(item.get(PDFName.of('First')));
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? pdfDoc.context.lookup(next, PDFDict) : undefined;
    }
  };
  walk(outlines?.get(PDFName.of('First')));
  return titles;
}
