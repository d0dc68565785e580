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
 * falls in their range, so an English text reads one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { FALLBACK_FAMILY, fontPackageDir, PRINT_FONT_FAMILY, printFaceFiles, type FaceFile } from './fonts.js';

interface CoverageFace {
  ranges: Array<[number, number]>;
  path: string;
  font?: fontkit.Font;
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

let faces: CoverageFace[] | undefined;

function coverageFaces(): CoverageFace[] {
  faces ??= printFaceFiles()
    .filter((face: FaceFile) => (face.family === PRINT_FONT_FAMILY || face.family === FALLBACK_FAMILY) && face.weight === 400 && face.style === 'normal')
    // The text face first: an English text then opens its Latin subset only.
    .map((face) => ({
      ranges: parseUnicodeRange(face.unicodeRange ?? 'U+0-10FFFF'),
      path: join(fontPackageDir(face.package), face.file.replace(/\.woff2$/, '.woff')),
    }));
  return faces;
}

/** Characters nothing is drawn for: spaces, controls, joiners, variation selectors. */
const INVISIBLE = /^[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]$/u;

const known = new Map<number, boolean>();

/** Whether an embedded face of the print PDF has a glyph for this character. */
export function isCovered(char: string): boolean {
  const codePoint = char.codePointAt(0);
  if (codePoint === undefined || INVISIBLE.test(char)) return true;
  let covered = known.get(codePoint);
  if (covered === undefined) {
    covered = coverageFaces().some((face) => {
      if (!face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)) return false;
      face.font ??= fontkit.create(readFileSync(face.path));
      return face.font.hasGlyphForCodePoint(codePoint);
    });
    known.set(codePoint, covered);
  }
  return covered;
}
