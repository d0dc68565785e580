/**
 * `fonts: { text, headings, mono }` in pamphlet.yaml: each a bundled family
 * (src/style/families.ts) or a font file inside the manuscript folder, whose italic and
 * bold are found beside it by the usual names (Face-Regular.ttf → Face-Italic.ttf,
 * Face-Bold.ttf, Face-BoldItalic.ttf). Every file is read by its real location
 * (src/files/inside.ts) and opened with fontkit before anything is built:
 *
 * - a CFF-flavoured OpenType font (a `CFF ` or `CFF2` table, PostScript outlines) is
 *   refused: Chromium's PDF writer (Skia) embeds only TrueType outlines as fonts and
 *   draws every other outline as a Type 3 font, which print shops reject. Converting CFF
 *   to quadratic TrueType outlines is FontForge's or fonttools' job, not ours to
 *   reimplement; the error says so and names the way out;
 * - a collection (.ttc) or a file fontkit cannot read is refused too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as fontkit from 'fontkit';
import { loadFontkit } from '../render/font-cmaps.js';
import { realInside } from '../files/inside.js';
import { assetSizeProblem } from '../files/read.js';
import type { FileFace, FontChoice } from '../render/fonts.js';
import { BUNDLED_FAMILIES, bundledFamily } from './families.js';

export type FontRole = 'text' | 'headings' | 'mono';

const FORMATS: Readonly<Record<string, FileFace['format']>> = { '.ttf': 'truetype', '.otf': 'opentype', '.woff2': 'woff2' };

/** The faces looked for beside the regular one, by the suffix that replaces `-Regular`. */
const SIBLINGS: ReadonlyArray<{ suffix: string; weight: 400 | 700; style: 'normal' | 'italic' }> = [
  { suffix: 'Italic', weight: 400, style: 'italic' },
  { suffix: 'Bold', weight: 700, style: 'normal' },
  { suffix: 'BoldItalic', weight: 700, style: 'italic' },
];

export type FontResolution = { ok: true; choice: FontChoice } | { ok: false; reason: string };

/** Whether a `fonts:` value names a file rather than a family. */
export function isFontPath(value: string): boolean {
  return /[\\/]/.test(value) || /\.(ttf|otf|woff2?|ttc|pfb|pfa|dfont)$/i.test(value);
}

export function resolveFont(dir: string, role: FontRole, value: string): FontResolution {
  if (!isFontPath(value)) {
    const family = bundledFamily(value);
    if (!family) {
      const kinds = role === 'mono' ? ['mono'] : ['serif', 'sans'];
      const offered = BUNDLED_FAMILIES.filter((f) => kinds.includes(f.kind)).map((f) => f.family).join(', ');
      return { ok: false, reason: `no bundled font family “${value}” for \`fonts.${role}\`: use one of ${offered}, or the path of a .ttf, .otf or .woff2 file inside the manuscript folder (fonts/Face-Regular.ttf)` };
    }
    return { ok: true, choice: { kind: 'bundled', family: family.family } };
  }
  const ext = path.extname(value).toLowerCase();
  const format = FORMATS[ext];
  if (!format) return { ok: false, reason: `\`fonts.${role}\`: ${value} is not a font file pamphlet can embed: give a .ttf, .otf or .woff2 file` };
  const inside = realInside(dir, value);
  if (!inside.ok) return { ok: false, reason: inside.problem === 'missing' ? `\`fonts.${role}\`: font file not found: ${value}` : `\`fonts.${role}\`: ${inside.reason}` };
  const regular = openFace(inside.path, value);
  if (!regular.ok) return regular;
  const faces: FileFace[] = [{ weight: 400, style: 'normal', path: inside.path, format }];
  const bytes: Uint8Array[] = [regular.bytes];
  // Face-Regular.ttf → Face-Italic.ttf …; a file not named -Regular is the roman: Face.ttf → Face-Italic.ttf.
  const stem = value.slice(0, -ext.length).replace(/-Regular$/i, '');
  for (const sibling of SIBLINGS) {
    for (const siblingExt of [ext, ...Object.keys(FORMATS).filter((e) => e !== ext)]) {
      const rel = `${stem}-${sibling.suffix}${siblingExt}`;
      const found = realInside(dir, rel);
      if (!found.ok) {
        if (found.problem === 'missing') continue;
        return { ok: false, reason: `\`fonts.${role}\`: ${found.reason}` };
      }
      const face = openFace(found.path, rel);
      if (!face.ok) return face;
      faces.push({ weight: sibling.weight, style: sibling.style, path: found.path, format: FORMATS[siblingExt] as FileFace['format'] });
      bytes.push(face.bytes);
      break;
    }
  }
  const digest = createHash('sha256');
  for (const each of bytes) digest.update(each);
  return { ok: true, choice: { kind: 'file', family: regular.family, faces, digest: digest.digest('hex') } };
}

type Opened = { ok: true; bytes: Uint8Array; family: string } | { ok: false; reason: string };

function openFace(real: string, rel: string): Opened {
  const tooLarge = assetSizeProblem(real, rel);
  if (tooLarge) return { ok: false, reason: tooLarge };
  const bytes = readFileSync(real);
  let font: fontkit.Font | fontkit.FontCollection;
  try {
    font = loadFontkit().create(bytes);
  } catch (cause) {
    return { ok: false, reason: `${rel} is not a font file that can be read (${cause instanceof Error ? cause.message : String(cause)})` };
  }
  if ('fonts' in font) return { ok: false, reason: `${rel} is a font collection: give one .ttf, .otf or .woff2 file per face` };
  const tables = Object.keys(font.directory?.tables ?? {});
  if (tables.includes('CFF ') || tables.includes('CFF2')) {
    return {
      ok: false,
      reason:
        `${rel} is an OpenType font with CFF (PostScript) outlines, which Chromium embeds in a PDF as a Type 3 font that print shops reject: ` +
        'use the TrueType build of the family (.ttf, or a .woff2 made from it), convert it with FontForge or fonttools (`otf2ttf`), or name a bundled family',
    };
  }
  if (!tables.includes('glyf')) return { ok: false, reason: `${rel} has no TrueType outlines (no glyf table): give a TrueType font (.ttf, or a .woff2 made from one)` };
  return { ok: true, bytes, family: (font.familyName || path.basename(rel, path.extname(rel))).trim() };
}
