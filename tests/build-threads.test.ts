// A build's worker threads change nothing in what it makes. The real CLI (lib/, which
// starts them) and the library run from src/ (no bundled workers there, so everything runs
// in-process) build the same files to the byte:
// - the CSL engine's thread (src/citations/citation-thread.ts): the EPUB and web page of note
//   and in-text styles, Pandoc's citations and our directives, English, German and Russian
//   locales, the real manuscript (a style citeproc refuses gives the same error either way:
//   tests/bad-files.test.ts);
// - the print HTML's hyphenation thread (src/pipeline/hyphenation-thread.ts): the PDF of the
//   real manuscript, and of the German and Russian fixtures, whose own patterns it uses;
// - the EPUB covers' thread (src/render/epub/cover-thread.ts): a series of three parts, each
//   with a cover of its own, Russian, and a part whose cover is the manuscript's own image.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../src/api.js';
import { copyFixture, pamphlet } from './helpers/cli.js';

const EPOCH = '1700000000';

const CASES: Array<[string, string, string | undefined]> = [
  ['the real manuscript (Chicago notes, BibTeX)', '../../manuscript', undefined],
  ['Pandoc citations', 'any-manuscript/citations-pandoc', undefined],
  ['citations by directive', 'any-manuscript/citations-cite', undefined],
  ['German', 'german', undefined],
  ['Russian', 'russian', undefined],
  ['an in-text style (APA)', 'any-manuscript/citations-pandoc', 'apa'],
];

describe('citations formatted on their own thread', () => {
  test.each(CASES)('%s: the same EPUB and web page as formatted in-process', async (_, fixture, style) => {
    const root = copyFixture(fixture);
    const dir = path.join(root, 'manuscript');
    if (style) {
      const yaml = path.join(dir, 'pamphlet.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^citation-style:.*$/m, `citation-style: ${style}`));
    }
    const cli = pamphlet(['build', 'manuscript', '--format', 'epub,html', '--no-print-pages', '--no-cache', '--out', 'threaded'], root, { SOURCE_DATE_EPOCH: EPOCH });
    expect(cli.stderr).not.toMatch(/error/);
    expect(cli.status).toBe(0);
    await build({ dir, out: path.join(root, 'in-process'), formats: ['epub', 'html'], printPages: false, cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
    const outputs = readdirSync(path.join(root, 'threaded')).sort();
    expect(outputs.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(path.join(root, 'in-process')).sort()).toEqual(outputs);
    for (const name of outputs) {
      expect(readFileSync(path.join(root, 'threaded', name)).equals(readFileSync(path.join(root, 'in-process', name))), name).toBe(true);
    }
    if (style === 'apa') expect(readFileSync(path.join(root, 'threaded', outputs.find((n) => n.endsWith('.html'))!), 'utf8')).toMatch(/\(\w[^()]*, \d{4}/);
  });
});

describe("the print HTML's words broken on their own thread", () => {
  test.each([
    ['the real manuscript', '../../manuscript'],
    ['German', 'german'],
    ['Russian', 'russian'],
  ])('%s: the same PDF as hyphenated in-process', async (_, fixture) => {
    const root = copyFixture(fixture);
    const dir = path.join(root, 'manuscript');
    const cli = pamphlet(['build', 'manuscript', '--format', 'pdf', '--no-cache', '--out', 'threaded'], root, { SOURCE_DATE_EPOCH: EPOCH });
    expect(cli.stderr).not.toMatch(/error/);
    expect(cli.status).toBe(0);
    await build({ dir, out: path.join(root, 'in-process'), formats: ['pdf'], cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
    const [name] = readdirSync(path.join(root, 'threaded'));
    expect(name).toMatch(/\.pdf$/);
    expect(readFileSync(path.join(root, 'threaded', name!)).equals(readFileSync(path.join(root, 'in-process', name!)))).toBe(true);
  });
});

describe("the EPUB's generated cover drawn on its own thread", () => {
  test.each([
    ['a series of three parts', 'series'],
    ['Russian', 'russian'],
    ["the manuscript's own cover image", 'house-imprint'],
  ])('%s: the same EPUBs as drawn in-process', async (_, fixture) => {
    const root = copyFixture(fixture);
    const dir = path.join(root, 'manuscript');
    const cli = pamphlet(['build', 'manuscript', '--format', 'epub', '--no-print-pages', '--no-cache', '--out', 'threaded'], root, { SOURCE_DATE_EPOCH: EPOCH });
    expect(cli.stderr).not.toMatch(/error/);
    expect(cli.status).toBe(0);
    await build({ dir, out: path.join(root, 'in-process'), formats: ['epub'], printPages: false, cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
    const outputs = readdirSync(path.join(root, 'threaded')).sort();
    expect(outputs.length).toBeGreaterThanOrEqual(1);
    expect(readdirSync(path.join(root, 'in-process')).sort()).toEqual(outputs);
    const covers = new Set<string>();
    for (const name of outputs) {
      const threaded = readFileSync(path.join(root, 'threaded', name));
      expect(threaded.equals(readFileSync(path.join(root, 'in-process', name))), name).toBe(true);
      covers.add(threaded.toString('latin1'));
    }
    // Each part its own book, and so its own cover.
    expect(covers.size).toBe(outputs.length);
  });
});
