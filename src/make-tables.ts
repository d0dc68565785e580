/**
 * Run by scripts/build.mjs once lib/ is bundled: what a build would otherwise work out
 * from package files every time, written beside the bundle.
 * - lib/font-cmaps.json: the cmaps of every face a coverage test may open for a bundled
 *   family (read by font-cmaps.ts);
 * - lib/stylesheets.json: pamphlet's stylesheets cut at their relative url()s (read by
 *   stylesheet-table.ts);
 * - lib/citeproc.code-cache: what V8 compiles of citeproc-js to format the real
 *   manuscript's citations (code-cache.ts), so that a cited build compiles none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from './api.js';
import { writeCiteprocCodeCache } from './citations/engine.js';
import { packagePath } from './package-root.js';
import { writeFontCmaps } from './render/font-cmaps.js';
import { bundledCoverageFiles } from './render/font-coverage.js';
import { writeStylesheetTable } from './render/stylesheet-table.js';

export async function makeTables(): Promise<void> {
  writeFontCmaps(bundledCoverageFiles());
  writeStylesheetTable();
  // The web page alone: it formats every citation and bibliography entry a print or an
  // EPUB would, with no browser and no cover.
  const out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-code-cache-'));
  try {
    const result = await build({ dir: packagePath('manuscript'), out, formats: ['html'], cache: false });
    const errors = result.messages.filter((message) => message.fatal);
    if (errors.length) throw new Error(`make-tables: the real manuscript did not build: ${errors.map(String).join('; ')}`);
    writeCiteprocCodeCache();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
