// A manuscript that has been built once (dist/ holds its EPUB), to be spoiled by a test:
// the real CLI must then refuse it with one exact `file:line:column` line, in `check` and
// in `build` alike, and leave the earlier output byte for byte as it was.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { copyFixture, pamphlet, outputsIn } from './cli.js';

let template: string | undefined;

/** A fresh copy of the `citations` fixture with `dist/citation-tests-1.epub` already built. */
export function builtManuscript(): { root: string; dir: string } {
  if (!template) {
    template = copyFixture('citations');
    const first = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist', '--quiet'], template);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-refusal-'));
  cpSync(template, root, { recursive: true });
  return { root, dir: path.join(root, 'manuscript') };
}

export const EARLIER = 'citation-tests-1.epub';

/**
 * `check` and `build` both exit 1 and print `line` (exactly, as one line of stderr);
 * no other output is written and the earlier EPUB is unchanged.
 */
export function expectRefused(root: string, line: string): void {
  const before = readFileSync(path.join(root, 'dist', EARLIER));
  const checked = pamphlet(['check', 'manuscript'], root);
  expect(checked.stderr.split('\n')).toContain(line);
  expect(checked.stderr).not.toMatch(/Cannot read properties|is not a function|EISDIR|ENOENT|URI malformed|    at /);
  expect(checked.status).toBe(1);
  const built = pamphlet(['build', 'manuscript', '--format', 'epub,html', '--out', 'dist'], root);
  expect(built.stderr.split('\n')).toContain(line);
  expect(built.status).toBe(1);
  expect(outputsIn(path.join(root, 'dist'))).toEqual([EARLIER]);
  expect(readFileSync(path.join(root, 'dist', EARLIER)).equals(before)).toBe(true);
}
