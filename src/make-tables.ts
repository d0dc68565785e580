/**
 * Run by scripts/build.mjs once lib/ is bundled: what a build would otherwise work out
 * from package files every time, written beside the bundle.
 * - lib/font-cmaps.json: the cmaps of every face a coverage test may open for a bundled
 *   family (read by font-cmaps.ts);
 * - lib/stylesheets.json: pamphlet's stylesheets cut at their relative url()s (read by
 *   stylesheet-table.ts);
 * - lib/citeproc.code-cache: what V8 compiles of citeproc-js to format the real
 *   manuscript's citations (code-cache.ts), so that a cited build compiles none of it;
 * - lib/csl-parsed.json: the style and locales that build handed citeproc-js, parsed
 *   (parsed-csl.ts), so that a build with the same style does not parse them again.
 * The build it runs for that also compiles the code of lib/ a build runs, whose caches
 * scripts/build.mjs writes next (lib-loader.ts): this needs the Chromium `make` installs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './cli.js';
import { writeCiteprocCodeCache, writeParsedCslTable } from './citations/engine.js';
import { packagePath } from './package-root.js';
import { writeFontCmaps } from './render/font-cmaps.js';
import { bundledCoverageFiles } from './render/font-coverage.js';
import { writeStylesheetTable } from './render/stylesheet-table.js';

export async function makeTables(): Promise<void> {
  writeFontCmaps(bundledCoverageFiles());
  writeStylesheetTable();
  // Every output of the real manuscript, as the command line builds them, so that V8 has
  // compiled the code each format runs (a PDF build 27 ms faster for its print's: 8 of 11
  // interleaved pairs) and citeproc-js's for every citation and bibliography entry.
  const out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-code-cache-'));
  try {
    const status = await main(['build', packagePath('manuscript'), '--out', out, '--no-cache', '--quiet']);
    if (status !== 0) throw new Error(`make-tables: the real manuscript did not build (exit status ${status}; its errors are above)`);
    writeCiteprocCodeCache();
    writeParsedCslTable();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
