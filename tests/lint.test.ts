// `check` for editors: every lint rule on a fixture written to break it once, through the
// real CLI, with the exact rule id, place and end of each diagnostic in `--format json`,
// the same places in the human form, and `--strict` failing on them.
import { afterAll, expect, test } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { png } from './helpers/png.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  ruleId: string;
  message: string;
  fix: string | null;
}

function checkJson(fixture: string, setUp?: (dir: string) => void): { status: number | null; diagnostics: Diagnostic[]; human: string } {
  const root = copyFixture(fixture);
  made.push(root);
  setUp?.(path.join(root, 'manuscript'));
  const json = pamphlet(['check', 'manuscript', '--format', 'json'], root);
  const human = pamphlet(['check', 'manuscript'], root);
  expect(human.status).toBe(json.status);
  return { status: json.status, diagnostics: JSON.parse(json.stdout) as Diagnostic[], human: human.stderr };
}

test('each lint rule, at its exact place, with a fix', () => {
  const { status, diagnostics, human } = checkJson('lint', (dir) => {
    mkdirSync(path.join(dir, 'images'));
    // 600 px wide fills the 4.57 in of A5's text block at 131 ppi.
    writeFileSync(path.join(dir, 'images', 'small.png'), png(600, 40));
    // Sharp enough (vector), but heavy: a comment of 10.5 MB.
    writeFileSync(path.join(dir, 'images', 'heavy.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!--${'a'.repeat(10_500_000)}--></svg>`);
  });
  expect(status).toBe(0);
  const places = diagnostics.map((d) => [d.file, d.ruleId, d.line, d.column, d.endLine, d.endColumn, d.severity]);
  expect(places).toEqual([
    ['manuscript/part-1.md', 'next-title', 4, 16, 4, 16, 'warning'],
    ['manuscript/part-1.md', 'footnote-unused', 13, 1, 13, 31, 'warning'],
    ['manuscript/part-1.md', 'heading-skip', 15, 1, 15, 14, 'warning'],
    ['manuscript/part-1.md', 'quote-unattributed', 17, 1, 19, 4, 'warning'],
    ['manuscript/part-1.md', 'straight-quotes', 21, 9, 21, 9, 'warning'],
    ['manuscript/part-1.md', 'image-resolution', 23, 1, 23, 37, 'warning'],
    ['manuscript/part-1.md', 'image-file-size', 25, 1, 25, 37, 'warning'],
    ['manuscript/part-2.md', 'heading-skip', 6, 1, 6, 20, 'warning'],
  ]);
  const byRule = Object.fromEntries([...diagnostics].reverse().map((d) => [d.ruleId, d]));
  expect(byRule['next-title']?.message).toBe('`next:` says “Part II: A Title Changed Since”, but part-2.md is “Part II: The Second Part”: correct the title, or remove `next:` to name the next part as it is');
  expect(byRule['image-resolution']?.message).toBe('image images/small.png prints at 131 ppi (600 px over 4.57 in): under 300 ppi it looks soft on paper; use one at least 1371 px wide');
  expect(byRule['image-file-size']?.message).toBe('image images/heavy.svg is 10.5 MB, over 10 MB: every EPUB and PDF carries it; make it smaller');
  expect(byRule['heading-skip']?.message).toBe('heading level skips from `##` to `####`: use `###`');
  for (const d of diagnostics) expect(d.fix, d.ruleId).toMatch(/\w/);
  // The human form: the same places, one a line, as a problem matcher reads them.
  for (const d of diagnostics) expect(human.split('\n')).toContain(`${d.file}:${d.line}:${d.column}: warning: ${d.message}`);
});

test('a sharp image and smart punctuation give no warning; --strict fails on a warning and passes without', () => {
  const clean = checkJson('lint', (dir) => {
    mkdirSync(path.join(dir, 'images'));
    writeFileSync(path.join(dir, 'images', 'small.png'), png(1400, 20));
    writeFileSync(path.join(dir, 'images', 'heavy.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    writeFileSync(path.join(dir, 'pamphlet.yaml'), 'series: Lint Tests\nauthor: Ada Example\nlang: en\n');
  });
  expect(clean.diagnostics.map((d) => d.ruleId)).toEqual(['next-title', 'footnote-unused', 'heading-skip', 'quote-unattributed', 'heading-skip']);
  const root = copyFixture('basic');
  made.push(root);
  expect(pamphlet(['check', 'manuscript', '--strict'], root).status).toBe(0);
  writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `${'---\ntitle: A First Part\npart: 1\n---\n\n## A\n\n#### B\n'}`);
  const strict = pamphlet(['check', 'manuscript', '--strict'], root);
  expect(strict.status).toBe(1);
  expect(strict.stderr).toContain('manuscript/part-1.md:8:1: warning: heading level skips from `##` to `####`: use `###`');
});

test('two parts with the same `part:` is an error at the second one\'s `part:`', () => {
  const { status, diagnostics } = checkJson('lint-twice');
  expect(status).toBe(1);
  expect(diagnostics).toEqual([{
    file: 'manuscript/part-one-again.md', line: 3, column: 7, endLine: 3, endColumn: 7, severity: 'error', ruleId: 'part-twice',
    message: 'part 1 appears twice (also in part-1.md)', fix: 'give each part its own `part:` number',
  }]);
});

test('an anchor name given twice: a warning at the second, with a fix, in check --format json', () => {
  const { status, diagnostics } = checkJson('basic', (dir) => {
    const file = path.join(dir, 'part-1.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## Opening\n', '## <a name="start"></a>Opening\n\n<a id="start"></a>\n'));
  });
  expect(status).toBe(0);
  expect(diagnostics.filter((d) => d.ruleId === 'duplicate-anchor')).toEqual([
    {
      file: 'manuscript/part-1.md', line: 10, column: 1, endLine: 10, endColumn: 19, severity: 'warning', ruleId: 'duplicate-anchor',
      message: 'anchor `start` is named twice: links to `#start` go to the first (line 8); this one is `start-2`',
      fix: 'give the second anchor a name of its own, or delete it',
    },
  ]);
});
