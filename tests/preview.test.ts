// `pamphlet preview` as an author uses it: the real CLI serving on 127.0.0.1, rebuilt
// on every request, and serving nothing but our assets and the manuscript's images.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
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
  const response = await fetch(`${base}/a-test-series-1.html`);
  const page = await response.text();
  // Our scripts carry the response's nonce, the only scripts its policy allows.
  const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  expect(nonce).toBeTruthy();
  expect(page).toContain(`<script nonce="${nonce}" src="/_pamphlet/pagedjs/paged.polyfill.min.js"></script>`);
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

test('paginates in a real browser under its Content-Security-Policy, which refuses every other script and all connections', async () => {
  const response = await fetch(`${base}/a-test-series-1.html`);
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("connect-src 'none'");
  expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
  // A second request gets a new nonce: one seen in a page is no use for the next.
  const again = (await fetch(`${base}/a-test-series-1.html`)).headers.get('content-security-policy');
  expect(again).not.toBe(policy);

  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage();
    const refused: string[] = [];
    tab.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) refused.push(message.text());
    });
    await tab.goto(`${base}/a-test-series-1.html`, { waitUntil: 'load' });
    await tab.waitForSelector('.pagedjs_page', { timeout: 60_000 });
    expect(await tab.$$eval('.pagedjs_page', (pages) => pages.length)).toBeGreaterThan(1);
    // Our own scripts and Paged.js's styles needed no exception to the policy.
    expect(refused).toEqual([]);
  } finally {
    await browser.close();
  }
});
