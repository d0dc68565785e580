/**
 * Reads a text file of the manuscript (pamphlet.yaml, a part, the bibliography, a CSL
 * style or locale) through the two gates every such read needs: its real location
 * must be inside `root`, and its bytes must be UTF-8.
 */
import { readFileSync, statSync } from 'node:fs';
import { realInside, type InsideOptions, type InsideProblem } from './inside.js';
import { decodeUtf8 } from './utf8.js';

/**
 * The largest text file read: a book's Markdown is a few megabytes (the real manuscript's ten-fold
 * copy, 186 pages, is 0.47 MB; 48 MB of paragraphs checks in 87 s). Past this a part only stops
 * the build late, or with Node's own words: a 600 MB part was "Cannot create a string longer
 * than 0x1fffffe8 characters", a 3 GB one "File size … is greater than 2 GiB", naming no file.
 */
export const MAX_TEXT_BYTES = 100 * 1024 * 1024;

/**
 * The largest picture or font a manuscript may hold. A 61-megapixel camera's JPEG is some 30 MB,
 * and every EPUB and PDF carries the file (over 10 MB is already a warning, `image-file-size`).
 * Past this Node's own words named no file: a 3 GB image was "File size (3221225472) is greater
 * than 2 GiB"; a 600 MB one took `check` 8 s and 1.3 GB of memory to read.
 */
export const MAX_ASSET_BYTES = 200 * 1024 * 1024;

/** Why a picture or font at `realPath` is too large to read, if it is; `rel` as the author wrote it. */
export function assetSizeProblem(realPath: string, rel: string): string | undefined {
  const size = statSync(realPath).size;
  return size > MAX_ASSET_BYTES ? `${rel} is ${(size / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_ASSET_BYTES / 1024 / 1024} MB a picture or font of a manuscript may be: every EPUB and PDF carries it; make it smaller` : undefined;
}

export type TextRead =
  | { ok: true; text: string; /** Real path. */ path: string }
  | { ok: false; problem: InsideProblem | 'too-large'; reason: string }
  | { ok: false; problem: 'encoding'; reason: string; line: number; column: number };

export function readTextInside(root: string, rel: string, options: InsideOptions = {}): TextRead {
  const inside = realInside(root, rel, options);
  if (!inside.ok) return inside;
  const size = statSync(inside.path).size;
  if (size > MAX_TEXT_BYTES) {
    return { ok: false, problem: 'too-large', reason: `${rel} is ${(size / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_TEXT_BYTES / 1024 / 1024} MB a text file of a manuscript may be: split it, or take out what is not text` };
  }
  const decoded = decodeUtf8(readFileSync(inside.path));
  if (!decoded.ok) return { ok: false, problem: 'encoding', reason: decoded.reason, line: decoded.line, column: decoded.column };
  return { ok: true, text: decoded.text, path: inside.path };
}
