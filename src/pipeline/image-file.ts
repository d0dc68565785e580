/**
 * Whether an image file named in a part can go into every format: inside the
 * manuscript folder, present, and of a type an EPUB 3 reading system must show.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveInside } from '../config/load.js';

/** EPUB 3 core media types: what every format can carry. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export function checkImageFile(dir: string, relPath: string): string | undefined {
  const abs = resolveInside(dir, relPath);
  if (!abs) return `image outside the manuscript folder is not allowed: ${relPath}`;
  const type = IMAGE_TYPES[path.extname(abs).toLowerCase()];
  if (!type) return `image ${relPath}: use PNG, JPEG, GIF or SVG (the image types every EPUB reader shows)`;
  if (!existsSync(abs) || !statSync(abs).isFile()) return `image file not found: ${relPath}`;
  return undefined;
}
