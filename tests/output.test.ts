// All or nothing: outputs are staged beside their targets and moved into place only
// when all are ready; a failed move puts back what was already moved; one build at a
// time writes into a folder. Checked on real files, and through the real CLI.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { LOCK_NAME, lockOutputFolder } from '../src/output-lock.js';
import { writeOutputs } from '../src/output.js';
import { copyFixture, outputsIn, pamphlet } from './helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'pamphlet-output-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshFolder = (): string => {
  const dir = path.join(scratch, String(++folders));
  mkdirSync(dir);
  return dir;
};

/** Every entry of `dir` with its bytes (folders as "dir/"), to compare a folder before and after. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
    entries[rel] = entry.isDirectory() ? 'dir/' : readFileSync(path.join(dir, rel), 'latin1');
  }
  return entries;
}

describe('writeOutputs', () => {
  test('replaces earlier outputs and leaves no staging folder or lock', async () => {
    const out = freshFolder();
    writeFileSync(path.join(out, 'a.pdf'), 'old a');
    writeFileSync(path.join(out, 'unrelated.txt'), 'mine');
    const written = await writeOutputs(out, [{ name: 'a.pdf', bytes: 'new a' }, { name: 'b.epub', bytes: 'new b' }]);
    expect(written).toEqual([path.join(out, 'a.pdf'), path.join(out, 'b.epub')]);
    expect(snapshot(out)).toEqual({ 'a.pdf': 'new a', 'b.epub': 'new b', 'unrelated.txt': 'mine' });
  });

  test('a move that fails puts back every output already moved: the folder is byte-identical', async () => {
    const out = freshFolder();
    writeFileSync(path.join(out, 'a.epub'), 'earlier epub');
    // b.html is new (it must go again), c.pdf is a folder in the way, d.txt never moves.
    mkdirSync(path.join(out, 'c.pdf'));
    writeFileSync(path.join(out, 'c.pdf', 'keep.txt'), 'a file the user keeps there');
    const before = snapshot(out);
    await expect(
      writeOutputs(out, [
        { name: 'a.epub', bytes: 'new epub' },
        { name: 'b.html', bytes: 'new html' },
        { name: 'c.pdf', bytes: 'new pdf' },
        { name: 'd.txt', bytes: 'new txt' },
      ]),
    ).rejects.toThrow(`could not write ${path.join(out, 'c.pdf')}: a folder of that name is in the way; every earlier output is as it was`);
    expect(snapshot(out)).toEqual(before);
  });

  test('waits while another build holds the folder, and takes over a lock its holder left when killed', async () => {
    const out = freshFolder();
    // Another build: a live process whose id is in the lock.
    const other = spawn('sleep', ['30']);
    writeFileSync(path.join(out, LOCK_NAME), `${other.pid}\n`);
    const writing = writeOutputs(out, [{ name: 'a.pdf', bytes: 'ours' }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(path.join(out, 'a.pdf'))).toBe(false);
    // Killed with SIGKILL, it never removed its lock: ours goes ahead.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    await writing;
    expect(snapshot(out)).toEqual({ 'a.pdf': 'ours' });
  });

  test('gives up plainly when the folder stays locked', async () => {
    const out = freshFolder();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(path.join(out, LOCK_NAME), `${other.pid}\n`);
      await expect(lockOutputFolder(out, 300)).rejects.toThrow(`another pamphlet build (process ${other.pid}) is writing into ${out}`);
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('pamphlet build', () => {
  test('leaves --out byte-identical when one output cannot be written, and says which', () => {
    const root = copyFixture('basic');
    const out = path.join(root, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'a-test-series-1.epub'), 'the earlier EPUB');
    mkdirSync(path.join(out, 'a-test-series-1.pdf'));
    writeFileSync(path.join(out, 'a-test-series-1.pdf', 'notes.txt'), 'not an output');
    const before = snapshot(out);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,epub,html', '--out', 'dist', '--quiet'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`could not write ${path.join(out, 'a-test-series-1.pdf')}: a folder of that name is in the way`);
    // The EPUB and the web page were moved before the PDF failed: both were undone.
    expect(snapshot(out)).toEqual(before);
    rmSync(root, { recursive: true, force: true });
  });

  test('two builds of different manuscripts into one folder at once leave one consistent set', async () => {
    const first = copyFixture('basic');
    const second = copyFixture('basic');
    // Same series, so the same file names; different text, so each set can be told apart.
    const part = path.join(second, 'manuscript', 'part-1.md');
    writeFileSync(part, readFileSync(part, 'utf8').replace('## Opening', '## Opening\n\nThis is the second manuscript.'));
    const out = path.join(scratch, 'shared-out');
    const build = (dir: string): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../bin/pamphlet.js'), 'build', path.join(dir, 'manuscript'), '--format', 'epub,html', '--out', out, '--quiet'], { stdio: 'ignore' });
        child.on('exit', resolve);
      });
    const statuses = await Promise.all([build(first), build(second)]);
    expect(statuses).toEqual([0, 0]);
    expect(outputsIn(out).sort()).toEqual(['a-test-series-1.epub', 'a-test-series-1.html']);
    // Both files come from the same build: the web page and the EPUB agree.
    const html = readFileSync(path.join(out, 'a-test-series-1.html'), 'utf8');
    const fromSecond = html.includes('This is the second manuscript.');
    const epub = epubText(path.join(out, 'a-test-series-1.epub'));
    expect(epub.includes('This is the second manuscript.')).toBe(fromSecond);
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });
});

/** The text of every XHTML file in an EPUB. */
function epubText(file: string): string {
  const entries = unzipSync(readFileSync(file));
  return Object.entries(entries)
    .filter(([name]) => name.endsWith('.xhtml'))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');
}
