/**
 * The preview's HTML, built and checked as trees (hastscript, hast-util-from-html),
 * never spliced as text:
 * - the index of parts and the part page (tabs: print, handout, e-reader; the pages
 *   in a frame; the error list over them);
 * - the frames: the print HTML Paged.js paginates, or the e-reader text as
 *   `--format html` makes it, each carrying the preview's Content-Security-Policy,
 *   our scripts by nonce, and its images as URLs of this server (never file:).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { spelledInside } from '../files/inside.js';
import { embeddedImage, isDataUrl } from '../files/embedded-image.js';

export type View = 'print' | 'handout' | 'ereader';
export const VIEWS: readonly View[] = ['print', 'handout', 'ereader'];
const VIEW_NAMES: Record<View, string> = { print: 'Print', handout: 'Handout', ereader: 'E-reader' };

/**
 * Nothing loads from anywhere but this server, and the only scripts are ours (by
 * nonce): Paged.js, the page-break rules and the live-reload client. `connect-src`
 * is for the event stream (and Paged.js reading our stylesheets). Style attributes
 * stay allowed in frames: the manuscript's inline HTML may set typographic styles,
 * which the pipeline has already limited (no url(), nothing that loads).
 */
export function contentSecurityPolicy(kind: 'shell' | 'frame', nonce: string, where: 'header' | 'meta' = 'header'): string {
  const common = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `img-src 'self'`, `font-src 'self'`, `connect-src 'self'`, `base-uri 'none'`, `form-action 'none'`];
  const own = kind === 'shell'
    ? [`style-src 'self'`, `frame-src 'self'`]
    : [`style-src 'self' 'nonce-${nonce}'`, `style-src-elem 'self' 'nonce-${nonce}'`, `style-src-attr 'unsafe-inline'`];
  // Who may frame a page is said in the header only: browsers ignore it in a <meta>.
  const framing = where === 'header' ? [`frame-ancestors ${kind === 'shell' ? `'none'` : `'self'`}`] : [];
  return [...common, ...own, ...framing].join('; ');
}

/** For everything that is not one of our pages: an SVG opened on its own runs nothing. */
export const ASSET_POLICY = `default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self'; sandbox`;

export interface PartLink {
  slug: string;
  label: string;
}

export function indexPage(series: string, parts: readonly PartLink[], nonce: string): string {
  return document(series, nonce, 'shell', [h('link', { rel: 'stylesheet', href: '/_pamphlet/shell.css' })], [
    h('header.pamphlet-bar', [h('strong', series)]),
    h('main.pamphlet-index', [h('h1', series), h('ul', parts.map((part) => h('li', [h('a', { href: `/${part.slug}.html` }, part.label)])))]),
    ...errorList(),
    h('script', { src: '/_pamphlet/shell.js', nonce }),
  ]);
}

export function partPage(options: { series: string; part: PartLink; view: View; generation: number; nonce: string }): string {
  const { series, part, view, generation, nonce } = options;
  const tabs = VIEWS.map((each) => h('a', { href: `/${part.slug}.html${each === 'print' ? '' : `?view=${each}`}`, ...(each === view ? { ariaCurrent: 'page' } : {}) }, VIEW_NAMES[each]));
  const frameUrl = frameUrlFor(part.slug, view);
  return document(`${part.label} — ${series}`, nonce, 'shell', [h('link', { rel: 'stylesheet', href: '/_pamphlet/shell.css' })], [
    h('header.pamphlet-bar', [h('a', { href: '/' }, series), h('span', part.label), h('nav', { ariaLabel: 'Views' }, tabs)]),
    h('div#pamphlet-pages', { dataFrame: frameUrl, dataGeneration: String(generation) }, [h('iframe.current', { src: `${frameUrl}?g=${generation}`, title: 'pages' })]),
    ...errorList(),
    h('script', { src: '/_pamphlet/shell.js', nonce }),
  ]);
}

export function frameUrlFor(slug: string, view: View): string {
  return `/_pamphlet/frame/${encodeURIComponent(slug)}/${view}`;
}

/** The overlay the shell client fills: hidden until there is an error. */
function errorList(): Element[] {
  return [h('section#pamphlet-overlay', { hidden: true, role: 'alert' }, [h('h2', 'The manuscript has errors'), h('ol'), h('p', 'Fix them and save: the pages come back by themselves.')])];
}

/** A frame's text when there are no pages to show (the first build failed, or the part is gone). */
export function placeholderFrame(text: string, nonce: string): string {
  return document('pamphlet', nonce, 'frame', [h('link', { rel: 'stylesheet', href: '/_pamphlet/shell.css' })], [h('p.pamphlet-placeholder', text)]);
}

function document(title: string, nonce: string, kind: 'shell' | 'frame', head: Element[], body: Element[]): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(kind, nonce, 'meta') }), h('title', title), ...head]),
        h('body', body),
      ]),
    ],
  };
  return toHtml(tree);
}

export interface FrameOptions {
  view: View;
  nonce: string;
  /** The manuscript folder: image URLs are made relative to it. */
  dir: string;
}

/**
 * Makes a renderer's document a preview frame: our policy first in <head> (a policy a
 * renderer put there for Chromium's file: pages is replaced), every <style> given the
 * nonce, our scripts added, and every image pointed at this server.
 */
export function previewFrame(html: string, options: FrameOptions): string {
  const tree = fromHtml(html);
  const htmlElement = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const head = htmlElement?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head');
  if (!htmlElement || !head) throw new Error('a renderer gave a document without <head>');
  htmlElement.properties.dataView = options.view;
  head.children = head.children.filter((node) => !(node.type === 'element' && node.tagName === 'meta' && String(node.properties.httpEquiv ?? '').toLowerCase() === 'content-security-policy'));
  const scripts = [h('script', { src: '/_pamphlet/frame.js', nonce: options.nonce })];
  if (options.view !== 'ereader') {
    scripts.push(h('script', { src: '/_pamphlet/pagedjs/paged.polyfill.min.js', nonce: options.nonce }), h('script', { src: '/_pamphlet/page-rules.js', nonce: options.nonce }));
  }
  const charset = head.children.findIndex((node) => node.type === 'element' && node.tagName === 'meta' && node.properties.charSet !== undefined);
  head.children.splice(charset + 1, 0, h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy('frame', options.nonce, 'meta') }));
  head.children.push(...scripts);
  walk(tree, (element) => {
    if (element.tagName === 'style') element.properties.nonce = options.nonce;
    if (element.tagName === 'img') {
      const src = typeof element.properties.src === 'string' ? servedImage(element.properties.src, options.dir) : undefined;
      if (src) element.properties.src = src;
      else delete element.properties.src;
    }
  });
  return toHtml(tree);
}

/** A manuscript file's URL on this server (fonts, files the manuscript's stylesheets name): its path inside the folder, each segment encoded. */
export function servedManuscriptFile(real: string, dir: string): string | undefined {
  return servedImage(pathToFileURL(real).href, dir);
}

/** An image's URL on this server: its path inside the manuscript folder, each segment encoded. */
function servedImage(src: string, dir: string): string | undefined {
  // A picture written into the text needs no server: the frame's policy allows `img-src data:`.
  if (isDataUrl(src)) return embeddedImage(src).ok ? src : undefined;
  let file: string;
  if (src.startsWith('file:')) {
    try {
      file = fileURLToPath(src);
    } catch {
      return undefined;
    }
  } else if (!/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/')) {
    try {
      file = path.resolve(dir, decodeURIComponent(src.replace(/[?#].*$/, '')));
    } catch {
      return undefined;
    }
  } else return undefined;
  if (!spelledInside(dir, file)) return undefined;
  return `/${path.relative(path.resolve(dir), file).split(path.sep).map(encodeURIComponent).join('/')}`;
}

function walk(node: Root | Element, visit: (element: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    visit(child);
    walk(child, visit);
  }
}

/** The part page's own look: a bar with the tabs, the pages under it, the error list over them. */
export const SHELL_CSS = `html, body { margin: 0; height: 100%; font: 15px/1.4 system-ui, sans-serif; background: #d6d6d2; }
.pamphlet-bar { display: flex; gap: 1.5em; align-items: center; padding: 0 1em; height: 44px; background: #30302e; color: #eee; }
.pamphlet-bar a { color: #eee; text-decoration: none; }
.pamphlet-bar nav { margin-left: auto; display: flex; gap: 0.25em; }
.pamphlet-bar nav a { padding: 0.35em 0.9em; border-radius: 4px; }
.pamphlet-bar nav a[aria-current] { background: #eee; color: #30302e; }
#pamphlet-pages { position: relative; height: calc(100% - 44px); }
#pamphlet-pages iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: #d6d6d2; }
#pamphlet-pages iframe.loading { visibility: hidden; }
#pamphlet-overlay { position: fixed; left: 2em; right: 2em; top: 60px; max-height: 60%; overflow: auto; padding: 1em 1.5em; background: rgba(120, 0, 0, 0.92); color: #fff; border-radius: 6px; box-shadow: 0 4px 20px rgba(0,0,0,0.4); }
#pamphlet-overlay[hidden] { display: none; }
#pamphlet-overlay h2 { margin: 0 0 0.5em; font-size: 1.1em; }
#pamphlet-overlay li { font-family: ui-monospace, monospace; white-space: pre-wrap; margin: 0.3em 0; }
.pamphlet-index { max-width: 40em; margin: 2em auto; background: #fff; padding: 1em 2em; }
.pamphlet-placeholder { margin: 3em; color: #444; }
`;

/** On screen, Paged.js's pages as sheets of paper on a grey desk (print output is unaffected). */
export const DESK_CSS = `@media screen {
  html, body { background: #d6d6d2 !important; }
  body .pagedjs_pages { display: flex !important; flex-wrap: wrap; justify-content: center; gap: 16px; padding: 16px; }
  body .pagedjs_page { background: white !important; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); margin: 0 !important; }
}
`;
