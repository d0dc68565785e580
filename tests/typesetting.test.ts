// Typesetting of the real manuscript, measured as issue 9 asks: the PDF's headings read as
// words in its text layer, typo.py's figures (ported to tests/helpers/typo.ts) meet the
// targets they meet today, and the EPUB pages well in a real paginated reader (epub.js in
// Chromium). Built once by the real CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { paginateEpub, underfilled } from './helpers/epub-pages.js';
import { epubcheck } from './helpers/epubcheck.js';
import { epubChapterText } from './helpers/letters.js';
import { fullLinesAndEdge, lineEnd, pdfWords } from './helpers/pdf-words.js';
import { pagesText } from './helpers/poppler.js';
import { typo, type TypoReport } from './helpers/typo.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SLUG = 'celebrating-red-october-1';
let out: string;

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-typesetting-'));
  const result = pamphlet(['build', 'manuscript', '--out', out, '--format', 'pdf,epub,handout', '--quiet'], REPO);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

describe('the PDF’s text layer', () => {
  const SECTIONS = [
    'Capitalist Development & World War',
    'The February Revolution & Dual Power',
    'The Twilight of the Provisional Government',
    '‘Ten Days That Shook the World’',
    'Questions for discussion',
    'Works Cited',
  ];

  it('reads every section heading as its words, on a line of its own', () => {
    const lines = pagesText(path.join(out, `${SLUG}.pdf`)).slice(2).flatMap((page) => page.split('\n').map((l) => l.trim().toLowerCase()));
    for (const title of SECTIONS) expect(lines, title).toContain(title.toLowerCase());
  });

  // A line that ends after a hyphen (a compound's, or a soft hyphen's written out) goes on with
  // the rest of its word. The line breaker wrapped the hyphen and the letter after it in a
  // span: "rank-and-<span>-f</span>ile" still drew the "fi" ligature, and poppler (pdftotext,
  // and the readers built on it) read the word as "rank-and-fle".
  it('reads each word broken after a hyphen at a line’s end whole, ligatures and all', () => {
    const words = new Set(epubChapterText(path.join(out, `${SLUG}.epub`)).split(/\s+/).map(bare));
    const broken: string[] = [];
    const lost: string[] = [];
    pdfWords(path.join(out, `${SLUG}.pdf`)).forEach((page) => {
      page.forEach((word, i) => {
        const next = page[i + 1];
        // The last word of a line, and the first of the line under it.
        if (!next || next.yMin < word.yMin + 2 || !/\p{L}-$/u.test(word.text) || !/^\p{L}/u.test(next.text)) return;
        const joined = bare(`${word.text}${next.text}`);
        broken.push(joined);
        if (!words.has(joined) && !words.has(joined.replace(/-(?=[^-]*$)/, ''))) lost.push(joined);
      });
    });
    expect(broken.length).toBeGreaterThan(10);
    expect(broken).toContain('rank-and-file');
    expect(lost).toEqual([]);
  });

  it('has no letter-spaced words anywhere, running heads and title page included', () => {
    const text = pagesText(path.join(out, `${SLUG}.pdf`)).join('\n');
    // "C A P I TA L I S T": four or more letters standing alone in a row.
    expect(text).not.toMatch(/(?:\b\p{L}{1,2} ){4,}/u);
    expect(text).toContain('Celebrating Red October');
    expect(text).toContain('The February Revolution & Dual Power');
  });
});

describe('typo.py’s measures on the real manuscript', () => {
  let report: TypoReport;
  beforeAll(async () => {
    report = await typo(path.join(out, `${SLUG}.pdf`));
    // The figures, for whoever reads the test log: the targets not met yet show here.
    console.log(report.summary);
  });

  // Issue 9's targets: pages filled to the foot (src/browser/vertical-justify.ts).
  it('has no ragged page: every page the text runs on from ends within two lines of the foot', () => {
    expect(report.fill.pagesJudged).toBeGreaterThan(15);
    expect(report.fill.raggedPages).toEqual([]);
  });

  // The line-level targets: the line breaker (src/browser/line-breaker.ts).
  it('hyphenates at most 6 % of its lines, never three in a row', () => {
    expect(report.hyphen.lines).toBeGreaterThan(500);
    expect(report.hyphen.sharePct).toBeLessThanOrEqual(6);
    expect(report.hyphen.ladders).toEqual([]);
    expect(report.hyphen.longestRun).toBeLessThanOrEqual(2);
  });

  it('spaces its words evenly: no gap above 0.5 em, the 99th percentile at most 0.40 em', () => {
    expect(report.spacing.justifiedLines).toBeGreaterThan(400);
    expect(report.spacing.loose).toEqual([]);
    expect(report.spacing.p99Em).toBeLessThanOrEqual(0.4);
  });

  it('ends no paragraph on a runt (one word of four letters or fewer)', () => {
    expect(report.runts).toEqual([]);
  });

  it('has no widows, orphans or stranded headings', () => {
    expect(report.widows).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.strandedHeads).toEqual([]);
  });

  it('has no bad breaks and every note on its call’s page', () => {
    expect(report.badBreaks).toEqual([]);
    expect(report.notes.calls).toBeGreaterThan(0);
    expect(report.notes.callWithoutNoteOnPage).toEqual([]);
  });

  it('embeds every font, none Type 3, and sets all its text in one family', () => {
    expect(report.fonts.type3).toBe(0);
    expect(report.fonts.notEmbedded).toBe(0);
    expect(report.fonts.mainFamily).toBe('EBGaramond');
    expect(report.fonts.fallback).toEqual([]);
  });

  it('keeps its page count within 5 % of the 22 pages it had (no shrinking of type)', () => {
    expect(report.pages).toBeGreaterThanOrEqual(21);
    expect(report.pages).toBeLessThanOrEqual(23);
    expect(report.bodySizePt).toBe(10.5);
  });

  it('leaves no lead-in ending in a colon at a page foot, away from its quotation', () => {
    // The text area's last line on each page, the notes under it apart (a note may well
    // break after "London:").
    expect(report.lastMainLines.length).toBeGreaterThan(15);
    expect(report.lastMainLines.filter((l) => l.text.endsWith(':')).map((l) => `p. ${l.page}: “${l.text}”`)).toEqual([]);
  });

  it('hangs a comma or full stop that ends a full line into the right margin, and nothing else', () => {
    let hung = 0;
    const flush: string[] = [];
    const past: string[] = [];
    pdfWords(path.join(out, `${SLUG}.pdf`)).forEach((words, index) => {
      const { lines, right } = fullLinesAndEdge(words);
      if (right === undefined) return;
      for (const w of lines.map(lineEnd)) {
        const where = `p. ${index + 1} “${w.text}” ${(w.xMax - right).toFixed(2)} pt`;
        if (/[.,]$/.test(w.text) && w.xMax > right - 1) {
          // A full line: its comma or full stop stands in the margin, by most of its width (0.8).
          if (w.xMax >= right + 1 && w.xMax <= right + 3) hung++;
          else flush.push(where);
        } else if (/[\p{L}\p{N}\u00AD-]$/u.test(w.text) && w.xMax > right + 0.5) past.push(where);
      }
    });
    expect(hung).toBeGreaterThan(40);
    expect(flush).toEqual([]);
    expect(past).toEqual([]);
  });

  it('prints no hyphen Paged.js adds where it breaks a page between two words', () => {
    const text = pagesText(path.join(out, `${SLUG}.pdf`)).join('\n');
    // A hyphen alone, after a space, at a line's end: never a word broken at its syllable.
    expect(text.split('\n').filter((line) => / -$/.test(line.trimEnd()) || line.trim() === '-')).toEqual([]);
  });

  // typo.py is the reference; where a Python with pdfplumber is at hand
  // (TYPO_PY=/path/to/python), the two must agree on every figure.
  it.runIf(Boolean(process.env.TYPO_PY))('agrees with typo.py on every figure', () => {
    const json = execFileSync(process.env.TYPO_PY as string, [path.join(REPO, '../shared/tools/typo.py'), path.join(out, `${SLUG}.pdf`), '--json'], { encoding: 'utf8' });
    const reference = JSON.parse(json) as { summary: string; fill: { all: Array<{ page: number; empty_lines: number }> }; hyphen: { lines: number; hyphenated: number } };
    expect(report.summary).toBe(reference.summary);
    expect(report.fill.all.map((f) => [f.page, f.emptyLines])).toEqual(reference.fill.all.map((f) => [f.page, f.empty_lines]));
    expect([report.hyphen.lines, report.hyphen.hyphenated]).toEqual([reference.hyphen.lines, reference.hyphen.hyphenated]);
  });
});

describe('typo.py’s measures on the real handout (A4, 12 pt)', () => {
  let report: TypoReport;
  let questionsFrom: number;
  beforeAll(async () => {
    const file = path.join(out, `${SLUG}-handout.pdf`);
    report = await typo(file);
    console.log(report.summary);
    questionsFrom = pagesText(file).findIndex((page) => page.includes('Questions for discussion')) + 1;
  });

  it('hyphenates at most 6 % of its lines, never three in a row, and spaces its words as evenly as the pamphlet', () => {
    expect(report.hyphen.lines).toBeGreaterThan(500);
    expect(report.hyphen.sharePct).toBeLessThanOrEqual(6);
    expect(report.hyphen.ladders).toEqual([]);
    expect(report.spacing.loose).toEqual([]);
    expect(report.spacing.p99Em).toBeLessThanOrEqual(0.4);
    expect(report.runts).toEqual([]);
    expect(report.badBreaks).toEqual([]);
  });

  it('has no widows, orphans or stranded headings, every note on its call’s page, and one embedded family', () => {
    expect(report.widows).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.strandedHeads).toEqual([]);
    expect(report.notes.callWithoutNoteOnPage).toEqual([]);
    expect(report.fonts.type3).toBe(0);
    expect(report.fonts.fallback).toEqual([]);
    expect(report.fonts.mainFamily).toBe('EBGaramond');
  });

  // The questions keep four ruled lines to write on under each (issue 5), which typo.py
  // reads as empty: a question with its lines that does not fit goes to the next page.
  // Every page of the text itself is full.
  it('fills every page of the text to the foot; only the questions’ pages end in writing room', () => {
    expect(questionsFrom).toBe(17);
    expect(report.fill.pagesJudged).toBeGreaterThan(14);
    expect(report.fill.raggedPages.filter((p) => p.page < questionsFrom)).toEqual([]);
    expect(report.fill.raggedPages.map((p) => p.page)).toEqual([17, 18]);
    // And those pages are full too: their ruled lines (8.5 mm apart) run down to the foot.
    for (const page of [17, 18]) {
      const rule = report.lowestRules.find((r) => r.page === page);
      expect(rule, `p. ${page}`).toBeDefined();
      expect(report.fill.areaBottomPt - rule!.y, `p. ${page}`).toBeLessThan(24.1);
      expect(rule!.y, `p. ${page}`).toBeLessThanOrEqual(report.fill.areaBottomPt + 6);
    }
  });
});

// The German fixture (the Communist Manifesto's opening, A5): long compounds leave fewer
// places to break. Typst 0.14 on the same text (README, "Print typography"): hyphenated
// lines 17.7 %, p99 0.472 em, one loose line (the same two-line paragraph, whose first
// line has five spaces), no ragged page.
describe('typo.py’s measures on a German text', () => {
  let report: TypoReport;
  beforeAll(async () => {
    const german = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-typesetting-de-'));
    const result = pamphlet(['build', 'tests/fixtures/german', '--out', german, '--format', 'pdf', '--quiet'], REPO);
    expect(result.status).toBe(0);
    report = await typo(path.join(german, 'klassiker-des-sozialismus-1.pdf'));
    console.log(report.summary);
  });

  it('spaces its words no wider than Typst does, with no ladder, runt, widow, orphan or ragged page', () => {
    expect(report.spacing.p99Em).toBeLessThanOrEqual(0.472);
    expect(report.spacing.loose.map((l) => l.line)).toEqual(['Die Bourgeoisie hat dem Familienverhältnis seinen rührend-se']);
    expect(report.hyphen.ladders).toEqual([]);
    expect(report.runts).toEqual([]);
    expect(report.widows).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.fill.raggedPages).toEqual([]);
    expect(report.fonts.fallback).toEqual([]);
  });

  // Typst hyphenates 17.7 % of this text's lines; pamphlet 15.3 % (18 of 118), the
  // densely hyphenated paragraphs set a little looser (LINE_BREAKING.denseHyphens).
  it('hyphenates no more of its lines than Typst does', () => {
    expect(report.hyphen.lines).toBeGreaterThan(100);
    expect(report.hyphen.sharePct).toBeLessThanOrEqual(17.7);
  });
});

describe('the EPUB in a paginated reader (epub.js in Chromium)', () => {
  it('passes epubcheck', () => {
    const result = epubcheck(path.join(out, `${SLUG}.epub`));
    expect(result.errors, result.output).toBe(0);
    expect(result.warnings, result.output).toBe(0);
  });

  it.each([
    { label: '100 %', width: 460, height: 700 },
    { label: '150 %', width: 460, height: 700, fontSize: '150%' },
  ])('fills every page but a chapter’s last to three quarters, splits no heading and strands no lead-in, at $width×$height, text $label', async (settings) => {
    const result = await paginateEpub(path.join(out, `${SLUG}.epub`), settings);
    expect(result.pages.length).toBeGreaterThan(20);
    expect(underfilled(result, 0.25).map((p) => `${p.href} p. ${p.page}/${p.of}: ${Math.round(p.blank * 100)} % blank, “${p.opening}”`)).toEqual([]);
    expect(result.splitHeadings).toEqual([]);
    expect(result.strandedHeadings).toEqual([]);
    expect(result.strandedLeadIns).toEqual([]);
  });
});

/** A word without the punctuation around it. */
function bare(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
