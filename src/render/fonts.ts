/**
 * The faces of the print PDF, and their @font-face rules. Chromium embeds woff2/TrueType
 * web fonts as TrueType subsets, whereas Debian's OpenType (CFF) system fonts come out as
 * Type 3, which print shops reject, and a character no declared face has would be set in
 * whatever system face Chromium finds (DejaVu Sans for Cyrillic, before); so the print
 * CSS names only these families, and they cover every script deliberately:
 *
 *   EB Garamond         the text face: every @fontsource subset (Latin, Latin Extended,
 *                       Cyrillic, Cyrillic Extended, Greek, Greek Extended, Vietnamese),
 *                       each with its unicode-range, so Chromium loads what a page uses.
 *   EB Garamond SC      the same design, whole (Google Fonts' TTF): @fontsource's subsets
 *                       have lost the `smcp`/`c2sc` features, so headings and running
 *                       heads take real small caps from this one.
 *   Pamphlet Fallback   what those subsets lack: first the whole EB Garamond (arrows,
 *                       mathematical and other signs Google's subsets leave out), then
 *                       Noto Serif (all its subsets), then Noto Sans for Devanagari.
 *   Noto Sans Mono      code: its @fontsource subsets cover Latin, Cyrillic and Greek
 *                       (polytonic too), as the text face's do, so code in any script the
 *                       text can hold is set in one face, never in a system fallback.
 *
 * A character none of these has is what `check` warns about (font-coverage.ts).
 *
 * A page declares only the faces its text needs (fontFaceCss): Paged.js loads every
 * declared face before it lays out, so each unused one would cost time for nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PRINT_FONT_FAMILY = 'EB Garamond';
export const SMALL_CAPS_FAMILY = 'EB Garamond SC';
export const FALLBACK_FAMILY = 'Pamphlet Fallback';
export const MONO_FONT_FAMILY = 'Noto Sans Mono';

/** The npm packages the faces come from. */
export type FontPackage = 'eb-garamond' | 'eb-garamond-full' | 'noto-serif' | 'noto-sans' | 'noto-sans-mono';

const PACKAGE_NAMES: Readonly<Record<FontPackage, string>> = {
  'eb-garamond': '@fontsource/eb-garamond',
  'eb-garamond-full': '@expo-google-fonts/eb-garamond',
  'noto-serif': '@fontsource/noto-serif',
  'noto-sans': '@fontsource/noto-sans',
  'noto-sans-mono': '@fontsource/noto-sans-mono',
};

export const FONT_PACKAGES = Object.keys(PACKAGE_NAMES) as FontPackage[];

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

/** One @font-face rule: a file of a package, and the characters it is for. */
export interface FaceFile {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  package: FontPackage;
  /** Path inside the package's folder. */
  file: string;
  /** CSS unicode-range; none: the whole font. */
  unicodeRange?: string;
}

const require = createRequire(import.meta.url);
const packageDirs = new Map<FontPackage, string>();

/** The package's folder (every one of them offers its package.json). */
export function fontPackageDir(pkg: FontPackage): string {
  let dir = packageDirs.get(pkg);
  if (dir === undefined) {
    dir = dirname(require.resolve(`${PACKAGE_NAMES[pkg]}/package.json`));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

/** A @fontsource package's subsets, in its own order, with their unicode ranges. */
function fontsourceSubsets(pkg: FontPackage): Array<[string, string]> {
  const ranges = JSON.parse(readFileSync(join(fontPackageDir(pkg), 'unicode.json'), 'utf8')) as Record<string, string>;
  const meta = JSON.parse(readFileSync(join(fontPackageDir(pkg), 'metadata.json'), 'utf8')) as { subsets: string[] };
  return meta.subsets.flatMap((subset) => {
    const range = ranges[subset];
    return range === undefined ? [] : [[subset, range] as [string, string]];
  });
}

/** The whole TTF of a face in @expo-google-fonts/eb-garamond ("500Medium_Italic/…"). */
function wholeFile(face: FontFace): string {
  const names: Record<number, string> = { 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold' };
  const variant = `${face.weight}${names[face.weight] ?? 'Regular'}${face.style === 'italic' ? '_Italic' : ''}`;
  return `${variant}/EBGaramond_${variant}.ttf`;
}

let cachedFaces: FaceFile[] | undefined;

/** Every face of the print PDF, in the order Chromium should prefer them. */
export function printFaceFiles(): readonly FaceFile[] {
  if (cachedFaces) return cachedFaces;
  const faces: FaceFile[] = [];
  const text = fontsourceSubsets('eb-garamond');
  for (const face of PRINT_FACES) {
    for (const [subset, unicodeRange] of text) {
      faces.push({ family: PRINT_FONT_FAMILY, ...face, package: 'eb-garamond', file: `files/eb-garamond-${subset}-${face.weight}-${face.style}.woff2`, unicodeRange });
    }
  }
  for (const face of SMALL_CAPS_FACES) {
    faces.push({ family: SMALL_CAPS_FAMILY, ...face, package: 'eb-garamond-full', file: wholeFile(face) });
  }
  const serif = fontsourceSubsets('noto-serif');
  const sans = fontsourceSubsets('noto-sans').filter(([subset]) => NOTO_SANS_SUBSETS.includes(subset));
  for (const face of FALLBACK_FACES) {
    for (const [subset, unicodeRange] of serif) {
      faces.push({ family: FALLBACK_FAMILY, ...face, package: 'noto-serif', file: `files/noto-serif-${subset}-${face.weight}-${face.style}.woff2`, unicodeRange });
    }
    for (const [subset, unicodeRange] of sans) {
      faces.push({ family: FALLBACK_FAMILY, ...face, package: 'noto-sans', file: `files/noto-sans-${subset}-${face.weight}-${face.style}.woff2`, unicodeRange });
    }
    // Last, because within a family the last rule is tried first (CSS Fonts 4, §4.5).
    faces.push({ family: FALLBACK_FAMILY, ...face, package: 'eb-garamond-full', file: wholeFile(face) });
  }
  cachedFaces = faces;
  return faces;
}

/** Code's faces: Noto Sans Mono, every @fontsource subset with its range. */
export function monoFaceFiles(): readonly FaceFile[] {
  return MONO_FACES.flatMap((face) =>
    fontsourceSubsets('noto-sans-mono').map(([subset, unicodeRange]): FaceFile => ({
      family: MONO_FONT_FAMILY,
      ...face,
      package: 'noto-sans-mono',
      file: `files/noto-sans-mono-${subset}-${face.weight}-${face.style}.woff2`,
      unicodeRange,
    })),
  );
}

/** What a page sets: its text, and the text of its code. */
export interface PageText {
  text: string;
  code: string;
}

/**
 * The @font-face rules of a page: with `page`, only the faces its characters need
 * (Latin always, for the page furniture; small caps always, for headings and running
 * heads; a fallback face only for characters the text face lacks; code's face only
 * where there is code). `urls`: each package's folder as a URL with a trailing slash.
 */
export function fontFaceCss(urls: Readonly<Record<FontPackage, string>>, page?: PageText): string {
  const faces = page ? facesFor(page) : [...printFaceFiles(), ...monoFaceFiles()];
  return faces
    .map((face) => {
      const format = face.file.endsWith('.ttf') ? 'truetype' : 'woff2';
      const range = face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : '';
      return (
        `@font-face { font-family: '${face.family}'; font-style: ${face.style}; ` +
        `font-weight: ${face.weight}; font-display: block; ` +
        `src: url("${urls[face.package]}${face.file}") format('${format}');${range} }`
      );
    })
    .join('\n');
}

/** Subsets every page declares: page furniture (numbers, running heads) is Latin. */
const ALWAYS = /-latin(-ext)?-\d/;

function facesFor(page: PageText): FaceFile[] {
  const text = codePoints(page.text);
  const code = codePoints(page.code);
  const all = printFaceFiles();
  const textFaces = all.filter((face) => face.family === PRINT_FONT_FAMILY);
  const uncovered = new Set([...text].filter((cp) => !textFaces.some((face) => inRange(face, cp))));
  const needed = (face: FaceFile, points: ReadonlySet<number>): boolean => ALWAYS.test(face.file) || [...points].some((cp) => inRange(face, cp));
  const faces = all.filter((face) => {
    if (face.family === PRINT_FONT_FAMILY) return needed(face, text);
    if (face.family === FALLBACK_FAMILY) return face.unicodeRange ? [...uncovered].some((cp) => inRange(face, cp)) : uncovered.size > 0;
    return true;
  });
  if (code.size) faces.push(...monoFaceFiles().filter((face) => needed(face, code)));
  return faces;
}

function codePoints(text: string): Set<number> {
  const points = new Set<number>();
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp > 0x20) points.add(cp);
  }
  return points;
}

const parsedRanges = new Map<string, Array<[number, number]>>();

/** Whether a face is for this code point (a face without a unicode-range is for all). */
function inRange(face: FaceFile, cp: number): boolean {
  if (!face.unicodeRange) return true;
  let ranges = parsedRanges.get(face.unicodeRange);
  if (!ranges) {
    ranges = face.unicodeRange.split(/,\s*/).map((part): [number, number] => {
      const [from = '', to] = part.trim().replace(/^U\+/i, '').split('-');
      if (to === undefined && from.includes('?')) return [parseInt(from.replace(/\?/g, '0'), 16), parseInt(from.replace(/\?/g, 'F'), 16)];
      const start = parseInt(from, 16);
      return [start, to === undefined ? start : parseInt(to, 16)];
    });
    parsedRanges.set(face.unicodeRange, ranges);
  }
  return ranges.some(([a, b]) => cp >= a && cp <= b);
}
