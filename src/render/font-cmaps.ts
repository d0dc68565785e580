/**
 * Which characters a font file has a glyph for (its cmap), and the one place fontkit is
 * loaded. The cmaps of the faces pamphlet ships are read once, when `make` builds lib/
 * (scripts/build.mjs writes lib/font-cmaps.json with `writeFontCmaps`), so a build reads
 * a table instead of loading a font engine: fontkit (with its brotli) cost every build
 * 0.1–0.18 s of the real manuscript's 4.4 s before anything was set. A manuscript's own
 * font, a file the table lacks, or one whose size is not the size measured (another
 * version of the package) is read by fontkit, loaded then.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { packagePath, PACKAGE_ROOT } from '../package-root.js';
import { libTable } from './lib-table.js';

/** lib/font-cmaps.json: each font file (relative to pamphlet's folder) with its size and the code points it maps, as ranges. */
interface CmapTable {
  files: Record<string, { size: number; ranges: Array<[number, number]> }>;
}

export const CMAP_TABLE = packagePath('lib', 'font-cmaps.json');

let fontkit: typeof Fontkit | undefined;

/** fontkit, required on first use (it is external to the bundle, so nothing loads it before). */
export function loadFontkit(): typeof Fontkit {
  fontkit ??= createRequire(import.meta.url)('fontkit') as typeof Fontkit;
  return fontkit;
}

/** Without the table (lib/ not built yet) every file is read by fontkit. */
const readTable = libTable<CmapTable>(CMAP_TABLE);

type HasGlyph = (codePoint: number) => boolean;
const opened = new Map<string, HasGlyph>();

/** Whether the font file at `file` maps this code point to a glyph. */
export function fontHasGlyph(file: string, codePoint: number): boolean {
  let has = opened.get(file);
  if (!has) {
    has = fromTable(file) ?? fromFont(file);
    opened.set(file, has);
  }
  return has(codePoint);
}

function fromTable(file: string): HasGlyph | undefined {
  const entry = readTable()?.files[path.relative(PACKAGE_ROOT, file)];
  if (!entry) return undefined;
  try {
    if (statSync(file).size !== entry.size) return undefined;
  } catch {
    return undefined;
  }
  const { ranges } = entry;
  return (codePoint) => {
    // Ranges are sorted and disjoint: a binary search.
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = ranges[middle]!;
      if (codePoint < start) high = middle - 1;
      else if (codePoint > end) low = middle + 1;
      else return true;
    }
    return false;
  };
}

function fromFont(file: string): HasGlyph {
  const font = loadFontkit().create(readFileSync(file)) as Fontkit.Font;
  return (codePoint) => font.hasGlyphForCodePoint(codePoint);
}

/** The code points a font maps to a glyph, as sorted, disjoint ranges. */
function cmapRanges(file: string): Array<[number, number]> {
  // characterSet is fontkit's documented list of the cmap's code points; @types/fontkit lacks it.
  const font = loadFontkit().create(readFileSync(file)) as Fontkit.Font & { characterSet: number[] };
  const points = [...new Set(font.characterSet)].filter((codePoint) => font.hasGlyphForCodePoint(codePoint)).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const codePoint of points) {
    const last = ranges.at(-1);
    if (last && codePoint === last[1] + 1) last[1] = codePoint;
    else ranges.push([codePoint, codePoint]);
  }
  return ranges;
}

/** Writes the table of these font files (absolute paths inside pamphlet's folder); `make` calls it. */
export function writeFontCmaps(files: readonly string[], out: string = CMAP_TABLE): void {
  const entries: CmapTable['files'] = {};
  for (const file of [...new Set(files)].sort()) {
    entries[path.relative(PACKAGE_ROOT, file)] = { size: statSync(file).size, ranges: cmapRanges(file) };
  }
  writeFileSync(out, `${JSON.stringify({ files: entries })}\n`);
}
