/**
 * The faces of the print PDF, and their @font-face rules. Chromium embeds woff2/TrueType
 * web fonts as TrueType subsets, whereas Debian's OpenType (CFF) system fonts come out as
 * Type 3, which print shops reject, and a character no declared face has would be set in
 * whatever system face Chromium finds (DejaVu Sans for Cyrillic, before); so the print
 * CSS names only these families, and they cover every script deliberately:
 *
 *   the text face       the theme's or `fonts.text` (EB Garamond in `classic`): a bundled
 *                       family in every @fontsource subset (Latin, Latin Extended,
 *                       Cyrillic, Cyrillic Extended, Greek, Greek Extended, Vietnamese),
 *                       each with its unicode-range, so Chromium loads what a page uses;
 *                       or the manuscript's own TrueType file (src/style/font-files.ts).
 *   the headings face   the theme's or `fonts.headings`, when it differs from the text's.
 *   EB Garamond SC      EB Garamond whole (Google Fonts' TTF), when EB Garamond is set:
 *                       @fontsource's subsets have lost the `smcp`/`c2sc` features, so
 *                       headings and running heads take real small caps from this one.
 *   Pamphlet Fallback   what those lack: first the whole EB Garamond (arrows,
 *                       mathematical and other signs Google's subsets leave out), then
 *                       Noto Serif (all its subsets), then Noto Sans for Devanagari, then
 *                       Noto Naskh Arabic, Noto Serif Hebrew, Noto Serif Thai, the Noto
 *                       faces of fifteen scripts of South and Southeast Asia, Armenian,
 *                       Georgian and Ethiopic, Noto Serif SC for Chinese and Japanese and
 *                       Nanum Myeongjo for Hangul (upright only, as those scripts are set;
 *                       declared for italic too, so that Chromium does not slant them).
 *   the code face       the theme's or `fonts.mono` (Noto Sans Mono in `classic`), its
 *                       subsets covering Latin, Cyrillic and Greek as the text face's do;
 *                       what it lacks (an arrow) comes from Pamphlet Fallback too.
 *
 * A character none of these has is what `check` warns about (font-coverage.ts).
 *
 * A page declares only the faces its text needs (fontFaceCss): Paged.js loads every
 * declared face before it lays out, so each unused one would cost time for nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED_FAMILIES, bundledFamily, nearestWeight, type BundledFamily } from '../style/families.js';
import { fontHasGlyph } from './font-cmaps.js';
import { cssString } from '../style/css-text.js';
import { intersectUnicodeRange, parseUnicodeRange } from './unicode-range.js';

export const PRINT_FONT_FAMILY = 'EB Garamond';
export const SMALL_CAPS_FAMILY = 'EB Garamond SC';
export const FALLBACK_FAMILY = 'Pamphlet Fallback';
export const MONO_FONT_FAMILY = 'Noto Sans Mono';

/** The npm packages the faces come from: each bundled family by its file stem, and EB Garamond whole. */
export type FontPackage = string;

/** A script fallback's subset that is every numbered slice of its package (`[0]`, `[1]` …). */
const SLICES = 'slices';

/** Hangul's blocks: Jamo, Compatibility Jamo, Jamo Extended-A and -B, the syllables. */
const HANGUL: ReadonlyArray<readonly [number, number]> = [[0x1100, 0x11ff], [0x3130, 0x318f], [0xa960, 0xa97f], [0xac00, 0xd7ff]];

/**
 * What neither EB Garamond nor Noto Serif and Noto Sans have: scripts, each from its Noto
 * family, then signs that real manuscripts use (found building 186 READMEs of our own
 * dependencies as manuscripts: a directory tree drawn in code, ✓ and ❯, emoji), as package
 * stem and subset. Later entries are tried first (see fallbackFaceFiles): an emoji Noto Emoji
 * has comes from it, not from the look of Noto Sans Symbols 2.
 */
const SCRIPT_FALLBACKS: ReadonlyArray<{ stem: string; subset: string; only?: ReadonlyArray<readonly [number, number]>; range?: string }> = [
  // Chinese, Japanese and Korean: Google's Noto Serif SC has the Han characters, kana and
  // Hangul, in some hundred slices of 20-100 KB, each with its range, so a page loads the
  // slices its text uses. A Chinese book printed as empty boxes before (sweep 7: ruanyf's
  // es6tutorial). First, so tried last of all: its slices also name Latin letters,
  // punctuation and signs (♪ ≡ ①), which the faces after it set in their own design. The static
  // files, not @fontsource-variable's 6 MB: Chromium prints a variable font as Type 3.
  { stem: 'noto-serif-sc', subset: SLICES },
  // Korean: Noto Serif SC has 80 of Hangul's 11,172 syllables, and Noto Serif KR is 84 MB;
  // Nanum Myeongjo (16 MB) has them all. Only for Hangul, so that Chinese and Japanese text
  // never mixes its Han characters or kana with Noto Serif SC's in one line.
  { stem: 'nanum-myeongjo', subset: SLICES, only: HANGUL },
  // The last resort for signs, so next: DejaVu Sans Mono, one file of 3,322 characters (@fontsource
  // names it `latin` and gives it no range), for the signs no face after it has, in code as in
  // the text (≡ ⌂ ♪ ⅕ …): a symbol catalogue's README (figures) had 31 signs no face of ours
  // had; with Fira Code's box drawing below, 8 were left, and with the faces for Chinese and
  // Sinhala 4 (⅒ Ⓘ ⓧ ㋡).
  { stem: 'dejavu-mono', subset: 'latin' },
  // The scripts of South and Southeast Asia, Armenian, Georgian and Ethiopic, 0.5-1.8 MB a
  // package: Noto Serif where @fontsource has it, else Noto Sans (as for Devanagari). Found in
  // the Bengali and Khmer translations of coding-interview-university, whose letters no face of
  // ours had: CLDR's words in each of these scripts printed as empty boxes.
  ...['bengali', 'gujarati', 'malayalam', 'tamil', 'telugu', 'sinhala', 'khmer', 'lao', 'myanmar', 'armenian', 'georgian'].map((script) => ({ stem: `noto-serif-${script}`, subset: script })),
  ...['gurmukhi', 'kannada', 'oriya', 'ethiopic'].map((script) => ({ stem: `noto-sans-${script}`, subset: script })),
  { stem: 'noto-naskh-arabic', subset: 'arabic' },
  { stem: 'noto-serif-hebrew', subset: 'hebrew' },
  { stem: 'noto-serif-thai', subset: 'thai' },
  // Dingbats, geometric shapes, arrows and technical signs (✓ ❯ ◉ ★ ⏎).
  { stem: 'noto-sans-symbols-2', subset: 'symbols' },
  // Box drawing and block elements (├── └─ █ ╭╮ ┄), monospaced as code needs: the code face's
  // @fontsource subsets lack them. Fira Code's, which is Fira Mono's drawn whole: Fira Mono's
  // lacks the dashed lines and rounded corners (┄ ╭ ╯) that rich's panels are drawn with.
  { stem: 'fira-code', subset: 'symbols2' },
  // Emoji, in one colour as print sets them; the package's whole font (its `emoji` subset).
  { stem: 'noto-emoji', subset: 'emoji' },
  // Mathematical letters and digits (𝐀 𝑥 𝟭), which social-media text and READMEs use for bold
  // and italic (sweep 7: es6tutorial's 𝟭): Noto Sans Math. @fontsource ships the whole font as
  // its `latin` subset and names only Latin's range for it, so the block it is here for is named.
  { stem: 'noto-sans-math', subset: 'latin', range: 'U+1D400-1D7FF' },
];

const PACKAGE_NAMES: Readonly<Record<FontPackage, string>> = {
  'eb-garamond-full': '@expo-google-fonts/eb-garamond',
  'stix-two-math': '@fontsource/stix-two-math',
  ...Object.fromEntries(SCRIPT_FALLBACKS.map(({ stem }) => [stem, `@fontsource/${stem}`])),
  ...Object.fromEntries(BUNDLED_FAMILIES.map((family) => [family.stem, family.package])),
};

export const FONT_PACKAGES = Object.keys(PACKAGE_NAMES);

export interface FontFace {
  weight: 400 | 500 | 600 | 700;
  style: 'normal' | 'italic';
}

/**
 * Only the faces print.css uses: Paged.js loads every declared face before it lays
 * out, so each unused one costs time for nothing. Bold (700) requests resolve to 600.
 */
export const PRINT_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 500, style: 'normal' },
  { weight: 600, style: 'normal' },
  { weight: 600, style: 'italic' },
];

/** A headings face apart from the text's: the weights the themes' headings, title and heads use. */
const HEADING_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 500, style: 'normal' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
];

/** Small caps: running heads and title-page lines (400), section headings (500). */
const SMALL_CAPS_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 500, style: 'normal' },
];

/** Code is set in one weight: print.css asks for no bold or italic inside it. */
const MONO_FACES: readonly FontFace[] = [{ weight: 400, style: 'normal' }];

/** The fallback in roman and italic; heavier requests take the nearest (no synthesis). */
const FALLBACK_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
];

/** Subsets of Noto Sans taken for scripts Noto Serif has no @fontsource subset of. */
const NOTO_SANS_SUBSETS = ['devanagari'];

/** One face of a font file the manuscript ships (fonts/Face-Regular.ttf …), already vetted. */
export interface FileFace {
  weight: 400 | 700;
  style: 'normal' | 'italic';
  /** Real path, inside the manuscript folder. */
  path: string;
  format: 'truetype' | 'opentype' | 'woff2' | 'woff';
}

/** What sets one role's text: a bundled family, or the manuscript's own files. */
export type FontChoice =
  | { kind: 'bundled'; family: string }
  | { kind: 'file'; family: string; faces: FileFace[]; /** SHA-256 of the files, for the build cache. */ digest: string };

/** The three roles' faces: the theme's, with `fonts:` over them. */
export interface PrintFonts {
  text: FontChoice;
  headings: FontChoice;
  mono: FontChoice;
}

export const CLASSIC_FONTS: PrintFonts = {
  text: { kind: 'bundled', family: 'EB Garamond' },
  headings: { kind: 'bundled', family: 'EB Garamond' },
  mono: { kind: 'bundled', family: 'Noto Sans Mono' },
};

/** One @font-face rule: a file of a package (or of the manuscript), and the characters it is for. */
export interface FaceFile {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  package: FontPackage | 'manuscript';
  /** Path inside the package's folder; for the manuscript's files, the real path. */
  file: string;
  /** CSS unicode-range; none: the whole font. */
  unicodeRange?: string;
  /** The role it serves: which text it must cover. */
  role: 'text' | 'headings' | 'smallcaps' | 'fallback' | 'mono' | 'math';
  format?: FileFace['format'];
}

const require = createRequire(import.meta.url);
const packageDirs = new Map<FontPackage, string>();

/** The package's folder (every one of them offers its package.json). */
export function fontPackageDir(pkg: FontPackage): string {
  let dir = packageDirs.get(pkg);
  if (dir === undefined) {
    const name = PACKAGE_NAMES[pkg];
    if (!name) throw new Error(`no font package ${pkg}`);
    dir = dirname(require.resolve(`${name}/package.json`));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

const subsetCache = new Map<FontPackage, Array<[string, string]>>();

/**
 * A @fontsource package's subsets, in its own order, with their unicode ranges. Noto Emoji
 * ships its font whole as its one named subset (`emoji`), with no range of its own beside
 * the slices Google Fonts serves it in (`[0]` … `[10]`): the whole font covers what the
 * slices cover together (1,463 of its 1,464 code points), so such a subset gets their
 * union, and only a page with one of them loads it.
 */
export function fontsourceSubsets(pkg: FontPackage): Array<[string, string]> {
  let subsets = subsetCache.get(pkg);
  if (!subsets) {
    const ranges = JSON.parse(readFileSync(join(fontPackageDir(pkg), 'unicode.json'), 'utf8')) as Record<string, string>;
    const meta = JSON.parse(readFileSync(join(fontPackageDir(pkg), 'metadata.json'), 'utf8')) as { subsets: string[] };
    const slices = Object.entries(ranges).filter(([name]) => /^\[\d+\]$/.test(name));
    const whole = slices.length > 0 ? [...new Set(slices.flatMap(([, range]) => range.split(/,\s*/)))].join(',') : undefined;
    subsets = meta.subsets.flatMap((subset) => {
      const range = ranges[subset] ?? (meta.subsets.length === 1 ? whole : undefined);
      return range === undefined ? [] : [[subset, range] as [string, string]];
    });
    subsetCache.set(pkg, subsets);
  }
  return subsets;
}

/**
 * The numbered slices of a @fontsource package (`noto-serif-sc-118-400-normal.woff2` for
 * `[118]`), in their files' number order, with their unicode ranges: how Google Fonts cuts a
 * font of tens of thousands of characters.
 */
export function fontsourceSlices(pkg: FontPackage): Array<[string, string]> {
  const ranges = JSON.parse(readFileSync(join(fontPackageDir(pkg), 'unicode.json'), 'utf8')) as Record<string, string>;
  return Object.entries(ranges)
    .flatMap(([name, range]): Array<[string, string]> => {
      const slice = /^\[(\d+)\]$/.exec(name)?.[1];
      return slice === undefined ? [] : [[slice, range]];
    })
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

/** The whole TTF of a face in @expo-google-fonts/eb-garamond ("500Medium_Italic/…"). */
function wholeFile(face: FontFace): string {
  const names: Record<number, string> = { 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold' };
  const variant = `${face.weight}${names[face.weight] ?? 'Regular'}${face.style === 'italic' ? '_Italic' : ''}`;
  return `${variant}/EBGaramond_${variant}.ttf`;
}

/** Every subset of a bundled family in these faces (a weight it lacks declared from its nearest file). */
function bundledFaces(family: BundledFamily, faces: readonly FontFace[], role: FaceFile['role']): FaceFile[] {
  const out: FaceFile[] = [];
  const seen = new Set<string>();
  for (const face of faces) {
    const style = family.italic ? face.style : 'normal';
    const key = `${face.weight}/${style}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fileWeight = nearestWeight(family, face.weight);
    for (const [subset, unicodeRange] of fontsourceSubsets(family.stem)) {
      out.push({ family: family.family, weight: face.weight, style, package: family.stem, file: `files/${family.stem}-${subset}-${fileWeight}-${style}.woff2`, unicodeRange, role });
    }
  }
  return out;
}

function fileFaces(choice: Extract<FontChoice, { kind: 'file' }>, role: FaceFile['role']): FaceFile[] {
  return choice.faces.map((face) => ({ family: choice.family, weight: face.weight, style: face.style, package: 'manuscript', file: face.path, role, format: face.format }));
}

function facesOf(choice: FontChoice, faces: readonly FontFace[], role: FaceFile['role']): FaceFile[] {
  if (choice.kind === 'file') return fileFaces(choice, role);
  const family = bundledFamily(choice.family);
  if (!family) throw new Error(`no bundled family ${choice.family}`);
  return bundledFaces(family, faces, role);
}

/** Whether EB Garamond's small caps are set (classic's headings): only then is its whole TTF declared. */
export function usesSmallCaps(fonts: PrintFonts): boolean {
  return [fonts.text, fonts.headings].some((choice) => choice.kind === 'bundled' && choice.family === PRINT_FONT_FAMILY);
}

const cachedFaces = new Map<string, FaceFile[]>();

/** The faces the theme or `fonts:` names (text, headings, small caps), in the order Chromium should prefer them. */
export function ownFaceFiles(fonts: PrintFonts): readonly FaceFile[] {
  const key = JSON.stringify([fonts.text, fonts.headings]);
  const cached = cachedFaces.get(key);
  if (cached) return cached;
  const faces: FaceFile[] = [...facesOf(fonts.text, PRINT_FACES, 'text')];
  if (fonts.headings.family !== fonts.text.family || fonts.headings.kind !== fonts.text.kind) faces.push(...facesOf(fonts.headings, HEADING_FACES, 'headings'));
  if (usesSmallCaps(fonts)) {
    for (const face of SMALL_CAPS_FACES) faces.push({ family: SMALL_CAPS_FAMILY, ...face, package: 'eb-garamond-full', file: wholeFile(face), role: 'smallcaps' });
  }
  cachedFaces.set(key, faces);
  return faces;
}

let fallbackFaces: FaceFile[] | undefined;

/**
 * Pamphlet Fallback's faces, whatever the theme: made only for a text with a character its
 * own faces lack, since reading the ranges of some 600 faces from their packages (Noto Serif
 * SC's hundred slices, Nanum Myeongjo's cut to Hangul) took 10 ms of every print build.
 */
export function fallbackFaceFiles(): readonly FaceFile[] {
  if (fallbackFaces) return fallbackFaces;
  const faces: FaceFile[] = [];
  const serif = fontsourceSubsets('noto-serif');
  const sans = fontsourceSubsets('noto-sans').filter(([subset]) => NOTO_SANS_SUBSETS.includes(subset));
  const scripts = SCRIPT_FALLBACKS.flatMap(({ stem, subset, only, range }) => {
    if (subset !== SLICES) return [{ stem, subset, unicodeRange: range ?? fontsourceSubsets(stem).find(([name]) => name === subset)?.[1] }];
    return fontsourceSlices(stem).flatMap(([slice, range]) => {
      const unicodeRange = only ? intersectUnicodeRange(range, only) : range;
      return unicodeRange === undefined ? [] : [{ stem, subset: slice, unicodeRange }];
    });
  });
  for (const face of FALLBACK_FACES) {
    // First, so tried last: their ranges also name some punctuation the faces below have.
    for (const { stem, subset, unicodeRange } of scripts) {
      faces.push({ family: FALLBACK_FAMILY, ...face, package: stem, file: `files/${stem}-${subset}-400-normal.woff2`, ...(unicodeRange ? { unicodeRange } : {}), role: 'fallback' });
    }
    for (const [subset, unicodeRange] of serif) {
      faces.push({ family: FALLBACK_FAMILY, ...face, package: 'noto-serif', file: `files/noto-serif-${subset}-${face.weight}-${face.style}.woff2`, unicodeRange, role: 'fallback' });
    }
    for (const [subset, unicodeRange] of sans) {
      faces.push({ family: FALLBACK_FAMILY, ...face, package: 'noto-sans', file: `files/noto-sans-${subset}-${face.weight}-${face.style}.woff2`, unicodeRange, role: 'fallback' });
    }
    // Last, because within a family the last rule is tried first (CSS Fonts 4, §4.5).
    faces.push({ family: FALLBACK_FAMILY, ...face, package: 'eb-garamond-full', file: wholeFile(face), role: 'fallback' });
  }
  fallbackFaces = faces;
  return faces;
}

/** Every face of the print PDF but code's, in the order Chromium should prefer them. */
export function printFaceFiles(fonts: PrintFonts = CLASSIC_FONTS): readonly FaceFile[] {
  return [...ownFaceFiles(fonts), ...fallbackFaceFiles()];
}

/** Code's faces: every subset of the code face with its range. */
export function monoFaceFiles(fonts: PrintFonts = CLASSIC_FONTS): readonly FaceFile[] {
  return facesOf(fonts.mono, MONO_FACES, 'mono');
}

/** What a page sets: its text, and the text of its code. */
export interface PageText {
  text: string;
  code: string;
  /** Whether the page sets TeX math (MathML, remark-math.ts): then the math face is declared. */
  math?: boolean;
}

/**
 * The math face: STIX Two Math, whose MATH table (the sizes of fractions, radicals and
 * stretched brackets that MathML's layout reads) @fontsource keeps whole in one file, as it
 * does not Libertinus Math's.
 */
export const MATH_FONT_FAMILY = 'STIX Two Math';
const MATH_FACE: FaceFile = { family: MATH_FONT_FAMILY, weight: 400, style: 'normal', package: 'stix-two-math', file: 'files/stix-two-math-latin-400-normal.woff2', role: 'math' };

/** The URL of a face's file: its package's folder URL, or the manuscript file's own. */
export function faceUrl(face: FaceFile, urls: Readonly<Record<FontPackage, string>>, manuscriptUrl?: (real: string) => string): string {
  if (face.package !== 'manuscript') return `${urls[face.package]}${face.file}`;
  // A face file of the manuscript: a file: URL for the renderer, or where the preview serves it.
  return manuscriptUrl ? manuscriptUrl(face.file) : pathToFileURL(face.file).href;
}

/**
 * The @font-face rules of a page: with `page`, only the faces its characters need
 * (Latin always, for the page furniture; small caps always, for headings and running
 * heads; a fallback face only for characters the text face lacks; code's face only
 * where there is code). `urls`: each package's folder as a URL with a trailing slash.
 */
export function fontFaceCss(urls: Readonly<Record<FontPackage, string>>, page?: PageText, fonts: PrintFonts = CLASSIC_FONTS, manuscriptUrl?: (real: string) => string): string {
  const faces = page ? facesFor(page, fonts) : [...printFaceFiles(fonts), ...monoFaceFiles(fonts)];
  return faces
    .map((face) => {
      const format = face.format ?? (face.file.endsWith('.ttf') ? 'truetype' : 'woff2');
      const range = face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : '';
      return (
        `@font-face { font-family: ${cssString(face.family)}; font-style: ${face.style}; ` +
        `font-weight: ${face.weight}; font-display: block; ` +
        `src: url("${faceUrl(face, urls, manuscriptUrl)}") format('${format}');${range} }`
      );
    })
    .join('\n');
}

/** Subsets every page declares: page furniture (numbers, running heads) is Latin. */
const ALWAYS = /-latin(-ext)?-\d/;

function facesFor(page: PageText, fonts: PrintFonts): FaceFile[] {
  const text = codePoints(page.text);
  const code = codePoints(page.code);
  const own = ownFaceFiles(fonts);
  const textFaces = own.filter((face) => face.role === 'text');
  const monoFaces = code.size ? monoFaceFiles(fonts) : [];
  // A manuscript's file covers what its cmap has; a character it lacks goes to the fallback,
  // in code as in the text.
  const covers = (face: FaceFile, cp: number): boolean => (face.package === 'manuscript' ? fontHasGlyph(face.file, cp) : inRange(face, cp));
  const uncovered = new Set([
    ...[...text].filter((cp) => !textFaces.some((face) => covers(face, cp))),
    ...[...code].filter((cp) => !monoFaces.some((face) => covers(face, cp))),
  ]);
  const needed = (face: FaceFile, points: ReadonlySet<number>): boolean => !face.unicodeRange || ALWAYS.test(face.file) || [...points].some((cp) => inRange(face, cp));
  const faces = own.filter((face) => face.role === 'smallcaps' || needed(face, text));
  if (uncovered.size > 0) faces.push(...fallbackFaceFiles().filter((face) => !face.unicodeRange || [...uncovered].some((cp) => inRange(face, cp))));
  faces.push(...monoFaces.filter((face) => needed(face, code)));
  if (page.math) faces.push(MATH_FACE);
  return faces;
}

/**
 * The characters of `text` above U+0020. By code unit, with a table of those already seen in
 * the Basic Multilingual Plane: the string iterator and a Set insertion per character took
 * 12-17 ms of the x10 print HTML (470 KB of text), this 2-3. A surrogate pair is one code
 * point; a lone surrogate counts as itself, as the iterator gives it.
 */
function codePoints(text: string): Set<number> {
  const points = new Set<number>();
  const seen = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        points.add((unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    if (unit <= 0x20 || seen[unit]) continue;
    seen[unit] = 1;
    points.add(unit);
  }
  return points;
}

const parsedRanges = new Map<string, Array<[number, number]>>();

/** Whether a face is for this code point (a face without a unicode-range is for all). */
function inRange(face: FaceFile, cp: number): boolean {
  if (!face.unicodeRange) return true;
  let ranges = parsedRanges.get(face.unicodeRange);
  if (!ranges) {
    ranges = parseUnicodeRange(face.unicodeRange);
    parsedRanges.set(face.unicodeRange, ranges);
  }
  return ranges.some(([a, b]) => cp >= a && cp <= b);
}
