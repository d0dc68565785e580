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
import { CLASSIC_FONTS, fallbackFaceFiles, fontPackageDir, ownFaceFiles, type FaceFile, type PrintFonts } from './fonts.js';
import { parseUnicodeRange } from './unicode-range.js';

interface CoverageFace {
  ranges: Array<[number, number]>;
  path: string;
}

const facesBySet = new Map<string, CoverageFace[]>();

function coverageFace(face: FaceFile): CoverageFace {
  return {
    ranges: parseUnicodeRange(face.unicodeRange ?? 'U+0-10FFFF'),
    // A manuscript's own file is read as it is (a woff2 one too: one file, once).
    path: face.package === 'manuscript' ? face.file : join(fontPackageDir(face.package), face.file.replace(/\.woff2$/, '.woff')),
  };
}

/** The roman (400) faces among these. */
const roman = (faces: readonly FaceFile[]): FaceFile[] => faces.filter((face) => face.weight === 400 && face.style === 'normal');

/** The text face (the theme's or `fonts.text`), in roman: an English text opens its Latin subset only. */
function textCoverageFaces(fonts: PrintFonts): CoverageFace[] {
  const key = JSON.stringify(fonts.text);
  let faces = facesBySet.get(key);
  if (!faces) {
    faces = roman(ownFaceFiles(fonts).filter((face) => face.role === 'text')).map(coverageFace);
    facesBySet.set(key, faces);
  }
  return faces;
}

let fallbackFaces: CoverageFace[] | undefined;

/** The fallback, in roman: read only for a character the text face lacks. */
function fallbackCoverageFaces(): CoverageFace[] {
  fallbackFaces ??= roman(fallbackFaceFiles()).map(coverageFace);
  return fallbackFaces;
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
    const serves = (face: CoverageFace): boolean => face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end) && fontHasGlyph(face.path, codePoint);
    covered = textCoverageFaces(fonts).some(serves) || fallbackCoverageFaces().some(serves);
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
  return [...BUNDLED_FAMILIES.flatMap((family) => textCoverageFaces({ ...CLASSIC_FONTS, text: { kind: 'bundled', family: family.family } })), ...fallbackCoverageFaces()].map((face) => face.path);
}
