/**
 * `pamphlet preview`: serves the print pages of every part, paginated by Paged.js in
 * the author's own browser, rebuilt from the manuscript on every reload. Listens on
 * 127.0.0.1 only and serves nothing but our assets and files inside the manuscript folder.
 */
import { createServer, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadManuscript } from './manuscript.js';
import { printHtml } from './render/print-html.js';
import { printAssets } from './render/assets.js';
import { PAGE_RULES, registerPageRules } from './browser/paged-rules.js';
import { resolveInside } from './config/load.js';
import { ManuscriptError } from './diagnostics.js';

/** On screen, Paged.js's pages as sheets of paper on a grey desk (print output is unaffected). */
const SCREEN_CSS = `@media screen {
  html, body { background: #d6d6d2 !important; }
  body .pagedjs_pages { display: flex !important; flex-wrap: wrap; justify-content: center; gap: 16px; padding: 16px; }
  body .pagedjs_page { background: white !important; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); margin: 0 !important; }
}`;

const TYPES: Record<string, string> = {
  '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp',
};

export async function preview(dir: string, port: number): Promise<void> {
  const local = printAssets();
  const roots: Record<string, string> = {
    '/_pamphlet/styles/': local.stylesDir,
    '/_pamphlet/fonts/': path.join(local.fontPackageDir, 'files'),
    '/_pamphlet/mono-fonts/': path.join(local.monoFontPackageDir, 'files'),
    '/_pamphlet/pagedjs/': path.join(local.pagedjsDir, 'dist'),
  };
  const served = {
    ...local,
    printCssUrl: '/_pamphlet/styles/print.css',
    handoutCssUrl: '/_pamphlet/styles/handout.css',
    fontFilesUrl: '/_pamphlet/fonts/',
    monoFontFilesUrl: '/_pamphlet/mono-fonts/',
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    try {
      const { config, parts } = loadManuscript(dir);
      if (url.pathname === '/') {
        const links = parts.map((doc) => `<li><a href="/${doc.meta.slug}.html">${doc.meta.partLabel}: ${escape(doc.meta.title)}</a></li>`).join('');
        return send(response, 200, 'text/html', `<!doctype html><meta charset="utf-8"><title>${escape(config.series)}</title><h1>${escape(config.series)}</h1><ul>${links}</ul>`);
      }
      const doc = parts.find((part) => url.pathname === `/${part.meta.slug}.html` || url.pathname === `/${part.meta.slug}-handout.html`);
      if (doc) {
        const variant = url.pathname.endsWith('-handout.html') ? 'handout' : 'pamphlet';
        // Added once Paged.js is done: it rewrites every stylesheet it finds before paginating.
        const after = `window.PagedConfig = { after: () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(SCREEN_CSS)}; document.head.append(s); } };`;
        // The same page-break rules as the PDF, so the preview breaks pages as the build does.
        const rules = `(${registerPageRules.toString()})(${JSON.stringify(PAGE_RULES)});`;
        const html = printHtml(doc, config, variant, served).replace('</head>', `<script>${after}</script><script src="/_pamphlet/pagedjs/paged.polyfill.min.js"></script><script>${rules}</script></head>`);
        return send(response, 200, 'text/html', html);
      }
      for (const [prefix, root] of Object.entries(roots)) {
        if (url.pathname.startsWith(prefix)) return sendFile(response, resolveInside(root, decodeURIComponent(url.pathname.slice(prefix.length))));
      }
      return sendFile(response, resolveInside(config.dir, decodeURIComponent(url.pathname.slice(1))), true);
    } catch (cause) {
      const text = cause instanceof ManuscriptError ? cause.message : String(cause instanceof Error ? cause.message : cause);
      return send(response, 500, 'text/plain', text);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stderr.write(`preview of ${dir} on http://127.0.0.1:${port}/ (reload to rebuild; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => server.close(() => resolve())));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
}

/** Manuscript files are served only if they are images: never the sources or the bibliography. */
function sendFile(response: ServerResponse, file: string | undefined, imagesOnly = false): void {
  const type = file ? TYPES[path.extname(file).toLowerCase()] : undefined;
  if (!file || !type || (imagesOnly && !type.startsWith('image/')) || !existsSync(file) || !statSync(file).isFile()) {
    return send(response, 404, 'text/plain', 'not found');
  }
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
