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

/**
 * The real path, or undefined when there is nothing there (or it cannot be resolved). The
 * C library's realpath, one call, where Node's own walks the path a component at a time.
 */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * The test of `isAllowedUrl` for one page, the real paths of `allowedRoots` found once: the
 * page waits for the answer to each file it asks for (the print page some 20, from 22
 * folders: 6-10 ms a build, found afresh for every request).
 */
export function allowedUrlTest(allowedRoots: readonly string[]): (url: string) => boolean {
  const realRoots = allowedRoots.map((root) => realPath(resolve(root))).filter((root): root is string => root !== undefined);
  return (url) => {
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
    return real !== undefined && realRoots.some((root) => isInside(root, real));
  };
}

/**
 * True for `data:` URLs and for `file:` URLs of files that exist and whose real path
 * is under the real path of one of `allowedRoots`; false for all else.
 */
export function isAllowedUrl(url: string, allowedRoots: readonly string[]): boolean {
  return allowedUrlTest(allowedRoots)(url);
}
