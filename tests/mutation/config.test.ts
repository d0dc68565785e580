// pamphlet.yaml validation (src/config/load.ts), in process: the settings a valid file
// gives, and the exact `file:line:column` error of each wrong one.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONFIG_KEYS, lengthInMm, loadConfig } from '../../src/config/load.js';
import { formatMessage, ManuscriptError } from '../../src/diagnostics.js';
import { folder, type Files } from './folder.js';

/** The config loaded from `yaml` (and other files), with the temp folder written `<dir>`. */
function configOf(yaml: string, files: Files = {}): unknown {
  const dir = folder({ 'pamphlet.yaml': yaml, ...files });
  return JSON.parse(JSON.stringify(loadConfig(dir)).replaceAll(dir, '<dir>'));
}

/** The errors pamphlet.yaml is refused with, as `check` prints them, with rule ids. */
function errorsOf(yaml: string | Uint8Array, files: Files = {}): string[] {
  return errorsIn(folder({ 'pamphlet.yaml': yaml, ...files }));
}

/** The errors of the manuscript folder `sub` of `dir` (`dir` itself by default), relative to `dir`. */
function errorsIn(dir: string, sub = '.'): string[] {
  try {
    loadConfig(path.join(dir, sub));
  } catch (cause) {
    if (!(cause instanceof ManuscriptError)) throw cause;
    return cause.messages.map((m) => `${formatMessage(m, dir).replaceAll(dir, '<dir>')} [${m.ruleId}]`);
  }
  throw new Error('pamphlet.yaml was accepted');
}

const A5 = { name: 'A5', width: '148mm', height: '210mm', margins: { top: '18mm', bottom: '20mm', inside: '18mm', outside: '14mm' } };

describe('a valid pamphlet.yaml', () => {
  test('the defaults of a file that names only the series', () => {
    expect(configOf('series: "  Notes  "\n')).toEqual({
      dir: '<dir>',
      configPath: '<dir>/pamphlet.yaml',
      series: 'Notes',
      authors: [],
      lang: 'en',
      citationStyle: 'chicago-fullnote-bibliography-with-ibid',
      styleDirs: ['<dir>/styles', '/usr/share/citation-style-language/styles'],
      localeDir: '/usr/share/citation-style-language/locales',
      page: A5,
      questions: 'everywhere',
      paragraphNumbers: false,
      smart: true,
      print: { bleed: '0mm', marks: false },
      handout: { size: 'A4' },
      booklet: { creep: 0 },
      timeout: 120000,
      theme: 'classic',
      fonts: { text: { kind: 'bundled', family: 'EB Garamond' }, headings: { kind: 'bundled', family: 'EB Garamond' }, mono: { kind: 'bundled', family: 'Noto Sans Mono' } },
      epub: { embedFonts: false },
      imprint: {},
      styles: {},
      places: { series: { line: 1, column: 9 } },
    });
  });

  test('every key set, each where it is written', () => {
    const yaml = [
      'series: S',
      'subtitle: Sub',
      'authors: [A, B]',
      'publisher: P',
      'lang: de-CH',
      'bibliography: refs.json',
      'citation-style: apa',
      'csl-styles: styles2',
      'csl-locales: locs',
      'page: { size: custom, width: 6in, height: 9in, margins: { top: 1cm, bottom: 72pt, inside: 6pc, outside: 96px } }',
      'base-url: https://example.org/x',
      'questions: handout-only',
      'bibliography-title: Quellen',
      'questions-title: Fragen',
      'paragraph-numbers: true',
      'smart: false',
      'print: { bleed: 3mm, marks: true }',
      'handout: { size: letter }',
      'booklet: { creep: 0.5 }',
      'timeout: 60000',
      'browser: /usr/bin/chromium',
      'cache-dir: .cache/p',
    ].join('\n');
    expect(configOf(`${yaml}\n`, { 'refs.json': '[]', 'styles2/x.csl': '', 'locs/locales-de-CH.xml': '' })).toEqual({
      dir: '<dir>',
      configPath: '<dir>/pamphlet.yaml',
      series: 'S',
      subtitle: 'Sub',
      authors: ['A', 'B'],
      publisher: 'P',
      lang: 'de-CH',
      bibliography: '<dir>/refs.json',
      citationStyle: 'apa',
      styleDirs: ['<dir>/styles', '<dir>/styles2', '/usr/share/citation-style-language/styles'],
      localeDir: '<dir>/locs',
      page: { name: 'custom', width: '6in', height: '9in', margins: { top: '1cm', bottom: '72pt', inside: '6pc', outside: '96px' } },
      baseUrl: 'https://example.org/x',
      questions: 'handout-only',
      bibliographyTitle: 'Quellen',
      questionsTitle: 'Fragen',
      paragraphNumbers: true,
      smart: false,
      print: { bleed: '3mm', marks: true },
      handout: { size: 'letter' },
      booklet: { creep: 0.5 },
      timeout: 60000,
      browser: '/usr/bin/chromium',
      cacheDir: '<dir>/.cache/p',
      theme: 'classic',
      fonts: { text: { kind: 'bundled', family: 'EB Garamond' }, headings: { kind: 'bundled', family: 'EB Garamond' }, mono: { kind: 'bundled', family: 'Noto Sans Mono' } },
      epub: { embedFonts: false },
      imprint: {},
      styles: {},
      places: {
        series: { line: 1, column: 9 },
        subtitle: { line: 2, column: 11 },
        authors: { line: 3, column: 10 },
        publisher: { line: 4, column: 12 },
        lang: { line: 5, column: 7 },
        bibliography: { line: 6, column: 15 },
        'citation-style': { line: 7, column: 17 },
        'csl-styles': { line: 8, column: 13 },
        'csl-locales': { line: 9, column: 14 },
        page: { line: 10, column: 7 },
        'base-url': { line: 11, column: 11 },
        questions: { line: 12, column: 12 },
        'bibliography-title': { line: 13, column: 21 },
        'questions-title': { line: 14, column: 18 },
        'paragraph-numbers': { line: 15, column: 20 },
        smart: { line: 16, column: 8 },
        print: { line: 17, column: 8 },
        handout: { line: 18, column: 10 },
        booklet: { line: 19, column: 10 },
        timeout: { line: 20, column: 10 },
        browser: { line: 21, column: 10 },
        'cache-dir': { line: 22, column: 12 },
      },
    });
  });

  test('one author is a list of one', () => {
    expect(configOf('series: S\nauthor: Ada\n')).toMatchObject({ authors: ['Ada'] });
  });

  test('the page sizes and their margins', () => {
    expect(configOf('series: S\npage: { size: A4 }\n')).toMatchObject({ page: { name: 'A4', width: '210mm', height: '297mm', margins: { top: '25mm', bottom: '28mm', inside: '28mm', outside: '22mm' } } });
    expect(configOf('series: S\npage: { size: letter }\n')).toMatchObject({ page: { name: 'letter', width: '8.5in', height: '11in', margins: { top: '1in', bottom: '1.1in', inside: '1.1in', outside: '0.85in' } } });
    expect(configOf('series: S\npage: { size: half-letter }\n')).toMatchObject({ page: { name: 'half-letter', width: '5.5in', height: '8.5in', margins: { top: '0.7in', bottom: '0.8in', inside: '0.7in', outside: '0.55in' } } });
    expect(configOf('series: S\npage: { size: A5 }\n')).toMatchObject({ page: A5 });
    // A width alone makes a custom page; bare numbers are millimetres; margins default to A5's.
    expect(configOf('series: S\npage: { width: 120, height: 180 }\n')).toMatchObject({ page: { name: 'custom', width: '120mm', height: '180mm', margins: A5.margins } });
    // One margin set, the others the preset's.
    expect(configOf('series: S\npage: { size: A4, margins: { top: 0 } }\n')).toMatchObject({ page: { margins: { top: '0mm', bottom: '28mm', inside: '28mm', outside: '22mm' } } });
    expect(configOf("series: S\npage: { size: A4, margins: { top: '0' } }\n")).toMatchObject({ page: { margins: { top: '0' } } });
  });

  test('the edges of every range are inside it', () => {
    expect(configOf('series: S\ntimeout: 1000\nbooklet: { creep: 0 }\nprint: { bleed: 0mm }\n')).toMatchObject({ timeout: 1000, booklet: { creep: 0 }, print: { bleed: '0mm' } });
    expect(configOf('series: S\ntimeout: 3600000\nbooklet: { creep: 10 }\nprint: { bleed: 10mm }\n')).toMatchObject({ timeout: 3600000, booklet: { creep: 10 }, print: { bleed: '10mm' } });
    expect(configOf('series: S\npage: { width: 50mm, height: 600mm, margins: { inside: 5mm, outside: 5mm, top: 80mm, bottom: 0mm } }\n')).toMatchObject({ page: { width: '50mm', height: '600mm' } });
    // Exactly 40 mm of text width and of text height is enough.
    expect(configOf('series: S\npage: { width: 100mm, height: 100mm, margins: { inside: 30mm, outside: 30mm, top: 30mm, bottom: 30mm } }\n')).toMatchObject({ page: { width: '100mm' } });
  });

  test('lang may carry a region and subtags', () => {
    expect(configOf('series: S\nlang: zh-Hant-TW\n')).toMatchObject({ lang: 'zh-Hant-TW' });
    expect(configOf('series: S\nlang: gsw\n')).toMatchObject({ lang: 'gsw' });
  });

  test('a .csl file inside the folder is named by its path; a style folder under Debian’s root is allowed', () => {
    expect(configOf('series: S\ncitation-style: styles/mine.csl\n', { 'styles/mine.csl': '<style/>' })).toMatchObject({ citationStyle: '<dir>/styles/mine.csl' });
    expect(configOf('series: S\ncsl-styles: /usr/share/citation-style-language/styles\n')).toMatchObject({
      styleDirs: ['<dir>/styles', '/usr/share/citation-style-language/styles', '/usr/share/citation-style-language/styles'],
    });
    expect(configOf('series: S\nbibliography: refs.bib\n', { 'refs.bib': '' })).toMatchObject({ bibliography: '<dir>/refs.bib' });
    expect(configOf('series: S\ncache-dir: cache\n', { 'cache/x': '' })).toMatchObject({ cacheDir: '<dir>/cache' });
  });

  test('aliases resolve as YAML says', () => {
    expect(configOf('series: &s Notes\npublisher: *s\npage: { size: A4, margins: &m { top: 5mm } }\nprint: { bleed: 1mm }\n')).toMatchObject({ series: 'Notes', publisher: 'Notes', page: { name: 'A4', margins: { top: '5mm' } } });
    // An alias to a mapping is checked as that mapping, at the anchor's values.
    expect(errorsOf('series: S\nsubtitle: &m { top: 90mm }\npage: { margins: *m }\n')).toEqual([
      'pamphlet.yaml:2:14: error: `subtitle` must be a string, not {"top":"90mm"} [config]',
      'pamphlet.yaml:2:21: error: `page.margins.top` must be from 0 mm to 80 mm, not "90mm" [config]',
    ]);
  });
});

describe('an invalid pamphlet.yaml', () => {
  test('no pamphlet.yaml', () => {
    const dir = folder({ 'part-1.md': '' });
    expect(() => loadConfig(dir)).toThrow(`no pamphlet.yaml in ${dir}: a manuscript folder needs one (see README, “The manuscript format”)`);
  });

  test('not UTF-8, at the first bad byte', () => {
    expect(errorsOf(Uint8Array.from([...Buffer.from('series: S\nsubtitle: caf'), 0xe9, 0x0a]))).toEqual([
      'pamphlet.yaml:2:14: error: not UTF-8: byte 0xe9 cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8) [encoding]',
    ]);
  });

  test('a pamphlet.yaml that is a link out of the folder', () => {
    const dir = folder({ 'manuscript/part-1.md': '', 'outside.yaml': 'series: S\n' });
    symlinkSync(path.join(dir, 'outside.yaml'), path.join(dir, 'manuscript', 'pamphlet.yaml'));
    expect(errorsIn(dir, 'manuscript')).toEqual([
      'manuscript/pamphlet.yaml:1:1: error: pamphlet.yaml is a symbolic link to <dir>/outside.yaml, outside the manuscript folder: pamphlet never reads outside it [outside-folder]',
    ]);
  });

  test('YAML syntax', () => {
    expect(errorsOf('series: [unclosed\n')).toEqual(['pamphlet.yaml:2:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [yaml]']);
    expect(errorsOf('series: S\nseries: T\n')).toEqual(['pamphlet.yaml:2:1: error: invalid YAML: Map keys must be unique [yaml]']);
  });

  test('not a mapping', () => {
    expect(errorsOf('- a\n- b\n')).toEqual([
      'pamphlet.yaml:1:1: error: pamphlet.yaml must be a mapping of keys to values [config]',
      'pamphlet.yaml:1:1: error: `series` is required: the series title [config]',
    ]);
    expect(errorsOf('')).toEqual(['pamphlet.yaml:1:1: error: `series` is required: the series title [config]']);
    expect(errorsOf('series: S\npage: 3\nprint: [1]\nhandout: x\nbooklet: true\n')).toEqual([
      'pamphlet.yaml:2:7: error: `page` must be a mapping, not 3 [config]',
      'pamphlet.yaml:3:8: error: `print` must be a mapping, not [1] [config]',
      'pamphlet.yaml:4:10: error: `handout` must be a mapping, not "x" [config]',
      'pamphlet.yaml:5:10: error: `booklet` must be a mapping, not true [config]',
    ]);
    expect(errorsOf('series: S\npage: { margins: [1] }\n')).toEqual(['pamphlet.yaml:2:18: error: `page.margins` must be a mapping, not [1] [config]']);
    expect(errorsOf('series: S\npage: { margins: ~ }\n')).toEqual(['pamphlet.yaml:2:18: error: `page.margins` must be a mapping, not null [config]']);
  });

  test('unknown keys, at each, naming the keys known there', () => {
    expect(errorsOf('series: S\nfoo: 1\npage:\n  colour: red\n  margins: { left: 3mm }\nprint: { crop: 1 }\nhandout: { paper: A4 }\nbooklet: { fold: 1 }\n')).toEqual([
      'pamphlet.yaml:2:1: error: unknown key `foo` in pamphlet.yaml (known: series, subtitle, author, authors, publisher, lang, bibliography, citation-style, csl-styles, csl-locales, page, base-url, questions, bibliography-title, questions-title, paragraph-numbers, smart, print, handout, booklet, timeout, browser, cache-dir, theme, fonts, epub, rights, isbn, edition, publisher-address, printer, description, subjects, source, cover) [config]',
      'pamphlet.yaml:4:3: error: unknown key `page.colour` in pamphlet.yaml (known: size, width, height, margins) [config]',
      'pamphlet.yaml:5:14: error: unknown key `page.margins.left` in pamphlet.yaml (known: top, bottom, inside, outside) [config]',
      'pamphlet.yaml:6:10: error: unknown key `print.crop` in pamphlet.yaml (known: bleed, marks) [config]',
      'pamphlet.yaml:7:12: error: unknown key `handout.paper` in pamphlet.yaml (known: size) [config]',
      'pamphlet.yaml:8:12: error: unknown key `booklet.fold` in pamphlet.yaml (known: creep) [config]',
    ]);
    expect(errorsOf('series: S\n[a]: 1\n')).toEqual([expect.stringMatching(/^pamphlet\.yaml:2:1: error: unknown key `\["a"\]` in pamphlet\.yaml \(known: series, /)]);
  });

  test('wrong types, at the value, saying what it must be', () => {
    expect(errorsOf('series: 3\nsmart: yes\nparagraph-numbers: 1\nauthors: [1, 2]\ntimeout: fast\npage: { width: wide, height: -3 }\nprint: { bleed: 3 furlongs, marks: 0 }\nbooklet: { creep: .inf }\nsubtitle: [a]\n')).toEqual([
      'pamphlet.yaml:1:9: error: `series` must be a string, not 3 [config]',
      'pamphlet.yaml:2:8: error: `smart` must be true or false, not "yes" [config]',
      'pamphlet.yaml:3:20: error: `paragraph-numbers` must be true or false, not 1 [config]',
      'pamphlet.yaml:4:10: error: `authors` must be a list of strings, not [1,2] [config]',
      'pamphlet.yaml:5:10: error: `timeout` must be a number, not "fast" [config]',
      'pamphlet.yaml:9:11: error: `subtitle` must be a string, not ["a"] [config]',
      'pamphlet.yaml:6:16: error: `page.width` must be a length such as 3mm, 0.5in or 12pt, not "wide" [config]',
      'pamphlet.yaml:6:30: error: `page.height` must be a length such as 3mm, 0.5in or 12pt, not -3 [config]',
      'pamphlet.yaml:7:17: error: `print.bleed` must be a length such as 3mm, 0.5in or 12pt, not "3 furlongs" [config]',
      'pamphlet.yaml:7:36: error: `print.marks` must be true or false, not 0 [config]',
      'pamphlet.yaml:8:19: error: `booklet.creep` must be a number, not null [config]',
      'pamphlet.yaml:1:9: error: `series` is required: the series title [config]',
    ]);
    expect(errorsOf('series: S\nauthors: A\n')).toEqual(['pamphlet.yaml:2:10: error: `authors` must be a list of strings, not "A" [config]']);
    expect(errorsOf('series: S\nauthors: { a: 1 }\n')).toEqual(['pamphlet.yaml:2:10: error: `authors` must be a list of strings, not {"a":1} [config]']);
    expect(errorsOf('series: S\npage: { width: 1.5.mm }\n')).toEqual(['pamphlet.yaml:2:16: error: `page.width` must be a length such as 3mm, 0.5in or 12pt, not "1.5.mm" [config]']);
    expect(errorsOf('series: S\npage: { width: 12 mm, height: mm }\n')).toEqual([
      'pamphlet.yaml:2:16: error: `page.width` must be a length such as 3mm, 0.5in or 12pt, not "12 mm" [config]',
      'pamphlet.yaml:2:31: error: `page.height` must be a length such as 3mm, 0.5in or 12pt, not "mm" [config]',
    ]);
  });

  test('numbers and lengths out of their ranges, one past each edge', () => {
    expect(errorsOf('series: S\ntimeout: 999\nbooklet: { creep: -0.1 }\nprint: { bleed: 10.5mm }\n')).toEqual([
      'pamphlet.yaml:2:10: error: `timeout` must be a whole number from 1000 to 3600000 milliseconds (1 s to 1 h), not 999 [config]',
      'pamphlet.yaml:4:17: error: `print.bleed` must be from 0 mm to 10 mm, not "10.5mm" [config]',
      'pamphlet.yaml:3:19: error: `booklet.creep` must be a number from 0 to 10 points, not -0.1 [config]',
    ]);
    expect(errorsOf('series: S\ntimeout: 3600001\nbooklet: { creep: 10.01 }\n')).toEqual([
      'pamphlet.yaml:2:10: error: `timeout` must be a whole number from 1000 to 3600000 milliseconds (1 s to 1 h), not 3600001 [config]',
      'pamphlet.yaml:3:19: error: `booklet.creep` must be a number from 0 to 10 points, not 10.01 [config]',
    ]);
    expect(errorsOf('series: S\ntimeout: 1000.5\n')).toEqual(['pamphlet.yaml:2:10: error: `timeout` must be a whole number from 1000 to 3600000 milliseconds (1 s to 1 h), not 1000.5 [config]']);
    expect(errorsOf('series: S\npage: { width: 49mm, height: 601mm, margins: { top: 81mm, bottom: 8.1cm, inside: 3.2in, outside: 230pt } }\n')).toEqual([
      'pamphlet.yaml:2:16: error: `page.width` must be from 50 mm to 600 mm, not "49mm" [config]',
      'pamphlet.yaml:2:30: error: `page.height` must be from 50 mm to 600 mm, not "601mm" [config]',
      'pamphlet.yaml:2:53: error: `page.margins.top` must be from 0 mm to 80 mm, not "81mm" [config]',
      'pamphlet.yaml:2:67: error: `page.margins.bottom` must be from 0 mm to 80 mm, not "8.1cm" [config]',
      'pamphlet.yaml:2:82: error: `page.margins.inside` must be from 0 mm to 80 mm, not "3.2in" [config]',
      'pamphlet.yaml:2:98: error: `page.margins.outside` must be from 0 mm to 80 mm, not "230pt" [config]',
    ]);
    // Each unit converted: 1.9 in is 48.3 mm, 2300 px 608.5 mm, 11 pc 46.6 mm, 140 pt 49.4 mm, 4.9 cm 49 mm.
    expect(errorsOf('series: S\npage: { width: 1.9in, height: 2300px }\n')).toEqual([
      'pamphlet.yaml:2:16: error: `page.width` must be from 50 mm to 600 mm, not "1.9in" [config]',
      'pamphlet.yaml:2:31: error: `page.height` must be from 50 mm to 600 mm, not "2300px" [config]',
    ]);
    expect(errorsOf('series: S\npage: { width: 11pc, height: 140pt }\n')).toEqual([
      'pamphlet.yaml:2:16: error: `page.width` must be from 50 mm to 600 mm, not "11pc" [config]',
      'pamphlet.yaml:2:30: error: `page.height` must be from 50 mm to 600 mm, not "140pt" [config]',
    ]);
    expect(errorsOf('series: S\npage: { width: 4.9cm, height: 100mm }\n')).toEqual([
      'pamphlet.yaml:2:16: error: `page.width` must be from 50 mm to 600 mm, not "4.9cm" [config]',
    ]);
    // ... and just inside: 2 in, 12 pc, 144 pt and 5 cm are 50.8, 50.8, 50.8 and 50 mm; 2260 px is 598 mm.
    expect(configOf('series: S\npage: { width: 2in, height: 2260px, margins: { inside: 0, outside: 0 } }\n')).toMatchObject({ page: { width: '2in', height: '2260px' } });
    expect(configOf('series: S\npage: { width: 12pc, height: 144pt, margins: { inside: 0, outside: 0, top: 0, bottom: 0 } }\n')).toMatchObject({ page: { width: '12pc', height: '144pt' } });
    expect(configOf('series: S\npage: { width: 5cm, height: 5cm, margins: { inside: 0, outside: 0, top: 0, bottom: 0 } }\n')).toMatchObject({ page: { width: '5cm' } });
  });

  test('margins that leave too little text, at the margins or at the page', () => {
    expect(errorsOf('series: S\npage: { size: A5, margins: { inside: 60mm, outside: 48.1mm } }\n')).toEqual([
      "pamphlet.yaml:2:28: error: the margins leave less than 40 mm of the page's width for the text [config]",
    ]);
    expect(errorsOf('series: S\npage: { width: 148mm, height: 199mm, margins: { top: 80mm, bottom: 80mm } }\n')).toEqual([
      "pamphlet.yaml:2:47: error: the margins leave less than 40 mm of the page's height for the text [config]",
    ]);
    expect(errorsOf('series: S\npage: { width: 50mm, height: 100mm }\n')).toEqual([
      "pamphlet.yaml:2:7: error: the margins leave less than 40 mm of the page's width for the text [config]",
    ]);
    expect(errorsOf('series: S\npage: { width: 100mm, height: 77mm }\n')).toEqual([
      "pamphlet.yaml:2:7: error: the margins leave less than 40 mm of the page's height for the text [config]",
    ]);
    // The outside margin alone names the margins too; the bottom alone as well.
    expect(errorsOf('series: S\npage: { size: custom, width: 72mm, height: 100mm, margins: { outside: 15mm } }\n')).toEqual([
      "pamphlet.yaml:2:60: error: the margins leave less than 40 mm of the page's width for the text [config]",
    ]);
    expect(errorsOf('series: S\npage: { width: 100mm, height: 78mm, margins: { bottom: 20.1mm } }\n')).toEqual([
      "pamphlet.yaml:2:46: error: the margins leave less than 40 mm of the page's height for the text [config]",
    ]);
  });

  test('a custom page without both sides; an unknown size', () => {
    expect(errorsOf('series: S\npage: { width: 100mm }\n')).toEqual(['pamphlet.yaml:2:7: error: a custom page needs `width` and `height` [config]']);
    expect(errorsOf('series: S\npage: { size: custom, height: 100mm }\n')).toEqual(['pamphlet.yaml:2:7: error: a custom page needs `width` and `height` [config]']);
    expect(errorsOf('series: S\npage:\n  size: B6\n')).toEqual(['pamphlet.yaml:3:9: error: unknown page size “B6”: use A5, A4, letter, half-letter, B5, royal, demy, pocket, or width and height [config]']);
  });

  test('series, authors, questions, handout size, lang', () => {
    expect(errorsOf('series: "   "\nauthor: A\nauthors: [B]\nquestions: sometimes\nhandout: { size: A3 }\nlang: english\n')).toEqual([
      'pamphlet.yaml:1:9: error: `series` is required: the series title [config]',
      'pamphlet.yaml:3:10: error: give `author` or `authors`, not both [config]',
      'pamphlet.yaml:4:12: error: `questions` is `everywhere` or `handout-only` [config]',
      'pamphlet.yaml:5:18: error: `handout.size` is A4 or letter [config]',
      'pamphlet.yaml:6:7: error: `lang` must be a BCP 47 language tag such as en or en-GB, not “english” [config]',
    ]);
    expect(errorsOf('series: S\nlang: e\n')).toEqual(['pamphlet.yaml:2:7: error: `lang` must be a BCP 47 language tag such as en or en-GB, not “e” [config]']);
    expect(errorsOf('series: S\nlang: en-\n')).toEqual(['pamphlet.yaml:2:7: error: `lang` must be a BCP 47 language tag such as en or en-GB, not “en-” [config]']);
    expect(errorsOf('series: S\nlang: " en"\n')).toEqual(['pamphlet.yaml:2:7: error: `lang` must be a BCP 47 language tag such as en or en-GB, not “ en” [config]']);
    expect(errorsOf('series: S\nlang: "en-GB "\n')).toEqual(['pamphlet.yaml:2:7: error: `lang` must be a BCP 47 language tag such as en or en-GB, not “en-GB ” [config]']);
  });

  test('the bibliography: missing, outside, of another kind', () => {
    expect(errorsOf('series: S\nbibliography: missing.bib\n')).toEqual(['pamphlet.yaml:2:15: error: bibliography file not found: missing.bib [outside-folder]']);
    expect(errorsOf('series: S\nbibliography: ../refs.bib\n')).toEqual(['pamphlet.yaml:2:15: error: the bibliography must be a file inside the manuscript folder: ../refs.bib is outside the manuscript folder [outside-folder]']);
    expect(errorsOf('series: S\nbibliography: refs.txt\n', { 'refs.txt': '' })).toEqual(['pamphlet.yaml:2:15: error: the bibliography is a .bib (BibTeX/BibLaTeX) or .json (CSL-JSON) file [config]']);
    expect(errorsOf('series: S\nbibliography: refs.bib.txt\n', { 'refs.bib.txt': '' })).toEqual(['pamphlet.yaml:2:15: error: the bibliography is a .bib (BibTeX/BibLaTeX) or .json (CSL-JSON) file [config]']);
  });

  test('the citation style: an id that is a path, a missing or outside .csl', () => {
    expect(errorsOf('series: S\ncitation-style: ../evil\n')).toEqual([
      "pamphlet.yaml:2:17: error: `citation-style` is a CSL style id such as apa or chicago-author-date (letters, digits, '.', '-', '_'; no path), or the path of a .csl file inside the manuscript folder, not “../evil” [csl-style]",
    ]);
    expect(errorsOf('series: S\ncitation-style: a..b\n')).toEqual([expect.stringContaining('pamphlet.yaml:2:17: error: `citation-style` is a CSL style id such as apa')]);
    expect(errorsOf('series: S\ncitation-style: apa/x\n')).toEqual([expect.stringContaining('not “apa/x” [csl-style]')]);
    expect(errorsOf('series: S\ncitation-style: -apa\n')).toEqual([expect.stringContaining('not “-apa” [csl-style]')]);
    expect(errorsOf('series: S\ncitation-style: mine.csl\n')).toEqual(['pamphlet.yaml:2:17: error: CSL style file not found inside the manuscript folder: mine.csl [csl-style]']);
    expect(errorsOf('series: S\ncitation-style: ../x.csl\n')).toEqual(['pamphlet.yaml:2:17: error: a CSL style file must be inside the manuscript folder: ../x.csl is outside the manuscript folder [csl-style]']);
  });

  test('CSL folders: outside, missing; styles/ a link out', () => {
    expect(errorsOf('series: S\ncsl-styles: /etc\n')).toEqual(['pamphlet.yaml:2:13: error: `csl-styles` must be a folder inside the manuscript folder or /usr/share/citation-style-language, not /etc [outside-folder]']);
    expect(errorsOf('series: S\ncsl-locales: nowhere\n')).toEqual(['pamphlet.yaml:2:14: error: `csl-locales`: not found: <dir>/nowhere [outside-folder]']);
    expect(errorsOf('series: S\ncsl-locales: /usr/share/citation-style-language/nowhere\n')).toEqual([
      'pamphlet.yaml:2:14: error: `csl-locales`: not found: /usr/share/citation-style-language/nowhere [outside-folder]',
    ]);
    const dir = folder({ 'm/pamphlet.yaml': 'series: S\n', 'elsewhere/x.csl': '' });
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'm', 'styles'));
    expect(errorsIn(dir, 'm')).toEqual([
      'm/pamphlet.yaml:1:1: error: CSL styles are looked up in styles/, but styles is a symbolic link to <dir>/elsewhere, outside the manuscript folder: pamphlet never reads outside it [outside-folder]',
      // The manuscript's style sheets are looked up in styles/ too (src/style/manuscript-css.ts), each refused.
      ...['print', 'handout', 'epub'].map((sheet) => `m/styles/${sheet}.css:1:1: error: styles is a symbolic link to <dir>/elsewhere, outside the manuscript folder: pamphlet never reads outside it [outside-folder]`),
    ]);
  });

  test('cache-dir: outside, the folder itself, through a link out', () => {
    expect(errorsOf('series: S\ncache-dir: ../x\n')).toEqual(['pamphlet.yaml:2:12: error: `cache-dir` must be a folder inside the manuscript folder, not ../x [outside-folder]']);
    expect(errorsOf('series: S\ncache-dir: .\n')).toEqual(['pamphlet.yaml:2:12: error: `cache-dir` must be a folder inside the manuscript folder, not . [outside-folder]']);
    const dir = folder({ 'm/pamphlet.yaml': 'series: S\ncache-dir: out/cache/deeper\n' });
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'm', 'out'));
    expect(errorsIn(dir, 'm')).toEqual([
      'm/pamphlet.yaml:2:12: error: `cache-dir`: out is a symbolic link to <dir>/elsewhere, outside the manuscript folder: pamphlet never reads outside it [outside-folder]',
    ]);
  });

  test('every problem of the file at once', () => {
    expect(errorsOf('series: S\nfoo: 1\ntimeout: 5\n')).toHaveLength(2);
  });
});

describe('lengths and keys', () => {
  test('a length in millimetres in each unit', () => {
    expect([lengthInMm('12mm'), lengthInMm('1.5cm'), lengthInMm('2in'), lengthInMm('72pt'), lengthInMm('6pc'), lengthInMm('96px'), lengthInMm('0'), lengthInMm(7)]).toEqual([12, 15, 50.8, 25.4, 25.4, 25.4, 0, 7]);
    expect([lengthInMm('12'), lengthInMm('mm'), lengthInMm('1.mm'), lengthInMm(' 3mm'), lengthInMm('3mm '), lengthInMm('3em')]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });


  test('the keys init explains', () => {
    expect(CONFIG_KEYS()).toEqual(['series', 'subtitle', 'author', 'authors', 'publisher', 'lang', 'bibliography', 'citation-style', 'csl-styles', 'csl-locales', 'page', 'base-url', 'questions', 'bibliography-title', 'questions-title', 'paragraph-numbers', 'smart', 'print', 'handout', 'booklet', 'timeout', 'browser', 'cache-dir', 'theme', 'fonts', 'epub', 'rights', 'isbn', 'edition', 'publisher-address', 'printer', 'description', 'subjects', 'source', 'cover']);
  });
});

describe('the named page sizes and the nested settings', () => {
  test('each book size gives its page and margins in the proportions of A5’s (18/20/18/14 mm on 148 × 210)', () => {
    const page = (size: string) => (configOf(`series: S\npage: { size: ${size} }\n`) as { page: unknown }).page;
    expect(page('B5')).toEqual({ name: 'B5', width: '176mm', height: '250mm', margins: { top: '21.4mm', bottom: '23.8mm', inside: '21.4mm', outside: '16.6mm' } });
    expect(page('royal')).toEqual({ name: 'royal', width: '156mm', height: '234mm', margins: { top: '20.1mm', bottom: '22.3mm', inside: '19mm', outside: '14.8mm' } });
    expect(page('demy')).toEqual({ name: 'demy', width: '138mm', height: '216mm', margins: { top: '18.5mm', bottom: '20.6mm', inside: '16.8mm', outside: '13.1mm' } });
    expect(page('pocket')).toEqual({ name: 'pocket', width: '110mm', height: '178mm', margins: { top: '15.3mm', bottom: '17mm', inside: '13.4mm', outside: '10.4mm' } });
    // A name an object has but no table of sizes does.
    expect(errorsOf('series: S\npage: { size: toString }\n')).toEqual(['pamphlet.yaml:2:15: error: unknown page size “toString”: use A5, A4, letter, half-letter, B5, royal, demy, pocket, or width and height [config]']);
  });

  test('a margin with two decimals is kept as written', () => {
    expect((configOf('series: S\npage: { size: A5, margins: { top: 12.25mm } }\n') as { page: unknown }).page).toEqual({ ...A5, margins: { ...A5.margins, top: '12.25mm' } });
  });

  test('margins that leave too little of the page, across or down, are refused where they are written', () => {
    expect(errorsOf('series: S\npage: { size: A5, margins: { inside: 80mm, outside: 80mm } }\n')).toEqual(["pamphlet.yaml:2:28: error: the margins leave less than 40 mm of the page's width for the text [config]"]);
    expect(errorsOf('series: S\npage: { width: 100mm, height: 100mm, margins: { top: 60mm, bottom: 50mm } }\n')).toEqual(["pamphlet.yaml:2:47: error: the margins leave less than 40 mm of the page's height for the text [config]"]);
    expect(errorsOf('series: S\npage: { size: A5, margins: { top: 120mm, bottom: 100mm } }\n')).toEqual([
      'pamphlet.yaml:2:35: error: `page.margins.top` must be from 0 mm to 80 mm, not "120mm" [config]',
      'pamphlet.yaml:2:50: error: `page.margins.bottom` must be from 0 mm to 80 mm, not "100mm" [config]',
    ]);
  });

  test('fonts and epub take only their own keys, of their own types', () => {
    expect(errorsOf('series: S\nfonts: { text: 3 }\n')).toEqual(['pamphlet.yaml:2:16: error: `fonts.text` must be a string, not 3 [config]']);
    expect(errorsOf('series: S\nfonts: { colour: red }\n')).toEqual(['pamphlet.yaml:2:10: error: unknown key `fonts.colour` in pamphlet.yaml (known: text, headings, mono) [config]']);
    expect(errorsOf('series: S\nepub: { embed-fonts: yes please }\n')).toEqual(['pamphlet.yaml:2:22: error: `epub.embed-fonts` must be true or false, not "yes please" [config]']);
    expect(errorsOf('series: S\nepub: { other: true }\n')).toEqual(['pamphlet.yaml:2:9: error: unknown key `epub.other` in pamphlet.yaml (known: embed-fonts) [config]']);
    expect(errorsOf('series: S\nfonts: [a, b]\n')).toEqual(['pamphlet.yaml:2:8: error: `fonts` must be a mapping, not ["a","b"] [config]']);
    expect(errorsOf('series: S\nfonts:\n')).toEqual(['pamphlet.yaml:2:7: error: `fonts` must be a mapping, not null [config]']);
    expect(errorsOf('series: S\nepub: 3\n')).toEqual(['pamphlet.yaml:2:7: error: `epub` must be a mapping, not 3 [config]']);
    expect(errorsOf('- a\n- b\n')).toEqual(['pamphlet.yaml:1:1: error: pamphlet.yaml must be a mapping of keys to values [config]', 'pamphlet.yaml:1:1: error: `series` is required: the series title [config]']);
  });

  test('an unknown theme and an unknown font family are named, with what there is', () => {
    expect(errorsOf('series: S\ntheme: baroque\n')).toEqual(['pamphlet.yaml:2:8: error: unknown theme “baroque”: use classic, modern, plain [config]']);
    expect(errorsOf('series: S\nfonts: { text: Nonexistent Face }\n')).toEqual(['pamphlet.yaml:2:16: error: no bundled font family “Nonexistent Face” for `fonts.text`: use one of EB Garamond, Noto Serif, Source Serif 4, Literata, Noto Sans, Source Sans 3, Fira Sans, IBM Plex Sans, or the path of a .ttf, .otf or .woff2 file inside the manuscript folder (fonts/Face-Regular.ttf) [font]']);
  });

  test('headings follow a new text face where the theme sets them in its text face, and keep the theme’s own otherwise', () => {
    const fonts = (yaml: string) => (configOf(`series: S\n${yaml}`) as { fonts: unknown }).fonts;
    const bundled = (family: string) => ({ kind: 'bundled', family });
    expect(fonts('fonts: { text: Literata }\n')).toEqual({ text: bundled('Literata'), headings: bundled('Literata'), mono: bundled('Noto Sans Mono') });
    expect(fonts('theme: modern\n')).toEqual({ text: bundled('Source Serif 4'), headings: bundled('IBM Plex Sans'), mono: bundled('JetBrains Mono') });
    expect(fonts('theme: modern\nfonts: { text: EB Garamond }\n')).toEqual({ text: bundled('EB Garamond'), headings: bundled('IBM Plex Sans'), mono: bundled('JetBrains Mono') });
    expect(fonts('theme: modern\nfonts: { text: EB Garamond, headings: Fira Sans }\n')).toEqual({ text: bundled('EB Garamond'), headings: bundled('Fira Sans'), mono: bundled('JetBrains Mono') });
  });

  test('a folder without pamphlet.yaml says so, at the file it looked for', () => {
    expect(errorsIn(folder({ 'part-1.md': 'text' }))).toEqual(['pamphlet.yaml:1:1: error: no pamphlet.yaml in <dir>: a manuscript folder needs one (see README, “The manuscript format”) [missing-config]']);
  });
});
