// Every script in print (issue 9, item 5): words in Cyrillic, Greek and Vietnamese are
// set in EB Garamond, Devanagari in the declared Noto fallback, never in a system face;
// `check` warns at its place about a character no embedded face has; a German and a
// Russian text (public domain, a few pages each) build with their own hyphenation
// patterns, quotation marks and CSL locale. Built by the real CLI, read back with poppler
// and pdf.js.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyphenateText, SOFT_HYPHEN } from '../src/pipeline/rehype-hyphenate.js';
import { printAssets } from '../src/render/assets.js';
import { fontFaceCss } from '../src/render/fonts.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { letters, missingLetters } from './helpers/letters.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pagesText, pdffonts } from './helpers/poppler.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

function build(fixture: string, formats = 'pdf,epub'): string {
  const out = mkdtempSync(path.join(os.tmpdir(), `pamphlet-${fixture}-`));
  const result = pamphlet(['build', path.join(FIXTURES, fixture), '--out', out, '--format', formats, '--quiet'], FIXTURES);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return out;
}

/**
 * Text nobody here wrote: the names of 24 of the world's languages in a locale's own script and
 * list form, as CLDR has them (Node's ICU, Intl.DisplayNames and Intl.ListFormat).
 */
function cldrParagraph(locale: string): string {
  const codes = ['en', 'de', 'fr', 'ru', 'ar', 'he', 'zh', 'ja', 'ko', 'th', 'hi', 'es', 'pt', 'it', 'pl', 'uk', 'tr', 'fa', 'sw', 'vi', 'el', 'nl', 'sv', 'fi'];
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return new Intl.ListFormat(locale).format(codes.map((code) => names.of(code) ?? code));
}

interface TextRun {
  page: number;
  text: string;
  /** The font's name in the PDF. */
  font: string;
  /** Type size and baseline height on the page, in points (y from the foot up). */
  size: number;
  y: number;
}

/** Every run of text pdf.js finds, with the font it is set in. */
async function textRuns(file: string): Promise<TextRun[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0, isEvalSupported: false }).promise;
  const runs: TextRun[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      // The operator list loads the fonts, so their names can be asked for.
      await page.getOperatorList();
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c = 0, d = 0, , y = 0] = item.transform as number[];
        runs.push({ page: n, text: item.str, font: (page.commonObjs.get(item.fontName) as { name: string }).name, size: Math.hypot(c, d), y });
      }
    }
  } finally {
    await doc.destroy();
  }
  return runs;
}

describe('the print HTML’s fonts', () => {
  it('declares every @fontsource subset of EB Garamond with its unicode-range, small caps and the fallback', () => {
    const assets = printAssets();
    const css = fontFaceCss(assets.fontUrls);
    const rules = [...css.matchAll(/@font-face \{ font-family: '([^']+)'; font-style: (\w+); font-weight: (\d+);[^}]*src: url\("([^"]+)"\)[^}]*?(?:unicode-range: ([^;]+);)? \}/g)].map((m) => ({
      family: m[1], style: m[2], weight: Number(m[3]), url: m[4]!, range: m[5],
    }));
    const ranges = JSON.parse(readFileSync(path.join(assets.fontDirs['eb-garamond']!, 'unicode.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(ranges).sort()).toEqual(['cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'latin', 'latin-ext', 'vietnamese']);
    const roman = rules.filter((r) => r.family === 'EB Garamond' && r.style === 'normal' && r.weight === 400);
    expect(roman.map((r) => [path.basename(r.url), r.range]).sort()).toEqual(Object.entries(ranges).map(([subset, range]) => [`eb-garamond-${subset}-400-normal.woff2`, range]).sort());
    expect(rules.filter((r) => r.family === 'EB Garamond SC').map((r) => path.basename(r.url))).toEqual(['EBGaramond_400Regular.ttf', 'EBGaramond_500Medium.ttf']);
    const fallback = rules.filter((r) => r.family === 'Pamphlet Fallback' && r.style === 'normal').map((r) => path.basename(r.url));
    expect(fallback).toContain('noto-serif-math-400-normal.woff2');
    expect(fallback).toContain('noto-sans-devanagari-400-normal.woff2');
    for (const file of ['noto-naskh-arabic-arabic-400-normal.woff2', 'noto-serif-hebrew-hebrew-400-normal.woff2', 'noto-serif-thai-thai-400-normal.woff2']) expect(fallback).toContain(file);
    // Last, so it is tried first within its family.
    expect(fallback.at(-1)).toBe('EBGaramond_400Regular.ttf');
    // Every file is there, and only font files of our packages are named.
    for (const rule of rules) {
      const file = new URL(rule.url);
      expect(Object.values(assets.fontDirs).some((dir) => file.pathname.startsWith(`${dir}/`)), rule.url).toBe(true);
      expect(() => readFileSync(file), rule.url).not.toThrow();
    }
  });
});

describe('words in other scripts, in an English text', () => {
  let pdf: string;
  beforeAll(() => {
    pdf = path.join(build('scripts', 'pdf'), 'every-script-1.pdf');
  });

  it('embeds only EB Garamond and the Noto fallback, never a system face', () => {
    const fonts = pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name, font.name).toMatch(/^[A-Z]{6}\+(EBGaramond|NotoSerif|NotoSans)-/);
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toBe('Type 3');
    }
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/DejaVu|Liberation|FreeSerif/);
  });

  it('sets the Cyrillic and the Greek word in EB Garamond', async () => {
    const runs = await textRuns(pdf);
    const cyrillic = runs.filter((r) => /\p{Script=Cyrillic}/u.test(r.text));
    const greek = runs.filter((r) => /\p{Script=Greek}/u.test(r.text));
    // Soft hyphens may cut the word into runs; together they are the word.
    expect(cyrillic.map((r) => r.text.trim()).join('')).toContain('печатники');
    expect(greek.map((r) => r.text).join(' ')).toContain('λόγος');
    for (const run of [...cyrillic, ...greek]) expect(run.font, run.text).toMatch(/^[A-Z]{6}\+EBGaramond-/);
    const text = pagesText(pdf).join('\n');
    for (const word of ['печатники', 'λόγος', 'Nguyễn Ái Quốc', 'Ґудзь', 'ἀρετή', '→']) expect(text).toContain(word);
  });

  it('sets what EB Garamond lacks (Devanagari) in the embedded Noto fallback', async () => {
    expect(pagesText(pdf).join('\n')).toContain('क्रांति');
    const runs = await textRuns(pdf);
    const devanagari = runs.filter((r) => /\p{Script=Devanagari}/u.test(r.text));
    expect(devanagari.length).toBeGreaterThan(0);
    for (const run of devanagari) expect(run.font, run.text).toMatch(/^[A-Z]{6}\+NotoSans-/);
  });
});

describe('paragraphs in Arabic, Hebrew and Thai (CLDR’s names of languages), in an English text', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = copyFixture('scripts');
    appendFileSync(path.join(dir, 'manuscript', 'part-1.md'), `\n${['ar', 'he', 'th'].map(cldrParagraph).join('\n\n')}\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf,epub'], dir);
    expect(result.stderr).not.toContain('no embedded font');
    expect(result.status, result.stderr).toBe(0);
    file = path.join(dir, 'out', 'every-script-1.pdf');
  });

  it('sets them in the embedded Noto Naskh Arabic, Noto Serif Hebrew and Noto Serif Thai', async () => {
    const fonts = pdffonts(file);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).toBe('CID TrueType');
    }
    const runs = await textRuns(file);
    const faces: Array<[RegExp, RegExp]> = [[/\p{Script=Arabic}/u, /\+NotoNaskhArabic-/], [/\p{Script=Hebrew}/u, /\+NotoSerifHebrew-/], [/\p{Script=Thai}/u, /\+NotoSerifThai-/]];
    for (const [script, face] of faces) {
      const letters = runs.filter((r) => script.test(r.text));
      expect(letters.length, String(script)).toBeGreaterThan(0);
      // A run pdf.js reads may hold a space or a comma of the text face; its letters are the script's face's.
      expect(letters.filter((r) => face.test(r.font)).length, String(script)).toBeGreaterThan(0);
      expect(letters.filter((r) => !face.test(r.font) && [...r.text].filter((c) => script.test(c)).length > 1), String(script)).toEqual([]);
    }
  });

  it('lays the Arabic and Hebrew paragraphs out right to left: each one’s last line ends at the right edge, short of the left', () => {
    const pages = pdfWords(file);
    for (const script of [/\p{Script=Arabic}/u, /\p{Script=Hebrew}/u]) {
      const page = pages.find((words) => words.some((w) => script.test(w.text)))!;
      const words = page.filter((w) => script.test(w.text));
      // Lines by their middle: poppler gives the pieces of an Arabic word boxes of different heights.
      const middle = (w: Word): number => (w.yMin + w.yMax) / 2;
      const lines: Word[][] = [];
      for (const w of [...words].sort((a, b) => middle(a) - middle(b))) {
        const line = lines.at(-1);
        if (line && middle(w) - middle(line[0]!) < 6) line.push(w);
        else lines.push([w]);
      }
      expect(lines.length, String(script)).toBeGreaterThan(1);
      // The paragraph's full lines are justified from edge to edge of the text block.
      const left = Math.min(...words.map((w) => w.xMin));
      const right = Math.max(...words.map((w) => w.xMax));
      const last = lines.at(-1)!;
      expect(Math.max(...last.map((w) => w.xMax)), String(script)).toBeGreaterThan(right - 1.5);
      expect(Math.min(...last.map((w) => w.xMin)), String(script)).toBeGreaterThan(left + 20);
    }
  });

  it('marks those paragraphs, and only those, dir="rtl" in the EPUB, which passes epubcheck', () => {
    const epub = path.join(dir, 'out', 'every-script-1.epub');
    const checked = epubcheck(epub);
    expect(checked.errors, checked.output).toBe(0);
    const xhtml = Object.entries(unzipSync(readFileSync(epub))).filter(([name]) => name.endsWith('.xhtml')).map(([, data]) => strFromU8(data)).join('\n');
    const marked = [...xhtml.matchAll(/<p [^>]*dir="rtl"[^>]*>([^<]{0,12})/g)].map((m) => m[1]!);
    expect(marked.length).toBe(2);
    expect(marked.every((text) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(text))).toBe(true);
  });
});

// Chinese books printed as empty boxes (ruanyf's es6tutorial, built as a series of 32 parts);
// the Bengali and Khmer translations of coding-interview-university had letters no face of ours had.
describe('paragraphs in Chinese, Japanese, Korean and fifteen scripts of South and Southeast Asia, Armenian, Georgian and Ethiopic (CLDR’s names of languages), in an English text', () => {
  const LOCALES = ['zh', 'ja', 'ko', 'bn', 'gu', 'ml', 'ta', 'te', 'si', 'km', 'lo', 'my', 'hy', 'ka', 'pa', 'kn', 'or', 'am'];
  /** Each script, and the face its letters must be printed in (the PDF's name of it). */
  const FACES: Array<[RegExp, RegExp]> = [
    [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, /\+NotoSerifSC/],
    [/\p{Script=Hangul}/u, /\+NanumMyeongjo/],
    ...['Bengali', 'Gujarati', 'Malayalam', 'Tamil', 'Telugu', 'Sinhala', 'Khmer', 'Lao', 'Myanmar', 'Armenian', 'Georgian'].map((name): [RegExp, RegExp] => [new RegExp(`\\p{Script=${name}}`, 'u'), new RegExp(`\\+NotoSerif${name}-`)]),
    ...['Gurmukhi', 'Kannada', 'Oriya', 'Ethiopic'].map((name): [RegExp, RegExp] => [new RegExp(`\\p{Script=${name}}`, 'u'), new RegExp(`\\+NotoSans${name}-`)]),
  ];
  let paragraphs: string[];
  let file: string;
  let stderr: string;
  beforeAll(() => {
    const dir = copyFixture('scripts');
    paragraphs = LOCALES.map(cldrParagraph);
    appendFileSync(path.join(dir, 'manuscript', 'part-1.md'), `\n${paragraphs.join('\n\n')}\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf'], dir);
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
    file = path.join(dir, 'out', 'every-script-1.pdf');
  });

  it('warns about none of them', () => {
    expect(stderr).not.toContain('no embedded font');
  });

  it('sets each script in its embedded face: Noto Serif SC, Nanum Myeongjo for Hangul, a Noto Serif or Noto Sans face for each other script; every font embedded as TrueType', async () => {
    for (const font of pdffonts(file)) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).toBe('CID TrueType');
    }
    const runs = await textRuns(file);
    for (const [script, face] of FACES) {
      const letters = runs.filter((r) => script.test(r.text));
      expect(letters.length, String(script)).toBeGreaterThan(0);
      expect(letters.filter((r) => face.test(r.font)).length, String(script)).toBeGreaterThan(0);
      expect(letters.filter((r) => !face.test(r.font) && [...r.text].filter((c) => script.test(c)).length > 1).map((r) => `${r.font}: ${r.text}`), String(script)).toEqual([]);
    }
  });

  it('prints every Chinese, Japanese and Korean letter of the paragraphs (pdftotext)', () => {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
    const read = letters([...paragraphs.slice(0, 3).join('')].filter((c) => cjk.test(c)).join(''));
    const printed = letters([...pagesText(file).join('')].filter((c) => cjk.test(c)).join(''));
    expect(read.size).toBeGreaterThan(100);
    expect(missingLetters(read, printed)).toEqual([]);
  });
});

describe('code with a character its face lacks: the CommonMark spec’s examples with “→” for a tab', () => {
  let file: string;
  let examples: string[];
  beforeAll(() => {
    // Text nobody here wrote: the spec's first examples that show a tab as "→", each as the code block it is in the spec.
    const spec = readFileSync(path.resolve(import.meta.dirname, '..', 'node_modules/commonmark-spec/spec.txt'), 'utf8');
    examples = [...spec.matchAll(/^`{32} example\n([^]*?)^\.$/gm)].map((m) => m[1]!.trimEnd()).filter((code) => code.includes('→')).slice(0, 6);
    const dir = copyFixture('scripts');
    appendFileSync(path.join(dir, 'manuscript', 'part-1.md'), `\n${examples.map((code) => `\`\`\`\n${code}\n\`\`\``).join('\n\n')}\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf'], dir);
    expect(result.status, result.stderr).toBe(0);
    file = path.join(dir, 'out', 'every-script-1.pdf');
  });

  it('sets the arrow in an embedded face of ours (Noto Sans Mono has none), never in a system face', async () => {
    expect(examples.length).toBe(6);
    for (const font of pdffonts(file)) expect(font.embedded, font.name).toBe(true);
    expect(pdffonts(file).map((f) => f.name).join(' ')).not.toMatch(/DejaVu|Liberation|FreeSerif/);
    const arrows = (await textRuns(file)).filter((r) => r.text.includes('→'));
    expect(arrows.length).toBeGreaterThan(0);
    for (const run of arrows) expect(run.font, run.text).toMatch(/^[A-Z]{6}\+(EBGaramond|NotoSerif|NotoSans)-/);
  });
});

// Text nobody here wrote: three READMEs of our own dependencies, each a part, as their authors
// would make them parts (tests/helpers/readme-manuscript.ts). Built as manuscripts, 186 READMEs
// of node_modules found the signs they use that no face of ours had: a tree drawn in code, a
// check mark, emoji. Until 2026-12-02 the tree's lines were set in the machine's DejaVu Sans
// (proportional, so the drawing came apart) and an emoji printed as an empty box, missing from the text layer.
describe('mathematical letters and digits (𝐀 𝑥 𝟭), the whole of their Unicode block', () => {
  // Every assigned character of Mathematical Alphanumeric Symbols (U+1D400–1D7FF), by Unicode's
  // own data (`\p{Assigned}`), in lines of 40. Social-media text and READMEs set bold and italic
  // with them; es6tutorial has 𝟭. Until 2026-12-06 each warned "no embedded font" and printed
  // as an empty box.
  it('prints every one, in Noto Sans Math, with no warning', async () => {
    const chars = Array.from({ length: 0x400 }, (_, i) => String.fromCodePoint(0x1d400 + i)).filter((c) => /\p{Assigned}/u.test(c));
    expect(chars.length).toBeGreaterThan(990);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-math-letters-'));
    mkdirSync(path.join(dir, 'manuscript'));
    writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Math Letters\nauthor: Unicode\nlang: en\n');
    const lines = Array.from({ length: Math.ceil(chars.length / 40) }, (_, i) => chars.slice(i * 40, i * 40 + 40).join(' '));
    writeFileSync(path.join(dir, 'manuscript', 'part-1.md'), `---\ntitle: Letters\npart: 1\n---\n\n${lines.join('\n\n')}\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.includes('no embedded font'))).toEqual([]);
    const file = path.join(dir, 'out', 'math-letters-1.pdf');
    for (const font of pdffonts(file)) expect(font.type, font.name).toBe('CID TrueType');
    const printed = new Set([...pagesText(file).join('')]);
    expect(chars.filter((c) => !printed.has(c))).toEqual([]);
    const runs = (await textRuns(file)).filter((r) => /[\u{1D400}-\u{1D7FF}]/u.test(r.text));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter((r) => !/\+NotoSansMath-/.test(r.font)).map((r) => `${r.font}: ${r.text}`)).toEqual([]);
  });
});

describe('signs real READMEs use: a tree drawn in code, check marks, emoji', () => {
  const READMES = ['hast-util-from-html/readme.md', '@resvg/resvg-js/README.md', 'hast-util-to-html/readme.md'];
  const BOX = /[\u2500-\u259F]/u;
  // Emoji and dingbats; not © ® ™, which EB Garamond has.
  const SIGN = /(?![\u00A9\u00AE\u2122])[\p{Extended_Pictographic}\u2713\u2714\u2717\u2718\u276F]/u;
  let dir: string;
  let stderr: string;
  let sources: string[];
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-readmes-'));
    mkdirSync(path.join(dir, 'manuscript'));
    writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    sources = READMES.map((file, i) => readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', file), path.dirname(file), i + 1));
    sources.forEach((text, i) => writeFileSync(path.join(dir, 'manuscript', `part-${i + 1}.md`), text));
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache'], dir);
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
  });
  const pdfOf = (part: number): string => path.join(dir, 'out', `read-me-${part}.pdf`);
  /** The distinct characters of `source` that `pattern` matches, outside its front matter. */
  const charsOf = (source: string, pattern: RegExp): string[] => [...new Set([...source.replace(/^---\n[^]*?\n---\n/, '')].filter((c) => pattern.test(c)))];

  it('holds what the test is about: a drawn tree, check marks and emoji', () => {
    expect(charsOf(sources.join(''), BOX).length).toBeGreaterThanOrEqual(3);
    expect(charsOf(sources.join(''), SIGN).length).toBeGreaterThanOrEqual(4);
  });

  it('warns about none of them (nor about the Chinese words one README has)', () => {
    expect(stderr.split('\n').filter((line) => line.includes('no embedded font'))).toEqual([]);
  });

  it('prints every one of them, each in a face of ours: the tree in Fira Code (Fira Mono drawn whole), the signs in Noto Emoji or Noto Sans Symbols 2', async () => {
    for (const [i, source] of sources.entries()) {
      const file = pdfOf(i + 1);
      for (const font of pdffonts(file)) expect(font.embedded, font.name).toBe(true);
      expect(pdffonts(file).map((f) => f.name).join(' ')).not.toMatch(/DejaVu|Liberation|FreeSerif/);
      const text = pagesText(file).join('\n');
      const runs = await textRuns(file);
      for (const [pattern, face] of [[BOX, /\+FiraCode\w*-/], [SIGN, /\+(NotoEmoji|NotoSansSymbols2)-/]] as const) {
        for (const char of charsOf(source, pattern)) {
          expect(text, `${READMES[i]}: ${char}`).toContain(char);
          const inRuns = runs.filter((r) => r.text.includes(char));
          expect(inRuns.length, `${READMES[i]}: ${char}`).toBeGreaterThan(0);
          for (const run of inRuns) expect(run.font, `${READMES[i]}: ${char} in “${run.text}”`).toMatch(face);
        }
      }
    }
  });

  // Their API sections head each function's parameters and result with `######`. Until
  // 2026-12-02 such a heading was set in Chromium's own 0.67 em bold and could be left at a
  // page's foot (9 of 30 pages of a text with one every few paragraphs ended in one).
  it('sets their deepest headings (##### and ######) at the text’s size and never leaves one at a page’s foot', async () => {
    let seen = 0;
    for (const [i, source] of sources.entries()) {
      const deep = new Set<string>();
      visit(unified().use(remarkParse).use(remarkGfm).parse(source), 'heading', (node) => {
        if (node.depth >= 5) deep.add(mdastToString(node).trim());
      });
      const runs = await textRuns(pdfOf(i + 1));
      // The text's size: the size most of its EB Garamond words are set in.
      const sizes = new Map<number, number>();
      for (const run of runs.filter((r) => /\+EBGaramond-Regular$/.test(r.font))) sizes.set(Math.round(run.size * 10) / 10, (sizes.get(Math.round(run.size * 10) / 10) ?? 0) + run.text.length);
      const textSize = [...sizes].sort((a, b) => b[1] - a[1])[0]![0];
      // Headings in words (one of `code` is set as code is in the text, and reads like a code span of it).
      for (const head of runs.filter((r) => deep.has(r.text.trim()) && /\+EBGaramond-/.test(r.font))) {
        seen++;
        const where = `${READMES[i]} p. ${head.page}: “${head.text}”`;
        expect(head.size, where).toBeGreaterThanOrEqual(textSize - 0.1);
        // Something of the text under it on its page, not only the folio.
        const below = runs.filter((r) => r.page === head.page && r.y < head.y - 1 && !/^\d+$/.test(r.text.trim()));
        expect(below.length, where).toBeGreaterThan(0);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(10);
  });
});

// Text nobody here wrote: the README of `figures` (a dependency of Stryker's execa), a
// catalogue of the signs terminals print, each in a code span of a table. Until 2026-12-06 the
// print set 31 of them in a face of the machine's, among them the dashed lines and rounded
// corners of box drawing (Fira Mono's subset lacks them), ≡ ⌂ ♪ ♫ and vulgar fractions.
describe('a catalogue of signs: the README of figures', () => {
  /**
   * What no face pamphlet bundles has (DejaVu Sans Mono and Noto Serif SC, the last resorts,
   * included): the warning names them. Before Noto Serif SC and Noto Serif Sinhala, also ⓞ, a
   * combining circle, a full-width ？ and ෴.
   */
  const NOWHERE = ['ⓧ', 'Ⓘ', '㋡', '⅒'];
  let dir: string;
  let stderr: string;
  let source: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-figures-'));
    mkdirSync(path.join(dir, 'manuscript'));
    writeFileSync(path.join(dir, 'manuscript', 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    source = readmeAsPart(path.resolve(import.meta.dirname, '..', 'node_modules', 'figures/readme.md'), 'figures', 1);
    writeFileSync(path.join(dir, 'manuscript', 'part-1.md'), source);
    // The machine's faces, as Chromium finds them, only EB Garamond's TTF: this machine's one
    // family is DejaVu, the face now bundled, so a DejaVu Sans Mono in the PDF is ours only if
    // the system has none to give.
    const fontconfig = path.join(dir, 'fonts.conf');
    const garamond = path.resolve(import.meta.dirname, '..', 'node_modules', '@expo-google-fonts/eb-garamond/400Regular');
    writeFileSync(fontconfig, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${garamond}</dir><cachedir>${path.join(dir, 'fontconfig-cache')}</cachedir></fontconfig>\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--format', 'pdf', '--no-cache'], dir, { FONTCONFIG_FILE: fontconfig });
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
  });

  it('warns only about the signs no bundled face has, and prints every other one in a face of ours', async () => {
    const warned = [...stderr.matchAll(/no embedded font has the character “(.+?)”/gu)].map((m) => m[1]);
    expect(warned.sort()).toEqual([...NOWHERE].sort());
    const body = source.replace(/^---\n[^]*?\n---\n/, '');
    const signs = [...new Set([...body].filter((c) => c.codePointAt(0)! > 0x7f && !/[\p{L}\p{M}\s]/u.test(c) && !NOWHERE.includes(c)))];
    expect(signs.length).toBeGreaterThan(100);
    const file = path.join(dir, 'out', 'read-me-1.pdf');
    const text = pagesText(file).join('\n');
    const runs = await textRuns(file);
    const ours = /^[A-Z]{6}\+(EBGaramond|NotoSerif\w*|NotoSans|NotoSansMono|NotoSansSymbols2|NotoEmoji|FiraCode\w*|DejaVuSansMono)(-|$)/;
    const faceOf = (char: string): string[] => [...new Set(runs.filter((r) => r.text.includes(char)).map((r) => r.font))];
    for (const char of signs) {
      expect(text, char).toContain(char);
      const faces = faceOf(char);
      expect(faces.length, char).toBeGreaterThan(0);
      for (const face of faces) expect(face, `${char} (U+${char.codePointAt(0)!.toString(16)})`).toMatch(ours);
    }
    // The signs the machine's face used to print, each now in the bundled face that has it.
    for (const char of ['┄', '┆', '╭', '╮', '╯', '╰']) expect(faceOf(char).join(' '), char).toMatch(/\+FiraCode\w*-/);
    for (const char of ['≡', '⌂', '♪', '♫', '⅕']) expect(faceOf(char).join(' '), char).toMatch(/\+DejaVuSansMono\b/);
  });
});

describe('check, for characters no embedded face has', () => {
  it('warns once per script at its first character’s file:line:column, wherever it is, and --strict fails', () => {
    const dir = copyFixture('scripts');
    const part = path.join(dir, 'manuscript', 'part-1.md');
    // The fixture has 14 lines; these start at line 15 (an empty one). Columns count
    // UTF-16 units, as unified's positions do: the Gothic letter takes two.
    appendFileSync(
      part,
      [
        '',
        'A Gothic letter 𐌰 in the text, and 𐌰 again, and a Cherokee [link Ꮳ](https://example.org).',
        '',
        '## Runes ᚠ',
        '',
        'Tifinagh in code, `ⵣ`, and a note.[^r]',
        '',
        '[^r]: A rune ᛟ in a note; Cyrillic (печатники) is fine.',
        '',
      ].join('\n'),
    );
    const result = pamphlet(['check', 'manuscript'], dir);
    expect(result.status, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('no embedded font'));
    expect(warnings).toEqual([
      'manuscript/part-1.md:16:17: warning: no embedded font has the character “𐌰” (U+10330): the PDF would set it in a system face; use another character, or an image',
      'manuscript/part-1.md:16:68: warning: no embedded font has the character “Ꮳ” (U+13E3): the PDF would set it in a system face; use another character, or an image',
      'manuscript/part-1.md:18:10: warning: no embedded font has these 2 Runic characters: “ᚠ” (U+16A0), “ᛟ” (U+16DF); the PDF would set them in a system face; use other characters, or an image',
      'manuscript/part-1.md:20:20: warning: no embedded font has the character “ⵣ” (U+2D63): the PDF would set it in a system face; use another character, or an image',
    ]);
    expect(pamphlet(['check', 'manuscript', '--strict'], dir).status).toBe(1);
  });

  // Text nobody here wrote: the names of the world's languages in Tibetan, Cherokee, Yi and Vai,
  // scripts no face of ours has, beside Arabic, Hebrew, Chinese, Japanese, Korean, Thai, Hindi
  // and Bengali, which ours print, as CLDR has them (Node's ICU, Intl.DisplayNames). One
  // paragraph of each once gave a warning per letter, 219 in all.
  it('warns once per script a quotation in another script brings, not once per letter', () => {
    const dir = copyFixture('scripts');
    const part = path.join(dir, 'manuscript', 'part-1.md');
    const printed = ['ar', 'he', 'zh', 'ja', 'ko', 'th', 'hi', 'bn'].map(cldrParagraph);
    const unprinted = ['bo', 'chr', 'ii', 'vai'].map(cldrParagraph);
    appendFileSync(part, `\n${[...printed, ...unprinted].join('\n\n')}\n`);
    const uncovered = new Set([...unprinted.join('')].filter((char) => /[\p{Script=Tibetan}\p{Script=Cherokee}\p{Script=Yi}\p{Script=Vai}]/u.test(char)));
    expect(uncovered.size).toBeGreaterThan(60);
    const result = pamphlet(['check', 'manuscript'], dir);
    expect(result.status, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('no embedded font'));
    const scripts = warnings.map((line) => /these \d+ (\S+) characters/.exec(line)?.[1] ?? line);
    // One for each script no face has; none for those the Noto fallbacks have.
    expect(scripts.sort()).toEqual(['Cherokee', 'Tibetan', 'Vai', 'Yi']);
    expect(result.stderr).not.toMatch(/Arabic|Hebrew|Han|Hiragana|Katakana|Hangul|Thai|Devanagari|Bengali/);
    // Every uncovered letter is counted in its script's warning.
    const counted = warnings.map((line) => Number(/these (\d+) /.exec(line)?.[1] ?? 1)).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThanOrEqual(uncovered.size);
  });

  it('is silent on a text every character of which an embedded face has', () => {
    const result = pamphlet(['check', path.join(FIXTURES, 'scripts')], FIXTURES);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('no embedded font');
  });
});

/** Letters-only words of a Markdown source, to recognise a word broken at a line end. */
function sourceWords(file: string): Set<string> {
  return new Set(readFileSync(file, 'utf8').match(/[\p{L}\p{M}]+/gu) ?? []);
}

/** Where the patterns of `lang` allow breaks in `word` (offsets after which a hyphen may go). */
function breakPoints(word: string, lang: string): number[] {
  const pieces = hyphenateText(word, { lang }).split(SOFT_HYPHEN);
  const points: number[] = [];
  let at = 0;
  for (const piece of pieces.slice(0, -1)) {
    at += piece.length;
    points.push(at);
  }
  return points;
}

interface LineBreak {
  word: string;
  at: number;
}

/**
 * Words of the text broken at a line end with a hyphen the author did not type, read
 * from the PDF's lines (`pdftotext -layout` keeps each printed line and its hyphen).
 */
function hyphenatedBreaks(pdf: string, words: Set<string>): LineBreak[] {
  const lines = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\n');
  const breaks: LineBreak[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const end = /([\p{L}\p{M}]+)-\s*$/u.exec(lines[i]!);
    const start = /^\s*([\p{L}\p{M}]+)/u.exec(lines[i + 1]!);
    if (!end?.[1] || !start?.[1]) continue;
    const word = end[1] + start[1];
    if (words.has(word)) breaks.push({ word, at: end[1].length });
  }
  return breaks;
}

describe.each([
  {
    fixture: 'german',
    lang: 'de',
    slug: 'klassiker-des-sozialismus-1',
    quoted: '„bare Zahlung“',
    wrongQuotes: ['“bare', '"'],
    csl: ['Kap. 1', 'Ebd.', 'Literaturverzeichnis'],
    furniture: { part: 'Teil I', contents: 'Inhalt', landmarks: 'Orientierungspunkte' },
  },
  {
    fixture: 'russian',
    lang: 'ru',
    slug: 'biblioteka-marksizma-1',
    quoted: '«утешения»',
    wrongQuotes: ['“утешения', '"'],
    csl: ['гл. 9', 'Там же', 'Библиография'],
    inner: '„действительность нравственной идеи“',
    furniture: { part: 'Часть I', contents: 'Содержание', landmarks: 'Ориентиры' },
  },
])('a $fixture text', ({ fixture, lang, slug, quoted, wrongQuotes, csl, inner, furniture }) => {
  let out: string;
  let text: string;
  beforeAll(() => {
    out = build(fixture);
    text = pagesText(path.join(out, `${slug}.pdf`)).join('\n');
  });

  it(`is hyphenated with the ${lang} patterns: every break at a line end is one they allow, and some are not English ones`, () => {
    const breaks = hyphenatedBreaks(path.join(out, `${slug}.pdf`), sourceWords(path.join(FIXTURES, fixture, 'part-1.md')));
    expect(breaks.length).toBeGreaterThanOrEqual(10);
    for (const { word, at } of breaks) expect(breakPoints(word, lang), `${word.slice(0, at)}-${word.slice(at)}`).toContain(at);
    const notEnglish = breaks.filter(({ word, at }) => !breakPoints(word, 'en').includes(at));
    expect(notEnglish.length).toBeGreaterThan(0);
  });

  it('has the language’s quotation marks in print and in the EPUB', () => {
    expect(text).toContain(quoted);
    if (inner) expect(text).toContain(inner);
    for (const wrong of wrongQuotes) expect(text).not.toContain(wrong);
    const files = unzipSync(readFileSync(path.join(out, `${slug}.epub`)));
    const xhtml = strFromU8(files['OEBPS/text.xhtml'] as Uint8Array);
    expect(xhtml).toContain(`lang="${lang}"`);
    expect(xhtml).toContain(quoted);
  });

  it('cites with the CSL locale of its language and titles its bibliography in it', () => {
    for (const phrase of csl) expect(text).toContain(phrase);
  });

  it('names its part and its contents in its language, in print and in the EPUB, with no English word around them', () => {
    const pages = pagesText(path.join(out, `${slug}.pdf`));
    expect(pages[0]).toContain(furniture.part);
    expect(pages.slice(0, 4).join('\n')).toContain(furniture.contents);
    for (const english of ['Part I', 'Contents']) expect(text).not.toContain(english);
    const files = unzipSync(readFileSync(path.join(out, `${slug}.epub`)));
    const nav = strFromU8(files['OEBPS/nav.xhtml'] as Uint8Array);
    expect(nav).toContain(`<h1 id="toc-title">${furniture.contents}</h1>`);
    expect(nav).toContain(`<h2>${furniture.landmarks}</h2>`);
    expect(nav).not.toContain('lang="en"');
    expect(strFromU8(files['OEBPS/text.xhtml'] as Uint8Array)).toContain(`<span class="part-label">${furniture.part}:</span>`);
  });

  it('sets every letter in EB Garamond and makes an EPUB that passes epubcheck', () => {
    for (const font of pdffonts(path.join(out, `${slug}.pdf`))) expect(font.name).toMatch(/^[A-Z]{6}\+EBGaramond-/);
    const check = epubcheck(path.join(out, `${slug}.epub`));
    expect(check.errors, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
  });
});
