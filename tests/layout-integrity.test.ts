// After pagination every block of the part must be on some page, in order: Paged.js is
// known to drop content silently (pagedjs#130, #154, #251). The loss is simulated in real
// Chromium by removing a laid-out paragraph, as such a bug would; the build must then
// fail at that paragraph's line in the part, and never print a PDF without it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import { LayoutLossError } from '../src/browser/layout-integrity.js';
import { ManuscriptError, formatMessage } from '../src/diagnostics.js';
import { loadManuscript } from '../src/manuscript.js';
import { preparePrint, printPrepared, type PreparedPrint } from '../src/render/pdf.js';
import { copyFixture } from './helpers/cli.js';

let session: BrowserSession;
let workDir: string;
let job: PreparedPrint;

beforeAll(async () => {
  const root = copyFixture('basic');
  const { config, parts } = loadManuscript(path.join(root, 'manuscript'), { SOURCE_DATE_EPOCH: '0' });
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-integrity-'));
  job = await preparePrint(parts[0]!, config, { variant: 'pamphlet', workDir });
  session = await openBrowser({ timeout: 60_000 });
});

afterAll(async () => {
  await session?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the layout integrity check', () => {
  test('passes a part whose every block is on a page', async () => {
    const pdf = await printPrepared(session, job);
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });

  test('names the paragraph a layout lost, by its place in the part', async () => {
    // tests/fixtures/basic/part-1.md, line 12: "The second paragraph cites Carr again…".
    const lost = session.paginate({ ...job, simulateLostContent: 'p[data-src="12:1"]' });
    await expect(lost).rejects.toBeInstanceOf(LayoutLossError);
    await expect(lost).rejects.toMatchObject({ lost: [{ src: '12:1', tag: 'p' }] });
  });

  test('a lost note is found too', async () => {
    const lost = session.paginate({ ...job, simulateLostContent: 'span.footnote[data-src="14:11"]' });
    await expect(lost).rejects.toMatchObject({ lost: [{ src: "14:11", tag: "span" }] });
  });

  test('the build stops with an error at that line of the part', async () => {
    const failing = { ...job, simulateLostContent: 'p[data-src="12:1"]' } as PreparedPrint & { simulateLostContent: string };
    const wrapped: BrowserSession = { paginate: (request) => session.paginate({ ...request, simulateLostContent: failing.simulateLostContent }), close: () => session.close() };
    const failure = await printPrepared(wrapped, job).then(() => undefined, (cause: unknown) => cause);
    expect(failure).toBeInstanceOf(ManuscriptError);
    const lines = (failure as ManuscriptError).messages.map((m) => formatMessage(m, path.dirname(path.dirname(job.sourcePath ?? ''))));
    expect(lines).toEqual([
      'manuscript/part-1.md:12:1: error: the page layout (Paged.js) lost this paragraph from a-test-series-1: the PDF would not have it; a `::pagebreak` before it usually helps (please report the part)',
    ]);
  });
});
