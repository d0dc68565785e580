// After pagination every block of the part must be on some page, in order: Paged.js is
// known to drop content silently (pagedjs#130, #154, #251). The loss is simulated in real
// Chromium by removing a laid-out paragraph, as such a bug would; the build must then
// fail at that paragraph's line in the part, and never print a PDF without it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChromium } from '../src/browser/find-chromium.js';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import { LayoutLossError, lostBlocks } from '../src/browser/layout-integrity.js';
import { ManuscriptError, formatMessage } from '../src/diagnostics.js';
import { loadManuscript } from '../src/manuscript.js';
import { preparePrint, printPrepared, type PreparedPrint } from '../src/render/pdf.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';

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

// Found by a sweep of the Markdown files in node_modules, 2026-12-06: a code block whose last
// line is empty (as its author left a blank line before the closing fence) ended a hair past a
// page's foot. Chromium carries that empty line into Paged.js's overflow column, far to the
// right; Paged.js, which looks for text or a box that starts out there, leaves it; the block's
// box then spans both, and the build was refused: "this code block runs past the edge of its
// page". Nothing that prints was out there. A block counts as past the edge or the foot only
// when something it draws is: letters, or a picture.
describe('a block whose box reaches past the page, but none of its letters', () => {
  const area = (lastLine: string) => `<!doctype html><style>
    body { margin: 0; }
    .pagedjs_page { width: 400px; }
    .pagedjs_area { width: 300px; height: 100px; columns: 300px; column-gap: 1000px; column-fill: auto; }
    pre { margin: 0; font: 10px/14px monospace; }
    .code-line { display: block; min-height: 14px; }
  </style><div class="pagedjs_pages"><div class="pagedjs_page"><div class="pagedjs_area"><div>
    <pre data-seq="1" data-src="3:1"><code>${'<span class="code-line">x = 1</span>'.repeat(7)}<span class="code-line">${lastLine}</span></code></pre>
  </div></div></div></div>`;

  test('an empty last line carried into the overflow column is not content lost; a line with letters or a picture is', async () => {
    const browser = await puppeteer.launch({ executablePath: findChromium({}), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const check = async (lastLine: string) => {
        await page.setContent(area(lastLine));
        // The situation is the one the README made: the block's box spans the two columns.
        const width = await page.evaluate(() => document.querySelector('pre')!.getBoundingClientRect().width);
        expect(width).toBeGreaterThan(1000);
        return page.evaluate(lostBlocks);
      };
      expect(await check('')).toEqual([]);
      expect(await check('y = 2')).toEqual([{ seq: 1, src: '3:1', tag: 'pre', edge: true }]);
      // A picture draws without letters: one out there is lost too.
      expect(await check('<svg width="8" height="10"></svg>')).toEqual([{ seq: 1, src: '3:1', tag: 'pre', edge: true }]);
    } finally {
      await browser.close();
    }
  });

  test('the README that found it builds, every output', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-colors-readme-'));
    try {
      const readme = path.resolve(import.meta.dirname, '..', 'node_modules', '@colors/colors/README.md');
      mkdirSync(path.join(root, 'book'));
      writeFileSync(path.join(root, 'book', 'pamphlet.yaml'), 'series: Sweep\nauthor: Nobody Here\nlang: en\npage: { size: A5 }\n');
      writeFileSync(path.join(root, 'book', 'part-1.md'), readmeAsPart(readme, '@colors/colors/README.md', 1));
      const result = pamphlet(['build', 'book', '--out', 'dist', '--quiet', '--no-cache'], root);
      expect(result.status, result.stderr).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
