// The print HTML is a pure function of the document and the config: checked here as
// text, without a browser.
import { describe, expect, it } from 'vitest';
import type { PrintAssets } from '../src/render/assets.js';
import { pageCss } from '../src/render/page-css.js';
import { printHtml } from '../src/render/print-html.js';
import { A5, sampleConfig, samplePart } from './fixtures/pdf-sample.js';

const ASSETS: PrintAssets = {
  stylesDir: '/pkg/styles',
  printCssUrl: 'file:///pkg/styles/print.css',
  fontPackageDir: '/pkg/node_modules/@fontsource/eb-garamond',
  fontFilesUrl: 'file:///pkg/node_modules/@fontsource/eb-garamond/files/',
  pagedjsDir: '/pkg/node_modules/pagedjs',
};

const html = (overrides = {}): string => printHtml(samplePart(), sampleConfig('/srv/manuscript', overrides), 'pamphlet', ASSETS);

describe('printHtml', () => {
  it('is a whole document in the part’s language, with our styles and fonts only', () => {
    const out = html();
    expect(out).toMatch(/^<!doctype html><html lang="en">/);
    expect(out).toContain('<link rel="stylesheet" href="file:///pkg/styles/print.css">');
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
    expect(html()).toContain('<body class="pamphlet">');
    expect(html({ paragraphNumbers: true })).toContain('<body class="pamphlet with-pn">');
  });

  it('points images at the manuscript folder', () => {
    const doc = samplePart();
    doc.body.children.push({ type: 'element', tagName: 'img', properties: { src: 'images/map 1.png', alt: 'A map' }, children: [] });
    expect(printHtml(doc, sampleConfig('/srv/manuscript'), 'pamphlet', ASSETS)).toContain('src="file:///srv/manuscript/images/map%201.png"');
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
