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
 *
 * A character none of these has is what `check` warns about (font-coverage.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PRINT_FONT_FAMILY = 'EB Garamond';
export const SMALL_CAPS_FAMILY = 'EB Garamond SC';
export const FALLBACK_FAMILY = 'Pamphlet Fallback';

/** The npm packages the faces come from. */
export type FontPackage = 'eb-garamond' | 'eb-garamond-full' | 'noto-serif' | 'noto-sans';

const PACKAGE_NAMES: Readonly<Record<FontPackage, string>> = {
  'eb-garamond': '@fontsource/eb-garamond',
  'eb-garamond-full': '@expo-google-fonts/eb-garamond',
  'noto-serif': '@fontsource/noto-serif',
  'noto-sans': '@fontsource/noto-sans',
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

/** `urls`: each package's folder as a URL with a trailing slash. */
export function fontFaceCss(urls: Readonly<Record<FontPackage, string>>): string {
  return printFaceFiles()
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
