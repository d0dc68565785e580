// `pamphlet preview` as an author uses it: the real CLI serving on 127.0.0.1, rebuilt
// on every request, and serving nothing but our assets and the manuscript's images.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture } from './helpers/cli.js';

const BIN = path.resolve(import.meta.dirname, '../bin/pamphlet.js');
const PORT = 40000 + (process.pid % 20000);
const base = `http://127.0.0.1:${PORT}`;
let server: ChildProcess;
let root: string;

beforeAll(async () => {
  root = copyFixture('basic');
  server = spawn(process.execPath, [BIN, 'preview', 'manuscript', '--port', String(PORT)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    server.stderr?.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('preview of')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`preview exited with ${code}`)));
  });
});

afterAll(() => {
  server.kill('SIGINT');
});

test('lists the parts and serves each as paginated print pages', async () => {
  const index = await (await fetch(`${base}/`)).text();
  expect(index).toContain('<a href="/a-test-series-1.html">Part I: A First Part</a>');
  const page = await (await fetch(`${base}/a-test-series-1.html`)).text();
  expect(page).toContain('<script src="/_pamphlet/pagedjs/paged.polyfill.min.js"></script>');
  // Words are hyphenated for print (soft hyphens), so short ones are matched.
  expect(page).toContain('cites Carr');
  expect((await fetch(`${base}/_pamphlet/styles/print.css`)).status).toBe(200);
  expect((await fetch(`${base}/_pamphlet/pagedjs/paged.polyfill.min.js`)).status).toBe(200);
  // The code face and the continuation mark of wrapped code lines, which print.css names.
  expect((await fetch(`${base}/_pamphlet/mono-fonts/noto-sans-mono-cyrillic-400-normal.woff2`)).status).toBe(200);
  const mark = await fetch(`${base}/_pamphlet/styles/wrap-mark.svg`);
  expect(mark.status).toBe(200);
  expect(mark.headers.get('content-type')).toContain('image/svg+xml');
});

test('rebuilds from the manuscript on every request', async () => {
  const part = path.join(root, 'manuscript', 'part-1.md');
  writeFileSync(part, readFileSync(part, 'utf8').replace('cites Carr', 'now cites Carr'));
  expect(await (await fetch(`${base}/a-test-series-1.html`)).text()).toContain('now cites Carr');
});

test('serves no manuscript source and nothing outside the folder', async () => {
  expect((await fetch(`${base}/references.bib`)).status).toBe(404);
  expect((await fetch(`${base}/part-1.md`)).status).toBe(404);
  expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  expect((await fetch(`${base}/_pamphlet/styles/..%2f..%2fpackage.json`)).status).toBe(404);
});
