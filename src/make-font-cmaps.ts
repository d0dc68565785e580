/**
 * Run by scripts/build.mjs once lib/ is bundled: the cmaps of every face a coverage test
 * may open for a bundled family, written to lib/font-cmaps.json (read by font-cmaps.ts).
 */
import { writeFontCmaps } from './render/font-cmaps.js';
import { bundledCoverageFiles } from './render/font-coverage.js';

export function makeFontCmaps(): void {
  writeFontCmaps(bundledCoverageFiles());
}
