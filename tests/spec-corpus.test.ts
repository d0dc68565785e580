/**
 * Issue 8: "any manuscript, not just this one". Every CommonMark 0.31.2 and GFM 0.29 spec
 * example, built as a part of its own, is either built (EPUB valid, every word there) or
 * refused at its place for a reason in tests/helpers/refusal-reasons.ts.
 *
 * EXPECTED TO FAIL on the pipeline before issue 8's rewrite: the failures it lists (grouped
 * in docs/spec-corpus.md) are the rewrite's work list. It goes green with the new pipeline;
 * do not loosen it to pass.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { pagesText, squash } from './helpers/poppler.js';
import { counts, expectedWords, failureReport, loadExamples, missingInOrder, partSource, pdfSample, runCorpus, summaryMarkdown, type CorpusRun, type Example } from './helpers/spec-corpus.js';

const SUMMARY = path.resolve(import.meta.dirname, '../docs/spec-corpus.md');
const root = mkdtempSync(path.join(tmpdir(), 'pamphlet-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the CommonMark and GFM spec examples, each built as a part (goes green with issue 8)', () => {
  const examples = loadExamples();

  it('are all there: 652 CommonMark 0.31.2 examples and 677 GFM 0.29 examples, as data from npm', () => {
    expect(examples.filter((e) => e.suite === 'commonmark')).toHaveLength(652);
    expect(examples.filter((e) => e.suite === 'gfm')).toHaveLength(677);
    // The spec writes tabs as →; they are tabs again in the Markdown built.
    expect(examples.find((e) => e.id === 'CM 1')?.markdown).toBe('\tfoo\tbaz\t\tbim\n');
    expect(examples.find((e) => e.id === 'GFM 198')?.section).toBe('Tables (extension)');
  });

  it('each builds (EPUB passes epubcheck, every word present) or is refused at part-1.md:LINE:COL for a documented reason', { timeout: 600_000 }, async () => {
    const run: CorpusRun = await runCorpus({ examples, root });
    const summary = summaryMarkdown(run);
    writeFileSync(SUMMARY, summary);
    const c = counts(run.results);
    console.log(`${summary}\n${c.examples} examples (${run.builds} distinct builds) in ${run.seconds.toFixed(1)} s; epubcheck finished ${run.epubcheckTailSeconds.toFixed(1)} s after the last build`);
    expect(c.examples).toBe(examples.length);
    expect(c.failed, `${c.failed} examples failed (summary in docs/spec-corpus.md):\n${failureReport(run.results)}`).toBe(0);
  });

  it('a sample of 30 that any pipeline must build prints every word in the PDF (pdftotext)', { timeout: 600_000 }, () => {
    const sample = pdfSample(examples);
    expect(sample).toHaveLength(30);
    const dir = path.join(root, 'pdf-sample');
    const manuscript = path.join(dir, 'manuscript');
    mkdirSync(manuscript, { recursive: true });
    writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Spec\n');
    sample.forEach((example, i) => writeFileSync(path.join(manuscript, `part-${i + 1}.md`), partSource(example, `Spec example ${example.id}`).replace('part: 1', `part: ${i + 1}`)));
    // One build, one browser, all 30 parts: a PDF each.
    const run = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', 'out'], dir);
    const failures: string[] = [];
    if (run.status !== 0) {
      // Which ones? Each alone, to name every example that breaks the PDF (slow, only on failure).
      sample.forEach((example, i) => {
        const alone = path.join(root, `pdf-alone-${i + 1}`);
        mkdirSync(path.join(alone, 'manuscript'), { recursive: true });
        cpSync(path.join(manuscript, 'pamphlet.yaml'), path.join(alone, 'manuscript', 'pamphlet.yaml'));
        writeFileSync(path.join(alone, 'manuscript', 'part-1.md'), partSource(example, `Spec example ${example.id}`));
        const one = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', 'out'], alone);
        if (one.status !== 0) failures.push(`${example.id}: the PDF build exits ${one.status}: ${one.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
        else failures.push(...pdfMissing(example, path.join(alone, 'out', 'spec-1.pdf')));
      });
    } else {
      sample.forEach((example, i) => failures.push(...pdfMissing(example, path.join(dir, 'out', `spec-${i + 1}.pdf`))));
    }
    expect(failures, `the sample: ${sample.map((e) => e.id).join(', ')}`).toEqual([]);
  });
});

/** The example's words, squashed to letters and digits as hyphenation and ligatures demand, in reading order. */
function pdfMissing(example: Example, pdf: string): string[] {
  const text = squash(pagesText(pdf).join(' '));
  const missing = missingInOrder(text, expectedWords(example.html).map(squash).filter(Boolean));
  return missing.length ? [`${example.id}: missing from the PDF: ${missing.slice(0, 12).join(' ')}`] : [];
}
