/**
 * `pamphlet preview`: an HTTP server on 127.0.0.1 for the author's own browser. Each
 * part page shows the part as print pages (Paged.js, with the PDF's page-break rules),
 * as the handout, or as the e-reader text, and follows the manuscript as it is saved
 * (watcher.ts → state.ts → events.ts → the page's script). It answers only requests
 * addressed to 127.0.0.1:PORT or localhost:PORT (a web page elsewhere cannot reach the
 * manuscript through the author's browser by rebinding a name to 127.0.0.1), and it
 * serves only its pages, pamphlet's own assets and the manuscript's images, each file
 * judged by its real location: never a source, never a file outside the folder.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PAGE_RULES, registerPageRules } from '../browser/paged-rules.js';
import { realInside } from '../files/inside.js';
import { IMAGE_MEDIA_TYPES } from '../files/media-types.js';
import { printAssets } from '../render/assets.js';
import { frameClient, shellClient } from './client.js';
import { EventHub } from './events.js';
import { ASSET_POLICY, DESK_CSS, SHELL_CSS, VIEWS, contentSecurityPolicy, indexPage, partPage, placeholderFrame, type View } from './page.js';
import { ManuscriptState } from './state.js';
import { watchFolder } from './watcher.js';
import { PATCHED_PAGEDJS } from '../browser/pagedjs-source.js';

export interface PreviewOptions {
  dir: string;
  /** 0 picks a free port. */
  port: number;
  log: (line: string) => void;
}

export interface RunningPreview {
  port: number;
  close(): Promise<void>;
}

/** Our assets' types, and the one table of image types the build accepts (no more: check refuses the rest). */
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
  ...IMAGE_MEDIA_TYPES,
};

/** Made here, served from memory. */
const GENERATED: Record<string, { type: string; body: string }> = {
  '/_pamphlet/shell.js': { type: TYPES['.js'] as string, body: `(${shellClient.toString()})();\n` },
  '/_pamphlet/frame.js': { type: TYPES['.js'] as string, body: `(${frameClient.toString()})();\n` },
  // The same page-break rules as the PDF, so the preview breaks pages as the build does.
  '/_pamphlet/page-rules.js': { type: TYPES['.js'] as string, body: `(${registerPageRules.toString()})(${JSON.stringify(PAGE_RULES)});\n` },
  '/_pamphlet/shell.css': { type: TYPES['.css'] as string, body: SHELL_CSS },
  '/_pamphlet/desk.css': { type: TYPES['.css'] as string, body: DESK_CSS },
};

export async function preview(options: PreviewOptions, stop: Promise<void>): Promise<void> {
  const running = await startPreview(options);
  await stop;
  await running.close();
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const state = new ManuscriptState(options.dir);
  state.reload();
  const hub = new EventHub(state.state);
  const local = printAssets();
  const roots: Record<string, string> = {
    '/_pamphlet/styles/': local.stylesDir,
    ...Object.fromEntries(Object.entries(local.fontDirs).map(([pkg, dir]) => [`/_pamphlet/fonts/${pkg}/`, dir])),
    // The Paged.js the PDF is made with (vendor/pagedjs/: 0.4.3 with our speed patches).
    '/_pamphlet/pagedjs/': path.dirname(PATCHED_PAGEDJS),
  };
  const assetCache = new Map<string, Buffer>();
  let port = 0;

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (cause) {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `pamphlet: ${cause instanceof Error ? cause.message : String(cause)}`, ASSET_POLICY);
      else response.end();
    }
  });

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const host = request.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(response, 403, 'text/plain; charset=utf-8', 'forbidden: the preview answers only http://127.0.0.1:PORT/ and http://localhost:PORT/', ASSET_POLICY);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed', ASSET_POLICY);
    const url = new URL(request.url ?? '/', `http://${host}`);
    const nonce = randomBytes(18).toString('base64');
    const manuscript = state.manuscript;
    const parts = manuscript?.parts.map((doc) => ({ slug: doc.meta.slug, label: `${doc.meta.partLabel}: ${doc.meta.title}` })) ?? [];
    const series = manuscript?.config.series ?? 'pamphlet preview';

    if (url.pathname === '/') return sendPage(response, 'shell', nonce, indexPage(series, parts, nonce));
    // Browsers ask for it unprompted: nothing, rather than a 404 in the console.
    if (url.pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '', ASSET_POLICY);
    if (url.pathname === '/_pamphlet/events') return hub.connect(response, securityHeaders(ASSET_POLICY));
    const generated = GENERATED[url.pathname];
    if (generated) return send(response, 200, generated.type, generated.body, ASSET_POLICY, 'no-cache');

    const frame = /^\/_pamphlet\/frame\/([^/]+)\/([a-z]+)$/.exec(url.pathname);
    if (frame) {
      const view = frame[2] as View;
      const slug = safeDecode(frame[1] as string);
      if (!VIEWS.includes(view) || slug === undefined) return notFound(response);
      const html = state.frame(slug, view, nonce);
      if (html === undefined) return sendPage(response, 'frame', nonce, placeholderFrame(state.errors.length ? 'No pages yet: the manuscript has errors.' : 'No such part.', nonce), state.errors.length ? 200 : 404);
      return sendPage(response, 'frame', nonce, html);
    }

    const page = /^\/([^/]+)\.html$/.exec(url.pathname);
    const part = page ? parts.find((each) => each.slug === safeDecode(page[1] as string)) : undefined;
    if (part) {
      const view = (url.searchParams.get('view') ?? 'print') as View;
      if (!VIEWS.includes(view)) return notFound(response);
      return sendPage(response, 'shell', nonce, partPage({ series, part, view, generation: state.generation, nonce }));
    }

    for (const [prefix, root] of Object.entries(roots)) {
      if (url.pathname.startsWith(prefix)) return sendFile(response, root, url.pathname.slice(prefix.length), { cache: assetCache });
    }
    // Anything else is an image or a font of the manuscript (its `fonts:` files, what its
    // stylesheets name), or nothing: never its text, its config or its stylesheets.
    if (!manuscript) return notFound(response);
    return sendFile(response, manuscript.config.dir, url.pathname.slice(1), { mediaOnly: true });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const watch = watchFolder(state.dir, (files) => {
    state.reload();
    hub.publish(state.state);
    options.log(`changed: ${files.join(', ')} — ${state.errors.length ? `${state.errors.length} error(s), the last good pages stay` : 'pages updated'}`);
  });
  await watch.ready;
  options.log(`preview of ${options.dir} on http://127.0.0.1:${port}/ (saving a file updates the open pages; Ctrl-C to stop)`);
  for (const line of state.errors) options.log(line);

  return {
    port,
    close: async () => {
      await watch.close();
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, policy: string, cache = 'no-store'): void {
  response.writeHead(status, { ...securityHeaders(policy), 'content-type': type, 'cache-control': cache }).end(body);
}

function sendPage(response: ServerResponse, kind: 'shell' | 'frame', nonce: string, html: string, status = 200): void {
  send(response, status, 'text/html; charset=utf-8', html, contentSecurityPolicy(kind, nonce));
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'not found', ASSET_POLICY);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * A file under `root`, judged by its real location (a link out of the folder is not
 * found); manuscript files are served only if they are images: never the sources or
 * the bibliography. Our own assets do not change while the preview runs: read once.
 */
function sendFile(response: ServerResponse, root: string, encoded: string, options: { mediaOnly?: boolean; cache?: Map<string, Buffer> }): void {
  const rel = safeDecode(encoded);
  if (rel === undefined) return notFound(response);
  const type = TYPES[path.extname(rel).toLowerCase()];
  const inside = type && !rel.includes('\0') ? realInside(root, rel) : undefined;
  if (!type || !inside?.ok || (options.mediaOnly && !type.startsWith('image/') && !type.startsWith('font/'))) return notFound(response);
  let bytes = options.cache?.get(inside.path);
  if (!bytes) {
    bytes = readFileSync(inside.path);
    options.cache?.set(inside.path, bytes);
  }
  send(response, 200, type, bytes, ASSET_POLICY, options.cache ? 'max-age=3600' : 'no-cache');
}
