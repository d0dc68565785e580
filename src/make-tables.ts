/**
 * Run by scripts/build.mjs once lib/ is bundled: what a build would otherwise work out
 * from package files every time, written beside the bundle.
 * - lib/font-cmaps.json: the cmaps of every face a coverage test may open for a bundled
 *   family (read by font-cmaps.ts);
 * - lib/stylesheets.json: pamphlet's stylesheets cut at their relative url()s (read by
 *   stylesheet-table.ts).
 */
import { writeFontCmaps } from './render/font-cmaps.js';
import { bundledCoverageFiles } from './render/font-coverage.js';
import { writeStylesheetTable } from './render/stylesheet-table.js';

export function makeTables(): void {
  writeFontCmaps(bundledCoverageFiles());
  writeStylesheetTable();
}
