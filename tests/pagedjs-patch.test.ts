// Paged.js 0.4.3 with pamphlet's speed patches (vendor/pagedjs/: finished pages out of the
// document, no search through every page for each new one, a running maximum for how much
// text a page takes, no wait for an animation frame per page, indexed refs, a set for loop
// detection) must lay out every page exactly as the published Paged.js does, given the three
// fixes that change layout on purpose (07: images loaded before the page rules measure; 08:
// only an inline display: none hides an element; 12: the notes capped at a share of the page
// and pages a note runs on to counted). Each document below is printed twice by
// the real session, in real Chromium, once with the published Paged.js plus those fixes and
// once with ours, and the two PDFs are read back with poppler: the same number of pages, and
// each page the same text (its first words, its notes at the foot, its folio).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastText } from 'hast-util-to-string';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import { findChromium } from '../src/browser/find-chromium.js';
import { PATCHED_PAGEDJS, pagedPolyfill } from '../src/browser/pagedjs-source.js';
import { PAGE_RULES, registerPageRules } from '../src/browser/paged-rules.js';
import { printPrepared, type PreparedPrint } from '../src/render/pdf.js';
import type { PrintVariant } from '../src/render/print-html.js';
import { copyFixture } from './helpers/cli.js';
import { printBothWays, printJobsOf } from './helpers/print-jobs.js';
import { pagesRawText, pagesText } from './helpers/poppler.js';
// @ts-expect-error: a script of the repository, plain ESM without types
import { buildPagedjs, patchFiles } from '../scripts/build-pagedjs.mjs';
// @ts-expect-error: a script of the repository, plain ESM without types
import { copyBody, splitFrontmatter } from '../scripts/make-bench-manuscript.mjs';

const REPO = path.resolve(import.meta.dirname, '..');
/** The patches that change layout on purpose (vendor/pagedjs/README.md); the others may not. */
const LAYOUT_FIXES = ['07', '08', '12'];
let workDir: string;
let upstream: BrowserSession;
let patched: BrowserSession;
/** The published Paged.js with only the patches that fix layout (written in beforeAll). */
let fixedOnly: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-pagedjs-patch-'));
  // The published Paged.js with only the patches that fix layout, not speed.
  fixedOnly = path.join(workDir, 'paged.fixes-only.js');
  writeFileSync(fixedOnly, await buildPagedjs({ names: patchFiles({ only: LAYOUT_FIXES }) }));
  [upstream, patched] = await Promise.all([
    openBrowser({ timeout: 600_000, pagedjs: { file: fixedOnly } }),
    openBrowser({ timeout: 600_000 }),
  ]);
});

afterAll(async () => {
  await Promise.all([upstream?.close(), patched?.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

/** The print jobs of every part of the manuscript in `dir`, for `variants`. */
const jobsOf = (dir: string, variants: PrintVariant[]): Promise<PreparedPrint[]> => printJobsOf(dir, variants, workDir);

/** The first page whose text differs, described for the failure message; undefined when none does. */
function firstDifference(expected: string[], actual: string[]): string | undefined {
  const words = (text: string | undefined) => (text ?? '(no page)').split(/\s+/).filter(Boolean).slice(0, 8).join(' ');
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) return `page ${i + 1}: published Paged.js with the fixes “${words(expected[i])}…”, patched “${words(actual[i])}…”`;
  }
  return undefined;
}

/** Prints `job` with both builds and compares the PDFs page by page. */
async function samePages(job: PreparedPrint): Promise<number> {
  const files = await printBothWays(job, { upstream, patched }, workDir);
  const [expected, actual] = files.map((file) => pagesText(file));
  expect(actual!.length, `${job.label}: page count`).toBe(expected!.length);
  expect(firstDifference(expected!, actual!), job.label).toBeUndefined();
  return expected!.length;
}

describe('the vendored Paged.js', () => {
  test('is the build of vendor/pagedjs/patches applied to the npm package, so the diff beside it is what runs', async () => {
    const built: string = await buildPagedjs();
    // Not toBe: a 500 kB string in a failure message helps nobody.
    expect(readFileSync(PATCHED_PAGEDJS, 'utf8') === built, 'vendor/pagedjs/paged.polyfill.min.js is stale: run node scripts/build-pagedjs.mjs').toBe(true);
  });

  test('is what the print pages run by default, and it lays out with finished pages out of the document', async () => {
    // Without the patches every page made so far stays in the document, and each layout
    // flush costs in proportion to them: count the pages in the document as each is laid out.
    const [job] = await jobsOf(path.join(REPO, 'manuscript'), ['pamphlet']);
    const browser = await puppeteer.launch({ executablePath: findChromium({}), headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
    try {
      const inDocument = async (source: string): Promise<number[]> => {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(job!.htmlPath).href, { waitUntil: 'load' });
        await page.evaluate(() => {
          (window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false, settings: { hyphenGlyph: '-' } };
        });
        await page.evaluate(source);
        await page.evaluate(registerPageRules, PAGE_RULES);
        const counts = await page.evaluate(async () => {
          interface Paged { Handler: new (...args: unknown[]) => object; registerHandlers(...handlers: unknown[]): void }
          const paged = (window as unknown as { Paged: Paged }).Paged;
          const seen: number[] = [];
          class Probe extends paged.Handler {
            afterPageLayout(): void {
              seen.push(document.querySelectorAll('.pagedjs_page').length);
            }
          }
          paged.registerHandlers(Probe);
          await (window as unknown as { PagedPolyfill: { preview(): Promise<unknown> } }).PagedPolyfill.preview();
          return { seen, atTheEnd: document.querySelectorAll('.pagedjs_page').length };
        });
        await page.close();
        expect(counts.atTheEnd).toBe(counts.seen.length);
        return counts.seen;
      };
      const published = await inDocument(pagedPolyfill('upstream'));
      const ours = await inDocument(pagedPolyfill());
      expect(published.length).toBeGreaterThan(15);
      // The probe sees what it should: the published Paged.js keeps them all.
      expect(published.at(-1)).toBe(published.length);
      expect(ours).toHaveLength(published.length);
      expect(Math.max(...ours)).toBeLessThanOrEqual(2);
    } finally {
      await browser.close();
    }
  });
});

describe('pages are the same with and without the patches', () => {
  test('the real manuscript: pamphlet and handout', async () => {
    const pages = [];
    for (const job of await jobsOf(path.join(REPO, 'manuscript'), ['pamphlet', 'handout'])) pages.push(await samePages(job));
    expect(pages[0]).toBeGreaterThan(20);
  });

  test('the real manuscript three times over (contents pointing far ahead, notes numbered on, running heads)', async () => {
    const root = mkdtempSync(path.join(workDir, 'x3-'));
    const dir = path.join(root, 'manuscript');
    const source = path.join(REPO, 'manuscript');
    mkdirSync(dir);
    for (const name of ['pamphlet.yaml', 'references.bib']) writeFileSync(path.join(dir, name), readFileSync(path.join(source, name)));
    const { frontmatter, body } = splitFrontmatter(readFileSync(path.join(source, 'part-1.md'), 'utf8'));
    const copies = [1, 2, 3].map((k) => copyBody(body, k, 3).text);
    writeFileSync(path.join(dir, 'part-1.md'), `${frontmatter}\n${copies.join('\n')}`);
    const [job] = await jobsOf(dir, ['pamphlet']);
    expect(await samePages(job!)).toBeGreaterThan(55);
  });

  test.each(['print-blocks', 'series', 'scripts', 'german', 'russian', 'citations', 'table-image-link', 'basic'])('fixture %s: pamphlet and handout', async (fixture) => {
    for (const job of await jobsOf(path.join(copyFixture(fixture), 'manuscript'), ['pamphlet', 'handout'])) await samePages(job);
  });

  test('a print-ready pamphlet (bleed and crop marks)', async () => {
    const root = copyFixture('print-blocks');
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}\nprint: { bleed: 3mm, marks: true }\n`);
    for (const job of await jobsOf(path.join(root, 'manuscript'), ['pamphlet'])) await samePages(job);
  });
});

// Patch 14 is left out of the comparison's published build on purpose: the fixtures above lay
// out the same with and without it, and this shows what it mends. Paged.js found where a page
// began inside a text node by searching the source for the rest of the page's text, which
// found an earlier place whenever that text came before: a paragraph repeating a sentence
// lost all but two pages of it, silently, in a PDF that looked finished (cmark's pathological
// `aaa bbb` paragraphs found it). The block check now counts each block's letters on the
// pages, so such a layout is an error at the paragraph, whatever causes it.
describe('patch 14: a page that begins inside a text node', () => {
  test('a paragraph repeating a sentence of the real manuscript 150 times prints it 150 times; without the patch the build stops at the paragraph', async () => {
    const real = readFileSync(path.join(REPO, 'manuscript', 'part-1.md'), 'utf8');
    const body = real.slice(real.indexOf('\n---', 4) + 4);
    const sentence = /^[A-Z][^\n]*?[.!?](?= )/m.exec(body)?.[0] ?? '';
    expect(sentence.split(' ').length).toBeGreaterThan(10);
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `---\ntitle: A Refrain\npart: 1\n---\n\n${Array(150).fill(sentence).join(' ')}\n\nAfter the refrain.\n`);
    const opening = sentence.split(' ').slice(0, 4).join(' ');
    for (const job of await jobsOf(path.join(root, 'manuscript'), ['pamphlet', 'handout'])) {
      const file = path.join(workDir, `${job.label}-refrain.pdf`);
      writeFileSync(file, await printPrepared(patched, job));
      const text = pagesText(file).join(' ').replace(/\s+/g, ' ');
      expect(text.split(opening).length - 1, job.label).toBe(150);
      expect(text, job.label).toContain('After the refrain.');
      await expect(printPrepared(upstream, job), job.label).rejects.toThrow(/part-1\.md:6:1: error: the page layout \(Paged\.js\) set this paragraph of [^ ]+ wrongly: its pages hold \d+ letters and figures of its \d+/);
    }
  }, 300_000);
});

/**
 * Every word the PDF breaks at a line's end or a page's, in the pairs `[before, after]` of the
 * text as poppler reads it: a line ending in "-" with the first word of the next line, and with
 * the first words of the next page (its running head may come first). Where a word of `html` (the print
 * HTML, its soft hyphens in) is the two joined, the break must be at one of its soft hyphens or
 * after a hyphen it has; pairs no word of the HTML joins (a hyphen before a note, a dash) are
 * no broken word. Returns the breaks found and those at no such place.
 */
function brokenWords(pdf: string, html: string): { checked: string[]; wrong: string[] } {
  const words = hastText(fromHtml(html)).split(/\s+/).filter((word) => word.includes('\u00AD') || word.includes('-'));
  const places = words.map((word) => {
    const plain = word.replaceAll('\u00AD', '');
    const breaks = new Set<number>();
    let at = 0;
    for (const ch of word) {
      if (ch === '\u00AD') breaks.add(at);
      else {
        at += ch.length;
        if (ch === '-') breaks.add(at);
      }
    }
    return { plain, breaks };
  });
  // In the order the page draws its lines: poppler's reading order joins a line ending in a
  // hyphen to what it takes for the next, and drops the hyphen.
  const pages = pagesRawText(pdf).map((page) => page.split('\n').map((line) => line.trim()).filter(Boolean));
  const checked: string[] = [];
  const wrong: string[] = [];
  pages.forEach((lines, p) => {
    lines.forEach((line, l) => {
      if (!line.endsWith('-')) return;
      const before = line.slice(0, -1).split(' ').at(-1) ?? '';
      const next = [lines[l + 1], ...(pages[p + 1] ?? []).slice(0, 4)].filter((x): x is string => x !== undefined);
      for (const following of next) {
        const after = following.split(' ')[0] ?? '';
        const joined = before + after.replace(/[^\p{L}]+$/u, '');
        const word = places.find((place) => place.plain.startsWith(joined) && joined.length > before.length);
        if (!word) continue;
        const label = `${before}-|${after} (page ${p + 1})`;
        checked.push(label);
        if (!word.breaks.has(before.length)) wrong.push(label);
        break;
      }
    });
  });
  return { checked, wrong };
}

// Patch 18 is left out of the comparison's published build too: the documents above are
// justified, and set by pamphlet's line breaker, which ends no page's last line in a hyphen.
// Lines Chromium breaks itself (a paragraph the line breaker gives back, the Works Cited; and
// until 2026-12-06 a ragged-right house style's text) end some pages at a soft hyphen; Paged.js
// then found the page's end one letter into the next line, and printed "revolutionary peasa-"
// at the foot of page 8 and "ntry”" at the head of page 9 of the real manuscript set ragged-right.
// The line breaker sets that text itself now, so these sessions leave it to Chromium.
describe('patch 18: a page that ends at a soft hyphen', () => {
  let chromiumLinesPublished: BrowserSession;
  let chromiumLines: BrowserSession;
  beforeAll(async () => {
    [chromiumLinesPublished, chromiumLines] = await Promise.all([
      openBrowser({ timeout: 600_000, pagedjs: { file: fixedOnly }, raggedRight: false }),
      openBrowser({ timeout: 600_000, raggedRight: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([chromiumLinesPublished?.close(), chromiumLines?.close()]);
  });

  test('the real manuscript set ragged-right by Chromium breaks each word at a page’s or line’s end where the hyphenation allows; without the patch, one letter late', async () => {
    const dir = path.join(mkdtempSync(path.join(workDir, 'ragged-')), 'manuscript');
    cpSync(path.join(REPO, 'manuscript'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(path.join(dir, 'styles', 'print.css'), 'p, li { text-align: left; }\n');
    const [job] = await jobsOf(dir, ['pamphlet']);
    const html = readFileSync(job!.htmlPath, 'utf8');
    const [upstreamPdf, patchedPdf] = await printBothWays(job!, { published: chromiumLinesPublished, patched: chromiumLines }, workDir);
    const fixed = brokenWords(patchedPdf!, html);
    expect(fixed.wrong).toEqual([]);
    // Words broken at lines' ends and at pages' (the ragged lines end at soft hyphens).
    expect(fixed.checked.length).toBeGreaterThan(20);
    expect(fixed.checked).toContain('peas-|antry”.2 (page 8)');
    expect(brokenWords(upstreamPdf!, html).wrong).toContain('peasa-|ntry”.2 (page 8)');
  }, 300_000);
});
