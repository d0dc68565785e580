// A build asks git when each part last changed and parses the parts while git answers. In a
// large repository (or one whose part is not committed, where `git log` walks the whole
// history) that answer comes late: the build must still wait for it, and a manuscript refused
// meanwhile must not leave git running. Git is made slow here by a `git` on PATH that sleeps,
// then runs the real one.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyFixture, outputsIn, pamphlet } from './helpers/cli.js';
import { processesMarkedBy } from './helpers/processes.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/** The `basic` fixture committed on 2024-05-06, and a PATH whose git answers after `seconds`. */
function slowRepository(seconds: number): { root: string; env: NodeJS.ProcessEnv } {
  const root = copyFixture('basic');
  roots.push(root);
  const date = '2024-05-06T07:08:09Z';
  const git = (...args: string[]) =>
    execFileSync(REAL_GIT, args, {
      cwd: root,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.org' },
    });
  git('init', '-q');
  git('add', 'manuscript');
  git('commit', '-qm', 'first');
  const bin = path.join(root, 'slow-bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nsleep ${seconds}\nexec '${REAL_GIT}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  // The marker is in the environment every process of the run inherits, git's included.
  return { root, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, SOURCE_DATE_EPOCH: '', PAMPHLET_TEST_RUN: root } };
}

describe('a git slow to answer', () => {
  test('the EPUB is still dated by the last commit', () => {
    const { root, env } = slowRepository(1);
    const result = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub', '--no-print-pages', '--quiet', '--no-cache'], root, env);
    expect(result.status, result.stderr).toBe(0);
    const opf = execFileSync('unzip', ['-p', path.join(root, 'dist', 'a-test-series-1.epub'), 'OEBPS/package.opf'], { encoding: 'utf8' });
    expect(opf).toContain('<meta property="dcterms:modified">2024-05-06T07:08:09Z</meta>');
  });

  test('a manuscript refused while git runs leaves no git running and no output', () => {
    const { root, env } = slowRepository(2);
    const part = path.join(root, 'manuscript', 'part-1.md');
    const lines = readFileSync(part, 'utf8').trimEnd().split('\n');
    writeFileSync(part, `${lines.join('\n')}\n\n<iframe srcdoc="<p>x</p>" src="https://example.org/"></iframe>\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub', '--no-print-pages', '--quiet', '--no-cache'], root, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`part-1.md:${lines.length + 2}:1`);
    // Right as the command has ended, not after a grace period: nothing of the run is alive.
    expect(processesMarkedBy(root)).toEqual([]);
    const dist = path.join(root, 'dist');
    expect(existsSync(dist) ? outputsIn(dist) : []).toEqual([]);
  });
});
