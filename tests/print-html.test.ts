// The print HTML is a pure function of the document and the config: checked here as
// text, without a browser.
import { describe, expect, it } from 'vitest';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { PrintAssets } from '../src/render/assets.js';
import { handoutPage, handoutPageCss, pageCss } from '../src/render/page-css.js';
import { printHtml as numberedPrintHtml } from '../src/render/print-html.js';
import { A5, sampleConfig, samplePart } from './fixtures/pdf-sample.js';

const ASSETS: PrintAssets = {
  stylesDir: '/pkg/styles',
  printCss: '.print-css { orphans: 2 }',
  handoutCss: '.handout-css { widows: 2 }',
  houseCss: '.house-css { hyphens: auto }',
  // The theme's sheets, named so a test can see which were read and in what order.
  themeCss: (theme, name) => `.theme-${theme}-${name} {}`,
  fontDirs: {
    'eb-garamond': '/pkg/node_modules/@fontsource/eb-garamond',
    'eb-garamond-full': '/pkg/node_modules/@expo-google-fonts/eb-garamond',
    'noto-serif': '/pkg/node_modules/@fontsource/noto-serif',
    'noto-sans': '/pkg/node_modules/@fontsource/noto-sans',
    'noto-sans-mono': '/pkg/node_modules/@fontsource/noto-sans-mono',
  },
  fontUrls: {
    'eb-garamond': 'file:///pkg/node_modules/@fontsource/eb-garamond/',
    'eb-garamond-full': 'file:///pkg/node_modules/@expo-google-fonts/eb-garamond/',
    'noto-serif': 'file:///pkg/node_modules/@fontsource/noto-serif/',
    'noto-sans': 'file:///pkg/node_modules/@fontsource/noto-sans/',
    'noto-sans-mono': 'file:///pkg/node_modules/@fontsource/noto-sans-mono/',
  },
  pagedjsDir: '/pkg/node_modules/pagedjs',
};

/**
 * The print HTML without the blocks' numbers (data-seq, data-src) and names (data-anchor,
 * where the EPUB's page-list finds them), which the layout
 * integrity check reads (tests/layout-integrity.test.ts) and these tests need not spell.
 */
function printHtml(...args: Parameters<typeof numberedPrintHtml>): string {
  return numberedPrintHtml(...args).replace(/ data-seq="\d+"( data-src="\d+:\d+")?( data-anchor="[^"]*")?/g, '');
}

const html = (overrides = {}): string => printHtml(samplePart(), sampleConfig('/srv/manuscript', overrides), 'pamphlet', ASSETS);

describe('printHtml', () => {
  it('is a whole document in the part’s language, with our styles and fonts only', () => {
    const out = html();
    expect(out).toMatch(/^<!doctype html><html lang="en">/);
    // Inline: the page's policy (connect-src 'none') refuses the XHR Paged.js reads a <link> with.
    expect(out).toContain('<style>.print-css { orphans: 2 }</style>');
    expect(out).not.toContain('.handout-css');
    expect(out).not.toMatch(/<link/i);
    expect(out).toContain("src: url(\"file:///pkg/node_modules/@fontsource/eb-garamond/files/eb-garamond-latin-ext-400-normal.woff2\")");
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/https?:\/\/(?!example\.org\/celebrating-red-october-2)/);
  });

  it('is the same every time', () => {
    expect(html()).toBe(html());
  });

  it('does not change the document it is given', () => {
    const doc = samplePart();
    const before = JSON.stringify(doc);
    printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('puts each note where its call was, as inline content for float: footnote', () => {
    const out = html();
    expect(out).not.toContain('class="noteref"');
    expect(out).toMatch(/tion\.<span class="footnote" id="note-1" data-note-number="1"><span class="fn-p">Lenin set out/);
    // A two-paragraph note stays inside its sentence: no <p> in it to close the paragraph.
    expect(out).toMatch(/<span class="footnote" id="note-4" data-note-number="4"><span class="fn-p">[^<]*<\/span><span class="fn-p">Trot/);
  });

  it('has a title page, contents that link to the sections, and the back matter', () => {
    const out = html();
    expect(out).toContain('<section class="title-page"><p class="series">Celebrating Red October</p>');
    expect(out).toContain('<p class="part-label">Part I</p><h1 class="part-title">How the Working Class came to Power</h1>');
    expect(out).toContain('<a href="#the-february-revolution--dual-power"><span class="contents-text">The February Revolution &#x26; Dual Power</span></a>');
    expect(out).toContain('<h2 id="pamphlet-questions">Questions for discussion</h2>');
    expect(out).toContain('<h2 id="pamphlet-bibliography">Works Cited</h2>');
    expect(out).toMatch(/<p class="next-part">Next: <a href="https:\/\/example.org\/celebrating-red-october-2">Part II: The Evolution of Revolution<\/a><\/p><\/div><\/body><\/html>\n$/);
  });

  it('hyphenates the text with soft hyphens, but not the headings or the title page', () => {
    const out = html();
    expect(out).toContain('rev\u00ADo\u00ADlu\u00ADtion\u00ADary');
    expect(out).toContain('<h2 id="capitalist-development--world-war">Capitalist Development &#x26; World War</h2>');
    expect(out.slice(0, out.indexOf('<main'))).not.toContain('\u00AD');
  });

  it('leaves the closing line out when the manuscript placed it in the text', () => {
    const doc = { ...samplePart(), nextPartInBody: true };
    expect(printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS)).not.toContain('class="next-part"');
  });

  it('marks the body for marginal ¶ numbers only when the config asks', () => {
    expect(html()).toContain('<body class="pamphlet theme-classic" ');
    expect(html({ paragraphNumbers: true })).toContain('<body class="pamphlet theme-classic with-pn" ');
  });

  it('points images at the manuscript folder', () => {
    const doc = samplePart();
    doc.body.children.push({ type: 'element', tagName: 'img', properties: { src: 'images/map 1.png', alt: 'A map' }, children: [] });
    expect(printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS)).toContain('src="file:///srv/manuscript/images/map%201.png"');
  });
});

describe('printHtml: blocks that are not paragraphs', () => {
  const withBlocks = (...blocks: Element[]): string => {
    const doc = samplePart();
    doc.body.children.push(...blocks);
    return printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS);
  };
  const tableOf = (columns: number): Element =>
    h('table', [h('thead', [h('tr', Array.from({ length: columns }, (_, i) => h('th', `Head ${i}`)))]), h('tbody', [h('tr', Array.from({ length: columns }, (_, i) => h('td', `Cell ${i}`)))])]);
  const fontFaces = (out: string): string[] => [...out.matchAll(/font-family: '([^']+)'[^}]*files\/([a-z-]+)-\d+-(?:normal|italic)\.woff2/g)].map((m) => `${m[1]}: ${m[2]}`);

  it('sets each line of a code block in a span of its own, with the text as written', () => {
    const code = 'function f() {\n\n  return "<b>";\n}\n';
    const tree = fromHtml(withBlocks(h('pre', [h('code', { className: ['language-js'] }, code)])));
    const pre = selectAll('pre', tree).at(-1)!;
    const lines = selectAll('code > span.code-line', pre);
    expect(lines.map((line) => toString(line))).toEqual(['function f() {', '', '  return "<b>";', '}']);
    expect(pre.properties['dataLines']).toBe('4');
    // The code is never hyphenated.
    expect(toString(pre)).not.toContain('\u00AD');
  });

  it('marks a table of five or more columns as wide, and says how many it has', () => {
    const tree = fromHtml(withBlocks(tableOf(6), tableOf(3)));
    const [wide, narrow] = selectAll('table', tree);
    expect(wide!.properties['className']).toEqual(['wide']);
    expect(wide!.properties['dataColumns']).toBe('6');
    expect(narrow!.properties['className']).toBeUndefined();
    expect(narrow!.properties['dataColumns']).toBe('3');
  });

  it('lets a web address break after a slash or before a dot, but not inside code', () => {
    const address = 'https://data.cerl.org/istc/_search?query=printer';
    const tree = fromHtml(withBlocks(h('p', ['See ', h('a', { href: address }, address), '.']), h('pre', [h('code', address)])));
    const link = selectAll('a', tree).find((a) => a.properties['href'] === address)!;
    expect(toString(link)).toBe(address);
    const pieces = link.children.map((c) => (c.type === 'element' ? `<${c.tagName}>` : c.type === 'text' ? c.value : ''));
    expect(pieces.join('|')).toBe('https://data|<wbr>|.cerl|<wbr>|.org|<wbr>|/istc|<wbr>|/|<wbr>|_search|<wbr>|?query|<wbr>|=printer');
    expect(selectAll('pre wbr', tree)).toEqual([]);
  });

  it('declares the code face only when there is code, in the scripts the code uses', () => {
    expect(fontFaces(html()).filter((f) => f.startsWith('Noto'))).toEqual([]);
    const out = withBlocks(h('pre', [h('code', 'print("Печатный двор")')]));
    expect(new Set(fontFaces(out).filter((f) => f.startsWith('Noto')))).toEqual(new Set([
      'Noto Sans Mono: noto-sans-mono-latin',
      'Noto Sans Mono: noto-sans-mono-latin-ext',
      'Noto Sans Mono: noto-sans-mono-cyrillic',
    ]));
    expect(out).toContain('src: url("file:///pkg/node_modules/@fontsource/noto-sans-mono/files/noto-sans-mono-cyrillic-400-normal.woff2")');
  });

  it('declares the text face’s Greek subsets when the text has Greek, and not otherwise', () => {
    const greek = (out: string): string[] => fontFaces(out).filter((f) => f.startsWith('EB Garamond') && f.includes('greek'));
    expect(greek(html())).toEqual([]);
    const out = withBlocks(h('p', 'Lascaris’s Ἐρωτήματα'));
    expect(new Set(greek(out))).toEqual(new Set(['EB Garamond: eb-garamond-greek', 'EB Garamond: eb-garamond-greek-ext']));
  });
});

describe('pageCss', () => {
  it('mirrors the margins on facing pages', () => {
    const css = pageCss(A5, { bleed: '0mm', marks: false });
    expect(css).toContain('@page { size: 148mm 210mm; margin: 16mm 14mm 18mm 18mm; }');
    expect(css).toContain('@page :left { margin-left: 14mm; margin-right: 18mm; }');
    expect(css).toContain('@page :right { margin-left: 18mm; margin-right: 14mm; }');
    expect(css).not.toContain('bleed');
  });

  it('adds bleed and crop marks for the printer', () => {
    expect(pageCss(A5, { bleed: '3mm', marks: true })).toContain('@page { bleed: 3mm; marks: crop; }');
    expect(pageCss(A5, { bleed: '0mm', marks: true })).toContain('@page { marks: crop; }');
  });

  it('refuses a length that is not one', () => {
    expect(() => pageCss({ ...A5, width: '148mm; } body { display: none' }, { bleed: '0mm', marks: false })).toThrow(/not a CSS length/);
  });
});

describe('printHtml for the handout', () => {
  const handout = (doc = samplePart(), overrides = {}): string =>
    printHtml(doc, sampleConfig('/srv/manuscript', overrides), 'handout', ASSETS);

  it('has a compact title block with the running head, and neither title page nor contents', () => {
    const out = handout();
    expect(out).toContain(
      '<header class="handout-title" data-running-head="Celebrating Red October · Part I · How the Working Class came to Power">' +
        '<p class="series">Celebrating Red October<span class="series-subtitle">The Russian Revolution in Historical Perspective</span></p>' +
        '<p class="part-label">Part I</p><h1 class="part-title">How the Working Class came to Power</h1>' +
        '<p class="authors">Pamphlet Test Collective</p></header><main class="text">',
    );
    expect(out).not.toContain('title-page');
    expect(out).not.toContain('class="contents"');
    expect(out).not.toContain('class="matter"');
  });

  it('reads handout.css after print.css, then the handout’s own page rules', () => {
    const out = handout();
    const order = ['.print-css', '.handout-css', '@page { size: 210mm 297mm;'].map((s) => out.indexOf(s));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).not.toMatch(/bleed|marks/);
  });

  it('ends with Works Cited, the questions with lines to write on, and the “Next:” line, whatever `questions` says', () => {
    const doc = { ...samplePart(), questionsInText: false };
    const out = handout(doc);
    const order = ['<h2 id="pamphlet-bibliography">', '<h2 id="pamphlet-questions">', '<p class="next-part">'].map((s) => out.indexOf(s));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const lines = '<span class="answer-space" aria-hidden="true">' + '<span class="answer-line"></span>'.repeat(4) + '</span>';
    expect(out.split(lines)).toHaveLength(doc.questions!.items.length + 1);
    expect(out).toMatch(/<li>Why did [^<]*<span class="answer-space"/);
    // The pamphlet itself leaves them out.
    expect(printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS)).not.toContain('pamphlet-questions');
  });

  it('numbers paragraphs by its own stylesheet, not the pamphlet’s `with-pn`', () => {
    expect(handout(samplePart(), { paragraphNumbers: true })).toContain('<body class="handout theme-classic" ');
  });
});

describe('handoutPageCss', () => {
  it('sets A4 or letter with one wide notes margin on the right of every page', () => {
    const a4 = handoutPageCss(handoutPage('A4'), 'en');
    expect(a4).toContain('@page { size: 210mm 297mm; margin: 24mm 55mm 20mm 25mm; }');
    expect(a4).toContain('@page :left { margin-left: 25mm; margin-right: 55mm; }');
    expect(a4).toContain('@page :right { margin-left: 25mm; margin-right: 55mm; }');
    expect(handoutPageCss(handoutPage('letter'), 'en')).toContain('size: 8.5in 11in;');
  });

  it('says “page x of y” in the part’s language', () => {
    expect(handoutPageCss(handoutPage('A4'), 'en')).toContain('@top-right { content: "page " counter(page) " of " counter(pages); }');
    expect(handoutPageCss(handoutPage('A4'), 'de-AT')).toContain('"Seite " counter(page) " von " counter(pages)');
    expect(handoutPageCss(handoutPage('A4'), 'tlh')).toContain('"page " counter(page) " of "');
  });
});
