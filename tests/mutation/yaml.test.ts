// YAML as pamphlet.yaml and front matter read it (src/config/yaml.ts): data with
// aliases resolved, and hostile documents refused at their place, fast.
import { describe, expect, test } from 'vitest';
import { readYaml } from '../../src/config/yaml.js';

const problems = (text: string) => readYaml(text).problems;
const BOMB = 'too many aliases: the `*aliases` here expand to many copies of their anchors (a “billion laughs” YAML bomb), refused before they fill memory';

describe('readYaml', () => {
  test('plain data, aliases resolved to their anchors', () => {
    expect(readYaml('a: &x Ada\nb: *x\nc: [1, two]\n')).toMatchObject({ data: { a: 'Ada', b: 'Ada', c: [1, 'two'] }, problems: [] });
    // A handful of aliases of a small list is a config, not a bomb.
    const list = [1, 2, 3, 4, 5, 6, 7];
    expect(readYaml('a: &a [1,2,3,4,5,6,7]\nb: [*a,*a,*a,*a,*a,*a,*a]\n')).toMatchObject({ data: { a: list, b: [list, list, list, list, list, list, list] }, problems: [] });
  });

  test('positions are 1-based lines and columns of the text', () => {
    const read = readYaml('a: 1\nbb: [x]\n');
    expect(read.lineCounter.linePos(8)).toEqual({ line: 2, col: 4 });
  });

  test('a syntax error at its place, in the parser’s words', () => {
    expect(readYaml('a: 1\na: 2\n')).toMatchObject({ data: undefined, problems: [{ line: 2, column: 1, reason: 'Map keys must be unique' }] });
    expect(problems('a: b: c\n')).toEqual([{ line: 1, column: 4, reason: 'Nested mappings are not allowed in compact mappings' }]);
  });

  test('a lone CR ends a line, as YAML 1.2 says (classic Mac OS line ends), and places stay where the text has them', () => {
    expect(readYaml('title: Old Mac\rpart: 1\r')).toMatchObject({ data: { title: 'Old Mac', part: 1 }, problems: [] });
    expect(problems('a: 1\ra: 2\r')).toEqual([{ line: 2, column: 1, reason: 'Map keys must be unique' }]);
    expect(readYaml('a: 1\r\nb: 2\r\n')).toMatchObject({ data: { a: 1, b: 2 }, problems: [] });
  });

  test('an alias with no anchor before it', () => {
    expect(readYaml('publisher: *me\nauthor: &me Ada\n')).toMatchObject({ data: undefined, problems: [{ line: 1, column: 12, reason: 'the alias `*me` has no anchor `&me` before it' }] });
  });

  test('a billion laughs, at the first alias of the innermost collection too big to expand', () => {
    expect(readYaml('a: &a [1,2,3,4,5,6,7,8]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n')).toMatchObject({ data: undefined, problems: [{ line: 3, column: 5, reason: BOMB }] });
    expect(problems('x: 1\nlist:\n  - &a [1,2,3,4,5,6,7,8]\n  - &b [*a,*a,*a,*a,*a,*a,*a,*a]\n  - {k: [*b,*b,*b,*b,*b,*b,*b,*b]}\n')).toEqual([{ line: 5, column: 10, reason: BOMB }]);
    expect(problems('top:\n  in: &a [x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n  d: [*c,*c,*c,*c,*c,*c,*c,*c]\n')).toEqual([{ line: 4, column: 10, reason: BOMB }]);
  });

  test('flow collections nested deeper than 64 levels, at the 65th opening', () => {
    expect(readYaml(`a: ${'['.repeat(64)}${']'.repeat(64)}\n`).problems).toEqual([]);
    expect(readYaml(`a: ${'['.repeat(65)}${']'.repeat(65)}\n`)).toMatchObject({ data: undefined, problems: [{ line: 1, column: 68, reason: 'nested more than 64 levels deep' }] });
    // Closings count down: a hundred empty lists side by side are one level.
    expect(problems(`a: [${'[]'.repeat(100)}]\nb: ${'{'.repeat(65)}${'}'.repeat(65)}\n`)).toEqual([{ line: 2, column: 68, reason: 'nested more than 64 levels deep' }]);
    // After a comment, a document marker and a blank line with spaces: the place is still exact.
    expect(problems(`# comment\n---\na: 1\n  \nb: [${'['.repeat(64)}${']'.repeat(65)}\nc: 1\n`)).toEqual([{ line: 5, column: 68, reason: 'nested more than 64 levels deep' }]);
    expect(problems(`"x": {"y": [${'['.repeat(63)}${']'.repeat(64)}}\n`)).toEqual([{ line: 1, column: 75, reason: 'nested more than 64 levels deep' }]);
    // Brackets in a string or a comment open nothing.
    expect(readYaml(`a: "${'['.repeat(70)}"\n# ${'{'.repeat(70)}\n`)).toMatchObject({ data: { a: '['.repeat(70) }, problems: [] });
  });

  test('block collections nested thousands deep: "nested too deeply", never a stack trace', () => {
    const read = readYaml(`${'- '.repeat(5000)}x\n`);
    expect(read.data).toBeUndefined();
    expect(read.problems.length).toBeGreaterThan(0);
    // Where the parser's stack ran out depends on the engine; the line and the words do not.
    for (const problem of read.problems) {
      expect([problem.line, problem.reason]).toEqual([1, 'nested too deeply: lists and mappings inside one another, thousands of levels down']);
    }
  });
});
