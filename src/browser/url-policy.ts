/**
 * Which requests a print page may make. The HTML is generated from a manuscript, and
 * the pipeline already rejects remote resources; this is the second line: nothing
 * leaves the machine and nothing outside the folders we name is read. Paths are
 * compared by their real location, so a symlink inside an allowed folder that points
 * outside it is refused like the file it points to.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path, or undefined when there is nothing there (or it cannot be resolved). */
function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * True for `data:` URLs and for `file:` URLs of files that exist and whose real path
 * is under the real path of one of `allowedRoots`; false for all else.
 */
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
  const real = realPath(path);
  if (real === undefined) return false;
  return allowedRoots.some((root) => {
    const realRoot = realPath(resolve(root));
    return realRoot !== undefined && isInside(realRoot, real);
  });
}
