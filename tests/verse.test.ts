// Verse as a reader sees it: Whitman's "Memories of President Lincoln" as Standard Ebooks
// edit it (tests/fixtures/verse, CC0), printed by the real Chromium and read back with
// poppler, and its EPUB through the real epubcheck. Until 2026-12-07 a stanza was set as
// prose: its first line indented, no space before the next stanza, a turnover flush left
// where it reads as a line of its own, and the indented lines of "O Captain! My Captain!"
// flush left too.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pdfWords, type Word } from './helpers/pdf-words.js';
import { epubFiles } from './mutation/helpers.js';

const root = copyFixture('verse');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A line of the page: its words, left to right, found by the words it begins with. */
function lineStarting(page: Word[], words: string): Word[] {
  const first = words.split(' ');
  const at = page.findIndex((w, i) => first.every((text, k) => page[i + k]?.text === text));
  if (at < 0) throw new Error(`no line starting "${words}"`);
  return page.slice(at).filter((w) => Math.abs(w.yMax - page[at]!.yMax) < 1);
}

describe('verse', () => {
  const built = pamphlet(['build', 'manuscript', '--quiet', '--out', 'dist', '--format', 'pdf,epub,handout'], root);
  const dist = path.join(root, 'dist');

  test('the build speaks of nothing', () => {
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
  });

  test('printed: stanzas flush left and a line apart, indented lines stepped in, a turnover hung under its line', () => {
    const pages = pdfWords(path.join(dist, 'leaves-of-grass-1.pdf'));
    const pageOf = (words: string) => {
      const page = pages.find((p) => p.some((w, i) => words.split(' ').every((text, k) => p[i + k]?.text === text)));
      if (!page) throw new Error(`no page has "${words}"`);
      return page;
    };
    // "O Captain! My Captain!": the margin is the stanza's first line's.
    const captain = pageOf('While follow eyes');
    const margin = lineStarting(captain, 'While follow eyes')[0]!.xMin;
    expect(lineStarting(captain, 'O Captain! my Captain! our')[0]!.xMin).toBeCloseTo(margin, 0);
    const step = (words: string) => lineStarting(captain, words)[0]!.xMin - margin;
    // Two source spaces a step, an en space each: 1 em a step at the text's 10.5 pt, give or take the face.
    const em = step('But O heart!');
    expect(em).toBeGreaterThan(8);
    expect(em).toBeLessThan(13);
    expect(step('O the bleeding')).toBeCloseTo(2 * em, 0);
    expect(step('Where on the deck')).toBeCloseTo(3 * em, 0);
    expect(step('Fallen cold and dead.')).toBeCloseTo(4 * em, 0);
    // Between stanzas a line's space: the next stanza's first line two line pitches down.
    const pitch = lineStarting(captain, 'The ship has')[0]!.yMax - lineStarting(captain, 'O Captain! my Captain! our')[0]!.yMax;
    const gap = lineStarting(captain, 'O Captain! my Captain! rise')[0]!.yMax - lineStarting(captain, 'Fallen cold and dead.')[0]!.yMax;
    expect(gap / pitch).toBeCloseTo(2, 1);
    // Section 16's "Sadly sinking and fainting, … bursting with joy,": the line turns over two em in.
    const sixteen = pageOf('Sadly sinking and fainting,');
    const left = lineStarting(sixteen, 'Sadly sinking and fainting,')[0]!.xMin;
    const next = sixteen[sixteen.indexOf(lineStarting(sixteen, 'Sadly sinking and fainting,').at(-1)!) + 1]!;
    expect(next.text).toBe('with');
    expect(next.xMin - left).toBeCloseTo(2 * em, 0);
    expect(lineStarting(sixteen, 'Covering the earth')[0]!.xMin).toBeCloseTo(left, 0);
  });

  test('the EPUB: every stanza a `p.verse`, the steps as en spaces, epubcheck clean', () => {
    const file = path.join(dist, 'leaves-of-grass-1.epub');
    const text = epubFiles(readFileSync(file))['OEBPS/text.xhtml'] ?? '';
    expect(text.match(/<p class="verse"/g)?.length).toBe(readFileSync(path.join(root, 'manuscript', 'part-1.md'), 'utf8').split(/\n\n+/).filter((b) => b.includes('\\\n')).length);
    expect(text).toContain('<br/>\n\u2002\u2002\u2002\u2002\u2002\u2002\u2002\u2002Fallen cold and dead.</p>');
    const result = epubcheck(file);
    expect(result.errors, result.output).toBe(0);
    expect(result.warnings, result.output).toBe(0);
  });
});

describe("Pandoc's line blocks, printed", () => {
  const lineBlocks = copyFixture('pandoc-line-blocks');
  afterAll(() => rmSync(lineBlocks, { recursive: true, force: true }));
  const built = pamphlet(['build', 'manuscript', '--quiet', '--out', 'dist', '--format', 'pdf'], lineBlocks);

  test('no bar printed, the indented lines stepped in, a continuation on its line', () => {
    expect(built.stderr).toBe('');
    const words = pdfWords(path.join(lineBlocks, 'dist', 'pandoc-manual-1.pdf')).flat();
    // The one bar printed is the manual's own, in code: "a vertical bar (`|`)".
    expect(words.filter((w) => w.text.includes('|')).map((w) => w.text)).toEqual(['|']);
    const page = pdfWords(path.join(lineBlocks, 'dist', 'pandoc-manual-1.pdf')).find((p) => p.some((w) => w.text === 'limerick'))!;
    const margin = lineStarting(page, 'In space that')[0]!.xMin;
    const indent = lineStarting(page, 'But the good')[0]!.xMin - margin;
    // Three spaces after the bar: three en spaces, 1.5 em of the 10.5 pt text.
    expect(indent).toBeGreaterThan(12);
    expect(indent).toBeLessThan(19);
    expect(lineStarting(page, 'And the clean')[0]!.xMin).toBeCloseTo(margin, 0);
    expect(lineStarting(page, 'The Right Honorable').map((w) => w.text)).toContain('Constable,');
  });
});
