// The print jobs of a manuscript, prepared as a build prepares them (the print HTML on disk),
// for tests that print the same job with two browser sessions and compare.
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserSession } from '../../src/browser/session.js';
import { loadManuscript } from '../../src/manuscript.js';
import { preparePrint, printPrepared, type PreparedPrint } from '../../src/render/pdf.js';
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

/** Prints `job` with each session, side by side, to `<workDir>/<label>-<name>.pdf`; returns the two files in that order. */
export async function printBothWays(job: PreparedPrint, sessions: Record<string, BrowserSession>, workDir: string): Promise<string[]> {
  const entries = Object.entries(sessions);
  const pdfs = await Promise.all(entries.map(([, session]) => printPrepared(session, job)));
  return entries.map(([name], index) => {
    const file = path.join(workDir, `${job.label}-${name}.pdf`);
    writeFileSync(file, pdfs[index]!);
    return file;
  });
}
