/**
 * The Content-Security-Policies of every page we make, in one place so that they can
 * be read side by side. The pipeline refuses scripts and remote resources; these are
 * the second line, enforced by the browser that opens the page: no script but ours,
 * no connection of any kind, no frames, workers, plugins, forms or <base>, and
 * resources only from where our pages keep them.
 *
 * `style-src 'unsafe-inline'` is the one allowance: Paged.js rewrites every stylesheet
 * into new <style> elements and sets style attributes as it paginates, and neither can
 * carry a nonce. Styles cannot run code, and every URL a style may name is still bound
 * by img-src and font-src (and, for print, by the browser's request policy).
 */

/** What every policy refuses. `default-src 'none'` alone would do; the rest says so. */
const REFUSED = [
  "default-src 'none'",
  "connect-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * The page Chromium paginates for a PDF (pamphlet and handout): our Paged.js, inserted
 * with this nonce; fonts and images as file: URLs, which the browser session limits to
 * our assets and the manuscript folder by their real path.
 */
export function printPageCsp(nonce: string): string {
  return [...REFUSED, `script-src 'nonce-${nonce}'`, "style-src 'unsafe-inline'", 'font-src file:', 'img-src file: data:'].join('; ');
}

/**
 * The preview's pages, served from 127.0.0.1: our scripts carry the nonce, and
 * everything else comes from the preview server itself.
 */
export function previewCsp(nonce: string): string {
  return [...REFUSED, `script-src 'nonce-${nonce}'`, "style-src 'unsafe-inline'", "font-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"].join('; ');
}

/**
 * The self-contained web page (`--format html`): no script at all, and nothing
 * fetched when it is opened; its stylesheet is inline and its images are data: URLs.
 */
export const READER_HTML_CSP = [...REFUSED, "script-src 'none'", "style-src 'unsafe-inline'", 'img-src data:', 'font-src data:'].join('; ');
