// The print page takes out every soft hyphen no line breaks at before Chromium prints
// (line-breaker.ts for the paragraphs it sets, page-break-text.ts `dropUnbrokenSoftHyphens`
// for the rest), so that Chromium does not write one invisible glyph in an ActualText span
// for each, which the PDF pass then had to take out of nearly every page. That must change
// nothing a reader sees: each document below, none of it written for this test, is printed by
// the real session in real Chromium with the soft hyphens left in and with them taken out,
// and read back with poppler: the same pages, the same words on each, in the same places.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import { printPrepared, type PreparedPrint } from '../src/render/pdf.js';
import type { PrintVariant } from '../src/render/print-html.js';
import { copyFixture } from './helpers/cli.js';
import { printBothWays, printJobsOf } from './helpers/print-jobs.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { pagesRawText } from './helpers/poppler.js';
import { commonMarkProse as proseOf } from './helpers/commonmark-prose.js';

const REPO = path.resolve(import.meta.dirname, '..');
/**
 * How far a word may move along its line. Where a line's words change width the line's
 * spaces take it up, and the words between its ends move: Cyrillic words, whose soft
 * hyphens Chromium took from the font's Latin face, are set as one run again (0.5 pt at
 * most in the Russian text); a hyphen Chromium drew up to 0.26 pt into the letter before
 * it now follows the letter; the hyphen Chromium lost at the foot of a page with the soft
 * hyphen in is there (a line of the German handout, 1.8 pt at its middle).
 */
const ALONG_LINE_PT = 4;
const EDGE_PT = 0.05;
let workDir: string;
let kept: BrowserSession;
let dropped: BrowserSession;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-soft-hyphens-'));
  [kept, dropped] = await Promise.all([openBrowser({ timeout: 600_000, dropUnbrokenSoftHyphens: false }), openBrowser({ timeout: 600_000 })]);
});

afterAll(async () => {
  await Promise.all([kept?.close(), dropped?.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

/** The print jobs of every part of the manuscript in `dir`, for `variants`. */
const jobsOf = (dir: string, variants: PrintVariant[]): Promise<PreparedPrint[]> => printJobsOf(dir, variants, workDir);

const describeWord = (page: number, word: Word | undefined): string => (word ? `page ${page}: “${word.text}” at ${word.xMin.toFixed(2)}, ${word.yMin.toFixed(2)}` : `page ${page}: no word`);
/** The same word, or with the hyphen Chromium lost at a page's foot with the soft hyphens in (never the other way). */
const sameText = (before: Word, after: Word): boolean => after.text === before.text || after.text === `${before.text}-`;

/**
 * The first word that is not where it was: each page the same words, each on the same line
 * (the same height on the page), each line starting at the same place, and no word further
 * along its line than the spaces can take up. Undefined when every word is.
 */
function firstMoved(before: Word[][], after: Word[][]): string | undefined {
  for (let p = 0; p < Math.max(before.length, after.length); p++) {
    const [a, b] = [before[p] ?? [], after[p] ?? []];
    for (let w = 0; w < Math.max(a.length, b.length); w++) {
      const [x, y] = [a[w], b[w]];
      // A line starts left of where the word before it was (a note's call, raised, does not).
      const lineStart = w === 0 || (x !== undefined && a[w - 1] !== undefined && x.xMin < a[w - 1]!.xMin);
      const same = x && y && sameText(x, y) && Math.abs(x.yMin - y.yMin) <= EDGE_PT
        && Math.abs(x.xMin - y.xMin) <= (lineStart ? EDGE_PT : ALONG_LINE_PT);
      if (!same) return `${describeWord(p + 1, x)} with the soft hyphens in, ${describeWord(p + 1, y)} without`;
    }
  }
  return undefined;
}

/** The printed page's text (`pdftotext -raw`, before our PDF pass) holds a soft hyphen only where a line breaks. */
function softHyphensInsideLines(pdf: Uint8Array, file: string): string[] {
  writeFileSync(file, pdf);
  const found: string[] = [];
  for (const [index, page] of pagesRawText(file).entries()) {
    for (const match of page.matchAll(/\S*\u00AD(?!-?\n)\S*/g)) found.push(`page ${index + 1}: ${JSON.stringify(match[0])}`);
  }
  return found;
}

/**
 * Prints `job` both ways and compares the pages; returns its page count and, in what Chromium
 * printed (before our PDF pass), the soft hyphens inside lines with them left in and without.
 */
async function samePlaces(job: PreparedPrint): Promise<{ pages: number; kept: string[]; dropped: string[] }> {
  const files = await printBothWays(job, { kept, dropped }, workDir);
  const [words, wordsAfter] = files.map((file) => pdfWords(file));
  expect(wordsAfter!.length, `${job.label}: page count`).toBe(words!.length);
  expect(firstMoved(words!, wordsAfter!), job.label).toBeUndefined();
  const request = { htmlPath: job.htmlPath, allowedRoots: job.allowedRoots, label: job.label };
  const [rawKept, rawDropped] = await Promise.all([kept.paginate(request), dropped.paginate(request)]);
  return {
    pages: words!.length,
    kept: softHyphensInsideLines(rawKept, path.join(workDir, `${job.label}-raw-kept.pdf`)),
    dropped: softHyphensInsideLines(rawDropped, path.join(workDir, `${job.label}-raw-dropped.pdf`)),
  };
}

/**
 * Every job of the document the same both ways, and the soft hyphens out of what Chromium
 * prints: all of them, or, with tables (whose cells keep theirs: a column's width depends
 * on where its words may break), fewer.
 */
async function checkDocument(jobs: PreparedPrint[], inTables = false): Promise<number[]> {
  const results = [];
  for (const job of jobs) results.push(await samePlaces(job));
  const printedKept = results.flatMap((result) => result.kept);
  const printedDropped = results.flatMap((result) => result.dropped);
  expect(printedKept.length, 'soft hyphens printed inside lines with them left in').toBeGreaterThan(0);
  if (inTables) expect(printedDropped.length).toBeLessThan(printedKept.length);
  else expect(printedDropped).toEqual([]);
  return results.map((result) => result.pages);
}

/** The prose of the CommonMark spec, as a part. */
const commonMarkProse = (): string => proseOf(path.join(workDir, 'commonmark', 'manuscript'));

/**
 * Soft hyphens as an author types them, where they do not belong: entities and raw ones, in a
 * heading, a link's text and title, a note, table cells, three in a row as a word of their
 * own, one ending the paragraph.
 */
const BY_HAND = `
## Ent&shy;wick&shy;lungs&shy;stu&shy;fen und Kom\u00ADmu\u00ADni\u00ADka\u00ADtion

A paragraph with author-written soft hyphens: in&shy;com&shy;pre&shy;hen&shy;si&shy;bil&shy;i&shy;ty, an&shy;ti&shy;dis&shy;es&shy;tab&shy;lish&shy;ment&shy;ar&shy;i&shy;an&shy;ism, a [link with soft&shy;hy&shy;phens](https://example.org "ti&shy;tle with &shy; in it") and a note.[^shy] Raw ones too: in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADsa\u00ADtion, coun\u00ADter\u00ADrev\u00ADo\u00ADlu\u00ADtion\u00ADary, \u00AD\u00AD\u00AD three in a row, and one at the very end\u00AD

| Col&shy;umn with soft hy&shy;phens | In\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADsa\u00ADtion of the counterrevolutionary movements |
|---|---|
| in&shy;com&shy;pre&shy;hen&shy;si&shy;bil&shy;i&shy;ty | an\u00ADti\u00ADdis\u00ADes\u00ADtab\u00ADlish\u00ADment\u00ADar\u00ADi\u00ADan\u00ADism and internationalisation |

[^shy]: A note with in&shy;com&shy;pre&shy;hen&shy;si&shy;bil&shy;i&shy;ty and coun\u00ADter\u00ADrev\u00ADo\u00ADlu\u00ADtion\u00ADary soft hyphens.
`;

describe('soft hyphens no line breaks at are out before the print, and the pages are the same', () => {
  test('the real manuscript: pamphlet and handout', async () => {
    const pages = await checkDocument(await jobsOf(path.join(REPO, 'manuscript'), ['pamphlet', 'handout']));
    expect(pages[0]).toBeGreaterThan(20);
  });

  test('the prose of the CommonMark spec', async () => {
    const [pages] = await checkDocument(await jobsOf(commonMarkProse(), ['pamphlet']));
    expect(pages).toBeGreaterThan(15);
  });

  // German and Russian (public-domain texts: long compounds, Cyrillic, whose soft hyphens
  // Chromium took from another face of the font), notes and a bibliography.
  test.each(['german', 'russian', 'citations'])('fixture %s: pamphlet and handout', async (fixture) => {
    await checkDocument(await jobsOf(path.join(copyFixture(fixture), 'manuscript'), ['pamphlet', 'handout']));
  });

  test('soft hyphens typed by hand, in a heading, a link, a note and a table', async () => {
    const dir = path.join(copyFixture('basic'), 'manuscript');
    writeFileSync(path.join(dir, 'part-1.md'), `${readFileSync(path.join(dir, 'part-1.md'), 'utf8')}\n${BY_HAND}`);
    await checkDocument(await jobsOf(dir, ['pamphlet', 'handout']), true);
  });

  test.each(['table-image-link', 'print-blocks'])('fixture %s, with tables: pamphlet and handout', async (fixture) => {
    await checkDocument(await jobsOf(path.join(copyFixture(fixture), 'manuscript'), ['pamphlet', 'handout']), true);
  });
});

// Where a soft hyphen can only do harm it is taken out before the line breaking and pagination, in every session:
// with `hyphens: none` (a heading, whose text Paged.js also copies into the running heads)
// no line may break at it, and in small capitals from a face with real ones (the classic
// theme's headings and running heads) Chromium drew every one as a hyphen, line end or not:
// the heading above was printed "ENT-WICK-LUNGS-STU-FEN UND KOM-MU-NI-KA-TION", and poppler
// read those hyphens as U+00AD.
describe('soft hyphens are not printed in headings, running heads and small capitals', () => {
  test('a heading, the running head it gives, and a small-caps list left to the browser', async () => {
    const dir = path.join(copyFixture('basic'), 'manuscript');
    // Prose of the CommonMark spec under a second heading: enough to run onto the pages whose running head it is.
    const prose = readFileSync(path.join(commonMarkProse(), 'part-1.md'), 'utf8').split('\n\n').filter((block) => /^[A-Z][a-z]/.test(block)).slice(0, 40).join('\n\n');
    const more = `\n## More Ent&shy;wick&shy;lung af&shy;ter\n\n- Col&shy;lec&shy;tiv&shy;i&shy;sa&shy;tion and in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADi\u00ADsa\u00ADtion, in small capitals\n\n${prose}\n`;
    writeFileSync(path.join(dir, 'part-1.md'), `${readFileSync(path.join(dir, 'part-1.md'), 'utf8')}\n${BY_HAND}${more}`);
    // A list set in small capitals, centred: the line breaker leaves it to the browser (a
    // ragged-right one it has set itself since 2026-12-06).
    mkdirSync(path.join(dir, 'styles'), { recursive: true });
    writeFileSync(path.join(dir, 'styles', 'print.css'), '.text ul li { font-family: "EB Garamond SC", serif; font-variant-caps: all-small-caps; text-align: center; }\n');
    const [job] = await jobsOf(dir, ['pamphlet']);
    const file = path.join(workDir, 'misprinted.pdf');
    writeFileSync(file, await printPrepared(dropped, job!));
    const pages = pdfWords(file);
    const words = pages.flat().map((word) => word.text);
    expect(words.filter((word) => word.includes('\u00AD')), 'words with a soft hyphen in the text layer').toEqual([]);
    for (const word of ['Entwicklungsstufen', 'Kommunikation', 'Entwicklung', 'Collectivisation', 'internationalisation,']) {
      expect(words.filter((found) => found.toLowerCase() === word.toLowerCase()).length, word).toBeGreaterThan(0);
    }
    // The running head: the top line of a page after the second heading's, which reads as the heading does.
    const headingPage = pages.findIndex((page) => page.some((word) => word.text === 'More'));
    const heads = pages.slice(headingPage + 1).map((page) => {
      const top = Math.min(...page.map((word) => word.yMin));
      return page.filter((word) => word.yMin - top < 2).map((word) => word.text).join(' ');
    });
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.filter((head) => /entwicklung/i.test(head))).toEqual(heads.filter((head) => /^more entwicklung after$/i.test(head)));
    expect(heads.filter((head) => /entwicklung/i.test(head)).length, `running heads after the heading: ${JSON.stringify(heads)}`).toBeGreaterThan(0);
  });
});
