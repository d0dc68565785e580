// Every letter a reader of the EPUB reads is printed in the PDF. Paged.js loses text in ways its
// blocks do not show (a table row broken across pages, a one-page title or imprint, a note longer
// than a page): each block is on its pages, and lines are missing. So this reads the text, not the
// blocks: for each part of a series of READMEs nobody here wrote (tables, code, lists, long
// paragraphs), and one part whose table holds a licence's whole text in a cell, the letters and
// figures of the EPUB's chapters (parsed, notes included) must all be in the PDF's text
// (pdftotext), counted letter by letter, Chinese, Japanese and Korean too.
import { beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pamphlet } from './helpers/cli.js';
import { epubChapterText, letters, missingLetters } from './helpers/letters.js';
import { pagesText } from './helpers/poppler.js';
import { readmeAsPart } from './helpers/readme-manuscript.js';

const MODULES = path.resolve(import.meta.dirname, '..', 'node_modules');
/** READMEs with tables, of packages pamphlet depends on. */
const READMES = [
  'remark-gfm/readme.md',
  'mdast-util-to-hast/readme.md',
  'property-information/readme.md',
  'transliteration/README.md',
  'fflate/README.md',
  '@resvg/resvg-js/README.md',
  '@citation-js/plugin-bibtex/README.md',
  'fast-check/README.md',
];

describe('every letter of the EPUB is in the PDF', () => {
  let out: string;
  let parts: string[];
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-every-letter-'));
    const manuscript = path.join(dir, 'manuscript');
    mkdirSync(manuscript);
    writeFileSync(path.join(manuscript, 'pamphlet.yaml'), 'series: Read Me\nauthor: Their Authors\nlang: en\n');
    READMES.forEach((file, i) => writeFileSync(path.join(manuscript, `part-${i + 1}.md`), readmeAsPart(path.join(MODULES, file), path.dirname(file), i + 1)));
    const licence = readFileSync(path.join(MODULES, 'typescript', 'LICENSE.txt'), 'utf8').split(/\s+/).filter(Boolean).join(' ');
    writeFileSync(path.join(manuscript, `part-${READMES.length + 1}.md`), `---\ntitle: A Licence in a Table\npart: ${READMES.length + 1}\n---\n\n## Licence\n\n| Text | Note |\n|---|---|\n| ${licence} | short |\n| last row | end |\n`);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub', '--out', 'out', '--no-cache', '--quiet'], dir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
    out = path.join(dir, 'out');
    parts = readdirSync(out).filter((name) => name.endsWith('.epub')).map((name) => name.slice(0, -'.epub'.length)).sort();
    expect(parts).toHaveLength(READMES.length + 1);
  }, 300_000);

  test('for each part, every letter and figure, as often as the EPUB has it', () => {
    for (const part of parts) {
      const read = letters(epubChapterText(path.join(out, `${part}.epub`)));
      const printed = letters(pagesText(path.join(out, `${part}.pdf`)).join(' '));
      expect(missingLetters(read, printed), part).toEqual([]);
      expect([...read.values()].reduce((a, b) => a + b, 0), part).toBeGreaterThan(2_000);
    }
  });
});
