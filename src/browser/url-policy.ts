/**
 * Which requests a print page may make. The HTML is generated from a manuscript, and
 * the pipeline already rejects remote resources; this is the second line: nothing
 * leaves the machine and nothing outside the folders we name is read.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** True for `data:` URLs and `file:` URLs under one of `allowedRoots`; false for all else. */
export function isAllowedUrl(url: string, allowedRoots: readonly string[]): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true;
  if (!url.startsWith('file:')) return false;
  let path: string;
  try {
    // Drops ?query and #hash and decodes %xx, so "%2e%2e/" cannot climb out.
    path = resolve(fileURLToPath(url));
  } catch {
    return false;
  }
  return allowedRoots.some((root) => isInside(root, path));
}
