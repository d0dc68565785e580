// Bad input, as an author meets it: the real CLI, a clear `file:line:column` error,
// exit status 1, and an earlier output in the output folder left byte for byte.
import { describe, expect, test, beforeAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, pamphlet, outputsIn } from './helpers/cli.js';

const PART = `---
title: A First Part
part: 1
---

## Opening

A sentence with a good citation.:cite[carr1950]{locator="p. 12"}
`;

function manuscriptWith(body: string): { root: string; part: string } {
  const root = copyFixture('citations');
  const part = path.join(root, 'manuscript', 'part-1.md');
  writeFileSync(part, body);
  return { root, part };
}

describe('bad input leaves earlier outputs as they were', () => {
  let root: string;
  let part: string;
  let earlier: Buffer;

  beforeAll(() => {
    ({ root, part } = manuscriptWith(PART));
    const first = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet'], root);
    expect(first.stderr).not.toMatch(/error:/);
    expect(first.status).toBe(0);
    earlier = readFileSync(path.join(root, 'dist', 'citation-tests-1.epub'));
  });

  const cases: Array<[string, string, RegExp]> = [
    ['unknown citation key', 'Text with a bad key.:cite[nosuchkey]{locator="p. 1"}', /^manuscript\/part-1\.md:10:21: error: unknown citation key `nosuchkey`/m],
    ['unknown directive', 'Some text.\n\n::frobnicate[x]', /^manuscript\/part-1\.md:12:1: error: unknown directive `::frobnicate`/m],
    ['unknown quote source', ':::quote{source=nobody1900}\nSome words.\n:::', /^manuscript\/part-1\.md:10:1: error: unknown quote source `nobody1900`/m],
  ];

  test.each(cases)('%s: exit 1 with file:line:column', (_name, bad) => {
    writeFileSync(part, `${PART}\n${bad}\n`);
    const result = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist'], root);
    const [, , pattern] = cases.find(([n]) => n === _name) as [string, string, RegExp];
    expect(result.stderr).toMatch(pattern);
    expect(result.status).toBe(1);
    expect(readFileSync(path.join(root, 'dist', 'citation-tests-1.epub')).equals(earlier)).toBe(true);
    // Nothing half-written is left behind.
    expect(outputsIn(path.join(root, 'dist'))).toEqual(['citation-tests-1.epub']);
  });
});

describe('a browser step over its time limit', () => {
  // A browser that hangs, and the prompt exit after the error: tests/signals.test.ts.
  test('--timeout outside one second to one hour is a usage error, before anything runs', () => {
    const root = copyFixture('citations');
    for (const value of ['5', '999', '3600001', '1e300', 'soon', '1500.5']) {
      const result = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', 'dist', '--timeout', value], root);
      expect(result.status, value).toBe(2);
      expect(result.stderr).toContain(`--timeout must be a whole number of milliseconds from 1000 to 3600000, not ${value}`);
    }
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});

describe('the command line', () => {
  test('a usage error exits 2', () => {
    const root = copyFixture('citations');
    const result = pamphlet(['build', 'manuscript', '--format', 'docx'], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown format: docx/);
  });

  test('an unknown key in pamphlet.yaml is an error naming the key and the file', () => {
    const root = copyFixture('citations');
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}colour: red\n`);
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^manuscript\/pamphlet\.yaml:6:1: error: unknown key `colour`/m);
  });

  test('raw HTML that would run or fetch is refused', () => {
    const { root } = manuscriptWith(`${PART}\nClick <span onclick="steal()">here</span> and see <img src="https://example.org/x.png">.\n`);
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    // At the tag itself: `<span` is column 7 of line 10, `<img` column 51 (an image, whose file is on the network).
    expect(result.stderr).toMatch(/^manuscript\/part-1\.md:10:7: error: event-handler attribute `onclick`/m);
    expect(result.stderr).toMatch(/^manuscript\/part-1\.md:10:51: error: image from the network is not allowed \(https:\/\/example\.org\/x\.png\): the renderer never fetches/m);
  });

  test('an image outside the manuscript folder is refused', () => {
    const { root } = manuscriptWith(`${PART}\n![A secret](../../etc/passwd)\n`);
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/part-1\.md:10:1: error: image outside the manuscript folder/);
  });

  test('check warns about a work never cited and --strict fails on it', () => {
    const { root } = manuscriptWith(PART);
    const relaxed = pamphlet(['check', 'manuscript'], root);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stderr).toMatch(/^manuscript\/references\.bib:\d+:1: warning: bibliography entry `reed1919` is never cited/m);
    expect(pamphlet(['check', 'manuscript', '--strict'], root).status).toBe(1);
  });
});
