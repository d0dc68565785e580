// Incremental builds through the real CLI: the cache renders only what changed, the
// watch mode rebuilds on save, and outputs are byte for byte those of a clean build.
import { afterAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyFixture, outputsIn, pamphlet } from './helpers/cli.js';

const BIN = path.resolve(import.meta.dirname, '../bin/pamphlet.js');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function series(): string {
  const root = copyFixture('series');
  made.push(root);
  return root;
}

/** Which outputs a build's report says it rendered and took from the cache, as `Part II · pdf`. */
function report(stderr: string): { rendered: string[]; cached: string[] } {
  const lines = stderr.split('\n');
  const pick = (what: RegExp) => lines.filter((line) => what.test(line)).map((line) => line.split(' · ').slice(0, 2).join(' · ')).sort();
  return { rendered: pick(/ · rendered in /), cached: pick(/ · from the cache$/) };
}

function expectSameOutputs(a: string, b: string): void {
  const names = outputsIn(a).sort();
  expect(names).toEqual(outputsIn(b).sort());
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(readFileSync(path.join(a, name)).equals(readFileSync(path.join(b, name))), name).toBe(true);
}

const all = (parts: string[], formats: string[]) => parts.flatMap((part) => formats.map((format) => `${part} · ${format}`)).sort();

describe('the build cache', () => {
  // How much faster is a benchmark figure, not a timed test; what makes it fast is checked:
  // nothing is rendered and no browser is started.
  test('a second build of an unchanged series renders nothing, starts no browser, and gives the same bytes', () => {
    const root = series();
    let since = performance.now();
    const first = pamphlet(['build', 'manuscript', '--out', 'dist'], root);
    const firstMs = performance.now() - since;
    expect(first.status, first.stderr).toBe(0);
    expect(report(first.stderr)).toEqual({ rendered: all(['Part I', 'Part II', 'Part III'], ['booklet', 'epub', 'handout', 'html', 'pdf']), cached: [] });

    since = performance.now();
    const second = pamphlet(['build', 'manuscript', '--out', 'dist'], root, { PAMPHLET_TRACE: '1' });
    const secondMs = performance.now() - since;
    expect(second.status, second.stderr).toBe(0);
    expect(report(second.stderr)).toEqual({ rendered: [], cached: all(['Part I', 'Part II', 'Part III'], ['booklet', 'epub', 'handout', 'html', 'pdf']) });
    expect(second.stderr).toContain('rendered 0, from the cache 15');
    expect(second.stderr).not.toContain('browser ready');
    console.log(`cache: first build ${(firstMs / 1000).toFixed(2)} s, second ${(secondMs / 1000).toFixed(2)} s (${(firstMs / secondMs).toFixed(1)}× faster)`);

    const clean = pamphlet(['build', 'manuscript', '--out', 'clean', '--no-cache', '--quiet'], root);
    expect(clean.status, clean.stderr).toBe(0);
    expect(existsSync(path.join(root, 'clean', '.pamphlet-cache'))).toBe(false);
    expectSameOutputs(path.join(root, 'dist'), path.join(root, 'clean'));
  });

  test('a cache copied from elsewhere is never used: a manuscript cannot ship outputs that do not match its text', () => {
    const root = series();
    expect(pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root).status).toBe(0);
    const built = readFileSync(path.join(root, 'dist', 'three-parts-1.epub'));
    // Poison every entry, then put the same files back at the same path, as an unpacked
    // archive would be: the same names, the same paths, new folders.
    const cache = path.join(root, 'dist', '.pamphlet-cache');
    for (const name of readdirSync(cache)) if (name.includes('.epub.')) writeFileSync(path.join(cache, name), 'poison');
    const aside = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-aside-'));
    made.push(aside);
    cpSync(root, aside, { recursive: true });
    rmSync(root, { recursive: true });
    cpSync(aside, root, { recursive: true });
    const again = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root);
    expect(again.status, again.stderr).toBe(0);
    expect(report(again.stderr)).toEqual({ rendered: all(['Part I', 'Part II', 'Part III'], ['epub']), cached: [] });
    expect(readFileSync(path.join(root, 'dist', 'three-parts-1.epub')).equals(built)).toBe(true);
    // The poisoned entries were replaced, never read; the cache works again from here.
    expect(report(pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root).stderr).cached).toEqual(all(['Part I', 'Part II', 'Part III'], ['epub']));
  });

  test('`cache-dir` puts the cache inside the manuscript folder, and nowhere outside it', () => {
    const root = series();
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}cache-dir: ../elsewhere\n`);
    const refused = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('manuscript/pamphlet.yaml:5:12: error: `cache-dir` must be a folder inside the manuscript folder, not ../elsewhere');
    expect(existsSync(path.join(root, 'elsewhere'))).toBe(false);

    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('../elsewhere', '.cache'));
    expect(pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root).status).toBe(0);
    expect(readdirSync(path.join(root, 'manuscript', '.cache')).filter((name) => name.includes('.epub.'))).toHaveLength(3);
    expect(existsSync(path.join(root, 'dist', '.pamphlet-cache'))).toBe(false);
    expect(report(pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub'], root).stderr).cached).toEqual(all(['Part I', 'Part II', 'Part III'], ['epub']));
  });
});

describe('build --watch', () => {
  test('saving part 2 rebuilds part 2 and part 1 (whose "Next:" line names it) only, and the outputs equal a clean build', async () => {
    const root = series();
    const formats = ['epub', 'html', 'pdf'];
    const child = spawn(process.execPath, [BIN, 'build', 'manuscript', '--watch', '--out', 'dist', '--format', formats.join(',')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    /** The report of the build that ends with the `n`th "watching" line. */
    const build = async (n: number): Promise<string> => {
      const deadline = Date.now() + 120_000;
      while ((stderr.match(/^watching /gm) ?? []).length < n) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no build ${n}:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return stderr.split(/^watching .*$/m)[n - 1] as string;
    };
    try {
      expect(report(await build(1))).toEqual({ rendered: all(['Part I', 'Part II', 'Part III'], formats), cached: [] });

      const part2 = path.join(root, 'manuscript', 'part-2.md');
      writeFileSync(part2, readFileSync(part2, 'utf8').replace('title: The Middle Way', 'title: The Middle Way, Revised').replace('It says little', 'It says a little more'));
      const second = await build(2);
      expect(second).toContain('changed: part-2.md');
      expect(report(second)).toEqual({ rendered: all(['Part I', 'Part II'], formats), cached: all(['Part III'], formats) });

      // Part 2's text alone: part 1 names only its title, so part 1 is not rendered again.
      writeFileSync(part2, readFileSync(part2, 'utf8').replace('says it plainly', 'says it very plainly'));
      expect(report(await build(3))).toEqual({ rendered: all(['Part II'], formats), cached: all(['Part I', 'Part III'], formats) });
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(readFileSync(path.join(root, 'dist', 'three-parts-1.html'), 'utf8')).toContain('The Middle Way, Revised');

    const clean = pamphlet(['build', 'manuscript', '--out', 'clean', '--no-cache', '--quiet', '--format', formats.join(',')], root);
    expect(clean.status, clean.stderr).toBe(0);
    expectSameOutputs(path.join(root, 'dist'), path.join(root, 'clean'));
  });
});
