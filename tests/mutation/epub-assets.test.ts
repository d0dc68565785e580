// What the EPUB packages besides its text (src/render/epub/images.ts, styles.ts), in process,
// written out: each picture once under media/, its src rewritten wherever it stands (text,
// note, question), names made safe and kept apart; the faces embedded for the text and the
// headings, with the subsets the part's letters need; the files the manuscript's own
// stylesheet names, packaged beside it in the EPUB and inlined in the web page. The pictures
// are the fixtures' real PNGs; the faces are Lora's TrueType files from npm.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import type { PartDocument } from '../../src/document.js';
import { epubOf, load, part } from './helpers.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const MAP = readFileSync(path.join(FIXTURES, 'table-image-link/images/map.png'));
const SQUARE = readFileSync(path.join(FIXTURES, 'print-blocks/images/square.png'));
const LORA = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/lora/package.json'));

describe('pictures', () => {
  test('stored once each, under safe names kept apart; every src rewritten, in notes and questions too', () => {
    const files = epubOf(
      load({
        'pamphlet.yaml': 'series: S\n',
        'images/map.png': MAP,
        'images/a b.png': SQUARE,
        'images/a_b.png': MAP,
        'part-1.md': part(
          'title: T\npart: 1',
          '![A map](images/map.png)\n\nAgain ![](images/map.png?v=2) and ![Square](images/a%20b.png) and ![Other](<images/a_b.png>).[^n]\n\n[^n]: In a note ![Map again](./images/map.png).\n\n:::questions\n1. Where? ![Q](images/a_b.png)\n:::\n',
        ),
      }),
    );
    expect(Object.keys(files).filter((name) => name.includes('/media/')).map((name) => `${name} ${files[name]}`)).toEqual([
      'OEBPS/media/images/map.png 116 bytes',
      'OEBPS/media/images/a_b.png 1690 bytes',
      'OEBPS/media/images/a_b-2.png 116 bytes',
    ]);
    expect(files['OEBPS/package.opf']?.match(/<item id="img[^>]*>/g)).toEqual([
      '<item id="img-1" href="media/images/map.png" media-type="image/png"/>',
      '<item id="img-2" href="media/images/a_b.png" media-type="image/png"/>',
      '<item id="img-3" href="media/images/a_b-2.png" media-type="image/png"/>',
    ]);
    expect(files['OEBPS/text.xhtml']?.match(/<img [^>]*>/g)).toEqual([
      '<img src="media/images/map.png" alt="A map"/>',
      '<img src="media/images/map.png" alt=""/>',
      '<img src="media/images/a_b.png" alt="Square"/>',
      '<img src="media/images/a_b-2.png" alt="Other"/>',
      '<img src="media/images/map.png" alt="Map again"/>',
      '<img src="media/images/a_b-2.png" alt="Q"/>',
    ]);
  });
});

describe('embedded faces', () => {
  test('a TrueType text face with its italic beside it, no bold declared (the reader makes one from the roman, as in print); a bundled sans for headings with the Cyrillic subset the text needs', () => {
    const faces: Record<string, Buffer> = {
      'fonts/Lora-Regular.ttf': readFileSync(path.join(LORA, '400Regular', 'Lora_400Regular.ttf')),
      'fonts/Lora-Italic.ttf': readFileSync(path.join(LORA, '400Regular_Italic', 'Lora_400Regular_Italic.ttf')),
    };
    const files = epubOf(
      load({
        'pamphlet.yaml': 'series: S\nfonts: { text: fonts/Lora-Regular.ttf, headings: Fira Sans }\nepub: { embed-fonts: true }\n',
        ...faces,
        'part-1.md': part('title: T\npart: 1', 'Text **bold** and Ленин.\n'),
      }),
    );
    expect(Object.keys(files).filter((name) => name.includes('/fonts/'))).toEqual([
      'OEBPS/styles/fonts/Lora-Regular.ttf',
      'OEBPS/styles/fonts/Lora-Italic.ttf',
      'OEBPS/styles/fonts/fira-sans-cyrillic-700-normal.woff2',
      'OEBPS/styles/fonts/fira-sans-latin-700-normal.woff2',
      'OEBPS/styles/fonts/fira-sans-latin-ext-700-normal.woff2',
    ]);
    expect(files['OEBPS/package.opf']?.match(/<item id="font[^>]*>/g)).toEqual([
      '<item id="font-1" href="styles/fonts/Lora-Regular.ttf" media-type="font/ttf"/>',
      '<item id="font-2" href="styles/fonts/Lora-Italic.ttf" media-type="font/ttf"/>',
      '<item id="font-3" href="styles/fonts/fira-sans-cyrillic-700-normal.woff2" media-type="font/woff2"/>',
      '<item id="font-4" href="styles/fonts/fira-sans-latin-700-normal.woff2" media-type="font/woff2"/>',
      '<item id="font-5" href="styles/fonts/fira-sans-latin-ext-700-normal.woff2" media-type="font/woff2"/>',
    ]);
    const rules = (files['OEBPS/styles/epub.css'] ?? '').split('\n').filter((line) => /@font-face|font-family: '/.test(line));
    expect(rules).toEqual([
      `@font-face { font-family: 'Lora'; font-style: normal; font-weight: 400; src: url("fonts/Lora-Regular.ttf"); }`,
      `@font-face { font-family: 'Lora'; font-style: italic; font-weight: 400; src: url("fonts/Lora-Italic.ttf"); }`,
      `body { font-family: 'Lora', serif; }`,
      `@font-face { font-family: 'Fira Sans'; font-style: normal; font-weight: 700; src: url("fonts/fira-sans-cyrillic-700-normal.woff2"); unicode-range: U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116; }`,
      `@font-face { font-family: 'Fira Sans'; font-style: normal; font-weight: 700; src: url("fonts/fira-sans-latin-700-normal.woff2"); unicode-range: U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD; }`,
      `@font-face { font-family: 'Fira Sans'; font-style: normal; font-weight: 700; src: url("fonts/fira-sans-latin-ext-700-normal.woff2"); unicode-range: U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF; }`,
      `h1, h2, h3, h4, h5, h6 { font-family: 'Fira Sans', sans-serif; }`,
    ]);
  });
});

describe('embedded faces from a file', () => {
  test('headings in a TrueType face given without its bold: the roman declared as it is, the reader makes the bold', () => {
    const files = epubOf(
      load({
        'pamphlet.yaml': 'series: S\nfonts: { text: Literata, headings: fonts/Lora-Regular.ttf }\nepub: { embed-fonts: true }\n',
        'fonts/Lora-Regular.ttf': readFileSync(path.join(LORA, '400Regular', 'Lora_400Regular.ttf')),
        'part-1.md': part('title: T\npart: 1', 'Text.\n'),
      }),
    );
    const rules = (files['OEBPS/styles/epub.css'] ?? '').split('\n').filter((line) => /Lora/.test(line));
    expect(rules).toEqual([
      `@font-face { font-family: 'Lora'; font-style: normal; font-weight: 400; src: url("fonts/Lora-Regular.ttf"); }`,
      `h1, h2, h3, h4, h5, h6 { font-family: 'Lora', serif; }`,
    ]);
  });
});

describe('the manuscript’s own stylesheet', () => {
  const manuscript = () =>
    load({
      'pamphlet.yaml': 'series: S\n',
      'styles/epub.css': 'h2 { background: url("../images/rule.png") } p::after { content: url(../images/rule.png) } .x { background: url(../images/map.png) }\n',
      'images/rule.png': SQUARE,
      'images/map.png': MAP,
      'part-1.md': part('title: T\npart: 1', 'Text.\n'),
    });

  test('in the EPUB: each file it names packaged once beside it, last in the sheet', () => {
    const files = epubOf(manuscript(), 0, {});
    expect(Object.keys(files).filter((name) => name.includes('/res/')).map((name) => `${name} ${files[name]}`)).toEqual(['OEBPS/styles/res/1-rule.png 1690 bytes', 'OEBPS/styles/res/2-map.png 116 bytes']);
    expect(files['OEBPS/package.opf']?.match(/<item id="style-res[^>]*>/g)).toEqual([
      '<item id="style-res-1" href="styles/res/1-rule.png" media-type="image/png"/>',
      '<item id="style-res-2" href="styles/res/2-map.png" media-type="image/png"/>',
    ]);
    expect(files['OEBPS/styles/epub.css']?.trimEnd().split('\n').at(-1)).toBe('h2{background:url(res/1-rule.png)}p::after{content:url(res/1-rule.png)}.x{background:url(res/2-map.png)}');
  });

  test('in the web page: the same files as data: URLs', () => {
    const loaded = manuscript();
    const page = renderHtml(loaded.manuscript.parts[0] as PartDocument, loaded.manuscript.config, { css: 'p{}' });
    const rule = `data:image/png;base64,${SQUARE.toString('base64')}`;
    expect(page).toContain(`h2{background:url(${rule})}p::after{content:url(${rule})}.x{background:url(data:image/png;base64,${MAP.toString('base64')})}`);
  });
});
