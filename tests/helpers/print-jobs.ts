// The print jobs of a manuscript, prepared as a build prepares them (the print HTML on disk),
// for tests that print the same job with two browser sessions and compare.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { loadManuscript } from '../../src/manuscript.js';
import { preparePrint, type PreparedPrint } from '../../src/render/pdf.js';
import type { PrintVariant } from '../../src/render/print-html.js';

/** Every part of the manuscript in `dir`, in each of `variants`, each in a folder of its own under `workDir`. */
export async function printJobsOf(dir: string, variants: PrintVariant[], workDir: string): Promise<PreparedPrint[]> {
  const { config, parts } = loadManuscript(dir, { SOURCE_DATE_EPOCH: '0' });
  const jobs: PreparedPrint[] = [];
  for (const [index, doc] of parts.entries()) {
    for (const variant of variants) {
      const own = mkdtempSync(path.join(workDir, `${path.basename(path.dirname(dir))}-${path.basename(dir)}-${index}-${variant}-`));
      jobs.push(await preparePrint(doc, config, { variant, workDir: own }));
    }
  }
  return jobs;
}
