// A contents that runs over several pages: the real manuscript twice over, with a heading
// before each of its paragraphs. Its page numbers are set by Paged.js as the sections they
// point to are made, while the pages are filled as they are made (src/browser/
// vertical-justify.ts, `registerPageFilling`, which leaves a page with numbers still to
// come for after pagination): each number must be the page its section starts on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pamphlet } from './helpers/cli.js';
import { pagesText, pagesWith, squash } from './helpers/poppler.js';

const REPO = path.resolve(import.meta.dirname, '..');
const SLUG = 'celebrating-red-october-1';

/** The part's text with `## <prefix>Section N: <its first word>` before each paragraph of prose. */
function withHeadings(body: string, prefix: string): { text: string; headings: string[] } {
  const headings: string[] = [];
  const blocks = body.split('\n\n').flatMap((block) => {
    const word = /^[“"]?([A-Za-z’]+)/.exec(block)?.[1];
    if (!word) return [block];
    const heading = `${prefix}Section ${headings.length + 1}: ${word}`;
    headings.push(heading);
    return [`## ${heading}`, block];
  });
  return { text: blocks.join('\n\n'), headings };
}

let pdf: string;
let headings: string[];
let pages: string[];

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-filling-'));
  for (const file of ['pamphlet.yaml', 'references.bib']) copyFileSync(path.join(REPO, 'manuscript', file), path.join(dir, file));
  const source = readFileSync(path.join(REPO, 'manuscript', 'part-1.md'), 'utf8');
  const end = source.indexOf('\n---\n', 4) + 5;
  const [front, body] = [source.slice(0, end), source.slice(end)];
  const first = withHeadings(body, '');
  // The second copy without the part's questions (a part has one block of them) and with its own note names.
  const again = withHeadings(body.replace(/\n:::questions[\s\S]*?\n:::\n/, '\n').replace(/\[\^([^\]\s]+)\]/g, '[^again-$1]'), 'Part B ');
  headings = [...first.headings, ...again.headings];
  writeFileSync(path.join(dir, 'part-1.md'), `${front}${first.text}\n\n${again.text}`);
  const out = path.join(dir, 'out');
  const result = pamphlet(['build', dir, '--out', out, '--format', 'pdf', '--quiet'], REPO);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  pdf = path.join(out, `${SLUG}.pdf`);
  pages = pagesText(pdf);
}, 120_000);

/** The lines of page `page` (1-based) as pdftotext lays them out: a contents entry and its page number on one line. */
function layoutLines(page: number): string[] {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).split('\n');
}

describe('a contents of several pages', () => {
  let contentsPages: number[];
  beforeAll(() => {
    // The text begins on the first page after the contents.
    const textStarts = pagesWith(pages, '“Red October” is not merely a compelling story')[0]!;
    contentsPages = Array.from({ length: textStarts - 2 }, (_, i) => i + 2);
  });

  it('lists the page each of some 90 sections starts on, over three pages and more', () => {
    expect(contentsPages.length).toBeGreaterThanOrEqual(3);
    expect(headings.length).toBeGreaterThan(80);
    const lines = contentsPages.flatMap((page) => layoutLines(page));
    const textStarts = contentsPages.at(-1)! + 1;
    for (const heading of headings) {
      const line = lines.find((l) => squash(l).startsWith(squash(heading)));
      expect(line, heading).toBeDefined();
      const listed = Number(/(\d+)\s*$/.exec(line!)?.[1]);
      // "Section 1: While" is also in "Part B Section 1: While", which comes later.
      const starts = pagesWith(pages, heading).filter((page) => page >= textStarts)[0];
      expect(listed, heading).toBe(starts);
    }
  });
});
