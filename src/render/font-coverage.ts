/**
 * Which characters the print PDF's embedded faces can set. Decided as Chromium decides:
 * a face serves a character when its unicode-range includes it and its font has a glyph
 * for it (fontkit reads the cmap); the text face comes first, then the fallback. A
 * character no face serves would be set in a system face, whatever the CSS says.
 *
 * The roman face (400) of each subset stands for its family: the italic and heavier
 * subsets of @fontsource cover the same characters. The .woff twin of each .woff2 is read,
 * since fontkit inflates only the cmap table of a WOFF file but must unpack a whole WOFF2
 * (brotli in JavaScript, about 100 ms a file). Files are opened only when a character
 * falls in their range, so an English text reads one; the bundled ones are read from the
 * table `make` writes (font-cmaps.ts), without fontkit.
 */
import { join } from 'node:path';
import { BUNDLED_FAMILIES } from '../style/families.js';
import { fontHasGlyph } from './font-cmaps.js';
import { CLASSIC_FONTS, fontPackageDir, printFaceFiles, type FaceFile, type PrintFonts } from './fonts.js';

interface CoverageFace {
  ranges: Array<[number, number]>;
  path: string;
}

/** `U+0000-00FF,U+0131,U+4??` → inclusive code point ranges. */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  return range.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?\s*$/.exec(part);
    if (!match?.[1]) return [];
    const first = match[1];
    if (first.includes('?')) return [[parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'F'), 16)]];
    const start = parseInt(first, 16);
    return [[start, match[2] ? parseInt(match[2], 16) : start]];
  });
}

const facesBySet = new Map<string, CoverageFace[]>();

/** The text face (the theme's or `fonts.text`) and the fallback, in roman. */
function coverageFaces(fonts: PrintFonts): CoverageFace[] {
  const key = JSON.stringify(fonts.text);
  let faces = facesBySet.get(key);
  if (!faces) {
    faces = printFaceFiles(fonts)
      .filter((face: FaceFile) => (face.role === 'text' || face.role === 'fallback') && face.weight === 400 && face.style === 'normal')
      // The text face first: an English text then opens its Latin subset only.
      .map((face) => ({
        ranges: parseUnicodeRange(face.unicodeRange ?? 'U+0-10FFFF'),
        // A manuscript's own file is read as it is (a woff2 one too: one file, once).
        path: face.package === 'manuscript' ? face.file : join(fontPackageDir(face.package), face.file.replace(/\.woff2$/, '.woff')),
      }));
    facesBySet.set(key, faces);
  }
  return faces;
}

/** Characters nothing is drawn for: spaces, controls, joiners, variation selectors. */
const INVISIBLE = /^[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]$/u;

const knownBySet = new Map<string, Map<number, boolean>>();

/** Whether an embedded face of the print PDF (with these fonts; classic's by default) has a glyph for this character. */
export function isCovered(char: string, fonts: PrintFonts = CLASSIC_FONTS): boolean {
  const codePoint = char.codePointAt(0);
  if (codePoint === undefined || INVISIBLE.test(char)) return true;
  const setKey = JSON.stringify(fonts.text);
  let known = knownBySet.get(setKey);
  if (!known) knownBySet.set(setKey, (known = new Map()));
  let covered = known.get(codePoint);
  if (covered === undefined) {
    covered = coverageFaces(fonts).some((face) => {
      if (!face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)) return false;
      return fontHasGlyph(face.path, codePoint);
    });
    known.set(codePoint, covered);
  }
  return covered;
}

/** A coverage test bound to a manuscript's fonts, for the pipeline's `uncovered-character` rule. */
export function coverageFor(fonts: PrintFonts): (char: string) => boolean {
  return (char) => isCovered(char, fonts);
}

/** Every file a coverage test may open for a bundled text family, for the table `make` writes. */
export function bundledCoverageFiles(): string[] {
  return BUNDLED_FAMILIES.flatMap((family) => coverageFaces({ ...CLASSIC_FONTS, text: { kind: 'bundled', family: family.family } }).map((face) => face.path));
}
