// Paged.js's page boxes made plain for the print (src/browser/print-layers.ts): the bleed boxes
// unclipped when no page shows crop marks, empty note areas plain, the page box and text area
// unpositioned but where something absolutely positioned is placed in them. What a reader sees
// may not change: each manuscript below is printed by the real session twice, in real Chromium,
// once with Paged.js's boxes as it made them and once made plain, and every page of the two
// PDFs is rendered by poppler and compared pixel for pixel. Among them: ¶ numbers set in the
// margin by absolutely positioned marks, crop marks in a bleed, notes, the handout, and a house
// style placing marks absolutely in the text area itself (the pages that keep their boxes).
// The same holds for the boxes taken out of the pages as Paged.js makes them (the content boxes
// of empty margin boxes, the marks of a page that shows none), and a house style that shows
// those content boxes keeps them; the real CLI's trace says what went.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import type { PrintVariant } from '../src/render/print-html.js';
import { printBothWays, printJobsOf } from './helpers/print-jobs.js';
import { renderPage } from './helpers/pixels.js';
import { pageCount } from './helpers/poppler.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';
import { pamphlet } from './helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '..');
let workDir: string;
let asMade: BrowserSession;
let plain: BrowserSession;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-print-layers-'));
  [asMade, plain] = await Promise.all([openBrowser({ timeout: 300_000, flattenPageLayers: false }), openBrowser({ timeout: 300_000 })]);
});

afterAll(async () => {
  await Promise.all([asMade?.close(), plain?.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

/** The real manuscript copied into a folder of its own, changed by `change`. */
function realManuscriptWith(name: string, change: (dir: string) => void): string {
  const dir = path.join(workDir, 'manuscripts', name);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(path.join(REPO, 'manuscript'), dir, { recursive: true });
  change(dir);
  return dir;
}

const addToConfig = (dir: string, yaml: string): void => writeFileSync(path.join(dir, 'pamphlet.yaml'), `${readFileSync(path.join(dir, 'pamphlet.yaml'), 'utf8')}\n${yaml}\n`);

/** How many generic containers (`/NonStruct`) the PDF's tag tree has: Chromium tags a box that clips or is positioned. */
const genericTags = (file: string): number => readFileSync(file).toString('latin1').split('/NonStruct').length - 1;

/** What the real CLI's traced PDF build of `dir` took out of its pages (print-layers.ts): null where it kept them. */
function emptiedBoxes(dir: string): { margins: number | null; marks: number | null } | undefined {
  const out = mkdtempSync(path.join(workDir, 'out-'));
  const result = pamphlet(['build', dir, '--format', 'pdf', '--out', out, '--no-cache', '--quiet'], workDir, { PAMPHLET_TRACE: '1' });
  expect(result.status, result.stderr).toBe(0);
  const line = /empty boxes out of the pages: (?:(\d+) empty margin boxes' content boxes|margin boxes kept[^,]*), (?:the marks of (\d+) pages|marks kept)/.exec(result.stderr);
  return line ? { margins: line[1] === undefined ? null : Number(line[1]), marks: line[2] === undefined ? null : Number(line[2]) } : undefined;
}

/** Prints every part of `dir` in `variant` both ways; fails at the first page that looks different. Returns the two PDFs of the first part. */
async function samePixels(dir: string, variant: PrintVariant): Promise<string[]> {
  const jobs = await printJobsOf(dir, [variant], workDir);
  let first: string[] | undefined;
  for (const job of jobs) {
    const [made, flat] = await printBothWays(job, { asMade, plain }, workDir);
    const pages = pageCount(made!);
    expect(pageCount(flat!), `${job.label}: page count`).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      const a = renderPage(made!, page);
      const b = renderPage(flat!, page);
      expect(Buffer.compare(Buffer.from(a.pixels), Buffer.from(b.pixels)) === 0, `${job.label}, page ${page} of ${pages}: the same pixels`).toBe(true);
    }
    first ??= [made!, flat!];
  }
  return first ?? [];
}

describe('page boxes made plain for the print', () => {
  test('the real manuscript looks the same, and its boxes are no longer tagged as containers', async () => {
    const [made, flat] = await samePixels(path.join(REPO, 'manuscript'), 'pamphlet');
    // Made plain, not merely the same: fewer generic containers in the tag tree.
    expect(genericTags(flat!)).toBeLessThan(genericTags(made!));
  });

  test('its handout looks the same', async () => {
    await samePixels(path.join(REPO, 'manuscript'), 'handout');
  });

  test('¶ numbers in the margin, absolutely positioned, look the same', async () => {
    await samePixels(realManuscriptWith('numbered', (dir) => addToConfig(dir, 'paragraph-numbers: true')), 'pamphlet');
  });

  test('crop marks in a bleed look the same', async () => {
    await samePixels(realManuscriptWith('marks', (dir) => addToConfig(dir, 'print:\n  bleed: 3mm\n  marks: true')), 'pamphlet');
  });

  test('marks a house style places absolutely in the text area stay where they were', async () => {
    const dir = realManuscriptWith('placed', (d) => {
      mkdirSync(path.join(d, 'styles'));
      // No positioned box of their own around them: the text area is their containing block.
      writeFileSync(path.join(d, 'styles', 'print.css'), 'blockquote::after { content: "\\2766"; position: absolute; right: 0; bottom: 0; }\nh2::before { content: "\\00A7"; position: absolute; left: -4mm; }\n');
    });
    await samePixels(dir, 'pamphlet');
  });

  test('a house style that shows the empty margins\' content boxes keeps them, and looks the same', async () => {
    const dir = realManuscriptWith('margin-boxes', (d) => {
      mkdirSync(path.join(d, 'styles'));
      // Shown in every margin box, those with nothing to say too: taking their content boxes out would show.
      writeFileSync(path.join(d, 'styles', 'print.css'), '.pagedjs_margin-content { visibility: visible; outline: 0.5pt solid #c00; min-height: 4mm; }\n');
    });
    await samePixels(dir, 'pamphlet');
    expect(emptiedBoxes(dir)).toEqual({ margins: null, marks: 22 });
  });

  test('what the CLI takes out of the pages: every empty margin\'s content box, and the marks a page does not show', () => {
    // The real manuscript: 22 pages, most with a folio and a running head, none with marks.
    const real = emptiedBoxes(path.join(REPO, 'manuscript'));
    expect(real).toEqual({ margins: expect.any(Number), marks: 22 });
    expect(real!.margins).toBeGreaterThan(22 * 12);
    // Crop marks shown: the marks stay.
    expect(emptiedBoxes(realManuscriptWith('marks-cli', (dir) => addToConfig(dir, 'print:\n  bleed: 3mm\n  marks: true')))).toEqual({ margins: expect.any(Number), marks: 0 });
  });

  test('notes, in the three parts of the reading-room fixture', async () => {
    await samePixels(path.join(REPO, 'tests', 'fixtures', 'reading-room'), 'pamphlet');
  });

  test('READMEs nobody here wrote (code, tables, lists, notes) look the same', async () => {
    const dir = path.join(workDir, 'manuscripts', 'readmes');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    ['yaml/README.md', 'micromark/readme.md', 'css-tree/README.md'].forEach((file, i) => {
      writeFileSync(path.join(dir, `part-${i + 1}.md`), readmeAsPart(path.join(REPO, 'node_modules', file), path.dirname(file), i + 1));
    });
    await samePixels(dir, 'pamphlet');
  });
});
