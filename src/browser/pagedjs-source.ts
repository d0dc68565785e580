/**
 * Which Paged.js the print pages run. By default our build of Paged.js 0.4.3 with the
 * speed fixes of vendor/pagedjs/ (its patches are beside it, and
 * scripts/build-pagedjs.mjs remakes it from the npm package): the same layout, without
 * the costs that grow with the square of the page count. `upstream` is the npm package
 * as published, which the tests lay out against to show that the pages are the same.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packagePath } from '../package-root.js';

export type PagedBuild = 'patched' | 'upstream' | { file: string };

const require = createRequire(import.meta.url);

/** The patched build, committed in the repository (and the npm package). */
export const PATCHED_PAGEDJS = packagePath('vendor', 'pagedjs', 'paged.polyfill.min.js');

export function pagedPolyfillPath(build: PagedBuild = 'patched'): string {
  if (typeof build === 'object') return build.file;
  if (build === 'patched') return PATCHED_PAGEDJS;
  // pagedjs's `exports` map hides its dist folder, so find it from the CommonJS entry.
  const entry = require.resolve('pagedjs'); // <root>/lib/index.cjs
  return join(dirname(dirname(entry)), 'dist', 'paged.polyfill.min.js');
}

const sources = new Map<string, string>();

/** Paged.js's code, read once per process and build: it goes into every page. */
export function pagedPolyfill(build: PagedBuild = 'patched'): string {
  const file = pagedPolyfillPath(build);
  let source = sources.get(file);
  if (source === undefined) {
    source = readFileSync(file, 'utf8');
    sources.set(file, source);
  }
  return source;
}
