// Issue 11: each built-in theme builds the real manuscript in every format, looks
// unlike the others (page 4 rendered by poppler and compared pixel by pixel), and passes
// the typesetting checks tests/typesetting.test.ts runs on the default. Built by the
// real CLI; every EPUB through epubcheck.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { paginateEpub, underfilled } from './helpers/epub-pages.js';
import { epubcheck } from './helpers/epubcheck.js';
import { differingShare, renderPage, type GreyPage } from './helpers/pixels.js';
import { pdffonts, pdfinfo } from './helpers/poppler.js';
import { pdfWords } from './helpers/pdf-words.js';
import { typo, type TypoReport } from './helpers/typo.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SLUG = 'celebrating-red-october-1';
const THEMES = ['classic', 'modern', 'plain'] as const;
type Theme = (typeof THEMES)[number];

/** What each theme sets: its text face (as pdf.js names it), the other faces it may use, its body size. */
const EXPECTED: Record<Theme, { main: string; others: string[]; bodyPt: number }> = {
  classic: { main: 'EBGaramond', others: [], bodyPt: 10.5 },
  modern: { main: 'SourceSerif4', others: ['IBMPlexSans', 'JetBrainsMono'], bodyPt: 10 },
  plain: { main: 'Literata', others: ['FiraSans', 'FiraMono'], bodyPt: 11 },
};

const outs = {} as Record<Theme, string>;
const pages4 = {} as Record<Theme, GreyPage>;

beforeAll(() => {
  for (const theme of THEMES) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `pamphlet-theme-${theme}-`));
    cpSync(path.join(REPO, 'manuscript'), path.join(dir, 'manuscript'), { recursive: true });
    // classic is the default: the real manuscript as it is, no `theme:` line.
    if (theme !== 'classic') writeFileSync(path.join(dir, 'manuscript/pamphlet.yaml'), `${readFileSync(path.join(dir, 'manuscript/pamphlet.yaml'), 'utf8')}\ntheme: ${theme}\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'out', '--quiet'], dir);
    expect(result.stderr, theme).toBe('');
    expect(result.status, theme).toBe(0);
    outs[theme] = path.join(dir, 'out');
    pages4[theme] = renderPage(path.join(outs[theme], `${SLUG}.pdf`), 4);
  }
}, 300_000);

describe('the three themes', () => {
  it('each builds all five outputs of the real manuscript', () => {
    for (const theme of THEMES) {
      for (const name of [`${SLUG}.pdf`, `${SLUG}.epub`, `${SLUG}-handout.pdf`, `${SLUG}-booklet.pdf`, `${SLUG}.html`]) {
        expect(readFileSync(path.join(outs[theme], name)).length, `${theme} ${name}`).toBeGreaterThan(1000);
      }
    }
  });

  it.each([
    ['classic', 'modern'],
    ['classic', 'plain'],
    ['modern', 'plain'],
  ] as const)('page 4 of %s and %s differ visibly (over 5 % of the pixels)', (a, b) => {
    const share = differingShare(pages4[a], pages4[b]);
    expect(share).toBeGreaterThan(0.05);
  });

  it('the handouts differ too, and every EPUB passes epubcheck', () => {
    const handouts = THEMES.map((theme) => renderPage(path.join(outs[theme], `${SLUG}-handout.pdf`), 1));
    expect(differingShare(handouts[0] as GreyPage, handouts[1] as GreyPage)).toBeGreaterThan(0.02);
    expect(differingShare(handouts[0] as GreyPage, handouts[2] as GreyPage)).toBeGreaterThan(0.02);
    for (const theme of THEMES) {
      const result = epubcheck(path.join(outs[theme], `${SLUG}.epub`));
      expect(result.errors, `${theme}: ${result.output}`).toBe(0);
      expect(result.warnings, `${theme}: ${result.output}`).toBe(0);
    }
  });

  it('the EPUB and the web page carry the theme’s sheet after pamphlet’s', () => {
    for (const theme of ['modern', 'plain'] as const) {
      const html = readFileSync(path.join(outs[theme], `${SLUG}.html`), 'utf8');
      expect(html, theme).toContain(readFileSync(path.join(REPO, 'styles/themes', theme, 'epub.css'), 'utf8').split('\n').find((line) => line.startsWith('h1, h2'))!);
    }
  });
});

describe.each(THEMES)('theme %s passes the typesetting checks of the default', (theme) => {
  let report: TypoReport;
  beforeAll(async () => {
    report = await typo(path.join(outs[theme], `${SLUG}.pdf`));
    console.log(`${theme}: ${report.summary}`);
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

  it('embeds every font, none Type 3, sets its text in its face and nothing but its own faces', () => {
    expect(report.fonts.type3).toBe(0);
    expect(report.fonts.notEmbedded).toBe(0);
    expect(report.fonts.mainFamily).toBe(EXPECTED[theme].main);
    expect(report.fonts.fallback.map((f) => f.family).filter((family) => !EXPECTED[theme].others.includes(family))).toEqual([]);
    expect(report.bodySizePt).toBe(EXPECTED[theme].bodyPt);
    for (const file of [`${SLUG}.pdf`, `${SLUG}-handout.pdf`, `${SLUG}-booklet.pdf`]) {
      const fonts = pdffonts(path.join(outs[theme], file));
      expect(fonts.filter((f) => f.type === 'Type 3' || !f.embedded), `${theme} ${file}`).toEqual([]);
    }
  });

  it('prints the folio at the foot of every text page, and none on the title and contents pages', () => {
    // The lowest word of each page, as poppler places it.
    const lowest = pdfWords(path.join(outs[theme], `${SLUG}.pdf`)).map((words, i) => ({ page: i + 1, word: [...words].sort((a, b) => b.yMin - a.yMin)[0]?.text }));
    expect(lowest[0]?.word).not.toBe('1');
    expect(lowest[1]?.word).not.toBe('2');
    const text = lowest.slice(2).filter((p) => p.word !== undefined);
    expect(text.length).toBeGreaterThan(15);
    expect(text.filter((p) => p.word !== String(p.page))).toEqual([]);
  });

  it('keeps the A5 page, with its own margins', () => {
    expect(pdfinfo(path.join(outs[theme], `${SLUG}.pdf`))['Page size']).toMatch(/^419\.5\d* x 595\.2\d* pts/);
  });

  it('pages well in a paginated reader (epub.js)', async () => {
    const result = await paginateEpub(path.join(outs[theme], `${SLUG}.epub`), { width: 460, height: 700 });
    expect(underfilled(result, 0.25).map((p) => `${p.href} p. ${p.page}/${p.of}: ${Math.round(p.blank * 100)} % blank`)).toEqual([]);
    expect(result.splitHeadings).toEqual([]);
    expect(result.strandedHeadings).toEqual([]);
    expect(result.strandedLeadIns).toEqual([]);
  });
});
