// `pamphlet init` as a new user runs it: a folder that builds every output and passes
// `check --strict` as it is, and that never overwrites anything.
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_KEYS } from '../src/config/load.js';
import { KNOWN_DIRECTIVES } from '../src/pipeline/remark-directives.js';
import { pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pageCount, pagesText } from './helpers/poppler.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('init, then build, then check --strict: exit 0 each, a clean EPUB and a PDF', () => {
  const made = pamphlet(['init', 'notes', '--series', 'Notes on "Capital"'], root);
  expect(made.status, made.stderr).toBe(0);
  expect(made.stdout).toContain('npx pamphlet preview notes');
  expect(made.stdout).toContain('npx pamphlet build notes');
  const dir = path.join(root, 'notes');
  expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'pamphlet.yaml', 'part-1.md', 'references.bib']);
  expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('dist/\n');

  // Every key of pamphlet.yaml is there, with a comment saying what it does.
  const yaml = readFileSync(path.join(dir, 'pamphlet.yaml'), 'utf8').split('\n');
  for (const key of CONFIG_KEYS()) {
    const line = yaml.find((l) => new RegExp(`^(# )?${key}:`).test(l));
    expect(line, key).toBeDefined();
    expect(line?.replace(/^# /, ''), key).toMatch(/ # \S/);
  }
  // Each directive once.
  const part = readFileSync(path.join(dir, 'part-1.md'), 'utf8');
  for (const name of KNOWN_DIRECTIVES) expect(part.match(new RegExp(`(^|[^:]):{1,3}${name}\\b`, 'gm')) ?? [], name).toHaveLength(1);

  const built = pamphlet(['build', 'notes', '--out', 'notes/dist'], root);
  expect(built.status, built.stderr).toBe(0);
  expect(built.stderr).not.toMatch(/warning|error/);
  const epub = epubcheck(path.join(dir, 'dist', 'notes-on-capital-1.epub'));
  expect([epub.errors, epub.warnings], epub.output).toEqual([0, 0]);
  const pdf = path.join(dir, 'dist', 'notes-on-capital-1.pdf');
  expect(pageCount(pdf)).toBeGreaterThanOrEqual(3);
  expect(pagesText(pdf).join('\n')).toContain('Luxemburg');

  const checked = pamphlet(['check', 'notes', '--strict'], root);
  expect(checked.stderr).toBe('');
  expect(checked.stdout).toBe('1 part(s), 0 warning(s)\n');
  expect(checked.status).toBe(0);
});

test('init refuses a folder that holds anything, and changes nothing in it', () => {
  const dir = path.join(root, 'taken');
  const made = pamphlet(['init', 'taken'], root);
  expect(made.status).toBe(0);
  writeFileSync(path.join(dir, 'part-1.md'), 'my own words');
  const again = pamphlet(['init', 'taken', '--series', 'Another'], root);
  expect(again.status).toBe(1);
  expect(again.stderr).toBe('pamphlet: taken is not empty (4 entries): init only writes into a new or empty folder, so nothing of yours is overwritten\n');
  expect(readFileSync(path.join(dir, 'part-1.md'), 'utf8')).toBe('my own words');
});
