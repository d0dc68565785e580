/**
 * `pamphlet preview`: serves the print pages of every part, paginated by Paged.js in
 * the author's own browser, rebuilt from the manuscript on every reload. Listens on
 * 127.0.0.1 only and serves nothing but our assets and files inside the manuscript folder.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadManuscript } from './manuscript.js';
import { printHtml } from './render/print-html.js';
import { printAssets } from './render/assets.js';
import { PAGE_RULES, registerPageRules } from './browser/paged-rules.js';
import { realInside } from './files/inside.js';
import { IMAGE_MEDIA_TYPES } from './files/media-types.js';
import { ManuscriptError } from './diagnostics.js';
import { previewCsp } from './csp.js';

/** On screen, Paged.js's pages as sheets of paper on a grey desk (print output is unaffected). */
const SCREEN_CSS = `@media screen {
  html, body { background: #d6d6d2 !important; }
  body .pagedjs_pages { display: flex !important; flex-wrap: wrap; justify-content: center; gap: 16px; padding: 16px; }
  body .pagedjs_page { background: white !important; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); margin: 0 !important; }
}`;

/** Our assets' types, and the one table of image types the build accepts (no more: check refuses the rest). */
const TYPES: Record<string, string> = {
  '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  ...IMAGE_MEDIA_TYPES,
};

export async function preview(dir: string, port: number): Promise<void> {
  const local = printAssets('/_pamphlet/styles/');
  const roots: Record<string, string> = {
    '/_pamphlet/styles/': local.stylesDir,
    ...Object.fromEntries(Object.entries(local.fontDirs).map(([pkg, dir]) => [`/_pamphlet/fonts/${pkg}/`, dir])),
    '/_pamphlet/pagedjs/': path.join(local.pagedjsDir, 'dist'),
  };
  const served = {
    ...local,
    fontUrls: Object.fromEntries(Object.keys(local.fontDirs).map((pkg) => [pkg, `/_pamphlet/fonts/${pkg}/`])) as typeof local.fontUrls,
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    try {
      const { config, parts } = loadManuscript(dir);
      if (url.pathname === '/') {
        const links = parts.map((doc) => `<li><a href="/${doc.meta.slug}.html">${doc.meta.partLabel}: ${escape(doc.meta.title)}</a></li>`).join('');
        const nonce = randomBytes(18).toString('base64');
        return send(response, 200, 'text/html', `<!doctype html><meta charset="utf-8"><title>${escape(config.series)}</title><h1>${escape(config.series)}</h1><ul>${links}</ul>`, { 'content-security-policy': previewCsp(nonce) });
      }
      const doc = parts.find((part) => url.pathname === `/${part.meta.slug}.html` || url.pathname === `/${part.meta.slug}-handout.html`);
      if (doc) {
        const variant = url.pathname.endsWith('-handout.html') ? 'handout' : 'pamphlet';
        // Added once Paged.js is done: it rewrites every stylesheet it finds before paginating.
        const after = `window.PagedConfig = { after: () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(SCREEN_CSS)}; document.head.append(s); } };`;
        // The same page-break rules as the PDF, so the preview breaks pages as the build does.
        const rules = `(${registerPageRules.toString()})(${JSON.stringify(PAGE_RULES)});`;
        // Our three scripts carry this response's nonce; the policy refuses every other one.
        const nonce = randomBytes(18).toString('base64');
        const scripts = `<script nonce="${nonce}">${after}</script><script nonce="${nonce}" src="/_pamphlet/pagedjs/paged.polyfill.min.js"></script><script nonce="${nonce}">${rules}</script>`;
        const html = printHtml(doc, config, variant, served).replace('</head>', `${scripts}</head>`);
        return send(response, 200, 'text/html', html, { 'content-security-policy': previewCsp(nonce) });
      }
      for (const [prefix, root] of Object.entries(roots)) {
        if (url.pathname.startsWith(prefix)) return sendFile(response, root, url.pathname.slice(prefix.length));
      }
      return sendFile(response, config.dir, url.pathname.slice(1), true);
    } catch (cause) {
      const text = cause instanceof ManuscriptError ? cause.message : String(cause instanceof Error ? cause.message : cause);
      return send(response, 500, 'text/plain', text);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stderr.write(`preview of ${dir} on http://127.0.0.1:${port}/ (reload to rebuild; Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => server.close(() => resolve())));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...headers }).end(body);
}

/**
 * A file under `root`, judged by its real location (a link out of the folder is not
 * found); manuscript files are served only if they are images: never the sources or
 * the bibliography.
 */
function sendFile(response: ServerResponse, root: string, encoded: string, imagesOnly = false): void {
  let rel: string;
  try {
    rel = decodeURIComponent(encoded);
  } catch {
    return send(response, 404, 'text/plain', 'not found');
  }
  const type = TYPES[path.extname(rel).toLowerCase()];
  const inside = type && !rel.includes('\0') ? realInside(root, rel) : undefined;
  if (!type || !inside?.ok || (imagesOnly && !type.startsWith('image/'))) return send(response, 404, 'text/plain', 'not found');
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(inside.path));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
