// Issue 11: fonts, the manuscript's own CSS, the imprint and the cover, through the real
// CLI: PDFs read back with poppler and pdf.js, every EPUB through epubcheck, and each
// refusal at its file:line:column with --out left as it was.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { inkShare, renderPage } from './helpers/pixels.js';
import { pagesText, pdffonts, pdfImages, pdfinfo } from './helpers/poppler.js';
import { typo } from './helpers/typo.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const require = createRequire(import.meta.url);
const LORA = path.dirname(require.resolve('@expo-google-fonts/lora/package.json'));
const CFF_OTF = path.join(path.dirname(require.resolve('epubjs/package.json')), 'documentation/html/assets/fonts/OTF/SourceCodePro-Regular.otf');
const SLUG = 'a-test-series-1';

/** A private copy of a fixture with lines added to its pamphlet.yaml and files put in it. */
function manuscript(fixture: string, yaml: string, files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-house-'));
  cpSync(path.join(FIXTURES, fixture), path.join(dir, 'manuscript'), { recursive: true });
  const config = path.join(dir, 'manuscript/pamphlet.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8').trimEnd()}\n${yaml}`);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'manuscript', name)), { recursive: true });
    writeFileSync(path.join(dir, 'manuscript', name), data);
  }
  return dir;
}

function build(dir: string, formats = 'pdf,epub'): string {
  const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', formats, '--quiet'], dir);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return path.join(dir, 'out');
}

async function epubFiles(file: string): Promise<{ opf: string; names: string[]; read: (name: string) => Promise<string> }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return { opf: await zip.file('OEBPS/package.opf')!.async('string'), names: Object.keys(zip.files), read: (name) => zip.file(name)!.async('string') };
}

function expectEpubcheck(file: string): void {
  const result = epubcheck(file);
  expect(result.errors, result.output).toBe(0);
  expect(result.warnings, result.output).toBe(0);
}

/** The fill colour of every run of text on a page, as pdf.js reads the content stream. */
async function textColours(file: string, pageNumber: number): Promise<Map<string, number>> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const list = await page.getOperatorList();
    const counts = new Map<string, number>();
    let colour = '#000000';
    list.fnArray.forEach((fn, i) => {
      const args = list.argsArray[i] as unknown[];
      if (fn === OPS.setFillRGBColor) colour = typeof args[0] === 'string' ? args[0] : `#${(args as number[]).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
      if (fn === OPS.showText) counts.set(colour, (counts.get(colour) ?? 0) + 1);
    });
    return counts;
  } finally {
    await doc.destroy();
  }
}

describe('fonts', () => {
  it('a bundled family named in `fonts:` is embedded as TrueType in the PDF, and in the EPUB with embed-fonts', async () => {
    const dir = manuscript('house-style', 'fonts: { text: Literata, headings: Fira Sans, mono: JetBrains Mono }\nepub: { embed-fonts: true }\n');
    const out = build(dir);
    const fonts = pdffonts(path.join(out, `${SLUG}.pdf`));
    expect(fonts.some((f) => /\+Literata-Regular$/.test(f.name) && f.embedded && f.type === 'CID TrueType')).toBe(true);
    expect(fonts.some((f) => /\+FiraSans-/.test(f.name))).toBe(true);
    expect(fonts.filter((f) => f.type === 'Type 3' || !f.embedded)).toEqual([]);
    expect(fonts.some((f) => /EBGaramond/.test(f.name))).toBe(false);
    expectEpubcheck(path.join(out, `${SLUG}.epub`));
    const { opf } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(opf).toMatch(/href="styles\/fonts\/literata-latin-400-normal\.woff2" media-type="font\/woff2"/);
    expect(opf).toMatch(/href="styles\/fonts\/fira-sans-latin-700-normal\.woff2"/);
    // The part has no code: the code face stays out of the EPUB, until the text sets some.
    expect(opf).not.toMatch(/jetbrains-mono/);
    const withCode = manuscript('house-style', 'fonts: { text: Literata, headings: Fira Sans, mono: JetBrains Mono }\nepub: { embed-fonts: true }\n');
    appendFileSync(path.join(withCode, 'manuscript/part-1.md'), '\nRun `make` to build it.\n');
    const coded = await epubFiles(path.join(build(withCode, 'epub'), `${SLUG}.epub`));
    expect(coded.opf).toMatch(/href="styles\/fonts\/jetbrains-mono-latin-400-normal\.woff2" media-type="font\/woff2"/);
  });

  it('without embed-fonts the EPUB carries no font', async () => {
    const out = build(manuscript('house-style', 'fonts: { text: Literata }\n'), 'epub');
    const { names } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(names.filter((name) => /\.(woff2?|ttf|otf)$/.test(name))).toEqual([]);
  });

  it('a TrueType file in fonts/ (with its italic and bold beside it) is the PDF’s text face and the EPUB’s', async () => {
    const files: Record<string, Buffer> = {};
    for (const [variant, name] of [['400Regular', 'Regular'], ['400Regular_Italic', 'Italic'], ['700Bold', 'Bold'], ['700Bold_Italic', 'BoldItalic']]) {
      files[`fonts/Lora-${name}.ttf`] = readFileSync(path.join(LORA, variant as string, `Lora_${variant}.ttf`));
    }
    const dir = manuscript('house-style', 'fonts: { text: fonts/Lora-Regular.ttf }\nepub: { embed-fonts: true }\n', files);
    const out = build(dir);
    const fonts = pdffonts(path.join(out, `${SLUG}.pdf`));
    expect(fonts.filter((f) => /\+Lora-/.test(f.name)).map((f) => f.name.split('+')[1]).sort()).toEqual(expect.arrayContaining(['Lora-Italic', 'Lora-Regular']));
    expect(fonts.filter((f) => f.type === 'Type 3' || !f.embedded)).toEqual([]);
    const report = await typo(path.join(out, `${SLUG}.pdf`));
    expect(report.fonts.mainFamily).toBe('Lora');
    expectEpubcheck(path.join(out, `${SLUG}.epub`));
    const { opf } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(opf).toMatch(/href="styles\/fonts\/Lora-Regular\.ttf" media-type="font\/ttf"/);
    expect(opf).toMatch(/href="styles\/fonts\/Lora-BoldItalic\.ttf"/);
  });
});

describe('the manuscript’s own stylesheets', () => {
  it('styles/print.css sets the PDF’s text colour and size; the EPUB is unchanged until styles/epub.css says so', async () => {
    const css = ':root { --text-size: 12pt; }\nhtml { color: #1a4d8f; }\n';
    const dir = manuscript('house-style', '', { 'styles/print.css': css });
    const out = build(dir);
    const report = await typo(path.join(out, `${SLUG}.pdf`));
    expect(report.bodySizePt).toBe(12);
    const colours = await textColours(path.join(out, `${SLUG}.pdf`), 3);
    const [dominant] = [...colours].sort((a, b) => b[1] - a[1]);
    expect(dominant?.[0]).toBe('#1a4d8f');
    let { read } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(await read('OEBPS/styles/epub.css')).not.toContain('1a4d8f');

    writeFileSync(path.join(dir, 'manuscript/styles/epub.css'), 'body { color: #1a4d8f; }\n');
    const again = build(dir);
    ({ read } = await epubFiles(path.join(again, `${SLUG}.epub`)));
    expect(await read('OEBPS/styles/epub.css')).toMatch(/body\{color:#1a4d8f\}\s*$/);
    expectEpubcheck(path.join(again, `${SLUG}.epub`));
  });

  it('rules inside `@media print` lay the pages out as they print: the same PDF text as the rules written plainly', () => {
    // Paged.js once laid the pages out for the screen and Chromium printed them for print:
    // the larger print text ran off every page (78 pages of a line or so each, instead of 46).
    const real = (css?: string): string[] => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-media-'));
      cpSync(path.resolve(FIXTURES, '../../manuscript'), path.join(dir, 'manuscript'), { recursive: true });
      if (css) {
        mkdirSync(path.join(dir, 'manuscript/styles'));
        writeFileSync(path.join(dir, 'manuscript/styles/print.css'), css);
      }
      return pagesText(path.join(build(dir, 'pdf'), 'celebrating-red-october-1.pdf'));
    };
    const rule = 'p { font-size: 15pt; line-height: 1.45; }';
    const plain = real(`${rule}\n`);
    // The rule does take effect: larger text, more pages.
    expect(plain.length).toBeGreaterThan(real().length + 10);
    expect(real(`@media print {\n  ${rule}\n}\n`)).toEqual(plain);
  });

  it('a `hyphenate-character` of the house style’s own is what the PDF’s broken words end in, inside `@media print` too', () => {
    // The line breaker writes a hyphen-minus where a line ends at a soft hyphen, unless a rule
    // gives another character (src/browser/line-breaker.ts, `mayHaveOwnHyphens`).
    const lineEnds = (css?: string): { own: number; hyphens: number } => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-hyphens-'));
      cpSync(path.resolve(FIXTURES, '../../manuscript'), path.join(dir, 'manuscript'), { recursive: true });
      if (css) {
        mkdirSync(path.join(dir, 'manuscript/styles'));
        writeFileSync(path.join(dir, 'manuscript/styles/print.css'), css);
      }
      // Laid out: without -layout, pdftotext joins a word broken at a hyphen again.
      const pdf = path.join(build(dir, 'pdf'), 'celebrating-red-october-1.pdf');
      const lines = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\n').map((line) => line.trimEnd());
      return { own: lines.filter((line) => /\p{L}=$/u.test(line)).length, hyphens: lines.filter((line) => /\p{L}-$/u.test(line)).length };
    };
    const plain = lineEnds();
    expect(plain.hyphens).toBeGreaterThan(10);
    expect(plain.own).toBe(0);
    for (const css of ['p { hyphenate-character: "="; }\n', '@media print {\n  p { hyphenate-character: "="; }\n}\n']) {
      // The words broken at a soft hyphen end in it (those broken after a hyphen of their own
      // keep theirs; the lines may break elsewhere, the character being wider).
      expect(lineEnds(css).own, css).toBeGreaterThan(10);
    }
  });

  it('`content-visibility: visible` and `contain: layout paint` in print.css, `auto` and `strict` in epub.css, build: the PDF has every word, the EPUB passes epubcheck', () => {
    const plain = pagesText(path.join(build(manuscript('house-style', ''), 'pdf'), `${SLUG}.pdf`));
    const dir = manuscript('house-style', '', { 'styles/print.css': 'p { content-visibility: visible; contain: layout paint; }\n', 'styles/epub.css': 'p { content-visibility: auto; contain: strict; }\n' });
    const out = build(dir);
    expect(pagesText(path.join(out, `${SLUG}.pdf`))).toEqual(plain);
    expectEpubcheck(path.join(out, `${SLUG}.epub`));
  });

  it('the baseline classic fixture is black at 10.5 pt (the same reading, unstyled)', async () => {
    const out = build(manuscript('house-style', ''), 'pdf');
    expect((await typo(path.join(out, `${SLUG}.pdf`))).bodySizePt).toBe(10.5);
    const colours = await textColours(path.join(out, `${SLUG}.pdf`), 3);
    expect([...colours].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('#000000');
  });
});

describe('refusals: exit 1 at the place, nothing in --out touched', () => {
  const cases: Array<[string, string, Record<string, string | Buffer>, RegExp]> = [
    ['a CSS syntax error', '', { 'styles/print.css': 'html { color: #222; }\np { font-size 12pt; }\n' }, /^manuscript\/styles\/print\.css:2:15: error: CSS syntax error: Colon is expected/m],
    ['an unclosed block', '', { 'styles/print.css': 'html { color: #222; }\np { font-size: 12pt;\n' }, /^manuscript\/styles\/print\.css:2:3: error: CSS syntax error: this `\{` is never closed/m],
    ['a url() to the network', '', { 'styles/print.css': 'body {\n  background: url(http://attacker.example/track.png);\n}\n' }, /^manuscript\/styles\/print\.css:2:15: error: url\(http:\/\/attacker\.example\/track\.png\): a stylesheet may not load from the network/m],
    ['a url() out of the folder', '', { 'styles/epub.css': '@font-face { font-family: X; src: url(../../../etc/passwd); }\n' }, /^manuscript\/styles\/epub\.css:1:35: error: url\(\.\.\/\.\.\/\.\.\/etc\/passwd\): \.\.\/\.\.\/etc\/passwd is outside the manuscript folder/m],
    // Paged.js measures such an element by its placeholder: the real manuscript printed 2,226 of its 7,889 words, exit 0.
    ['content-visibility: auto in print.css', '', { 'styles/print.css': 'p {\n  color: #222;\n  content-visibility: auto;\n}\n' }, /^manuscript\/styles\/print\.css:3:3: error: `content-visibility` other than `visible` in a print stylesheet/m],
    ['content-visibility through a var() in handout.css', '', { 'styles/handout.css': ':root { --shown: hidden; }\n@media print { li { CONTENT-VISIBILITY: var(--shown) } }\n' }, /^manuscript\/styles\/handout\.css:2:21: error: `content-visibility` other than `visible`/m],
    // Size containment: the paragraphs laid out as if empty; 756 of the real manuscript's 7,889 words printed, exit 0.
    ['contain: strict in print.css', '', { 'styles/print.css': 'blockquote p { contain: layout strict; }\n' }, /^manuscript\/styles\/print\.css:1:16: error: `contain` with `size`, `inline-size`, `style`, `content` or `strict`/m],
    // Style containment: the note calls of each paragraph numbered from 1 again, their notes not.
    ['contain: content in handout.css', '', { 'styles/handout.css': 'p { contain: content; }\n' }, /^manuscript\/styles\/handout\.css:1:5: error: `contain` with/m],
    ['a missing font family', 'fonts:\n  text: Comic Sans MS\n', {}, /^manuscript\/pamphlet\.yaml:9:9: error: no bundled font family “Comic Sans MS” for `fonts\.text`/m],
    ['a missing font file', 'fonts: { mono: fonts/Missing-Regular.ttf }\n', {}, /^manuscript\/pamphlet\.yaml:8:16: error: `fonts\.mono`: font file not found: fonts\/Missing-Regular\.ttf/m],
    ['a CFF-flavoured OpenType font', 'fonts: { text: fonts/SourceCodePro-Regular.otf }\n', { 'fonts/SourceCodePro-Regular.otf': readFileSync(CFF_OTF) }, /^manuscript\/pamphlet\.yaml:8:16: error: fonts\/SourceCodePro-Regular\.otf is an OpenType font with CFF \(PostScript\) outlines, which Chromium embeds in a PDF as a Type 3 font.*use the TrueType build/m],
    ['a bad ISBN', 'isbn: 978-3-16-148410-1\n', {}, /^manuscript\/pamphlet\.yaml:8:7: error: “978-3-16-148410-1” is not a valid ISBN-13: its check digit should be 0, not 1/m],
    ['an unknown theme', 'theme: baroque\n', {}, /^manuscript\/pamphlet\.yaml:8:8: error: unknown theme “baroque”: use classic, modern, plain/m],
  ];
  it.each(cases)('%s', (_what, yaml, files, expected) => {
    const dir = manuscript('house-style', '');
    // An earlier good build in --out, to be left byte for byte as it was.
    build(dir, 'epub');
    const config = path.join(dir, 'manuscript/pamphlet.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}${yaml}`);
    const before = readFileSync(path.join(dir, 'out', `${SLUG}.epub`));
    const listing = readdirSync(path.join(dir, 'out')).sort();
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'manuscript', name)), { recursive: true });
      writeFileSync(path.join(dir, 'manuscript', name), data);
    }
    for (const command of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'out', '--format', 'epub', '--quiet']]) {
      const result = pamphlet(command, dir);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(expected);
    }
    expect(readFileSync(path.join(dir, 'out', `${SLUG}.epub`)).equals(before)).toBe(true);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(listing);
  });
});

describe('a house style that puts text off the page', () => {
  it('`blockquote { display: table }` is an error at each quotation cut at the page edge, and the PDF built before stays', () => {
    // The quotations' lines ran on past the page's right edge, one line of each printed, and
    // the build exited 0: 340 lines of the real manuscript's 372.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-edge-'));
    cpSync(path.resolve(FIXTURES, '../../manuscript'), path.join(dir, 'manuscript'), { recursive: true });
    const pdf = path.join(build(dir, 'pdf'), 'celebrating-red-october-1.pdf');
    const before = readFileSync(pdf);
    mkdirSync(path.join(dir, 'manuscript/styles'));
    writeFileSync(path.join(dir, 'manuscript/styles/print.css'), 'blockquote { display: table; }\n');
    const refused = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--quiet'], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^manuscript\/part-1\.md:\d+:1: error: this paragraph of celebrating-red-october-1 runs past the edge of its page, where the PDF would cut it off/m);
    expect(readFileSync(pdf).equals(before)).toBe(true);
  }, 120_000);
});

const IMPRINT = `rights: "Licensed under CC BY-SA 4.0"
isbn: { print: 978-3-16-148410-0, epub: "0-306-40615-2" }
edition: Second edition, 2024
publisher-address: 12 Example Street, London N1 9XX
printer: The Copy Shop, Leeds
description: A pamphlet of small tests, with a description a bookseller would read.
subjects: ["Russia -- History -- Revolution, 1917", Marxism]
source: "https://example.org/original-article"
`;

describe('imprint, colophon and covers', () => {
  it('the imprint page (verso of the title page), the EPUB metadata and colophon, the handout line carry licence, ISBN and description', async () => {
    const out = build(manuscript('house-style', IMPRINT), 'pdf,epub,handout');
    const pages = pagesText(path.join(out, `${SLUG}.pdf`));
    expect(pages[0]).toContain('A First Part');
    expect(pages[1]).toContain('Licensed under CC BY-SA 4.0');
    expect(pages[1]).toContain('ISBN 978-3-16-148410-0');
    expect(pages[1]).toContain('Second edition, 2024');
    expect(pages[1]).toContain('Test Press, 12 Example Street, London N1 9XX');
    expect(pages[1]).toContain('Printed by The Copy Shop, Leeds');
    expect(pages[2]).toContain('Contents');
    const handout = pagesText(path.join(out, `${SLUG}-handout.pdf`));
    expect(handout[0]?.replace(/\s+/g, ' ')).toContain('Licensed under CC BY-SA 4.0 · First published as https://example.org/original-article · ISBN 978-3-16-148410-0 · Test Press');
    expectEpubcheck(path.join(out, `${SLUG}.epub`));
    const { opf, read } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(opf).toContain('<dc:rights>Licensed under CC BY-SA 4.0</dc:rights>');
    expect(opf).toContain('<dc:identifier id="isbn">urn:isbn:0306406152</dc:identifier>');
    expect(opf).toContain('<dc:description>A pamphlet of small tests, with a description a bookseller would read.</dc:description>');
    expect(opf).toContain('<dc:subject>Marxism</dc:subject>');
    expect(opf).toContain('<dc:source>https://example.org/original-article</dc:source>');
    expect(opf).toMatch(/<itemref idref="colophon"\/>\s*<\/spine>/);
    const colophon = await read('OEBPS/colophon.xhtml');
    expect(colophon).toContain('epub:type="colophon"');
    expect(colophon).toContain('ISBN 0-306-40615-2');
    expect(colophon).toContain('ISBN 978-3-16-148410-0 (print)');
  });

  it('a part’s front matter replaces the series’ imprint for that part', async () => {
    const dir = manuscript('house-style', IMPRINT);
    const part = path.join(dir, 'manuscript/part-1.md');
    writeFileSync(part, readFileSync(part, 'utf8').replace('part: 1\n', 'part: 1\nisbn: 978-0-306-40615-7\nrights: All rights reserved\n'));
    const out = build(dir, 'epub');
    const { opf } = await epubFiles(path.join(out, `${SLUG}.epub`));
    expect(opf).toContain('<dc:rights>All rights reserved</dc:rights>');
    expect(opf).toContain('urn:isbn:9780306406157');
  });

  it('`cover:` is the PDF’s first page, to the edge of the bleed, and the EPUB’s cover image', async () => {
    const jpeg = readFileSync(path.join(FIXTURES, 'house-imprint/images/cover.jpg'));
    const dir = manuscript('house-style', 'cover: images/cover.jpg\nprint: { bleed: 3mm }\n', { 'images/cover.jpg': jpeg });
    const out = build(dir, 'pdf,epub');
    const pdf = path.join(out, `${SLUG}.pdf`);
    expect(pdfImages(pdf).filter((image) => image.page === 1)).toHaveLength(1);
    // Page 1 is the picture from edge to edge (bleed included); the title page follows on page 3, a right-hand page.
    const first = renderPage(pdf, 1, 20);
    const at = (x: number, y: number): number => first.pixels[y * first.width + x] ?? 255;
    const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    const xs = [...Array(first.width).keys()];
    const ys = [...Array(first.height).keys()];
    // Each outermost row and column (the bleed) is the picture, darker on average than white paper.
    for (const edge of [xs.map((x) => at(x, 0)), xs.map((x) => at(x, first.height - 1)), ys.map((y) => at(0, y)), ys.map((y) => at(first.width - 1, y))]) {
      expect(mean(edge), 'an edge of page 1 is white paper, not the picture').toBeLessThan(245);
    }
    expect(inkShare(renderPage(pdf, 2, 20))).toBe(0);
    expect(pagesText(pdf)[2]).toContain('A First Part');
    expect(pdfinfo(pdf, ['-box'])['BleedBox']).toBeDefined();
    expectEpubcheck(path.join(out, `${SLUG}.epub`));
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${SLUG}.epub`)));
    const opf = await zip.file('OEBPS/package.opf')!.async('string');
    expect(opf).toContain('<item id="cover-image" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>');
    expect(Buffer.from(await zip.file('OEBPS/cover.jpg')!.async('uint8array')).equals(jpeg)).toBe(true);
    expect(await zip.file('OEBPS/cover.xhtml')!.async('string')).toContain('src="cover.jpg"');
  });

  it('without `cover:` the EPUB keeps the generated SVG cover and carries it as a 1200 × 1800 PNG cover image', async () => {
    const out = build(manuscript('house-style', ''), 'epub');
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${SLUG}.epub`)));
    const opf = await zip.file('OEBPS/package.opf')!.async('string');
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
    const png = Buffer.from(await zip.file('OEBPS/cover.png')!.async('uint8array'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 1800]);
    expect(await zip.file('OEBPS/cover.xhtml')!.async('string')).toContain('src="cover.svg"');
  });
});

describe('page sizes', () => {
  it.each([
    ['pocket', 311.8, 504.6],
    ['B5', 498.9, 708.7],
  ])('`page: { size: %s }` gives a %s × %s pt page', (size, width, height) => {
    const out = build(manuscript('house-style', `page: { size: ${size} }\n`), 'pdf');
    const [w, h] = (pdfinfo(path.join(out, `${SLUG}.pdf`))['Page size'] ?? '').split(' x ').map((v) => Number.parseFloat(v));
    expect(w).toBeCloseTo(width, 0);
    expect(h).toBeCloseTo(height, 0);
  });
});
