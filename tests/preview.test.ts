// `pamphlet preview` as an author uses it: the real CLI on a port the OS picks, driven
// by the real Chromium (puppeteer-core). Saving the part updates the open page by itself,
// a manuscript error shows over the stale pages at its place, and the server answers only
// its own name, with a Content-Security-Policy on every page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { copyFixture } from './helpers/cli.js';
import { png } from './helpers/png.js';
import { startPreview, type RunningPreview } from './helpers/preview.js';
import { createRequire } from 'node:module';

const REPO = path.resolve(import.meta.dirname, '..');

function launch(): Promise<Browser> {
  return puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
}

/** The text of the pages shown (the current frame), soft hyphens taken out. */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('iframe.current') as HTMLIFrameElement | null)?.contentDocument?.body?.textContent?.replace(/\u00ad/g, '') ?? '');
}

/** Waits until the current frame shows laid-out pages (Paged.js has run, the desk look is on). */
async function pagesShown(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const doc = (document.querySelector('iframe.current') as HTMLIFrameElement | null)?.contentDocument;
    // The desk look applied, not only its <link> added: until its sheet has loaded, the pages
    // lie without the desk's gaps, and a place measured then moves by them (16 px a page).
    const pages = doc?.querySelector('.pagedjs_pages');
    return Boolean(doc?.querySelector('.pagedjs_page') && pages && doc.defaultView?.getComputedStyle(pages).display === 'flex');
  }, { timeout: 60_000 });
  return page.evaluate(() => (document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.querySelectorAll('.pagedjs_page').length ?? 0);
}

function get(port: number, pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function elements(node: Root | Element, tagName: string): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) found.push(child);
    found.push(...elements(child, tagName));
  }
  return found;
}

describe('live preview of a part', () => {
  let root: string;
  let part: string;
  let preview: RunningPreview;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  let reloads = 0;

  beforeAll(async () => {
    root = copyFixture('basic');
    part = path.join(root, 'manuscript', 'part-1.md');
    mkdirSync(path.join(root, 'manuscript', 'images'));
    writeFileSync(path.join(root, 'manuscript', 'images', 'grey field.png'), png(120, 80));
    appendFileSync(part, '\n![A grey field](images/grey%20field.png)\n');
    [preview, browser] = await Promise.all([startPreview(root), launch()]);
    page = await browser.newPage();
    // Every refusal of the page's policy is a console error in the page or one of its frames.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads += 1;
    });
    await page.goto(`${preview.base}/a-test-series-1.html`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('shows the part as paginated print pages, its image over http, and nothing the policy had to block', async () => {
    expect(await pagesShown(page)).toBeGreaterThanOrEqual(3);
    expect(await shownText(page)).toContain('The first paragraph cites Carr');
    const image = await page.evaluate(() => {
      const img = (document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.querySelector('img');
      return { src: img?.src, width: img?.naturalWidth };
    });
    expect(image).toEqual({ src: `${preview.base}/images/grey%20field.png`, width: 120 });
    expect(blocked).toEqual([]);
  });

  // How fast is a benchmark figure (scripts/bench.mjs, "preview update"), not a timed test:
  // a loaded machine must not fail it. What is checked is what the author sees.
  test('appending a sentence shows it without a reload, at the same place in the text', async () => {
    await pagesShown(page);
    const before = await page.evaluate(() => {
      const frame = document.querySelector('iframe.current') as HTMLIFrameElement;
      const heading = frame.contentDocument?.getElementById('quoted') as HTMLElement;
      frame.contentWindow?.scrollTo(0, heading.getBoundingClientRect().top + (frame.contentWindow?.scrollY ?? 0) - 120);
      return { top: heading.getBoundingClientRect().top, scrollY: frame.contentWindow?.scrollY ?? 0 };
    });
    expect(before.scrollY).toBeGreaterThan(500);
    const loadsBefore = reloads;
    const saved = Date.now();
    appendFileSync(part, '\nA sentence the author has just written.\n');
    await page.waitForFunction(
      () => ((document.querySelector('iframe.current') as HTMLIFrameElement | null)?.contentDocument?.body?.textContent ?? '').replace(/\u00ad/g, '').includes('A sentence the author has just written.'),
      { timeout: 30_000, polling: 25 },
    );
    console.log(`preview: the appended sentence shown ${Date.now() - saved} ms after the save`);
    expect(reloads).toBe(loadsBefore);
    const after = await page.evaluate(() => (document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.getElementById('quoted')?.getBoundingClientRect().top);
    expect(Math.abs((after ?? 0) - before.top)).toBeLessThanOrEqual(2);
    expect(blocked).toEqual([]);
  });

  test('an unknown citation key lists the error at its place over the stale pages; fixing it restores the pages', async () => {
    await pagesShown(page);
    const good = readFileSync(part, 'utf8');
    const line = good.split('\n').length;
    writeFileSync(part, `${good}A claim:cite[nosuchkey].\n`);
    const overlay = () => page.evaluate(() => {
      const element = document.getElementById('pamphlet-overlay') as HTMLElement;
      return element.hidden ? '' : element.textContent ?? '';
    });
    await page.waitForFunction(() => !(document.getElementById('pamphlet-overlay') as HTMLElement).hidden, { timeout: 10_000 });
    expect(await overlay()).toContain(`part-1.md:${line}:8: unknown citation key \`nosuchkey\``);
    // The last good pages stay underneath.
    expect(await shownText(page)).toContain('A sentence the author has just written.');
    expect(await shownText(page)).not.toContain('A claim');

    writeFileSync(part, `${good}A claim:cite[carr1950]{locator="p. 99"}.\n`);
    await page.waitForFunction(() => (document.getElementById('pamphlet-overlay') as HTMLElement).hidden, { timeout: 10_000 });
    await page.waitForFunction(() => ((document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.body?.textContent ?? '').includes('A claim'), { timeout: 10_000 });
    expect(await overlay()).toBe('');
    expect(await pagesShown(page)).toBeGreaterThanOrEqual(3);
    expect(reloads).toBe(1);
  });

  test('the handout and e-reader tabs show the part too', async () => {
    const reader = await browser.newPage();
    await reader.goto(`${preview.base}/a-test-series-1.html?view=ereader`, { waitUntil: 'load' });
    await reader.waitForFunction(() => ((document.querySelector('iframe.current') as HTMLIFrameElement | null)?.contentDocument?.body?.textContent ?? '').includes('cites Carr'), { timeout: 10_000 });
    const image = await reader.evaluate(() => {
      const img = (document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.querySelector('img') as HTMLImageElement;
      return new Promise<number>((resolve) => (img.complete ? resolve(img.naturalWidth) : img.addEventListener('load', () => resolve(img.naturalWidth))));
    });
    expect(image).toBe(120);
    await reader.goto(`${preview.base}/a-test-series-1.html?view=handout`, { waitUntil: 'load' });
    expect(await pagesShown(reader)).toBeGreaterThanOrEqual(1);
    // The handout's title block at the top of page 1, where the print pages have a title page.
    expect(await reader.evaluate(() => Boolean((document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument?.querySelector('.pagedjs_page header.handout-title')))).toBe(true);
    await reader.close();
    expect(blocked).toEqual([]);
  });

  test('a request addressed to another host gets 403; its own names are served', async () => {
    expect(await get(preview.port, '/a-test-series-1.html', 'evil.example')).toBe(403);
    expect(await get(preview.port, '/_pamphlet/events', 'evil.example')).toBe(403);
    expect(await get(preview.port, '/images/grey%20field.png', `127.0.0.1:${preview.port}.evil.example`)).toBe(403);
    expect(await get(preview.port, '/', `localhost:${preview.port + 1}`)).toBe(403);
    expect(await get(preview.port, '/a-test-series-1.html', `localhost:${preview.port}`)).toBe(200);
    expect(await get(preview.port, '/a-test-series-1.html', `127.0.0.1:${preview.port}`)).toBe(200);
  });

  test.each([
    ['/'],
    ['/a-test-series-1.html'],
    ['/_pamphlet/frame/a-test-series-1/print'],
    ['/_pamphlet/frame/a-test-series-1/handout'],
    ['/_pamphlet/frame/a-test-series-1/ereader'],
  ])('%s carries the policy: nothing from elsewhere, and only our scripts, by nonce', async (url) => {
    const response = await fetch(`${preview.base}${url}`);
    expect(response.status).toBe(200);
    const header = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'(;|$)/.exec(header)?.[1];
    expect(nonce).toBeTruthy();
    for (const directive of [`default-src 'none'`, `connect-src 'self'`, `img-src 'self'`, `font-src 'self'`, `base-uri 'none'`]) expect(header).toContain(directive);
    expect(header).not.toMatch(/script-src[^;]*('unsafe-inline'|'self'|\*|http)/);
    const tree = fromHtml(await response.text());
    const meta = elements(tree, 'meta').find((m) => String(m.properties.httpEquiv).toLowerCase() === 'content-security-policy');
    expect(String(meta?.properties.content)).toContain(`script-src 'nonce-${nonce}'`);
    expect(String(meta?.properties.content)).toContain(`default-src 'none'`);
    const scripts = elements(tree, 'script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.properties.nonce).toBe(nonce);
      expect(String(script.properties.src)).toMatch(/^\/_pamphlet\//);
    }
    for (const img of elements(tree, 'img')) expect(String(img.properties.src)).toMatch(/^\/images\//);
    // A second request gets another nonce.
    const again = (await fetch(`${preview.base}${url}`)).headers.get('content-security-policy') ?? '';
    expect(again).not.toContain(nonce);
  });

  test('serves no manuscript source and nothing outside the folder', async () => {
    // Sent as written: fetch() would resolve the dot segments (%2e%2e too) before sending.
    const host = `127.0.0.1:${preview.port}`;
    for (const url of ['/references.bib', '/part-1.md', '/pamphlet.yaml', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/images/..%2f..%2f..%2fetc%2fpasswd', '/_pamphlet/styles/../../package.json', '/_pamphlet/styles/..%2f..%2fpackage.json', '/_pamphlet/fonts/eb-garamond/..%2f..%2f..%2fpackage.json', '/_pamphlet/frame/..%2f..%2fetc/print']) {
      expect(await get(preview.port, url, host), url).toBe(404);
    }
  });
});

test("serving the seed's page parses the manuscript once, not once per asset", async () => {
  const preview = await startPreview(REPO, 'manuscript', { PAMPHLET_TRACE: '1' });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${preview.base}/celebrating-red-october-1.html`, { waitUntil: 'load' });
    expect(await pagesShown(page)).toBeGreaterThan(10);
    // The handout and the e-reader text, and the assets a second time: still from the one parse.
    for (const url of ['/celebrating-red-october-1.html?view=handout', '/_pamphlet/frame/celebrating-red-october-1/ereader', '/_pamphlet/styles/print.css', '/_pamphlet/pagedjs/paged.polyfill.min.js']) {
      expect((await fetch(`${preview.base}${url}`)).status).toBe(200);
    }
    const parses = preview.log().split('\n').filter((line) => line.includes('preview: manuscript parsed'));
    expect(parses).toHaveLength(1);
  } finally {
    await browser.close();
    await preview.stop();
  }
});

test('shows the manuscript’s own font file and the image its stylesheet names, served over http', async () => {
  const root = copyFixture('basic');
  const dir = path.join(root, 'manuscript');
  const lora = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/lora/package.json'));
  mkdirSync(path.join(dir, 'fonts'));
  for (const [variant, name] of [['400Regular', 'Regular'], ['400Regular_Italic', 'Italic'], ['700Bold', 'Bold'], ['700Bold_Italic', 'BoldItalic']] as const) {
    writeFileSync(path.join(dir, 'fonts', `Lora-${name}.ttf`), readFileSync(path.join(lora, variant, `Lora_${variant}.ttf`)));
  }
  appendFileSync(path.join(dir, 'pamphlet.yaml'), 'fonts: { text: fonts/Lora-Regular.ttf }\n');
  mkdirSync(path.join(dir, 'styles'));
  mkdirSync(path.join(dir, 'images'));
  writeFileSync(path.join(dir, 'images', 'rule.png'), png(40, 4));
  writeFileSync(path.join(dir, 'styles', 'print.css'), 'h2 { background-image: url(../images/rule.png); }\n');
  const preview = await startPreview(root);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const failed: string[] = [];
    const fetched: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      else fetched.push(response.url());
    });
    page.on('requestfailed', (req) => failed.push(`failed ${req.url()}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Not allowed to load/i.test(message.text())) failed.push(message.text());
    });
    await page.goto(`${preview.base}/a-test-series-1.html`, { waitUntil: 'load' });
    await pagesShown(page);
    const lora = await page.evaluate(async () => {
      const doc = (document.querySelector('iframe.current') as HTMLIFrameElement).contentDocument as Document;
      await doc.fonts.ready;
      const p = doc.querySelector('.pagedjs_page p') as HTMLElement;
      return { family: getComputedStyle(p).fontFamily, loaded: [...doc.fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/"/g, '')) };
    });
    expect(lora.family).toMatch(/^"?Lora/);
    expect(lora.loaded).toContain(lora.family.split(',')[0]!.replace(/"/g, '').trim());
    expect(fetched).toContain(`${preview.base}/fonts/Lora-Regular.ttf`);
    expect(fetched).toContain(`${preview.base}/images/rule.png`);
    expect(failed).toEqual([]);
    // Fonts and images only: the manuscript's stylesheet itself is not served.
    expect((await fetch(`${preview.base}/styles/print.css`)).status).toBe(404);
  } finally {
    await browser.close();
    await preview.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
