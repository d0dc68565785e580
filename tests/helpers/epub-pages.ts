/**
 * An EPUB as a reader pages through it: epub.js 0.3 (the paginated reading system many
 * web and app readers embed) in the system Chromium, on a screen of a given size and
 * text size. epub.js lays each spine item out in CSS columns, one column a page; this
 * reads, for every page, how far down its text and images reach, and finds headings
 * split across pages or left at a page foot, and a lead-in ending in a colon left at
 * the foot of the page before its quotation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const EPUBJS = join(dirname(require.resolve('epubjs/package.json')), 'dist/epub.min.js');
const JSZIP = join(dirname(require.resolve('jszip/package.json')), 'dist/jszip.min.js');

export interface EpubPage {
  /** Spine item, e.g. "text.xhtml". */
  href: string;
  /** 1-based, within the spine item. */
  page: number;
  /** Pages of the spine item. */
  of: number;
  /** Share of the page's text area left empty below the last line or image (0–1). */
  blank: number;
  /** The first words on the page, to say which page it is. */
  opening: string;
}

export interface EpubPagination {
  pages: EpubPage[];
  /** Headings whose lines fall on more than one page. */
  splitHeadings: Array<{ href: string; heading: string; pages: number[] }>;
  /** Headings that are the last thing on their page while their section goes on. */
  strandedHeadings: Array<{ href: string; heading: string; page: number }>;
  /** Paragraphs ending in a colon on the page before the quotation they introduce. */
  strandedLeadIns: Array<{ href: string; text: string; page: number }>;
}

export interface ReaderSettings {
  width: number;
  height: number;
  /** The reader's text size, e.g. "150%"; none: the book's own. */
  fontSize?: string;
}

/** Pages through `file` with epub.js in Chromium and measures every page. */
export async function paginateEpub(file: string, settings: ReaderSettings): Promise<EpubPagination> {
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true,
  });
  try {
    const page = await browser.newPage();
    // The book comes as bytes; nothing may be fetched from anywhere.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('blob:') || url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setViewport({ width: settings.width, height: settings.height });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="viewer"></div></body></html>');
    await page.addScriptTag({ content: readFileSync(JSZIP, 'utf8') });
    await page.addScriptTag({ content: readFileSync(EPUBJS, 'utf8') });
    const result = await page.evaluate(measureInPage, readFileSync(file).toString('base64'), settings);
    if (errors.length) throw new Error(`epub.js: ${errors.join('; ')}`);
    return result;
  } finally {
    await browser.close();
  }
}

/** Runs in the page: everything here is the browser's. */
async function measureInPage(base64: string, settings: ReaderSettings): Promise<EpubPagination> {
  // epub.js's global, as its browser build defines it.
  const ePub = (window as unknown as { ePub: (data: ArrayBuffer) => EpubBook }).ePub;
  interface EpubBook {
    ready: Promise<void>;
    spine: { spineItems: Array<{ href: string; linear: boolean }> };
    renderTo(id: string, options: Record<string, unknown>): Rendition;
  }
  interface Rendition {
    display(target: string): Promise<void>;
    themes: { fontSize(size: string): void };
    getContents(): Array<{ document: Document; window: Window }>;
    manager: { layout: { delta: number; height: number } };
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const book = ePub(bytes.buffer);
  const rendition = book.renderTo('viewer', { width: settings.width, height: settings.height, flow: 'paginated', spread: 'none' });
  if (settings.fontSize) rendition.themes.fontSize(settings.fontSize);
  await book.ready;
  const out: EpubPagination = { pages: [], splitHeadings: [], strandedHeadings: [], strandedLeadIns: [] };
  for (const item of book.spine.spineItems) {
    if (!item.linear) continue;
    await rendition.display(item.href);
    const contents = rendition.getContents()[0];
    if (!contents) continue;
    const doc = contents.document;
    const view = contents.window;
    await doc.fonts.ready;
    const { delta } = rendition.manager.layout;
    const bodyStyle = view.getComputedStyle(doc.body);
    const top = parseFloat(bodyStyle.paddingTop);
    const bottom = rendition.manager.layout.height - parseFloat(bodyStyle.paddingBottom);
    const pageOf = (rect: DOMRect): number => Math.floor((rect.left + rect.right) / 2 / delta);

    // Every line box of text and every image-like box: what a reader sees.
    const boxes: Array<{ rect: DOMRect; node: Node }> = [];
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = doc.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) boxes.push({ rect, node });
    }
    for (const el of doc.body.querySelectorAll('img, svg, hr, video, canvas')) {
      for (const rect of el.getClientRects()) if (rect.width > 0 && rect.height > 0) boxes.push({ rect, node: el });
    }
    const count = Math.max(1, Math.round(doc.documentElement.scrollWidth / delta));
    const reach = new Array<number>(count).fill(top);
    const openings = new Array<string>(count).fill('');
    for (const { rect, node } of boxes) {
      const p = Math.min(count - 1, Math.max(0, pageOf(rect)));
      reach[p] = Math.max(reach[p]!, Math.min(bottom, rect.bottom));
      if (!openings[p]) openings[p] = (node.textContent ?? '').trim().slice(0, 40);
    }
    reach.forEach((r, i) => {
      out.pages.push({ href: item.href, page: i + 1, of: count, blank: (bottom - r) / (bottom - top), opening: openings[i] ?? '' });
    });

    const linePages = (el: Element): number[] => {
      const pages = new Set<number>();
      const w = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = w.nextNode(); node; node = w.nextNode()) {
        const range = doc.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) pages.add(pageOf(rect));
      }
      for (const img of el.querySelectorAll('img, svg')) for (const rect of img.getClientRects()) pages.add(pageOf(rect));
      return [...pages].sort((a, b) => a - b);
    };
    /** The next element in reading order that shows something. */
    const following = (el: Element): Element | null => {
      let at: Element | null = el;
      while (at) {
        let next = at.nextElementSibling;
        while (next && linePages(next).length === 0) next = next.nextElementSibling;
        if (next) return next;
        at = at.parentElement === doc.body ? null : at.parentElement;
      }
      return null;
    };
    for (const heading of doc.body.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const pages = linePages(heading);
      const text = (heading.textContent ?? '').trim();
      if (pages.length > 1) out.splitHeadings.push({ href: item.href, heading: text, pages: pages.map((p) => p + 1) });
      const next = following(heading);
      const last = pages.at(-1);
      const nextFirst = next ? linePages(next)[0] : undefined;
      if (last !== undefined && nextFirst !== undefined && nextFirst > last) out.strandedHeadings.push({ href: item.href, heading: text, page: last + 1 });
    }
    for (const para of doc.body.querySelectorAll('p')) {
      const text = (para.textContent ?? '').trim();
      if (!text.endsWith(':')) continue;
      const next = following(para);
      if (!next || !next.matches('figure, blockquote')) continue;
      const last = linePages(para).at(-1);
      const nextFirst = linePages(next)[0];
      if (last !== undefined && nextFirst !== undefined && nextFirst > last) out.strandedLeadIns.push({ href: item.href, text: text.slice(-60), page: last + 1 });
    }
  }
  return out;
}

/** Pages more than `limit` blank that are not the last page of their spine item. */
export function underfilled(result: EpubPagination, limit = 0.25): EpubPage[] {
  return result.pages.filter((p) => p.page < p.of && p.blank > limit);
}
