/**
 * What identifies the tool that made an output, for the build cache: pamphlet's
 * version, the code actually running (the bundle in lib/, or the sources under a test
 * runner), our stylesheets, the Paged.js the pages run (vendor/pagedjs/) and the font
 * packages they load, and for PDFs the Chromium that prints them. A change to any of these must not serve an
 * output made by another.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_VERSION, packagePath } from '../package-root.js';
import { printAssets } from '../render/assets.js';
import { PATCHED_PAGEDJS } from '../browser/pagedjs-source.js';

let tool: string | undefined;

export function toolIdentity(): string {
  if (tool) return tool;
  const hash = createHash('sha256').update(`pamphlet ${PACKAGE_VERSION}\0`);
  const assets = printAssets();
  for (const pkg of [assets.pagedjsDir, ...Object.values(assets.fontDirs)]) {
    hash.update(readFileSync(path.join(pkg, 'package.json')));
  }
  // The Paged.js the pages really run: ours, patched (vendor/pagedjs/), not the package's.
  hash.update(readFileSync(PATCHED_PAGEDJS));
  // The running code: lib/*.cjs and *.js when bundled, src/**/*.ts under vitest (a developer's edit
  // counts), each by its size and the time it was written. Reading and hashing the 5 MB of
  // lib/ took 25-30 ms of every cached build; a file cannot change without a new time
  // short of setting it back on purpose, and lib/ made again, even the same, is only a
  // cold cache.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const codeDir = path.basename(here) === 'cache' ? path.dirname(here) : here;
  for (const file of filesUnder(codeDir, /\.(c?js|ts)$/)) {
    const stat = statSync(file, { bigint: true });
    hash.update(`${file}\0${stat.size}\0${stat.mtimeNs}\0`);
  }
  for (const file of filesUnder(packagePath('styles'), /\.css$/)) hash.update(file.slice(file.lastIndexOf('styles'))).update(readFileSync(file));
  tool = hash.digest('hex');
  return tool;
}

/** The browser binary as found on disk: another build of Chromium may lay out another way. */
export function browserIdentity(executablePath: string): string {
  try {
    const stat = statSync(executablePath);
    return `${executablePath}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return executablePath;
  }
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((name) => pattern.test(name) && !name.includes('node_modules')).sort().map((name) => path.join(dir, name));
}
